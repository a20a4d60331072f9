/**
 * CloudFormation storage resources -> encryption-at-rest facts: EBS volumes and the devices of
 * instances, launch templates and launch configurations (ENC-1), databases, file systems,
 * caches, search domains, warehouses, queues, topics, streams, tables, backup vaults and
 * buckets (ENC-2), which key encrypts each (ENC-3), and KMS key rotation (ENC-3).
 *
 * Absent properties read as the service default from the CloudFormation resource reference;
 * where a default depends on something outside the template (a snapshot, an image, the
 * account), the fact is unknown.
 */
import type { DataStoreFact, DiskFact, EncryptionKeyFact, KeyUse, StoreCategory } from '../../constructs/facts/encryption';
import { isUnknown, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { allOf, Judged, readChoice, readFlag, textsAt, valuesAt, worstOf } from './flags';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import { PartialString, Reference, Value, ValueObject } from './values';

const VOLUME = 'AWS::EC2::Volume';
const INSTANCE = 'AWS::EC2::Instance';
const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const KMS_KEY = 'AWS::KMS::Key';
const KMS_ALIAS = 'AWS::KMS::Alias';

/** How a store of one type is encrypted: a flag with its default, or always; and which key. */
interface StoreSpec {
  readonly category: StoreCategory;
  /** The property that turns encryption on, and what its absence means; absent when the service always encrypts. */
  readonly flag?: { readonly path: readonly string[]; readonly absent: Judged<boolean> };
  /** Why the store is encrypted whatever the template says. */
  readonly always?: string;
  /** Properties that restore the store from a snapshot or a source, whose encryption it inherits when the flag is absent. */
  readonly restoredFrom?: readonly string[];
  /**
   * The property naming the key, or a fixed judgement where the service offers no choice;
   * absent where the type's reader in `SPECIAL` judges the key itself.
   */
  readonly key?: readonly string[] | KeyUse;
  /** Which key the service uses when the key property is absent. */
  readonly keyAbsent?: string;
  readonly fix?: string;
}

const off = (path: string, service: string): Judged<boolean> => ({ value: false, why: `${path} is not set, and ${service} does not encrypt at rest unless asked` });

/** Stores read the same way, by resource type. */
const STORES: Readonly<Record<string, StoreSpec>> = {
  'AWS::EFS::FileSystem': {
    category: 'file-system',
    flag: { path: ['Encrypted'], absent: off('Encrypted', 'EFS') },
    key: ['KmsKeyId'],
    keyAbsent: 'EFS uses the AWS managed key aws/elasticfilesystem',
    fix: 'Set Encrypted: true (an existing file system cannot be encrypted: create an encrypted one and copy the data).',
  },
  'AWS::FSx::FileSystem': { category: 'file-system', always: 'FSx always encrypts file systems at rest', key: ['KmsKeyId'], keyAbsent: 'FSx uses the AWS managed key aws/fsx' },
  'AWS::ElastiCache::ReplicationGroup': {
    category: 'cache',
    flag: { path: ['AtRestEncryptionEnabled'], absent: off('AtRestEncryptionEnabled', 'ElastiCache') },
    key: ['KmsKeyId'],
    keyAbsent: 'ElastiCache uses its default key',
    fix: 'Set AtRestEncryptionEnabled: true (it cannot be changed on an existing replication group).',
  },
  'AWS::ElastiCache::ServerlessCache': { category: 'cache', always: 'ElastiCache Serverless always encrypts at rest', key: ['KmsKeyId'], keyAbsent: 'ElastiCache uses an AWS owned key' },
  'AWS::DAX::Cluster': {
    category: 'cache',
    flag: { path: ['SSESpecification', 'SSEEnabled'], absent: off('SSESpecification.SSEEnabled', 'DAX') },
    key: { customerManaged: false, why: 'DAX encrypts only with an AWS owned key' },
    fix: 'Set SSESpecification.SSEEnabled: true.',
  },
  'AWS::OpenSearchService::Domain': {
    category: 'search',
    flag: { path: ['EncryptionAtRestOptions', 'Enabled'], absent: off('EncryptionAtRestOptions.Enabled', 'OpenSearch Service') },
    key: ['EncryptionAtRestOptions', 'KmsKeyId'],
    keyAbsent: 'OpenSearch Service uses the AWS managed key aws/es',
    fix: 'Set EncryptionAtRestOptions.Enabled: true.',
  },
  'AWS::Elasticsearch::Domain': {
    category: 'search',
    flag: { path: ['EncryptionAtRestOptions', 'Enabled'], absent: off('EncryptionAtRestOptions.Enabled', 'Elasticsearch Service') },
    key: ['EncryptionAtRestOptions', 'KmsKeyId'],
    keyAbsent: 'Elasticsearch Service uses the AWS managed key aws/es',
    fix: 'Set EncryptionAtRestOptions.Enabled: true.',
  },
  'AWS::Redshift::Cluster': {
    category: 'warehouse',
    flag: {
      path: ['Encrypted'],
      absent: { value: new Unknown('Encrypted is not set'), why: 'Encrypted is not set, and the service default has changed over time (clusters created before 2025 were unencrypted)' },
    },
    restoredFrom: ['SnapshotIdentifier'],
    key: ['KmsKeyId'],
    keyAbsent: 'Redshift uses the AWS managed key aws/redshift',
    fix: 'Set Encrypted: true.',
  },
  'AWS::RedshiftServerless::Namespace': { category: 'warehouse', always: 'Redshift Serverless always encrypts at rest', key: ['KmsKeyId'], keyAbsent: 'Redshift Serverless uses an AWS owned key' },
  'AWS::DocDB::DBCluster': {
    category: 'database',
    flag: { path: ['StorageEncrypted'], absent: off('StorageEncrypted', 'DocumentDB') },
    restoredFrom: ['SnapshotIdentifier', 'SourceDBClusterIdentifier'],
    key: ['KmsKeyId'],
    keyAbsent: 'DocumentDB uses the AWS managed key aws/rds',
    fix: 'Set StorageEncrypted: true (an existing cluster cannot be encrypted: restore a snapshot into an encrypted cluster).',
  },
  'AWS::Neptune::DBCluster': {
    category: 'database',
    flag: { path: ['StorageEncrypted'], absent: off('StorageEncrypted', 'Neptune') },
    restoredFrom: ['SnapshotIdentifier', 'SourceDBClusterIdentifier'],
    key: ['KmsKeyId'],
    keyAbsent: 'Neptune uses the AWS managed key aws/rds',
    fix: 'Set StorageEncrypted: true (an existing cluster cannot be encrypted: restore a snapshot into an encrypted cluster).',
  },
  'AWS::DynamoDB::Table': { category: 'table' },
  'AWS::DynamoDB::GlobalTable': { category: 'table' },
  'AWS::Backup::BackupVault': { category: 'backup', always: 'AWS Backup always encrypts backups in a vault', key: ['EncryptionKeyArn'], keyAbsent: 'AWS Backup uses its AWS managed key aws/backup' },
  'AWS::MSK::Cluster': {
    category: 'stream',
    always: 'MSK always encrypts broker storage at rest',
    key: ['EncryptionInfo', 'EncryptionAtRest', 'DataVolumeKMSKeyId'],
    keyAbsent: 'MSK uses the AWS managed key aws/kafka',
  },
  'AWS::SQS::Queue': { category: 'queue', key: ['KmsMasterKeyId'], keyAbsent: 'SQS uses its own SQS-owned key (SSE-SQS)' },
  'AWS::SNS::Topic': { category: 'topic', key: ['KmsMasterKeyId'], keyAbsent: 'SNS does not encrypt the topic' },
  'AWS::Kinesis::Stream': { category: 'stream', key: ['StreamEncryption', 'KeyId'], keyAbsent: 'Kinesis does not encrypt the stream' },
  'AWS::KinesisFirehose::DeliveryStream': { category: 'stream' },
  'AWS::S3::Bucket': { category: 'bucket' },
  'AWS::RDS::DBInstance': { category: 'database', key: ['KmsKeyId'], keyAbsent: 'RDS uses the AWS managed key aws/rds' },
  'AWS::RDS::DBCluster': { category: 'database', key: ['KmsKeyId'], keyAbsent: 'RDS uses the AWS managed key aws/rds' },
  'AWS::ElastiCache::CacheCluster': { category: 'cache', key: { customerManaged: false, why: 'a single cache cluster cannot be encrypted at rest' } },
};

/** The resource types this file reads, and what it judges them for. */
export const ENCRYPTION_BINDINGS: Readonly<Record<string, readonly ('ENC-1' | 'ENC-2' | 'ENC-3')[]>> = {
  [VOLUME]: ['ENC-1', 'ENC-3'],
  [INSTANCE]: ['ENC-1', 'ENC-3'],
  [LAUNCH_TEMPLATE]: ['ENC-1', 'ENC-3'],
  [LAUNCH_CONFIGURATION]: ['ENC-1', 'ENC-3'],
  [ASG]: ['ENC-1'],
  ...Object.fromEntries(Object.keys(STORES).map((type) => [type, ['ENC-2', 'ENC-3'] as const])),
  [KMS_KEY]: ['ENC-3'],
};

type EncryptionFactOut = DiskFact | DataStoreFact | EncryptionKeyFact;

/**
 * Every encryption-at-rest fact of a template.
 *
 * @example
 * encryptionFacts(new TemplateContext(template)).filter((f) => f.kind === 'disk')
 */
export function encryptionFacts(ctx: TemplateContext): EncryptionFactOut[] {
  return [...diskFacts(ctx), ...storeFacts(ctx), ...keyFacts(ctx)];
}

// ---------------------------------------------------------------- keys

/**
 * Which key a key property names: a KMS key or alias of this template, a literal key or
 * customer alias (customer-managed), an `alias/aws/...` (AWS managed), or unknown.
 *
 * @example
 * keyUse(ctx, ['alias/aws/rds'], 'KmsKeyId', 'RDS uses aws/rds') // { customerManaged: false, why: 'KmsKeyId is alias/aws/rds, a key AWS manages' }
 */
export function keyUse(ctx: TemplateContext, values: readonly (Value | undefined)[], name: string, absent: string): KeyUse {
  const judged = worstOf(values.map((v): Judged<boolean> => {
    if (v === undefined) return { value: false, why: `${name} is not set, so ${absent}` };
    if (v instanceof Reference) {
      if (v.resourceType === KMS_KEY || v.resourceType === KMS_ALIAS) return { value: true, why: `${name} is ${ctx.label(v.logicalId)} of this template` };
      return { value: v, why: `${name} is ${v.reason}, which is not a KMS key` };
    }
    const text = v instanceof PartialString ? v.pattern() : readString(v);
    if (text === undefined) return { value: false, why: `${name} is not set, so ${absent}` };
    if (isUnknown(text)) return { value: text, why: `${name} is ${text.reason}` };
    if (/(^|:)alias\/aws\//.test(text)) return { value: false, why: `${name} is ${text}, a key AWS manages` };
    if (v instanceof PartialString && !/(:key\/|:alias\/|^alias\/)/.test(text)) return { value: v, why: `${name} is ${v.reason}` };
    return { value: true, why: `${name} is ${text}` };
  }));
  return { customerManaged: judged.value, why: judged.why };
}

function keyFacts(ctx: TemplateContext): EncryptionKeyFact[] {
  const out: EncryptionKeyFact[] = [];
  for (const id of ctx.ofType(KMS_KEY)) {
    const props = ctx.properties(id);
    // Automatic rotation exists only for symmetric encryption keys with KMS-generated material.
    const specs = textsAt(props, ['KeySpec']);
    if (specs.every((s) => s !== undefined && !isUnknown(s) && s !== 'SYMMETRIC_DEFAULT')) continue;
    const origins = textsAt(props, ['Origin']);
    const external = origins.find((o) => o !== undefined && !isUnknown(o) && o !== 'AWS_KMS');
    let judged: Judged<boolean>;
    if (typeof external === 'string') {
      judged = { value: new Unknown(`Origin is ${external}`), why: `Origin is ${external}, whose key material KMS cannot rotate automatically; rotation is manual and not visible in the template` };
    } else {
      judged = readFlag(valuesAt(props, ['EnableKeyRotation']), 'EnableKeyRotation', { value: false, why: 'EnableKeyRotation is not set (automatic rotation is off by default)' });
    }
    out.push({ kind: 'encryption-key', subject: ctx.ref(id), label: ctx.label(id), rotates: judged.value, why: judged.why });
  }
  return out;
}

// ---------------------------------------------------------------- block storage (ENC-1)

/** Device names that hold the root volume of common images. */
const ROOT_DEVICES: ReadonlySet<string> = new Set(['/dev/xvda', '/dev/sda1', '/dev/sda', 'xvda', 'sda1', '/dev/nvme0n1']);

function diskFacts(ctx: TemplateContext): DiskFact[] {
  const out: DiskFact[] = [];
  for (const id of ctx.ofType(VOLUME)) {
    const props = ctx.properties(id);
    const encrypted = ebsEncrypted(valuesAt(props, ['Encrypted']), props.SnapshotId, props.KmsKeyId, 'Encrypted');
    out.push({
      kind: 'disk',
      subject: ctx.ref(id),
      label: ctx.label(id),
      encrypted: encrypted.value,
      why: encrypted.why,
      key: keyUse(ctx, valuesAt(props, ['KmsKeyId']), 'KmsKeyId', 'EBS uses the AWS managed key aws/ebs'),
      fix: 'Set Encrypted: true (an existing volume cannot be encrypted: snapshot it and create an encrypted copy).',
    });
  }
  for (const id of ctx.ofType(LAUNCH_TEMPLATE)) {
    const data = ctx.properties(id).LaunchTemplateData;
    for (const d of possibleValues(data)) {
      if (d === undefined) continue;
      if (!isObject(d)) {
        out.push(unknownDisk(ctx, id, 'volumes', `LaunchTemplateData is ${describeValue(d)}`));
        continue;
      }
      out.push(...deviceFacts(ctx, id, d.BlockDeviceMappings, 'LaunchTemplateData.BlockDeviceMappings'));
    }
  }
  for (const id of ctx.ofType(LAUNCH_CONFIGURATION)) {
    out.push(...deviceFacts(ctx, id, ctx.properties(id).BlockDeviceMappings, 'BlockDeviceMappings'));
  }
  for (const id of ctx.ofType(INSTANCE)) {
    const props = ctx.properties(id);
    const own = props.BlockDeviceMappings;
    const template = props.LaunchTemplate;
    if (template === undefined || own !== undefined) {
      out.push(...deviceFacts(ctx, id, own, 'BlockDeviceMappings'));
      continue;
    }
    // The instance is judged through its launch template, when the template is in this one.
    out.push(...throughLaunchTemplate(ctx, id, template));
  }
  for (const id of ctx.ofType(ASG)) {
    const props = ctx.properties(id);
    const mixed = valuesAt(props, ['MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification']);
    const specs = [...possibleValues(props.LaunchTemplate), ...mixed].filter((s) => s !== undefined);
    for (const spec of specs) out.push(...throughLaunchTemplate(ctx, id, spec));
    for (const lc of possibleValues(props.LaunchConfigurationName)) {
      if (lc === undefined || (lc instanceof Reference && lc.resourceType === LAUNCH_CONFIGURATION)) continue;
      out.push(unknownDisk(ctx, id, 'volumes', `its launch configuration ${describeValue(lc)} is not in this template`));
    }
  }
  return out;
}

/** A resource launched from a launch template: judged there when the template is in this one. */
function throughLaunchTemplate(ctx: TemplateContext, id: string, spec: Value | undefined): DiskFact[] {
  const out: DiskFact[] = [];
  for (const s of possibleValues(spec)) {
    if (s === undefined) continue;
    const ref = isObject(s) ? s.LaunchTemplateId ?? s.LaunchTemplateName : s;
    for (const r of possibleValues(ref)) {
      if (r instanceof Reference && r.resourceType === LAUNCH_TEMPLATE) continue;
      out.push(unknownDisk(ctx, id, 'volumes', `its launch template ${describeValue(r)} is not in this template`));
    }
  }
  return out;
}

function unknownDisk(ctx: TemplateContext, id: string, where: string, why: string): DiskFact {
  const u = new Unknown(why);
  return { kind: 'disk', subject: ctx.ref(id), label: ctx.label(id), where, encrypted: u, why, key: { customerManaged: u, why } };
}

/** The EBS devices of an instance, launch template or launch configuration, and its root volume. */
function deviceFacts(ctx: TemplateContext, id: string, mappings: Value | undefined, path: string): DiskFact[] {
  const out: DiskFact[] = [];
  const subject = ctx.ref(id);
  const label = ctx.label(id);
  let rootDeclared = false;
  let listUnknown = false;
  for (const list of possibleValues(mappings)) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      listUnknown = true;
      out.push(unknownDisk(ctx, id, 'volumes', `${path} is ${describeValue(list)}`));
      continue;
    }
    list.forEach((item: Value, i: number) => {
      for (const m of possibleValues(item)) {
        if (m === undefined) continue;
        const at = `${path}[${i}]`;
        if (!isObject(m)) {
          out.push(unknownDisk(ctx, id, `volume ${at}`, `${at} is ${describeValue(m)}`));
          continue;
        }
        const device = readString(m.DeviceName);
        const name = typeof device === 'string' ? device : undefined;
        if (name !== undefined && ROOT_DEVICES.has(name)) rootDeclared = true;
        // Instance store volumes and suppressed devices are not EBS: not applicable.
        if (m.VirtualName !== undefined || (m.NoDevice !== undefined && readBoolean(m.NoDevice) !== false)) continue;
        const where = `volume ${at}${name !== undefined ? ` (${name})` : ''}`;
        const ebs = m.Ebs;
        if (!isObject(ebs)) {
          const why = ebs === undefined ? `${at} has no Ebs block` : `${at}.Ebs is ${describeValue(ebs)}`;
          out.push(unknownDisk(ctx, id, where, why));
          continue;
        }
        const encrypted = ebsEncrypted(valuesAt(ebs, ['Encrypted']), ebs.SnapshotId, ebs.KmsKeyId, `${at}.Ebs.Encrypted`);
        out.push({
          kind: 'disk',
          subject,
          label,
          where,
          encrypted: encrypted.value,
          why: encrypted.why,
          key: keyUse(ctx, valuesAt(ebs, ['KmsKeyId']), `${at}.Ebs.KmsKeyId`, 'EBS uses the AWS managed key aws/ebs'),
          fix: `Set ${at}.Ebs.Encrypted: true.`,
        });
      }
    });
  }
  if (!rootDeclared && !listUnknown) {
    const why = `the root volume comes from the image, and ${path} does not declare it, so it is encrypted only if the image's snapshot is or the account encrypts EBS by default`;
    const u = new Unknown(why);
    out.push({
      kind: 'disk',
      subject,
      label,
      where: 'root volume',
      encrypted: u,
      why,
      key: { customerManaged: u, why },
      fix: `Declare the root device (such as /dev/xvda) in ${path} with Ebs.Encrypted: true.`,
    });
  }
  return out;
}

