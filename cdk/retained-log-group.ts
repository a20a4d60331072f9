/**
 * A CloudWatch Logs group kept at least 90 days and encrypted with a rotating customer key.
 */
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { POLICY_LOG_RETENTION_DAYS } from '../constructs/options';
import { RotatingKey } from './rotating-key';

/** The fewest days the policy lets a log be kept ("at least 90 days of logs", LOG-1): the checks' default too. */
export const MIN_LOG_RETENTION_DAYS = POLICY_LOG_RETENTION_DAYS;

/** Props of a {@link RetainedLogGroup}. */
export interface RetainedLogGroupProps {
  /**
   * How long CloudWatch keeps the events. LOG-1: fewer than 90 days is refused.
   * @default RetentionDays.THREE_MONTHS (90 days)
   */
  readonly retention?: logs.RetentionDays;
  /**
   * The customer-managed key that encrypts the events (ENC-3). A key created here gets the
   * key-policy statement that lets CloudWatch Logs use it for log groups of this account.
   * @default a new {@link RotatingKey}
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The log group name.
   * @default a generated name
   */
  readonly logGroupName?: string;
  /**
   * What happens to the logs when the stack deletes the group.
   * @default RemovalPolicy.RETAIN: evidence outlives the stack
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A log group kept at least 90 days (LOG-1), encrypted with a rotating customer key (ENC-3).
 *
 * @example
 * const logs = new RetainedLogGroup(this, 'AppLogs', { retention: RetentionDays.ONE_YEAR });
 */
export class RetainedLogGroup extends logs.LogGroup {
  /** The key that encrypts the events. */
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: RetainedLogGroupProps = {}) {
    const retention = props.retention ?? logs.RetentionDays.THREE_MONTHS;
    if (retention < MIN_LOG_RETENTION_DAYS) {
      throw new ComplianceError('LOG-1', `Log group '${id}' keeps logs ${retention} days; logs must be kept at least ${MIN_LOG_RETENTION_DAYS} days.`);
    }
    const key = props.encryptionKey ?? new RotatingKey(scope, `${id}Key`, { description: `Encrypts log group ${id}` });
    allowLogsToUse(key);
    super(scope, id, {
      retention,
      encryptionKey: key,
      ...(props.logGroupName !== undefined ? { logGroupName: props.logGroupName } : {}),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.encryptionKey = key;
  }
}

/**
 * Lets CloudWatch Logs encrypt with `key` for log groups of the key's account (the key policy
 * AWS documents for encrypted log groups). No effect on an imported key, whose policy is
 * managed elsewhere.
 */
function allowLogsToUse(key: kms.IKey): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${stack.account}:log-group:*` },
      },
    }),
  );
}
