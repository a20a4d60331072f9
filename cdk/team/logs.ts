/**
 * The team's logs: one rotating key, the log archive (audit trail, flow logs and bucket access
 * logs), the load balancer's SSE-S3 archive, CloudWatch log groups kept 180 days, and a
 * multi-region audit trail with file validation.
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AuditTrail } from '../audit-trail';
import { ArchiveEncryption, LogArchiveBucket } from '../log-archive-bucket';
import { RetainedLogGroup } from '../retained-log-group';
import { RotatingKey } from '../rotating-key';

/**
 * How long the team's CloudWatch log groups keep events (LOG-1 asks for at least 90 days).
 *
 * @example
 * new RetainedLogGroup(this, 'AppLogs', { retention: LOG_RETENTION });
 */
export const LOG_RETENTION = logs.RetentionDays.SIX_MONTHS;

/**
 * The archives and log groups the other stacks write to.
 *
 * @example
 * const logs = new LogsStack(app, 'TeamLogs', { env: { region: 'eu-west-1' } });
 * new SecureVpc(this, 'Vpc', { flowLogGroup: logs.flowLogs, flowLogArchive: logs.archive });
 */
export class LogsStack extends Stack {
  /** The key of the log groups, the archive and the audit trail. */
  readonly key: RotatingKey;
  /** Where the audit trail, the flow logs and the buckets' access logs are kept (SSE-KMS, never expiring). */
  readonly archive: LogArchiveBucket;
  /** Where the load balancer writes its access logs (SSE-S3: Elastic Load Balancing writes to no other). */
  readonly loadBalancerLogs: LogArchiveBucket;
  /** VPC flow logs. */
  readonly flowLogs: RetainedLogGroup;
  /** Application logs, written by the app hosts. */
  readonly appLogs: RetainedLogGroup;
  /** The audit trail's events, for alarms and queries. */
  readonly trailLogs: RetainedLogGroup;
  /** The multi-region audit trail. */
  readonly trail: AuditTrail;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.key = new RotatingKey(this, 'LogsKey', { description: 'Team log groups, log archive and audit trail' });
    this.archive = new LogArchiveBucket(this, 'Archive', { encryptionKey: this.key });
    this.loadBalancerLogs = new LogArchiveBucket(this, 'LoadBalancerLogs', { encryption: ArchiveEncryption.S3_MANAGED });
    const group = (lid: string, logGroupName: string): RetainedLogGroup =>
      new RetainedLogGroup(this, lid, { logGroupName, retention: LOG_RETENTION, encryptionKey: this.key });
    this.flowLogs = group('FlowLogs', '/team/vpc-flow-logs');
    this.appLogs = group('AppLogs', '/team/app');
    this.trailLogs = group('AuditTrailLogs', '/team/cloudtrail');
    this.trail = new AuditTrail(this, 'AuditTrail', { archive: this.archive, logGroup: this.trailLogs });
  }
}