/** EBS encryption: `Encrypted` decides; absent, a volume from a snapshot inherits its state, and a new one is unencrypted. */
function ebsEncrypted(flags: readonly (Value | undefined)[], snapshot: Value | undefined, kmsKey: Value | undefined, name: string): Judged<boolean> {
  const fromSnapshot = snapshot !== undefined;
  const absent: Judged<boolean> = fromSnapshot
    ? { value: new Unknown('from a snapshot'), why: `${name} is not set, and the volume is created from snapshot ${describeValue(snapshot)}, whose encryption it inherits` }
    : {
      value: false,
      why: kmsKey !== undefined
        ? `${name} is not set (a KmsKeyId alone does not encrypt the volume)`
        : `${name} is not set, so the volume is encrypted only if the account encrypts EBS by default, which the template cannot ensure`,
    };
  return readFlag(flags, name, absent);
}

// ---------------------------------------------------------------- other stores (ENC-2)

function storeFacts(ctx: TemplateContext): DataStoreFact[] {
  const out: DataStoreFact[] = [];
  for (const [type, spec] of Object.entries(STORES)) {
    for (const id of ctx.ofType(type)) {
      const props = ctx.properties(id);
      const read = SPECIAL[type];
      // Properties that cannot be read at all: no presence test may pass on them.
      const opaque = ctx.resolver.propertiesUnknown(id);
      const judged = opaque ? opaqueStore(opaque) : read ? read(ctx, props) : standard(spec, props);
      if (judged === undefined) continue;
      out.push({
        kind: 'data-store',
        category: spec.category,
        subject: ctx.ref(id),
        label: ctx.label(id),
        encrypted: judged.encrypted.value,
        why: judged.encrypted.why,
        key: judged.key ?? standardKey(ctx, spec, props),
        ...(judged.fix ?? spec.fix ? { fix: judged.fix ?? spec.fix } : {}),
      });
    }
  }
  return out;
}

