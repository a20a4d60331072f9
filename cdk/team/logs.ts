/**
 * The team's logs: every CloudWatch log group of the app (kept 180 days, encrypted with a
 * rotating CMK, shipped to an S3 archive through Firehose), the S3 buckets for access logs, and a
 * multi-region audit trail with file validation.
 */
import { Aws, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { allowLogsToUse, LOG_RETENTION_DAYS, teamBucket, teamKey } from './defaults';

/**
 * The name the database stack gives its instance; RDS writes its logs to groups named after it.
 *
 * @example
 * `/aws/rds/instance/${DATABASE_INSTANCE_ID}/postgresql` // '/aws/rds/instance/team-db/postgresql'
 */
export const DATABASE_INSTANCE_ID = 'team-db';

/**
 * Log groups, archive and access-log buckets that the other stacks write to.
 *
 * @example
 * const logs = new LogsStack(app, 'TeamLogs', { env: { region: 'eu-west-1' } });
 * vpc.addFlowLog('FlowLogs', { destination: ec2.FlowLogDestination.toCloudWatchLogs(logs.flowLogs) });
 */
export class LogsStack extends Stack {
  /** Application logs, written by the CloudWatch agent on the app hosts. */
  readonly appLogs: logs.LogGroup;
  /** VPC flow logs. */
  readonly flowLogs: logs.LogGroup;
  /** The log groups RDS writes the database's exports to (`postgresql`, `upgrade`). */
  readonly databaseLogs: logs.LogGroup[];
  /** Where the load balancer writes its access logs (S3-managed keys: ALB logs support no other). */
  readonly loadBalancerLogs: s3.Bucket;
  /** Where S3 writes the access logs of the team's buckets. */
  readonly accessLogs: s3.Bucket;
  /** The key of the log groups, the archive and the audit trail. */
  readonly key: ReturnType<typeof teamKey>;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    // S3 grants log delivery through bucket policies: every team bucket has ACLs disabled.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.key = teamKey(this, 'LogsKey', 'Team log groups, log archive and audit trail');
    allowLogsToUse(this.key);

    this.accessLogs = teamBucket(this, 'AccessLogs');
    const archive = teamBucket(this, 'LogArchive', { encryptionKey: this.key, serverAccessLogsBucket: this.accessLogs, glacierAfterDays: 90 });
    this.loadBalancerLogs = teamBucket(this, 'LoadBalancerLogs', { serverAccessLogsBucket: this.accessLogs });

    // Every log group is copied to the archive bucket as it is written (LOG-2).
    const shipper = new firehose.DeliveryStream(this, 'LogShipper', {
      encryption: firehose.StreamEncryption.customerManagedKey(this.key),
      destination: new firehose.S3Bucket(archive, {
        encryptionKey: this.key,
        compression: firehose.Compression.GZIP,
        dataOutputPrefix: 'cloudwatch/',
        errorOutputPrefix: 'cloudwatch-errors/',
        loggingConfig: new firehose.DisableLogging(),
      }),
    });
    const logGroup = (lid: string, name: string): logs.LogGroup => {
      const group = new logs.LogGroup(this, lid, {
        logGroupName: name,
        retention: LOG_RETENTION_DAYS,
        encryptionKey: this.key,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      new logs.SubscriptionFilter(this, `${lid}ToArchive`, {
        logGroup: group,
        destination: new destinations.FirehoseDestination(shipper),
        filterPattern: logs.FilterPattern.allEvents(),
      });
      return group;
    };
    this.appLogs = logGroup('AppLogs', '/team/app');
    this.flowLogs = logGroup('FlowLogs', '/team/vpc-flow-logs');
    this.databaseLogs = ['postgresql', 'upgrade'].map((kind) =>
      logGroup(`Database${kind[0].toUpperCase()}${kind.slice(1)}Logs`, `/aws/rds/instance/${DATABASE_INSTANCE_ID}/${kind}`),
    );
    const trailLogs = logGroup('AuditTrailLogs', '/team/cloudtrail');

    // The audit trail (LOG-5): every region, log file validation, encrypted with the logs key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryption',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*` } },
      }),
    );
    new cloudtrail.Trail(this, 'AuditTrail', {
      bucket: teamBucket(this, 'AuditTrailBucket', { encryptionKey: this.key, serverAccessLogsBucket: this.accessLogs }),
      encryptionKey: this.key,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: trailLogs,
    });
  }
}
