/**
 * GCP encryption at rest -> encryption facts: persistent disks (standalone, boot and attached
 * disks of instances, disks of instance templates), data stores (Cloud SQL, Memorystore,
 * Filestore, Pub/Sub, BigQuery, Cloud Storage) and Cloud KMS key rotation.
 *
 * Google encrypts all of them at rest, always: what a program decides is which key. A Cloud KMS
 * key (`kmsKeySelfLink`, `kmsKeyName`, ...) is customer-managed; nothing, or a customer-supplied
 * raw or RSA-wrapped key, is not (a raw key in the code is also an AUTH-3 finding, see
 * `secrets.ts`).
 */
import type { DataStoreFact, DiskFact, EncryptionKeyFact, KeyUse, StoreCategory } from '../../constructs/facts/encryption';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { ProgramContext } from './program';
import { at, isObject, readList, readString } from './read';
import type { PulumiObject, PulumiResource, PulumiValue } from './resource';
import { GCP } from './types';

type Out = DiskFact | DataStoreFact | EncryptionKeyFact;

const HOSTS = [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate];
const DISKS = [GCP.disk, GCP.regionDisk];

/** Data stores: where their key is set, and what they hold. */
const STORES: Readonly<Record<string, { readonly category: StoreCategory; readonly key: readonly string[]; readonly service: string }>> = {
  [GCP.sqlDatabaseInstance]: { category: 'database', key: ['encryptionKeyName'], service: 'Cloud SQL' },
  [GCP.redisInstance]: { category: 'cache', key: ['customerManagedKey'], service: 'Memorystore' },
  [GCP.filestoreInstance]: { category: 'file-system', key: ['kmsKeyName'], service: 'Filestore' },
  [GCP.pubsubTopic]: { category: 'topic', key: ['kmsKeyName'], service: 'Pub/Sub' },
  [GCP.bigqueryDataset]: { category: 'warehouse', key: ['defaultEncryptionConfiguration', 'kmsKeyName'], service: 'BigQuery' },
  [GCP.bucket]: { category: 'bucket', key: ['encryption', 'defaultKmsKeyName'], service: 'Cloud Storage' },
};

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_ENCRYPTION_BINDINGS['gcp:compute/disk:Disk'] // ['ENC-1', 'ENC-3']
 */
export const GCP_ENCRYPTION_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  ...Object.fromEntries([...DISKS, ...HOSTS].map((t): [string, readonly RequirementId[]] => [t, ['ENC-1', 'ENC-3']])),
  ...Object.fromEntries(Object.keys(STORES).map((t): [string, readonly RequirementId[]] => [t, ['ENC-2', 'ENC-3']])),
  [GCP.cryptoKey]: ['ENC-3'],
};

const DISK_ENCRYPTED = 'Compute Engine encrypts every persistent disk at rest';

/**
 * Every encryption fact of a program.
 *
 * @example
 * gcpEncryptionFacts(new ProgramContext(resources)).filter((f) => f.kind === 'disk')
 */
export function gcpEncryptionFacts(program: ProgramContext): Out[] {
  const out: Out[] = [];
  for (const d of program.ofTypes(DISKS)) {
    out.push(disk(program, d, undefined, diskKey(d.inputs.diskEncryptionKey, 'diskEncryptionKey', { raw: 'rawKey', rsa: 'rsaEncryptedKey' })));
  }
  for (const host of program.ofType(GCP.instance)) out.push(...instanceDisks(program, host));
  for (const t of program.ofTypes([GCP.instanceTemplate, GCP.regionInstanceTemplate])) out.push(...templateDisks(program, t));
  for (const [type, store] of Object.entries(STORES)) {
    for (const r of program.ofType(type)) out.push(dataStore(program, r, store));
  }
  for (const k of program.ofType(GCP.cryptoKey)) {
    const fact = keyRotation(program, k);
    if (fact) out.push(fact);
  }
  return out;
}