/** What a reader found; `undefined` from a reader means "judged elsewhere" (an instance in a cluster). */
interface StoreJudgement {
  readonly encrypted: Judged<boolean>;
  readonly key?: KeyUse;
  readonly fix?: string;
}

function opaqueStore(u: Unknown): StoreJudgement {
  const why = `its Properties are ${u.reason}`;
  return { encrypted: { value: u, why }, key: { customerManaged: u, why } };
}

function standard(spec: StoreSpec, props: ValueObject): StoreJudgement {
  if (!spec.flag) return { encrypted: { value: true, why: spec.always ?? 'always encrypted' } };
  const restored = (spec.restoredFrom ?? []).find((p) => props[p] !== undefined);
  const absent: Judged<boolean> = restored
    ? { value: new Unknown(`restored from ${restored}`), why: `${spec.flag.path.join('.')} is not set, and the store is restored from ${restored} ${describeValue(props[restored])}, whose encryption it inherits` }
    : spec.flag.absent;
  return { encrypted: readFlag(valuesAt(props, spec.flag.path), spec.flag.path.join('.'), absent) };
}

function standardKey(ctx: TemplateContext, spec: StoreSpec, props: ValueObject): KeyUse {
  const key = spec.key;
  if (key === undefined) {
    const u = new Unknown('no key property is read for this type');
    return { customerManaged: u, why: u.reason };
  }
  if (!isKeyPath(key)) return key;
  return keyUse(ctx, valuesAt(props, key), key.join('.'), spec.keyAbsent ?? 'the service uses a key AWS manages');
}

