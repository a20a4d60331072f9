/**
 * ENC-1..ENC-3 checks over facts, provider-neutral: the same facts a GCP disk or Cloud SQL
 * instance would give.
 */
import { checkContext } from '../../../constructs/checks';
import { checkDataStore, checkDisk, checkEncryptionKey } from '../../../constructs/checks/encryption';
import type { DataStoreFact, DiskFact, KeyUse } from '../../../constructs/facts/encryption';
import { Unknown } from '../../../constructs/unknown';

const cmk: KeyUse = { customerManaged: true, why: 'kmsKeySelfLink is set' };
const disk = (over: Partial<DiskFact> = {}): DiskFact => ({
  kind: 'disk', subject: { type: 'gcp:compute/disk:Disk', urn: 'urn:disk', name: 'data' }, label: "Disk 'data'", encrypted: true, why: 'always encrypted', key: cmk, ...over,
});
const store = (over: Partial<DataStoreFact> = {}): DataStoreFact => ({
  kind: 'data-store', category: 'database', subject: { type: 'gcp:sql/databaseInstance:DatabaseInstance', name: 'db' }, label: "Cloud SQL instance 'db'",
  encrypted: true, why: 'always encrypted', key: cmk, ...over,
});
const ctx = checkContext();
const statuses = (fs: ReturnType<typeof checkDisk>) => fs.map((f) => `${f.requirement}:${f.status}`);

describe('checkDisk (ENC-1)', () => {
  it.each<[string, Partial<DiskFact>, string[]]>([
    ['encrypted → pass', {}, []],
    ['not encrypted → fail', { encrypted: false, why: 'Encrypted is false' }, ['ENC-1:fail']],
    ['unknown → unknown', { encrypted: new Unknown('import'), why: 'Encrypted is an import' }, ['ENC-1:unknown']],
    ['provider key on a disk, block storage not sensitive by default → pass', { key: { customerManaged: false, why: 'no key' } }, []],
  ])('%s', (_n, over, expected) => {
    expect(statuses(checkDisk(disk(over), ctx))).toEqual(expected);
  });

  it('names the part of the resource in the message and the detail', () => {
    const [f] = checkDisk(disk({ where: 'boot disk', encrypted: false, why: 'diskEncryptionKey is not set' }), ctx);
    expect(f.message).toBe("The boot disk of Disk 'data' is not encrypted: diskEncryptionKey is not set.");
    expect(f.detail).toBe('encryption at rest: boot disk');
  });
});

describe('checkDataStore (ENC-2, ENC-3)', () => {
  it.each<[string, Partial<DataStoreFact>, string[]]>([
    ['encrypted with a customer key → pass', {}, []],
    ['not encrypted and no customer key → ENC-2 and ENC-3', { encrypted: false, key: { customerManaged: false, why: 'no key' } }, ['ENC-2:fail', 'ENC-3:fail']],
    ['provider key on a database → ENC-3 fail', { key: { customerManaged: false, why: 'no key' } }, ['ENC-3:fail']],
    ['unknown key on a database → ENC-3 unknown', { key: { customerManaged: new Unknown('import'), why: 'key is an import' } }, ['ENC-3:unknown']],
    ['provider key on a queue → pass (queues are not sensitive by default)', { category: 'queue', key: { customerManaged: false, why: 'no key' } }, []],
  ])('%s', (_n, over, expected) => {
    expect(statuses(checkDataStore(store(over), ctx))).toEqual(expected);
  });

  it('a team may mark categories or types sensitive', () => {
    const queue = store({ category: 'queue', subject: { type: 'AWS::SQS::Queue', logicalId: 'Q' }, key: { customerManaged: false, why: 'no key' } });
    expect(statuses(checkDataStore(queue, checkContext({ sensitiveStores: ['queue'] })))).toEqual(['ENC-3:fail']);
    expect(statuses(checkDataStore(queue, checkContext({ sensitiveStores: ['AWS::SQS::Queue'] })))).toEqual(['ENC-3:fail']);
    expect(statuses(checkDataStore(store({ key: { customerManaged: false, why: 'no key' } }), checkContext({ sensitiveStores: ['bucket'] })))).toEqual([]);
  });
});

describe('checkEncryptionKey (ENC-3)', () => {
  const key = { kind: 'encryption-key' as const, subject: { type: 'gcp:kms/cryptoKey:CryptoKey', name: 'k' }, label: "Crypto key 'k'" };
  it.each<[string, boolean | Unknown, string[]]>([
    ['rotates → pass', true, []],
    ['does not rotate → fail', false, ['ENC-3:fail']],
    ['unknown → unknown', new Unknown('import'), ['ENC-3:unknown']],
  ])('%s', (_n, rotates, expected) => {
    expect(statuses(checkEncryptionKey({ ...key, rotates, why: 'rotationPeriod is not set' }, ctx))).toEqual(expected);
  });
});
