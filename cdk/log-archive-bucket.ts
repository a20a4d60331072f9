/**
 * The log archive: the bucket where logs are backed up (LOG-2) and from which nothing leaks.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { MIN_LOG_RETENTION_DAYS } from './retained-log-group';
import { RotatingKey } from './rotating-key';

/** How the archive encrypts objects at rest. */
export enum ArchiveEncryption {
  /** SSE-KMS with a rotating customer-managed key (ENC-2 and ENC-3). */
  KMS = 'KMS',
  /**
   * SSE-S3 (ENC-2). Elastic Load Balancing writes access logs only to SSE-S3 buckets, so the
   * archive that receives load balancer logs uses this.
   */
  S3_MANAGED = 'S3_MANAGED',
}

/** Props of a {@link LogArchiveBucket}. */
export interface LogArchiveBucketProps {
  /**
   * Encryption at rest (ENC-2; ENC-3 with `KMS`).
   * @default ArchiveEncryption.KMS
   */
  readonly encryption?: ArchiveEncryption;
  /**
   * The key for `ArchiveEncryption.KMS`.
   * @default a new {@link RotatingKey}
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * When objects move to cheaper storage. LOG-2 asks that logs be kept, not where: any age is
   * fine, and the objects stay until `expiration`.
   * @default Duration.days(90)
   */
  readonly transitionAfter?: Duration;
  /**
   * The cheaper storage class.
   * @default s3.StorageClass.GLACIER
   */
  readonly transitionStorageClass?: s3.StorageClass;
  /**
   * When objects are deleted. LOG-2: fewer than 90 days is refused.
   * @default never: logs are kept until someone deletes them on purpose
   */
  readonly expiration?: Duration;
  /**
   * How long an overwritten or deleted object's previous version is kept. LOG-2: fewer than
   * 90 days is refused.
   * @default Duration.days(365)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * The bucket name.
   * @default a generated name
   */
  readonly bucketName?: string;
  /**
   * What happens to the archive when its stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Where the archive writes its own server access logs. */
export const ARCHIVE_ACCESS_LOG_PREFIX = 's3-access-logs/archive/';

/**
 * A bucket for logs: encrypted (SSE-KMS by default), TLS-only, never public, versioned, its
 * own access logs on, and a lifecycle that keeps logs at least 90 days and then moves them to
 * cheaper storage. Audit trails, load balancers and buckets deliver their logs here.
 *
 * @example
 * const archive = new LogArchiveBucket(this, 'Archive');
 * new AuditTrail(this, 'Trail', { archive });
 */
export class LogArchiveBucket extends s3.Bucket {
  /** The archive's key, for `ArchiveEncryption.KMS`. */
  readonly archiveKey?: kms.IKey;
  /** How the archive encrypts objects. */
  readonly archiveEncryption: ArchiveEncryption;

  constructor(scope: Construct, id: string, props: LogArchiveBucketProps = {}) {
    atLeast90Days(id, 'expiration', props.expiration);
    atLeast90Days(id, 'noncurrentVersionExpiration', props.noncurrentVersionExpiration);
    const encryption = props.encryption ?? ArchiveEncryption.KMS;
    if (encryption === ArchiveEncryption.S3_MANAGED && props.encryptionKey !== undefined) {
      throw new Error(`Log archive '${id}': encryptionKey applies only to ArchiveEncryption.KMS.`);
    }
    const key = encryption === ArchiveEncryption.KMS
      ? props.encryptionKey ?? new RotatingKey(scope, `${id}Key`, { description: `Encrypts log archive ${id}` })
      : undefined;
    super(scope, id, {
      ...(props.bucketName !== undefined ? { bucketName: props.bucketName } : {}),
      ...(key ? { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true } : { encryption: s3.BucketEncryption.S3_MANAGED }),
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'KeepThenArchive',
          transitions: [{
            storageClass: props.transitionStorageClass ?? s3.StorageClass.GLACIER,
            transitionAfter: props.transitionAfter ?? Duration.days(MIN_LOG_RETENTION_DAYS),
          }],
          ...(props.expiration ? { expiration: props.expiration } : {}),
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(365),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.archiveKey = key;
    this.archiveEncryption = encryption;
    // S3 server access logging encrypts what it delivers with the archive's key. The condition
    // names the account, not the buckets: a bucket ARN here would make the key depend on the
    // buckets that depend on it.
    key?.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowS3ServerAccessLogs',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    this.receiveAccessLogsFrom(this, ARCHIVE_ACCESS_LOG_PREFIX);
  }

  /**
   * Turns on S3 server access logging of `bucket` into this archive under `prefix` (LOG-3),
   * with a bucket policy that admits only the S3 logging service acting for that bucket and
   * account. Independent of CDK feature flags: no ACLs.
   *
   * @example
   * archive.receiveAccessLogsFrom(dataBucket, 's3-access-logs/data/');
   */
  receiveAccessLogsFrom(bucket: s3.Bucket, prefix: string): void {
    const cfn = bucket.node.defaultChild as s3.CfnBucket;
    cfn.loggingConfiguration = bucket === this
      ? { logFilePrefix: prefix }
      : { destinationBucketName: this.bucketName, logFilePrefix: prefix };
    // The source bucket's ARN narrows the grant when both live in one stack; across stacks it
    // would make each stack import from the other, so the account alone narrows it there.
    const sameStack = Stack.of(bucket) === Stack.of(this);
    this.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AccessLogsFrom${bucket.node.addr.slice(0, 8)}`,
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [this.arnForObjects(`${prefix}*`)],
      conditions: {
        ...(sameStack ? { ArnLike: { 'aws:SourceArn': bucket.bucketArn } } : {}),
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      },
    }));
  }
}

function atLeast90Days(id: string, prop: string, d: Duration | undefined): void {
  if (d === undefined) return;
  const days = d.toDays();
  if (days < MIN_LOG_RETENTION_DAYS) {
    throw new ComplianceError('LOG-2', `Log archive '${id}' sets ${prop} to ${days} days; archived logs must be kept at least ${MIN_LOG_RETENTION_DAYS} days.`);
  }
}