function isKeyPath(key: readonly string[] | KeyUse): key is readonly string[] {
  return Array.isArray(key);
}

type Reader = (ctx: TemplateContext, props: ValueObject) => StoreJudgement | undefined;

const RDS_FIX = 'Set StorageEncrypted: true (an existing database cannot be encrypted: restore a snapshot copy into an encrypted one).';

/** Stores whose encryption needs more than one flag. */
const SPECIAL: Readonly<Record<string, Reader>> = {
  'AWS::RDS::DBInstance': (_ctx, props) => {
    // An instance of a cluster is judged by its cluster; a read replica inherits from its source.
    if (props.DBClusterIdentifier !== undefined) return undefined;
    const source = props.SourceDBInstanceIdentifier;
    if (source !== undefined && props.StorageEncrypted === undefined) {
      if (source instanceof Reference && source.resourceType === 'AWS::RDS::DBInstance') return undefined;
      const why = `it is a read replica of ${describeValue(source)}, which is not in this template and whose encryption it inherits`;
      return { encrypted: { value: new Unknown(why), why } };
    }
    const snapshot = props.DBSnapshotIdentifier;
    const absent: Judged<boolean> = snapshot !== undefined
      ? { value: new Unknown('restored from a snapshot'), why: `StorageEncrypted is not set, and the database is restored from DBSnapshotIdentifier ${describeValue(snapshot)}, whose encryption it inherits` }
      : off('StorageEncrypted', 'RDS');
    return { encrypted: readFlag(valuesAt(props, ['StorageEncrypted']), 'StorageEncrypted', absent), fix: RDS_FIX };
  },
  'AWS::RDS::DBCluster': (_ctx, props) => {
    const modes = textsAt(props, ['EngineMode']);
    if (modes.every((m) => m === 'serverless')) return { encrypted: { value: true, why: 'Aurora Serverless v1 clusters are always encrypted' } };
    const restored = ['SnapshotIdentifier', 'SourceDBClusterIdentifier'].find((p) => props[p] !== undefined);
    const absent: Judged<boolean> = restored
      ? { value: new Unknown(`restored from ${restored}`), why: `StorageEncrypted is not set, and the cluster is restored from ${restored} ${describeValue(props[restored])}, whose encryption it inherits` }
      : off('StorageEncrypted', 'RDS');
    return { encrypted: readFlag(valuesAt(props, ['StorageEncrypted']), 'StorageEncrypted', absent), fix: RDS_FIX };
  },
  'AWS::ElastiCache::CacheCluster': (_ctx, props) => {
    const engine = worstOf(textsAt(props, ['Engine']).map((e): Judged<boolean> => {
      if (isUnknown(e)) return { value: e, why: `Engine is ${e.reason}` };
      // Memcached keeps data in memory only: nothing at rest.
      if (e === 'memcached') return { value: true, why: 'Memcached keeps no data at rest' };
      return { value: false, why: `a single ${e ?? 'cache'} node cluster cannot be encrypted at rest` };
    }));
    return { encrypted: engine, fix: 'Use an ElastiCache replication group with AtRestEncryptionEnabled: true, or a serverless cache.' };
  },
  'AWS::SQS::Queue': (ctx, props) => {
    const kms = valuesAt(props, ['KmsMasterKeyId']);
    const hasKms = kms.every((k) => k !== undefined);
    const encrypted = hasKms
      ? { value: true, why: 'KmsMasterKeyId is set' }
      : readFlag(valuesAt(props, ['SqsManagedSseEnabled']), 'SqsManagedSseEnabled', { value: true, why: 'SQS encrypts new queues with SSE-SQS by default' });
    return {
      encrypted: encrypted.value === false ? { ...encrypted, why: `${encrypted.why} and no KmsMasterKeyId is set` } : encrypted,
      key: keyUse(ctx, kms, 'KmsMasterKeyId', 'SQS uses its own SQS-owned key (SSE-SQS)'),
      fix: 'Remove SqsManagedSseEnabled: false, or set KmsMasterKeyId.',
    };
  },
  'AWS::SNS::Topic': (ctx, props) => {
    const kms = valuesAt(props, ['KmsMasterKeyId']);
    const encrypted = worstOf(kms.map((k): Judged<boolean> => (k === undefined
      ? { value: false, why: 'KmsMasterKeyId is not set, and SNS does not encrypt topics unless asked' }
      : { value: true, why: 'KmsMasterKeyId is set' })));
    return { encrypted, key: keyUse(ctx, kms, 'KmsMasterKeyId', 'SNS does not encrypt the topic'), fix: 'Set KmsMasterKeyId (a customer-managed key, or alias/aws/sns).' };
  },
  'AWS::Kinesis::Stream': (_ctx, props) => ({
    encrypted: readChoice(valuesAt(props, ['StreamEncryption', 'EncryptionType']), 'StreamEncryption.EncryptionType', (t) => (t === undefined
      ? { value: false, why: 'StreamEncryption is not set, and Kinesis does not encrypt streams unless asked' }
      : { value: t === 'KMS', why: `StreamEncryption.EncryptionType is ${t}` })),
    fix: 'Set StreamEncryption to { EncryptionType: KMS, KeyId: <key> } (alias/aws/kinesis for the AWS managed key).',
  }),
  'AWS::KinesisFirehose::DeliveryStream': (ctx, props) => {
    // A stream reading from Kinesis or MSK keeps the source's encryption; it takes no setting of its own.
    const types = textsAt(props, ['DeliveryStreamType']);
    if (types.every((t) => t === 'KinesisStreamAsSource' || t === 'MSKAsSource')) return undefined;
    const keyTypes = valuesAt(props, ['DeliveryStreamEncryptionConfigurationInput', 'KeyType']);
    const encrypted = readChoice(keyTypes, 'DeliveryStreamEncryptionConfigurationInput.KeyType', (t) => (t === undefined
      ? { value: false, why: 'DeliveryStreamEncryptionConfigurationInput is not set, and Firehose does not encrypt buffered data unless asked' }
      : { value: t === 'AWS_OWNED_CMK' || t === 'CUSTOMER_MANAGED_CMK', why: `DeliveryStreamEncryptionConfigurationInput.KeyType is ${t}` }));
    const customer = readChoice(keyTypes, 'DeliveryStreamEncryptionConfigurationInput.KeyType', (t) => (t === 'CUSTOMER_MANAGED_CMK'
      ? { value: true, why: 'KeyType is CUSTOMER_MANAGED_CMK' }
      : { value: false, why: t === undefined ? 'DeliveryStreamEncryptionConfigurationInput is not set' : `DeliveryStreamEncryptionConfigurationInput.KeyType is ${t}` }));
    const key = customer.value === true
      ? keyUse(ctx, valuesAt(props, ['DeliveryStreamEncryptionConfigurationInput', 'KeyARN']), 'DeliveryStreamEncryptionConfigurationInput.KeyARN', 'no key is named')
      : { customerManaged: customer.value, why: customer.why };
    return { encrypted, key, fix: 'Set DeliveryStreamEncryptionConfigurationInput.KeyType (CUSTOMER_MANAGED_CMK with a KeyARN, or AWS_OWNED_CMK).' };
  },
  'AWS::DynamoDB::Table': (ctx, props) => ({
    encrypted: { value: true, why: 'DynamoDB encrypts every table at rest' },
    key: dynamoKey(ctx, valuesAt(props, ['SSESpecification', 'SSEEnabled']), valuesAt(props, ['SSESpecification', 'KMSMasterKeyId']), 'SSESpecification'),
  }),
  'AWS::DynamoDB::GlobalTable': (ctx, props) => {
    const replicas = possibleValues(props.Replicas).flatMap((l) => (Array.isArray(l) ? l : [l]));
    const keys = replicas.flatMap((r: Value | undefined) => valuesAt(r, ['SSESpecification', 'KMSMasterKeyId']));
    return {
      encrypted: { value: true, why: 'DynamoDB encrypts every table at rest' },
      key: dynamoKey(ctx, valuesAt(props, ['SSESpecification', 'SSEEnabled']), keys.length > 0 ? keys : [undefined], 'Replicas[].SSESpecification'),
    };
  },
  'AWS::S3::Bucket': (ctx, props) => bucketEncryption(ctx, props),
};

