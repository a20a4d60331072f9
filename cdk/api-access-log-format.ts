/**
 * An API Gateway access log format that carries what the policy's log format asks for: date
 * and time, the operation and a unique request id (LOG-4).
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ComplianceError } from '../constructs/errors';
import { fieldVariables, missingLogFields } from './records/access-log-fields';

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

/**
 * What a format string lacks of the policy's fields, as phrases naming the variables that
 * would carry them; empty when it complies. The fields are those the LOG-4 check reads
 * (`cdk/records/access-log-fields.ts`).
 *
 * @example
 * missingAccessLogFields('$context.requestId $context.status')
 * // ['the time ($context.requestTime or $context.requestTimeEpoch)', 'the operation ($context.httpMethod and $context.resourcePath, or $context.routeKey)']
 */
export function missingAccessLogFields(format: string): string[] {
  return missingLogFields(format).map((field) => `${field} (${fieldVariables(field)})`);
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
