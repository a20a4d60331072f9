/**
 * Encryption-at-rest facts, provider-neutral: disks, data stores and the keys that encrypt
 * them. An EBS volume and a GCP persistent disk are both a `disk`; an RDS cluster and a Cloud
 * SQL instance are both a `data-store` of category `database`.
 */
import type { ResourceRef } from '../finding';
import type { Maybe } from '../unknown';

/**
 * What a store holds, as the policy sees it. Which categories count as sensitive (and so need
 * a customer-managed key, ENC-3) is a team option: `sensitiveStores`.
 *
 * @example
 * const c: StoreCategory = 'database'; // RDS, Aurora, DocumentDB, Neptune, Cloud SQL
 */
export type StoreCategory =
  | 'block-storage'
  | 'database'
  | 'warehouse'
  | 'file-system'
  | 'cache'
  | 'search'
  | 'queue'
  | 'topic'
  | 'stream'
  | 'table'
  | 'backup'
  | 'bucket';

/** Every store category, for validating options. */
export const STORE_CATEGORIES: readonly StoreCategory[] = [
  'block-storage', 'database', 'warehouse', 'file-system', 'cache', 'search', 'queue', 'topic', 'stream', 'table', 'backup', 'bucket',
];

/**
 * Which key encrypts the data: one the team manages (and can rotate, audit, revoke) or the provider's.
 *
 * @example
 * const key: KeyUse = { customerManaged: false, why: 'KmsKeyId is not set, so RDS uses the AWS managed key aws/rds' };
 */
export interface KeyUse {
  /** `true` for a customer-managed key (a KMS key, a Cloud KMS crypto key). */
  readonly customerManaged: Maybe<boolean>;
  /** Names the property and its value: `KmsKeyId is not set, so RDS uses the AWS managed key`. */
  readonly why: string;
}

/** Encryption at rest of one disk, or of one store. */
interface AtRest {
  readonly subject: ResourceRef;
  /** `Volume 'Data'`: how messages name the resource. */
  readonly label: string;
  /** Which part of the resource, when it has several: `volume BlockDeviceMappings[1] (/dev/sdb)`. */
  readonly where?: string;
  readonly encrypted: Maybe<boolean>;
  /** Why it is or may not be encrypted, naming the property: `Encrypted is false`. */
  readonly why: string;
  readonly key: KeyUse;
  /** A fix naming the property to set, where it says more than the catalog's. */
  readonly fix?: string;
}

/**
 * A block device: an EBS volume (standalone, or a device of an instance, launch template or
 * launch configuration), a GCP persistent disk. Judged for ENC-1, and for ENC-3 when block
 * storage counts as sensitive.
 *
 * @example
 * const disk: DiskFact = {
 *   kind: 'disk', subject: { type: 'AWS::EC2::Volume', logicalId: 'Data' }, label: "Volume 'Data'",
 *   encrypted: false, why: 'Encrypted is false', key: { customerManaged: false, why: 'KmsKeyId is not set' },
 * };
 */
export interface DiskFact extends AtRest {
  readonly kind: 'disk';
}

/**
 * A store other than a disk: a database, file system, cache, queue, topic, stream, table,
 * backup vault or bucket. Judged for ENC-2, and for ENC-3 when its category is sensitive.
 *
 * @example
 * const db: DataStoreFact = {
 *   kind: 'data-store', category: 'database', subject: { type: 'AWS::RDS::DBCluster', logicalId: 'Db' },
 *   label: "DB cluster 'Db'", encrypted: true, why: 'StorageEncrypted is true',
 *   key: { customerManaged: true, why: "KmsKeyId is key 'DbKey' of this template" },
 * };
 */
export interface DataStoreFact extends AtRest {
  readonly kind: 'data-store';
  readonly category: StoreCategory;
}

/**
 * A customer-managed key, and whether its key material rotates automatically (ENC-3).
 *
 * @example
 * const key: EncryptionKeyFact = {
 *   kind: 'encryption-key', subject: { type: 'AWS::KMS::Key', logicalId: 'K' }, label: "KMS key 'K'",
 *   rotates: false, why: 'EnableKeyRotation is not set (rotation is off by default)',
 * };
 */
export interface EncryptionKeyFact {
  readonly kind: 'encryption-key';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly rotates: Maybe<boolean>;
  /** Names the property: `EnableKeyRotation is false`. */
  readonly why: string;
  /**
   * Days between two automatic rotations, where the key declares its own period (Cloud KMS
   * `rotationPeriod`): judged against the team's `keyRotationDays`. Absent where the provider
   * fixes the period.
   */
  readonly rotationPeriodDays?: number;
  /** A fix naming the property to set, where it differs from `EnableKeyRotation: true`. */
  readonly fix?: string;
}

/** Every encryption-at-rest fact. */
export type EncryptionFactKind = DiskFact | DataStoreFact | EncryptionKeyFact;
