/**
 * The audit trail: every API operation in every region, with integrity validation, into the
 * log archive (LOG-5, LOG-2).
 */
import { Aws } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import type { LogArchiveBucket } from './log-archive-bucket';
import type { RetainedLogGroup } from './retained-log-group';
import { RotatingKey } from './rotating-key';

/** Props of an {@link AuditTrail}. */
export interface AuditTrailProps {
  /** The archive the trail delivers to (LOG-2). */
  readonly archive: LogArchiveBucket;
  /**
   * Whether the trail records every region. LOG-5: `false` is refused (an operation in another
   * region would go unrecorded).
   * @default true
   */
  readonly isMultiRegionTrail?: boolean;
  /**
   * Whether CloudTrail writes signed digest files, so that altered or deleted log files are
   * detected. LOG-5: `false` is refused.
   * @default true
   */
  readonly enableFileValidation?: boolean;
  /**
   * Which management events are recorded. LOG-5: `NONE` is refused.
   * @default cloudtrail.ReadWriteType.ALL
   */
  readonly managementEvents?: cloudtrail.ReadWriteType;
  /**
   * The key that encrypts the log files (ENC-3).
   * @default the archive's key when it has one, else a new {@link RotatingKey}
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Also deliver events to this log group, for alarms and queries.
   * @default not delivered to CloudWatch Logs
   */
  readonly logGroup?: RetainedLogGroup;
  /**
   * The key prefix of the log files in the archive.
   * @default 'cloudtrail'
   */
  readonly s3KeyPrefix?: string;
  /**
   * The trail name.
   * @default a generated name
   */
  readonly trailName?: string;
}

/**
 * A multi-region CloudTrail trail with log file validation, global service events and every
 * management event, encrypted with a customer key, into the log archive (LOG-5).
 *
 * @example
 * const archive = new LogArchiveBucket(this, 'Archive');
 * new AuditTrail(this, 'Trail', { archive });
 */
export class AuditTrail extends Construct {
  /** The trail. */
  readonly trail: cloudtrail.Trail;
  /** The key that encrypts the log files. */
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    if (props.isMultiRegionTrail === false) {
      throw new ComplianceError('LOG-5', `Audit trail '${id}' sets isMultiRegionTrail: false; the trail must record operations in every region.`);
    }
    if (props.enableFileValidation === false) {
      throw new ComplianceError('LOG-5', `Audit trail '${id}' sets enableFileValidation: false; log files must be validated so that changes are detected.`);
    }
    if (props.managementEvents === cloudtrail.ReadWriteType.NONE) {
      throw new ComplianceError('LOG-5', `Audit trail '${id}' sets managementEvents: NONE; the trail must record management operations.`);
    }
    this.encryptionKey = props.encryptionKey ?? props.archive.archiveKey ?? new RotatingKey(this, 'Key', { description: `Encrypts audit trail ${id}` });
    allowCloudTrailToUse(this.encryptionKey);
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      bucket: props.archive,
      s3KeyPrefix: props.s3KeyPrefix ?? 'cloudtrail',
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      managementEvents: props.managementEvents ?? cloudtrail.ReadWriteType.ALL,
      encryptionKey: this.encryptionKey,
      ...(props.logGroup ? { sendToCloudWatchLogs: true, cloudWatchLogGroup: props.logGroup } : {}),
      ...(props.trailName !== undefined ? { trailName: props.trailName } : {}),
    });
  }
}

/** The key-policy statements CloudTrail needs to encrypt this account's trails. */
function allowCloudTrailToUse(key: kms.IKey): void {
  const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const trailsOfAccount = `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*`;
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudTrailEncrypt',
    principals: [cloudTrail],
    actions: ['kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: {
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailsOfAccount },
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    },
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudTrailDescribe',
    principals: [cloudTrail],
    actions: ['kms:DescribeKey'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  }));
}