function dynamoKey(ctx: TemplateContext, enabled: readonly (Value | undefined)[], keys: readonly (Value | undefined)[], at: string): KeyUse {
  const on = readFlag(enabled, 'SSESpecification.SSEEnabled', { value: false, why: 'SSESpecification.SSEEnabled is not set' });
  if (isUnknown(on.value)) return { customerManaged: on.value, why: on.why };
  if (on.value === false) return { customerManaged: false, why: `${on.why}, so DynamoDB uses an AWS owned key` };
  return keyUse(ctx, keys, `${at}.KMSMasterKeyId`, 'DynamoDB uses the AWS managed key aws/dynamodb');
}

const S3_ALGORITHMS: ReadonlySet<string> = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/** S3 encrypts every object (SSE-S3) since 2023; a configuration can choose KMS, not turn it off. */
function bucketEncryption(ctx: TemplateContext, props: ValueObject): StoreJudgement {
  const judged: Judged<boolean>[] = [];
  const keys: KeyUse[] = [];
  const base = 'BucketEncryption.ServerSideEncryptionConfiguration';
  for (const list of valuesAt(props, ['BucketEncryption', 'ServerSideEncryptionConfiguration'])) {
    if (list === undefined) {
      judged.push({ value: true, why: 'S3 encrypts every new object with SSE-S3 by default' });
      keys.push({ customerManaged: false, why: 'BucketEncryption is not set, so S3 uses SSE-S3 (keys S3 manages)' });
      continue;
    }
    if (!Array.isArray(list)) {
      const u = list instanceof Unknown ? list : new Unknown(describeValue(list));
      judged.push({ value: u, why: `${base} is ${u.reason}` });
      keys.push({ customerManaged: u, why: `${base} is ${u.reason}` });
      continue;
    }
    list.forEach((rule: Value, i: number) => {
      const at = `${base}[${i}].ServerSideEncryptionByDefault`;
      const algorithms = valuesAt(rule, ['ServerSideEncryptionByDefault', 'SSEAlgorithm']);
      judged.push(readChoice(algorithms, `${at}.SSEAlgorithm`, (a) => (a === undefined
        ? { value: true, why: 'S3 encrypts every new object with SSE-S3 by default' }
        : { value: S3_ALGORITHMS.has(a), why: `${at}.SSEAlgorithm is ${a}, which is not an encryption S3 applies (AES256, aws:kms, aws:kms:dsse)` })));
      const kms = readChoice(algorithms, `${at}.SSEAlgorithm`, (a) => ({
        value: a === 'aws:kms' || a === 'aws:kms:dsse',
        why: a === undefined ? `${at} is not set, so S3 uses SSE-S3 (keys S3 manages)` : `${at}.SSEAlgorithm is ${a}, with keys S3 manages`,
      }));
      keys.push(kms.value === true
        ? keyUse(ctx, valuesAt(rule, ['ServerSideEncryptionByDefault', 'KMSMasterKeyID']), `${at}.KMSMasterKeyID`, 'S3 uses the AWS managed key aws/s3')
        : { customerManaged: kms.value, why: kms.why });
    });
  }
  const key = allOf(keys.map((k) => ({ value: k.customerManaged, why: k.why })));
  return {
    encrypted: allOf(judged),
    key: { customerManaged: key.value, why: key.why },
    fix: 'Set SSEAlgorithm to AES256, aws:kms or aws:kms:dsse.',
  };
}