function disk(program: ProgramContext, r: PulumiResource, where: string | undefined, key: KeyUse): DiskFact {
  return {
    kind: 'disk',
    subject: program.ref(r),
    label: program.label(r),
    ...(where !== undefined ? { where } : {}),
    encrypted: true,
    why: DISK_ENCRYPTED,
    key,
    fix: 'Encrypt the disk with a Cloud KMS key (kmsKeySelfLink), never a raw key in the code.',
  };
}

/** Which key encrypts a disk, from its key block (`diskEncryptionKey`) or the fields of an instance's disk. */
function diskKey(block: PulumiValue | undefined, path: string, names: { readonly raw: string; readonly rsa: string }): KeyUse {
  if (block === undefined || block === null) return { customerManaged: false, why: `${path} is not set, so Compute Engine uses a Google-managed key` };
  if (isUnknown(block)) return { customerManaged: block, why: `${path} is ${block.reason}` };
  if (!isObject(block)) return { customerManaged: new Unknown(`${path} is ${JSON.stringify(block)}, which is not a key block`), why: '' };
  return keyFields(block, `${path}.`, names);
}

function keyFields(fields: PulumiObject, prefix: string, names: { readonly raw: string; readonly rsa: string }): KeyUse {
  // A Cloud KMS key, even one known only at deploy, is customer-managed.
  if (fields.kmsKeySelfLink !== undefined && fields.kmsKeySelfLink !== null && fields.kmsKeySelfLink !== '') {
    return { customerManaged: true, why: `${prefix}kmsKeySelfLink names a Cloud KMS key` };
  }
  if (present(fields[names.raw])) {
    return { customerManaged: false, why: `${prefix}${names.raw} is a customer-supplied raw key, which Cloud KMS does not manage (nor rotate, nor audit)` };
  }
  if (present(fields[names.rsa])) {
    return { customerManaged: false, why: `${prefix}${names.rsa} is a customer-supplied key, which Cloud KMS does not manage (nor rotate, nor audit)` };
  }
  return { customerManaged: false, why: `${prefix}kmsKeySelfLink is not set, so Compute Engine uses a Google-managed key` };
}

function present(v: PulumiValue | undefined): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** The boot disk and attached disks of an instance; attached disks of the program are judged as themselves. */
function instanceDisks(program: ProgramContext, host: PulumiResource): DiskFact[] {
  const out: DiskFact[] = [];
  const names = { raw: 'diskEncryptionKeyRaw', rsa: 'diskEncryptionKeyRsa' };
  const boot = host.inputs.bootDisk;
  if (isUnknown(boot)) out.push(disk(program, host, 'boot disk', { customerManaged: boot, why: `bootDisk is ${boot.reason}` }));
  else if (isObject(boot)) {
    // A boot disk made from an existing disk of the program is judged as that disk.
    const source = program.target(host, ['bootDisk', 'source'], DISKS);
    if (source === undefined || isUnknown(source)) out.push(disk(program, host, 'boot disk', keyFields(boot, 'bootDisk.', names)));
  }
  const attached = readList(host.inputs.attachedDisks);
  if (isUnknown(attached)) out.push(disk(program, host, 'attached disks', { customerManaged: attached, why: `attachedDisks is ${attached.reason}` }));
  else {
    (attached ?? []).forEach((a, i) => {
      if (!isObject(a)) return;
      const where = `attachedDisks[${i}]${typeof a.deviceName === 'string' ? ` (${a.deviceName})` : ''}`;
      const source = program.targetOf(host, 'attachedDisks', a.source, DISKS, `attachedDisks[${i}].source`);
      if (source !== undefined && !isUnknown(source)) return;
      const key = keyFields(a, `${where}.`, names);
      // Without a key of its own, an attached disk keeps the key it was created with, elsewhere.
      const decided = key.customerManaged === true || present(a[names.raw]) || present(a[names.rsa]);
      out.push(disk(program, host, where, decided ? key : { customerManaged: new Unknown(`the disk ${describe(a.source)} is declared outside the program`), why: '' }));
    });
  }
  return out;
}

