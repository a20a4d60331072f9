/**
 * A customer-managed KMS key that rotates: the key every other construct encrypts with.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';

/** Props of a {@link RotatingKey}: those of `kms.Key`, with rotation always on. */
export interface RotatingKeyProps extends Omit<kms.KeyProps, 'enableKeyRotation'> {
  /**
   * Whether KMS rotates the key material. ENC-3: keys rotate; `false` is refused.
   * @default true
   */
  readonly enableKeyRotation?: boolean;
  /**
   * Days between rotations (90 to 2560). ENC-3.
   * @default 365 days (the KMS default)
   */
  readonly rotationPeriod?: Duration;
  /**
   * What happens to the key when the stack deletes it. Data encrypted with a deleted key is lost.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A symmetric customer-managed key with automatic rotation (ENC-3), kept when its stack is deleted.
 *
 * @example
 * const key = new RotatingKey(this, 'DataKey', { description: 'Orders data' });
 * new s3.Bucket(this, 'Orders', { encryptionKey: key });
 */
export class RotatingKey extends kms.Key {
  constructor(scope: Construct, id: string, props: RotatingKeyProps = {}) {
    if (props.enableKeyRotation === false) {
      throw new ComplianceError('ENC-3', `Key '${id}' sets enableKeyRotation: false; customer-managed keys must rotate.`);
    }
    if (props.keySpec !== undefined && props.keySpec !== kms.KeySpec.SYMMETRIC_DEFAULT) {
      throw new ComplianceError('ENC-3', `Key '${id}' sets keySpec: ${props.keySpec}; only symmetric keys rotate automatically.`);
    }
    super(scope, id, {
      ...props,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
