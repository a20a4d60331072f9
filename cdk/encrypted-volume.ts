/**
 * An EBS volume that is always encrypted, with a rotating customer key.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { RotatingKey } from './rotating-key';

/** Props of an {@link EncryptedVolume}: those of `ec2.Volume`, with encryption fixed. */
export interface EncryptedVolumeProps extends Omit<ec2.VolumeProps, 'encrypted' | 'encryptionKey' | 'removalPolicy'> {
  /**
   * Whether the volume is encrypted. ENC-1: `false` is refused.
   * @default true
   */
  readonly encrypted?: boolean;
  /**
   * The customer-managed key (ENC-3).
   * @default a new {@link RotatingKey}
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * What happens to the data when the stack deletes the volume.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An `ec2.Volume` encrypted at rest (ENC-1) with a rotating customer-managed key (ENC-3),
 * kept when its stack is deleted.
 *
 * @example
 * const data = new EncryptedVolume(this, 'Data', { availabilityZone: 'eu-west-1a', size: Size.gibibytes(100) });
 * data.grantAttachVolume(host.role, [host.instance]);
 */
export class EncryptedVolume extends ec2.Volume {
  constructor(scope: Construct, id: string, props: EncryptedVolumeProps) {
    if (props.encrypted === false) {
      throw new ComplianceError('ENC-1', `Volume '${id}' sets encrypted: false; block storage must be encrypted.`);
    }
    const encryptionKey = props.encryptionKey ?? new RotatingKey(scope, `${id}Key`, { description: `Encrypts volume ${id}` });
    super(scope, id, { ...props, encrypted: true, encryptionKey, removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN });
  }
}