/** The disks of an instance template: what every instance made from it gets. */
function templateDisks(program: ProgramContext, t: PulumiResource): DiskFact[] {
  const disks = readList(t.inputs.disks);
  if (disks === undefined) return [];
  if (isUnknown(disks)) return [disk(program, t, 'disks', { customerManaged: disks, why: `disks is ${disks.reason}` })];
  return disks.flatMap((d, i) => {
    if (!isObject(d)) return [];
    // Local SSDs (SCRATCH) are encrypted by Google and take no key.
    if (typeof d.type === 'string' && d.type.toUpperCase() === 'SCRATCH') return [];
    const where = `disks[${i}]${d.boot === true ? ' (boot)' : typeof d.deviceName === 'string' ? ` (${d.deviceName})` : ''}`;
    return [disk(program, t, where, diskKey(d.diskEncryptionKey, `disks[${i}].diskEncryptionKey`, { raw: 'rawKey', rsa: 'rsaEncryptedKey' }))];
  });
}

function describe(v: PulumiValue | undefined): string {
  return typeof v === 'string' ? `'${v}'` : 'it names';
}

function dataStore(program: ProgramContext, r: PulumiResource, store: { readonly category: StoreCategory; readonly key: readonly string[]; readonly service: string }): DataStoreFact {
  const path = store.key.join('.');
  const value = at(r.inputs, ...store.key);
  let key: KeyUse;
  if (isUnknown(value) && at(r.inputs, store.key[0]) === value && store.key.length > 1) {
    key = { customerManaged: value, why: `${store.key[0]} is ${value.reason}` };
  } else if (value === undefined || value === '') {
    key = { customerManaged: false, why: `${path} is not set, so ${store.service} uses a Google-managed key` };
  } else {
    key = { customerManaged: true, why: `${path} names a Cloud KMS key` };
  }
  return {
    kind: 'data-store',
    category: store.category,
    subject: program.ref(r),
    label: program.label(r),
    encrypted: true,
    why: `${store.service} encrypts data at rest`,
    key,
    fix: `Encrypt it with a Cloud KMS key (${path}).`,
  };
}

/** ENC-3 for a symmetric Cloud KMS key: it rotates, and how often. */
function keyRotation(program: ProgramContext, k: PulumiResource): EncryptionKeyFact | undefined {
  const purpose = readString(k.inputs.purpose) ?? 'ENCRYPT_DECRYPT';
  // Only symmetric encryption keys rotate automatically; asymmetric and MAC keys cannot.
  if (typeof purpose === 'string' && purpose.toUpperCase() !== 'ENCRYPT_DECRYPT') return undefined;
  const base = { kind: 'encryption-key' as const, subject: program.ref(k), label: program.label(k), fix: 'Set rotationPeriod to 90 days or less (7776000s).' };
  if (isUnknown(purpose)) return { ...base, rotates: new Unknown(`purpose is ${purpose.reason}`), why: `purpose is ${purpose.reason}` };
  const period = readString(k.inputs.rotationPeriod);
  if (period === undefined || period === '') return { ...base, rotates: false, why: 'rotationPeriod is not set, so the key never rotates by itself' };
  if (isUnknown(period)) return { ...base, rotates: new Unknown(`rotationPeriod is ${period.reason}`), why: `rotationPeriod is ${period.reason}` };
  const days = durationDays(period);
  if (isUnknown(days)) return { ...base, rotates: days, why: days.reason };
  return { ...base, rotates: true, rotationPeriodDays: days, why: `rotationPeriod is ${period} (${Math.round(days * 10) / 10} days)` };
}

/**
 * Days in a protobuf duration (`7776000s`).
 *
 * @example
 * durationDays('7776000s') // 90
 */
export function durationDays(text: string): Maybe<number> {
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(text);
  return m ? Number(m[1]) / 86400 : new Unknown(`'${text}', which is not a duration in seconds`);
}
