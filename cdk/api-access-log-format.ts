/**
 * An API Gateway access log format that carries what the policy's log format asks for: date
 * and time, the operation and a unique request id (LOG-4).
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ComplianceError } from '../constructs/errors';

/**
 * The fields of the standard format: the policy's four (request id, time, operation) and what
 * an investigation needs next (caller, status, size, latency).
 */
export const API_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  requestTimeEpoch: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  caller: '$context.identity.caller',
};

/** What a format must contain: each group is satisfied by any one of its variables. */
const REQUIRED: ReadonlyArray<{ what: string; anyOf: readonly (readonly string[])[] }> = [
  { what: 'a unique request id ($context.requestId)', anyOf: [['$context.requestId'], ['$context.extendedRequestId']] },
  { what: 'the date and time ($context.requestTime)', anyOf: [['$context.requestTime'], ['$context.requestTimeEpoch']] },
  {
    what: 'the operation ($context.httpMethod and $context.resourcePath, or $context.routeKey)',
    anyOf: [['$context.httpMethod', '$context.resourcePath'], ['$context.httpMethod', '$context.path'], ['$context.routeKey'], ['$context.operationName']],
  },
];

/**
 * What a format string lacks of the policy's fields, as phrases; empty when it complies.
 *
 * @example
 * missingAccessLogFields('$context.requestId $context.status') // ['the date and time ($context.requestTime)', 'the operation (...)']
 */
export function missingAccessLogFields(format: string): string[] {
  const has = (v: string): boolean => new RegExp(`${v.replace(/[$.]/g, '\\$&')}(?![A-Za-z])`).test(format);
  return REQUIRED.filter((r) => !r.anyOf.some((group) => group.every(has))).map((r) => r.what);
}

/**
 * Access log formats for API Gateway stages that satisfy LOG-4.
 *
 * @example
 * new apigateway.RestApi(this, 'Api', {
 *   deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(logs), accessLogFormat: ApiAccessLogFormat.standard() },
 * });
 */
export class ApiAccessLogFormat {
  /**
   * JSON lines with {@link API_ACCESS_LOG_FIELDS} and `extra` fields (which cannot replace the
   * standard ones).
   *
   * @example
   * ApiAccessLogFormat.standard({ apiKeyId: '$context.identity.apiKeyId' })
   */
  static standard(extra: Readonly<Record<string, string>> = {}): apigateway.AccessLogFormat {
    return apigateway.AccessLogFormat.custom(JSON.stringify({ ...extra, ...API_ACCESS_LOG_FIELDS }));
  }

  /**
   * A format of your own, refused (LOG-4) when it lacks the request id, the time or the operation.
   *
   * @example
   * ApiAccessLogFormat.custom('$context.requestId $context.requestTime $context.httpMethod $context.resourcePath $context.status')
   */
  static custom(format: string): apigateway.AccessLogFormat {
    const missing = missingAccessLogFields(format);
    if (missing.length > 0) {
      throw new ComplianceError('LOG-4', `Access log format lacks ${missing.join(', ')}; access logs must carry the date and time, the operation and a unique request id.`);
    }
    return apigateway.AccessLogFormat.custom(format);
  }

  private constructor() {}
}
