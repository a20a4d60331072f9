import { fieldVariables, missingLogFields } from '../../../cdk/records/access-log-fields';

describe('LOG-4 access log fields', () => {
  it.each<[string, string, string[]]>([
    ['REST variables → complete', '$context.requestId $context.requestTime $context.httpMethod $context.resourcePath', []],
    ['HTTP API route key, extended id and epoch time → complete', '$context.extendedRequestId $context.requestTimeEpoch $context.routeKey', []],
    ['JSON format → complete', JSON.stringify({ id: '$context.requestId', t: '$context.requestTime', k: '$context.routeKey' }), []],
    ['requestIdX is not the request id → the id missing', '$context.requestIdX $context.requestTime $context.routeKey', ['a unique request id']],
    ['a method without its path → the operation missing', '$context.requestId $context.requestTime $context.httpMethod', ['the operation']],
    ['$context.path is not the operation → the operation missing', '$context.requestId $context.requestTime $context.httpMethod $context.path', ['the operation']],
    ['empty → all three missing', '', ['a unique request id', 'the time', 'the operation']],
  ])('%s', (_name, format, missing) => {
    expect(missingLogFields(format)).toEqual(missing);
  });

  it.each([
    ['a unique request id', '$context.requestId or $context.extendedRequestId'],
    ['the time', '$context.requestTime or $context.requestTimeEpoch'],
    ['the operation', '$context.httpMethod and $context.resourcePath, or $context.routeKey'],
  ] as const)('%s is carried by %s', (field, variables) => {
    expect(fieldVariables(field)).toBe(variables);
  });
});
