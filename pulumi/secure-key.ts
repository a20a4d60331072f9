/**
 * A key ring and a symmetric crypto key that rotates at least every 90 days (ENC-3), with
 * encrypt/decrypt granted only to the members that use it.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { checkMember, IamMember, memberValue } from './iam-rules';
import { componentLabel, invalid, refuse } from './refuse';

/** The longest rotation period the policy allows, in days (ENC-3). */
export const MAX_KEY_ROTATION_DAYS = 90;

const SECONDS_PER_DAY = 86_400;

/** Args of `SecureKey`. */
export interface SecureKeyArgs {
  /**
   * Where the key lives: the region of the disks, databases and buckets it encrypts
   * (`europe-west1`), or `global`.
   */
  readonly location: string;
  /** @default the project of the provider */
  readonly project?: pulumi.Input<string>;
  /**
   * Days between automatic rotations. More than 90 is refused (ENC-3).
   * @default 90
   */
  readonly rotationPeriodDays?: number;
  /**
   * Where key material is kept.
   * @default 'SOFTWARE'
   */
  readonly protectionLevel?: 'SOFTWARE' | 'HSM';
  /**
   * Who may encrypt and decrypt with the key: usually the service agents of the services that
   * use it (see `serviceAgents`). `allUsers` and `allAuthenticatedUsers` are refused (IAM-3).
   * @default none
   */
  readonly users?: readonly IamMember[];
}

/**
 * A customer-managed encryption key: pass `key.id` as `kmsKey` to the disks, databases and
 * buckets it protects.
 *
 * @example
 * const key = new SecureKey('data', { location: 'europe-west1', users: [agents.compute, agents.cloudSql] });
 * new PrivateDatabase('orders', { ..., kmsKey: key.id });
 */
export class SecureKey extends pulumi.ComponentResource {
  readonly keyRing: gcp.kms.KeyRing;
  readonly cryptoKey: gcp.kms.CryptoKey;
  /** The crypto key's id (`projects/…/locations/…/keyRings/…/cryptoKeys/…`): what `kmsKeySelfLink` takes. */
  readonly id: pulumi.Output<string>;
  readonly grants: readonly gcp.kms.CryptoKeyIAMMember[];

  constructor(name: string, args: SecureKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('SecureKey', name);
    const days = args.rotationPeriodDays ?? MAX_KEY_ROTATION_DAYS;
    if (!Number.isInteger(days) || days < 1) invalid(label, `rotationPeriodDays ${days} must be a whole number of days, at least 1.`);
    if (days > MAX_KEY_ROTATION_DAYS) {
      refuse('ENC-3', label, `rotationPeriodDays ${days} exceeds ${MAX_KEY_ROTATION_DAYS}; keys must rotate at least every ${MAX_KEY_ROTATION_DAYS} days.`);
    }
    const users = args.users ?? [];
    for (const m of users) checkMember(label, m);
    const project = args.project !== undefined ? { project: args.project } : {};

    super('compliance:gcp:SecureKey', name, {}, opts);
    this.keyRing = new gcp.kms.KeyRing(`${name}-ring`, { location: args.location, ...project }, { parent: this });
    this.cryptoKey = new gcp.kms.CryptoKey(
      `${name}-key`,
      {
        keyRing: this.keyRing.id,
        purpose: 'ENCRYPT_DECRYPT',
        rotationPeriod: `${days * SECONDS_PER_DAY}s`,
        versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: args.protectionLevel ?? 'SOFTWARE' },
      },
      { parent: this },
    );
    this.id = this.cryptoKey.id;
    this.grants = users.map(
      (m, i) =>
        new gcp.kms.CryptoKeyIAMMember(
          `${name}-user-${i}`,
          { cryptoKeyId: this.cryptoKey.id, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: memberValue(m) },
          { parent: this },
        ),
    );
    this.registerOutputs({ id: this.id });
  }
}
