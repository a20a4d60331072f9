/**
 * ENC-1..ENC-3 over GCP resources: disks, instances and templates, data stores, Cloud KMS keys.
 */
import type { PulumiObject } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { judge, only, res, secret, UNKNOWN } from '../fixtures';

const CMEK = { kmsKeySelfLink: 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k' };
const BLOCK_SENSITIVE = { sensitiveStores: ['block-storage'] as const };

describe('disks: ENC-1 always holds (Google encrypts every disk), ENC-3 when block storage is sensitive', () => {
  it.each<[string, PulumiObject | undefined, string[]]>([
    ['a Cloud KMS key → pass', CMEK, []],
    ['a Cloud KMS key known only at deploy → pass (still customer-managed)', { kmsKeySelfLink: UNKNOWN }, []],
    ['no diskEncryptionKey (Google-managed key) → ENC-3 fail', undefined, ['ENC-3:fail']],
    ['a raw customer-supplied key → ENC-3 fail (not CMEK)', { rawKey: 'SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=' }, ['ENC-3:fail']],
    ['an RSA-wrapped customer-supplied key → ENC-3 fail', { rsaEncryptedKey: 'ieCx/NcW06PcT7Ep1X6LUTc/hLvUDYyzSZPPVCVPTVEohpeHASqC8uw5TzyO9U+Fka9JFH' }, ['ENC-3:fail']],
    ['the key block known only at deploy → ENC-3 unknown', UNKNOWN as unknown as PulumiObject, ['ENC-3:unknown']],
  ])('%s', (_name, key, expected) => {
    const disk = res(GCP.disk, 'data', key === undefined ? { size: 50 } : { size: 50, diskEncryptionKey: key });
    expect(judge([disk], 'ENC-1', BLOCK_SENSITIVE)).toEqual([]);
    expect(judge([disk], 'ENC-3', BLOCK_SENSITIVE)).toEqual(expected);
  });

  it('by default block storage is not sensitive: a Google-managed key passes', () => {
    expect(judge([res(GCP.disk, 'data', { size: 50 })], 'ENC-3')).toEqual([]);
  });

  it('a raw key in code is also an AUTH-3 finding, masked', () => {
    const f = only([res(GCP.disk, 'data', { diskEncryptionKey: { rawKey: 'SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=' } })], 'AUTH-3');
    expect(f.message).toBe("Disk 'data' sets diskEncryptionKey.rawKey to a plaintext secret '********'.");
  });

  it('a raw key that is a Pulumi secret is not plaintext (still not CMEK)', () => {
    const disk = res(GCP.regionDisk, 'data', { diskEncryptionKey: { rawKey: secret('SGVsbG8=') } });
    expect(judge([disk], 'AUTH-3')).toEqual([]);
    expect(judge([disk], 'ENC-3', BLOCK_SENSITIVE)).toEqual(['ENC-3:fail']);
  });

  it('message names the property and the key', () => {
    const f = only([res(GCP.disk, 'data', { size: 50 })], 'ENC-3', BLOCK_SENSITIVE);
    expect(f.message).toBe("Disk 'data' holds sensitive data (block-storage) without a customer-managed key: diskEncryptionKey is not set, so Compute Engine uses a Google-managed key.");
  });
});

describe('instances and templates', () => {
  const vm = (inputs: PulumiObject) => res(GCP.instance, 'vm', { machineType: 'e2-small', ...inputs });
  it.each<[string, PulumiObject, string[]]>([
    ['boot disk with kmsKeySelfLink → pass', { bootDisk: { ...CMEK } }, []],
    ['boot disk without a key → ENC-3 fail', { bootDisk: { initializeParams: { image: 'debian-12' } } }, ['ENC-3:fail']],
    ['boot disk with diskEncryptionKeyRaw → ENC-3 fail', { bootDisk: { diskEncryptionKeyRaw: 'SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=' } }, ['ENC-3:fail']],
    ['an attached disk declared elsewhere without a key of its own → ENC-3 unknown', { bootDisk: CMEK, attachedDisks: [{ source: 'projects/p/zones/z/disks/legacy' }] }, ['ENC-3:unknown']],
    ['an attached disk declared elsewhere with kmsKeySelfLink → pass', { bootDisk: CMEK, attachedDisks: [{ source: 'projects/p/zones/z/disks/legacy', ...CMEK }] }, []],
    ['bootDisk known only at deploy → ENC-3 unknown', { bootDisk: UNKNOWN }, ['ENC-3:unknown']],
  ])('%s', (_name, inputs, expected) => {
    expect(judge([vm(inputs)], 'ENC-3', BLOCK_SENSITIVE)).toEqual(expected);
  });

  it('an attached disk of the program is judged as that disk, once', () => {
    const disk = res(GCP.disk, 'data', { size: 50 });
    const findings = judge([disk, vm({ bootDisk: CMEK, attachedDisks: [{ source: 'https://www.googleapis.com/compute/v1/projects/p/zones/z/disks/data' }] })], 'ENC-3', BLOCK_SENSITIVE);
    expect(findings).toEqual(['ENC-3:fail']);
  });

  it('the attached disk joins through its property dependency in a preview', () => {
    const disk = res(GCP.disk, 'data', { size: 50, diskEncryptionKey: CMEK });
    const host = { ...vm({ bootDisk: CMEK, attachedDisks: [{ source: UNKNOWN }] }), dependencies: { attachedDisks: [{ type: GCP.disk, name: 'data' }] } };
    expect(judge([disk, host], 'ENC-3', BLOCK_SENSITIVE)).toEqual([]);
  });

  it.each<[string, PulumiObject, string[]]>([
    ['template disks with a Cloud KMS key → pass', { disks: [{ boot: true, diskEncryptionKey: CMEK }] }, []],
    ['a template disk without a key → ENC-3 fail', { disks: [{ boot: true }, { diskEncryptionKey: CMEK }] }, ['ENC-3:fail']],
    ['a local SSD takes no key → pass', { disks: [{ boot: true, diskEncryptionKey: CMEK }, { type: 'SCRATCH', diskType: 'local-ssd' }] }, []],
  ])('%s', (_name, inputs, expected) => {
    expect(judge([res(GCP.instanceTemplate, 't', inputs)], 'ENC-3', BLOCK_SENSITIVE)).toEqual(expected);
  });

  it('message names the disk of the host', () => {
    const f = only([res(GCP.regionInstanceTemplate, 't', { disks: [{ boot: true }] })], 'ENC-3', BLOCK_SENSITIVE);
    expect(f.message).toBe(
      "The disks[0] (boot) of Regional instance template 't' holds sensitive data (block-storage) without a customer-managed key: disks[0].diskEncryptionKey is not set, so Compute Engine uses a Google-managed key.",
    );
  });
});

describe('data stores: ENC-2 always holds; ENC-3 for sensitive categories', () => {
  it.each<[string, string, PulumiObject, string, string[]]>([
    ['Cloud SQL with encryptionKeyName → pass', GCP.sqlDatabaseInstance, { encryptionKeyName: 'k' }, 'database', []],
    ['Cloud SQL without a key (a database is sensitive by default) → fail', GCP.sqlDatabaseInstance, {}, 'database', ['ENC-3:fail']],
    ['Cloud SQL with a key known only at deploy → pass', GCP.sqlDatabaseInstance, { encryptionKeyName: UNKNOWN }, 'database', []],
    ['Memorystore without customerManagedKey, caches sensitive → fail', GCP.redisInstance, {}, 'cache', ['ENC-3:fail']],
    ['Filestore with kmsKeyName → pass', GCP.filestoreInstance, { kmsKeyName: 'k' }, 'file-system', []],
    ['Pub/Sub topic without kmsKeyName, topics sensitive → fail', GCP.pubsubTopic, {}, 'topic', ['ENC-3:fail']],
    ['BigQuery dataset with defaultEncryptionConfiguration → pass', GCP.bigqueryDataset, { defaultEncryptionConfiguration: { kmsKeyName: 'k' } }, 'warehouse', []],
    ['bucket with encryption.defaultKmsKeyName → pass', GCP.bucket, { encryption: { defaultKmsKeyName: 'k' } }, 'bucket', []],
    ['bucket whose encryption block is known only at deploy → unknown', GCP.bucket, { encryption: UNKNOWN }, 'bucket', ['ENC-3:unknown']],
    ['bucket without a key, buckets sensitive → fail', GCP.bucket, { location: 'EU' }, 'bucket', ['ENC-3:fail']],
  ])('%s', (_name, type, inputs, category, expected) => {
    const r = res(type, 'store', inputs);
    expect(judge([r], 'ENC-2', { sensitiveStores: [category as 'bucket'] })).toEqual([]);
    expect(judge([r], 'ENC-3', { sensitiveStores: [category as 'bucket'] })).toEqual(expected);
  });

  it('a bucket is not sensitive by default', () => {
    expect(judge([res(GCP.bucket, 'assets', {})], 'ENC-3')).toEqual([]);
  });

  it('message names the property', () => {
    expect(only([res(GCP.sqlDatabaseInstance, 'orders', {})], 'ENC-3').message).toBe(
      "Cloud SQL instance 'orders' holds sensitive data (database) without a customer-managed key: encryptionKeyName is not set, so Cloud SQL uses a Google-managed key.",
    );
  });
});

describe('Cloud KMS keys: ENC-3 rotation', () => {
  it.each<[string, PulumiObject, string[]]>([
    ['rotationPeriod 90 days → pass', { rotationPeriod: '7776000s' }, []],
    ['rotationPeriod 30 days → pass', { rotationPeriod: '2592000s' }, []],
    ['rotationPeriod a year → fail', { rotationPeriod: '31536000s' }, ['ENC-3:fail']],
    ['no rotationPeriod → fail', {}, ['ENC-3:fail']],
    ['an asymmetric signing key cannot rotate automatically → not applicable', { purpose: 'ASYMMETRIC_SIGN' }, []],
    ['rotationPeriod known only at deploy → unknown', { rotationPeriod: UNKNOWN }, ['ENC-3:unknown']],
    ['rotationPeriod not a duration → unknown', { rotationPeriod: '90d' }, ['ENC-3:unknown']],
    ['purpose known only at deploy → unknown', { purpose: UNKNOWN, rotationPeriod: '7776000s' }, ['ENC-3:unknown']],
  ])('%s', (_name, inputs, expected) => {
    expect(judge([res(GCP.cryptoKey, 'k', { keyRing: 'r', ...inputs })], 'ENC-3')).toEqual(expected);
  });

  it('keyRotationDays lowers the bar', () => {
    expect(judge([res(GCP.cryptoKey, 'k', { rotationPeriod: '7776000s' })], 'ENC-3', { keyRotationDays: 30 })).toEqual(['ENC-3:fail']);
  });

  it('messages name the period', () => {
    expect(only([res(GCP.cryptoKey, 'k', { rotationPeriod: '31536000s' })], 'ENC-3').message).toBe("Crypto key 'k' rotates only every 365 days, more than 90: rotationPeriod is 31536000s (365 days).");
    expect(only([res(GCP.cryptoKey, 'k', {})], 'ENC-3').message).toBe("Crypto key 'k' does not rotate: rotationPeriod is not set, so the key never rotates by itself.");
  });
});
