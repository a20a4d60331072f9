/**
 * A bucket for data: customer-key encryption, TLS only, never public, access logs in the archive.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import type { LogArchiveBucket } from './log-archive-bucket';
import { RotatingKey } from './rotating-key';
import { judgeTrustStatement } from './statement-judgement';

/** Props of a {@link SecureBucket}. */
export interface SecureBucketProps {
  /** The archive that receives the bucket's server access logs (LOG-3). */
  readonly accessLogs: LogArchiveBucket;
  /**
   * The key prefix of the access logs in the archive.
   * @default 's3-access-logs/<construct id>/'
   */
  readonly accessLogPrefix?: string;
  /**
   * How objects are encrypted at rest. ENC-2: `UNENCRYPTED` is refused; ENC-3: keys that are not
   * customer-managed (`S3_MANAGED`, `KMS_MANAGED`, `DSSE_MANAGED`) are refused.
   * @default s3.BucketEncryption.KMS
   */
  readonly encryption?: s3.BucketEncryption;
  /**
   * The customer-managed key (ENC-3).
   * @default a new {@link RotatingKey}
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Whether requests without TLS are denied. TLS-4: `false` is refused.
   * @default true
   */
  readonly enforceSSL?: boolean;
  /**
   * Whether everyone may read the objects. IAM-3: `true` is refused.
   * @default false
   */
  readonly publicReadAccess?: boolean;
  /**
   * Which public access is blocked. IAM-3: anything but `BLOCK_ALL` is refused.
   * @default s3.BlockPublicAccess.BLOCK_ALL
   */
  readonly blockPublicAccess?: s3.BlockPublicAccess;
  /**
   * Whether objects keep their previous versions.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * The bucket name.
   * @default a generated name
   */
  readonly bucketName?: string;
  /**
   * Lifecycle rules.
   * @default none
   */
  readonly lifecycleRules?: s3.LifecycleRule[];
  /**
   * What happens to the data when the stack deletes the bucket.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const NOT_CUSTOMER_MANAGED: ReadonlySet<s3.BucketEncryption> = new Set([
  s3.BucketEncryption.S3_MANAGED, s3.BucketEncryption.KMS_MANAGED, s3.BucketEncryption.DSSE_MANAGED,
]);

/**
 * An `s3.Bucket` for sensitive data: SSE-KMS with a rotating customer key and bucket keys
 * (ENC-2, ENC-3), a policy that denies requests without TLS 1.2+ (TLS-4), all public access
 * blocked and refused later too (IAM-3), versioning, and server access logs into the archive
 * (LOG-3).
 *
 * @example
 * const uploads = new SecureBucket(this, 'Uploads', { accessLogs: archive });
 * uploads.grantRead(api.role);
 */
export class SecureBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    const encryption = props.encryption ?? s3.BucketEncryption.KMS;
    if (encryption === s3.BucketEncryption.UNENCRYPTED) {
      throw new ComplianceError('ENC-2', `Bucket '${id}' sets encryption: UNENCRYPTED; data must be encrypted at rest.`);
    }
    if (NOT_CUSTOMER_MANAGED.has(encryption)) {
      throw new ComplianceError('ENC-3', `Bucket '${id}' sets encryption: ${encryption}; sensitive data is encrypted with a customer-managed key.`);
    }
    if (props.enforceSSL === false) {
      throw new ComplianceError('TLS-4', `Bucket '${id}' sets enforceSSL: false; the bucket must refuse requests without TLS.`);
    }
    if (props.publicReadAccess === true) {
      throw new ComplianceError('IAM-3', `Bucket '${id}' sets publicReadAccess: true; nothing is open to any principal.`);
    }
    if (props.blockPublicAccess !== undefined && !blocksAll(props.blockPublicAccess)) {
      throw new ComplianceError('IAM-3', `Bucket '${id}' does not block all public access; nothing is open to any principal.`);
    }
    const encryptionKey = props.encryptionKey ?? new RotatingKey(scope, `${id}Key`, { description: `Encrypts bucket ${id}` });
    super(scope, id, {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.versioned ?? true,
      ...(props.bucketName !== undefined ? { bucketName: props.bucketName } : {}),
      ...(props.lifecycleRules !== undefined ? { lifecycleRules: props.lifecycleRules } : {}),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    props.accessLogs.receiveAccessLogsFrom(this, props.accessLogPrefix ?? `s3-access-logs/${id}/`);
  }

  /** Refused (IAM-3): a secure bucket is never public. */
  override grantPublicAccess(): iam.Grant {
    throw new ComplianceError('IAM-3', `Bucket '${this.node.id}' would grant public access; nothing is open to any principal.`);
  }

  /** Adds a bucket policy statement after judging it: no allow to any principal without a condition (IAM-3). */
  override addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    const verdict = judgeTrustStatement(`Bucket '${this.node.id}'`, statement);
    if (verdict) {
      throw new ComplianceError('IAM-3', `Bucket '${this.node.id}' would allow ${statement.actions.join(', ') || 'actions'} to any principal with no condition; nothing is open to any principal.`);
    }
    return super.addToResourcePolicy(statement);
  }
}

function blocksAll(b: s3.BlockPublicAccess): boolean {
  return b.blockPublicAcls === true && b.blockPublicPolicy === true && b.ignorePublicAcls === true && b.restrictPublicBuckets === true;
}
