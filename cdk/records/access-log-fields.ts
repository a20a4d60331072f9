/**
 * What an API Gateway access log format must carry (LOG-4), as data: the `$context` variables
 * that give each of the policy's fields. The LOG-4 record reads stage formats through it, and
 * `ApiAccessLogFormat.custom` refuses formats through it, so both judge a format alike.
 *
 * Sources (AWS documentation, as of 2026): API Gateway "Variables for access logging" of REST
 * APIs (`$context.requestId`, `extendedRequestId`, `requestTime`, `requestTimeEpoch`,
 * `httpMethod`, `resourcePath`) and "Customize HTTP API access logs" (`routeKey`).
 */
import type { LogField } from '../../constructs/facts/logging';

/** The variables that carry each field: any one group of the field, every variable of the group. */
const FIELD_VARIABLES: ReadonlyArray<{ readonly field: LogField; readonly anyOf: readonly (readonly string[])[] }> = [
  { field: 'a unique request id', anyOf: [['$context.requestId'], ['$context.extendedRequestId']] },
  { field: 'the time', anyOf: [['$context.requestTime'], ['$context.requestTimeEpoch']] },
  { field: 'the operation', anyOf: [['$context.httpMethod', '$context.resourcePath'], ['$context.routeKey']] },
];

/** A variable as a whole word: `$context.requestId` is not in `$context.requestIdX`. */
const PATTERNS: ReadonlyMap<string, RegExp> = new Map(
  FIELD_VARIABLES.flatMap((f) => f.anyOf.flat()).map((v) => [v, new RegExp(`${v.replace(/[$.]/g, '\\$&')}\\b`)]),
);

/**
 * The policy's fields a format lacks, in the policy's order; empty when it carries them all.
 *
 * @example
 * missingLogFields('$context.requestId $context.status') // ['the time', 'the operation']
 * missingLogFields('$context.extendedRequestId $context.requestTimeEpoch $context.routeKey') // []
 */
export function missingLogFields(format: string): LogField[] {
  const has = (v: string): boolean => PATTERNS.get(v)?.test(format) === true;
  return FIELD_VARIABLES.filter((f) => !f.anyOf.some((group) => group.every(has))).map((f) => f.field);
}

/**
 * The variables that carry a field, for messages.
 *
 * @example
 * fieldVariables('the operation') // '$context.httpMethod and $context.resourcePath, or $context.routeKey'
 * fieldVariables('the time') // '$context.requestTime or $context.requestTimeEpoch'
 */
export function fieldVariables(field: LogField): string {
  const groups = FIELD_VARIABLES.find((f) => f.field === field)?.anyOf ?? [];
  const texts = groups.map((g) => g.join(' and '));
  return texts.join(groups.some((g) => g.length > 1) ? ', or ' : ' or ');
}
