/**
 * What every stack of the example team app shares: the team's address plan, its CMKs (rotating,
 * kept on stack deletion) and its buckets (private, TLS only, versioned, kept at least 90 days).
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The team VPC's address range. Written as a literal (not `vpc.vpcCidrBlock`) where other
 * stacks need it, so their rules say what they admit instead of importing a value.
 *
 * @example
 * group.addEgressRule(ec2.Peer.ipv4(TEAM_CIDR), ec2.Port.tcp(8443));
 */
export const TEAM_CIDR = '10.20.0.0/16';

/**
 * Logs are kept this long in CloudWatch (LOG-1 asks for at least 90 days).
 *
 * @example
 * new logs.LogGroup(this, 'AppLogs', { retention: LOG_RETENTION_DAYS });
 */
export const LOG_RETENTION_DAYS = 180;

/**
 * Archived logs and access logs are kept this long in S3 (LOG-2 asks for at least 90 days).
 *
 * @example
 * { expiration: Duration.days(ARCHIVE_DAYS) }
 */
export const ARCHIVE_DAYS = 400;

/**
 * A customer-managed key with yearly automatic rotation (ENC-3), kept when the stack is deleted.
 *
 * @example
 * const key = teamKey(this, 'DataKey', 'Database and queue encryption');
 */
export function teamKey(scope: Construct, id: string, description: string): kms.Key {
  return new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    rotationPeriod: Duration.days(365),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * Lets CloudWatch Logs of this account and region use a key for the log groups it encrypts, and
 * nothing else (explicit actions, scoped by the encryption context).
 *
 * @example
 * allowLogsToUse(key);
 */
export function allowLogsToUse(key: kms.Key): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryption',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` } },
    }),
  );
}

/**
 * Props of `teamBucket`.
 *
 * @example
 * const props: TeamBucketProps = { encryptionKey: key, serverAccessLogsBucket: accessLogs, glacierAfterDays: 90 };
 */
export interface TeamBucketProps {
  /** Encrypt with this CMK; without one, S3-managed keys (what ALB access logs and S3 server access logs require). */
  readonly encryptionKey?: kms.IKey;
  /** Where S3 writes this bucket's access logs; a bucket without one is the access-log bucket itself. */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /** Move objects to Glacier after this many days. @default never */
  readonly glacierAfterDays?: number;
}

/**
 * A private bucket: public access blocked, TLS-only policy (TLS-4), versioned, objects owned by
 * the bucket owner, encrypted (ENC-2), kept `ARCHIVE_DAYS` and retained on stack deletion.
 *
 * @example
 * const archive = teamBucket(this, 'LogArchive', { encryptionKey: key, serverAccessLogsBucket: accessLogs });
 */
export function teamBucket(scope: Construct, id: string, props: TeamBucketProps = {}): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    ...(props.encryptionKey !== undefined
      ? { encryption: s3.BucketEncryption.KMS, encryptionKey: props.encryptionKey, bucketKeyEnabled: true }
      : { encryption: s3.BucketEncryption.S3_MANAGED }),
    ...(props.serverAccessLogsBucket !== undefined
      ? { serverAccessLogsBucket: props.serverAccessLogsBucket, serverAccessLogsPrefix: `${id}/` }
      : {}),
    lifecycleRules: [
      {
        id: 'KeepThenExpire',
        enabled: true,
        ...(props.glacierAfterDays !== undefined
          ? { transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(props.glacierAfterDays) }] }
          : {}),
        expiration: Duration.days(ARCHIVE_DAYS),
        noncurrentVersionExpiration: Duration.days(ARCHIVE_DAYS),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
