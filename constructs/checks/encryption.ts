/**
 * ENC-1..ENC-3, "Storage of Data": any sensitive user information should be encrypted at rest.
 */
import type { DataStoreFact, DiskFact, EncryptionKeyFact } from '../facts/encryption';
import type { Finding } from '../finding';
import type { RequirementId } from '../requirements';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

/**
 * ENC-1: the disk is encrypted; and ENC-3 when block storage counts as sensitive.
 *
 * @example
 * checkDisk({ kind: 'disk', subject, label: "Volume 'Data'", encrypted: false, why: 'Encrypted is false', key }, ctx)
 * // [ENC-1 fail: "Volume 'Data' is not encrypted: Encrypted is false."]
 */
export function checkDisk(fact: DiskFact, ctx: CheckContext): Finding[] {
  return [...judgeEncrypted('ENC-1', fact, ctx), ...judgeKey(fact, 'block-storage', ctx)];
}

/**
 * ENC-2: the store is encrypted at rest; and ENC-3 when its category (or type) is sensitive.
 *
 * @example
 * checkDataStore({ kind: 'data-store', category: 'queue', subject, label: "Queue 'Jobs'", encrypted: false, why: 'SqsManagedSseEnabled is false', key }, ctx)
 */
export function checkDataStore(fact: DataStoreFact, ctx: CheckContext): Finding[] {
  return [...judgeEncrypted('ENC-2', fact, ctx), ...judgeKey(fact, fact.category, ctx)];
}

/**
 * ENC-3: a customer-managed key rotates its key material automatically, and, where the key
 * declares its period, at least every `keyRotationDays` (90 by default).
 *
 * @example
 * checkEncryptionKey({ kind: 'encryption-key', subject, label: "KMS key 'K'", rotates: false, why: 'EnableKeyRotation is false' }, ctx)
 * // [ENC-3 fail: "KMS key 'K' does not rotate: EnableKeyRotation is false."]
 */
export function checkEncryptionKey(fact: EncryptionKeyFact, ctx: CheckContext): Finding[] {
  const max = ctx.options.keyRotationDays;
  if (fact.rotates === true && fact.rotationPeriodDays !== undefined && fact.rotationPeriodDays > max) {
    return [
      ctx.finding('ENC-3', fact.subject, {
        message: `${fact.label} rotates only every ${Math.round(fact.rotationPeriodDays * 10) / 10} days, more than ${max}: ${fact.why}.`,
        fix: fact.fix ?? `Rotate the key at least every ${max} days.`,
        detail: 'key rotation',
      }),
    ];
  }
  if (fact.rotates === true) return [];
  if (isUnknown(fact.rotates)) {
    return [ctx.finding('ENC-3', fact.subject, { status: 'unknown', message: `whether ${fact.label} rotates: ${fact.why}.`, detail: 'key rotation' })];
  }
  return [
    ctx.finding('ENC-3', fact.subject, {
      message: `${fact.label} does not rotate: ${fact.why}.`,
      fix: fact.fix ?? 'Enable automatic rotation of the key (EnableKeyRotation: true).',
      detail: 'key rotation',
    }),
  ];
}

type AtRestFact = DiskFact | DataStoreFact;

function what(fact: AtRestFact): string {
  return fact.where ? `the ${fact.where} of ${fact.label}` : fact.label;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function judgeEncrypted(id: RequirementId, fact: AtRestFact, ctx: CheckContext): Finding[] {
  if (fact.encrypted === true) return [];
  const detail = fact.where ? `encryption at rest: ${fact.where}` : 'encryption at rest';
  const fix = fact.fix !== undefined ? { fix: fact.fix } : {};
  if (isUnknown(fact.encrypted)) {
    return [ctx.finding(id, fact.subject, { status: 'unknown', message: `whether ${what(fact)} is encrypted: ${fact.why}.`, detail, ...fix })];
  }
  return [ctx.finding(id, fact.subject, { message: `${capital(what(fact))} is not encrypted: ${fact.why}.`, detail, ...fix })];
}

function judgeKey(fact: AtRestFact, category: string, ctx: CheckContext): Finding[] {
  const sensitive = ctx.options.sensitiveStores;
  if (!sensitive.includes(category) && !sensitive.includes(fact.subject.type)) return [];
  const managed = fact.key.customerManaged;
  if (managed === true) return [];
  const detail = fact.where ? `customer-managed key: ${fact.where}` : 'customer-managed key';
  if (isUnknown(managed)) {
    return [ctx.finding('ENC-3', fact.subject, { status: 'unknown', message: `whether ${what(fact)} uses a customer-managed key: ${fact.key.why}.`, detail })];
  }
  return [
    ctx.finding('ENC-3', fact.subject, {
      message: `${capital(what(fact))} holds sensitive data (${category}) without a customer-managed key: ${fact.key.why}.`,
      detail,
    }),
  ];
}
