/**
 * ENC-1..ENC-3 over CloudFormation, end to end: template -> facts -> checks -> findings.
 */
import { findingsOf, Json, Res, template, verdicts } from '../fixtures';

const IMPORT = { 'Fn::ImportValue': 'shared-value' };
const NO_VALUE = { Ref: 'AWS::NoValue' };
const iff = (a: Json, b: Json): Json => ({ 'Fn::If': ['Cond', a, b] });

/** Parameters every test template may reference. */
const PARAMETERS = {
  Parameters: {
    TrueDefault: { Type: 'String', Default: 'true' },
    EitherFlag: { Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] },
    NoDefault: { Type: 'String' },
  },
  Conditions: { Cond: { 'Fn::Equals': ['a', 'b'] } },
};

const t = (resources: Record<string, Res>, options = {}) => findingsOf(template(resources, PARAMETERS), options);

const volume = (props: { [k: string]: Json }): Record<string, Res> => ({
  Data: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-1a', Size: 10, ...props } },
});

const ebs = (props: { [k: string]: Json }, device = '/dev/xvda'): Json => ({ DeviceName: device, Ebs: { VolumeSize: 8, ...props } });

const instance = (props: { [k: string]: Json }): Record<string, Res> => ({
  Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Subnet' }, ...props } },
});

const launchTemplate = (data: { [k: string]: Json }): Res => ({
  Type: 'AWS::EC2::LaunchTemplate',
  Properties: { LaunchTemplateData: { ImageId: 'ami-1', ...data } },
});

describe('ENC-1: block storage is encrypted', () => {
  it.each<[string, Record<string, Res>, string[]]>([
    ['volume Encrypted true → pass', volume({ Encrypted: true }), []],
    ['volume Encrypted "true" → pass', volume({ Encrypted: 'true' }), []],
    ['volume Encrypted "True" → pass', volume({ Encrypted: 'True' }), []],
    ['volume Encrypted built with Fn::Join → pass', volume({ Encrypted: { 'Fn::Join': ['', ['tr', 'ue']] } }), []],
    ['volume Encrypted from a parameter defaulting to "true" → pass', volume({ Encrypted: { Ref: 'TrueDefault' } }), []],
    ['volume Encrypted false → fail', volume({ Encrypted: false }), ['ENC-1:fail']],
    ['volume Encrypted "false" → fail', volume({ Encrypted: 'false' }), ['ENC-1:fail']],
    ['volume without Encrypted → fail', volume({}), ['ENC-1:fail']],
    ['volume with KmsKeyId but no Encrypted → fail', volume({ KmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/abc' }), ['ENC-1:fail']],
    ['volume Encrypted false in one Fn::If branch → fail', volume({ Encrypted: iff(true, false) }), ['ENC-1:fail']],
    ['volume Encrypted AWS::NoValue in one Fn::If branch → fail', volume({ Encrypted: iff(true, NO_VALUE) }), ['ENC-1:fail']],
    ['volume Encrypted from a parameter allowing "false" → fail', volume({ Encrypted: { Ref: 'EitherFlag' } }), ['ENC-1:fail']],
    ['volume Encrypted from Fn::ImportValue → unknown', volume({ Encrypted: IMPORT }), ['ENC-1:unknown']],
    ['volume Encrypted from a parameter without default → unknown', volume({ Encrypted: { Ref: 'NoDefault' } }), ['ENC-1:unknown']],
    ['volume from a snapshot without Encrypted → unknown', volume({ SnapshotId: 'snap-1' }), ['ENC-1:unknown']],
    ['volume from a snapshot with Encrypted false → fail', volume({ SnapshotId: 'snap-1', Encrypted: false }), ['ENC-1:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'ENC-1')).toEqual(expected);
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['instance with an encrypted root device → pass', instance({ BlockDeviceMappings: [ebs({ Encrypted: true })] }), []],
    ['instance with an unencrypted data device → fail', instance({ BlockDeviceMappings: [ebs({ Encrypted: true }), ebs({}, '/dev/sdb')] }), ['ENC-1:fail']],
    ['instance with a device Encrypted "false" → fail', instance({ BlockDeviceMappings: [ebs({ Encrypted: 'false' })] }), ['ENC-1:fail']],
    ['instance device encryption under Fn::If → fail', instance({ BlockDeviceMappings: [ebs({ Encrypted: iff(true, false) })] }), ['ENC-1:fail']],
    ['instance device list chosen by Fn::If → fail', instance({ BlockDeviceMappings: iff([ebs({ Encrypted: true })], [ebs({ Encrypted: false })]) }), ['ENC-1:fail']],
    ['instance with an ephemeral (instance store) device → not applicable', instance({ BlockDeviceMappings: [ebs({ Encrypted: true }), { DeviceName: '/dev/sdc', VirtualName: 'ephemeral0' }] }), []],
    ['instance suppressing a device with NoDevice → not applicable', instance({ BlockDeviceMappings: [ebs({ Encrypted: true }), { DeviceName: '/dev/sdd', NoDevice: {} }] }), []],
    ['instance without BlockDeviceMappings (root from the image) → unknown', instance({}), ['ENC-1:unknown']],
    ['instance declaring only a data device (root from the image) → unknown', instance({ BlockDeviceMappings: [ebs({ Encrypted: true }, '/dev/sdb')] }), ['ENC-1:unknown']],
    ['instance device encryption from an import → unknown', instance({ BlockDeviceMappings: [ebs({ Encrypted: IMPORT })] }), ['ENC-1:unknown']],
    ['instance mappings from an import → unknown', instance({ BlockDeviceMappings: IMPORT }), ['ENC-1:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'ENC-1')).toEqual(expected);
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['launch template with an encrypted root device → pass', { Lt: launchTemplate({ BlockDeviceMappings: [ebs({ Encrypted: true })] }) }, []],
    ['launch template with Encrypted false → fail', { Lt: launchTemplate({ BlockDeviceMappings: [ebs({ Encrypted: false })] }) }, ['ENC-1:fail']],
    ['launch template with KmsKeyId only → fail', { Lt: launchTemplate({ BlockDeviceMappings: [ebs({ KmsKeyId: 'alias/team' })] }) }, ['ENC-1:fail']],
    ['launch template without mappings → unknown', { Lt: launchTemplate({}) }, ['ENC-1:unknown']],
    ['launch template data from an import → unknown', { Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: IMPORT } } }, ['ENC-1:unknown']],
    [
      'launch configuration with an unencrypted device → fail',
      { Lc: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', BlockDeviceMappings: [ebs({})] } } },
      ['ENC-1:fail'],
    ],
    [
      'launch configuration with NoDevice true and an encrypted root → pass',
      { Lc: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', BlockDeviceMappings: [ebs({ Encrypted: true }), { DeviceName: '/dev/sdb', NoDevice: true }] } } },
      [],
    ],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'ENC-1')).toEqual(expected);
  });

  describe('instances and groups launched from a template are judged through it', () => {
    const lt = (encrypted: Json): Res => launchTemplate({ BlockDeviceMappings: [ebs({ Encrypted: encrypted })] });
    const useLt = { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } };

    it('an instance using an encrypted template in this template → pass, no finding on the instance', () => {
      expect(verdicts(t({ Lt: lt(true), ...instance({ LaunchTemplate: useLt }) }), 'ENC-1')).toEqual([]);
    });

    it('an instance using an unencrypted template → one finding, on the template', () => {
      const f = t({ Lt: lt(false), ...instance({ LaunchTemplate: useLt }) }).filter((x) => x.requirement === 'ENC-1');
      expect(f.map((x) => [x.status, x.resource.logicalId])).toEqual([['fail', 'Lt']]);
    });

    it('an instance overriding the template with its own mappings → judged by them', () => {
      const f = t({ Lt: lt(true), ...instance({ LaunchTemplate: useLt, BlockDeviceMappings: [ebs({ Encrypted: false })] }) }).filter((x) => x.requirement === 'ENC-1');
      expect(f.map((x) => [x.status, x.resource.logicalId])).toEqual([['fail', 'Host']]);
    });

    it('an instance using a template from another stack → unknown', () => {
      expect(verdicts(t(instance({ LaunchTemplate: { LaunchTemplateId: IMPORT, Version: '1' } })), 'ENC-1')).toEqual(['ENC-1:unknown']);
    });

    it.each<[string, { [k: string]: Json }, string[]]>([
      ['a group using an encrypted template → pass', { LaunchTemplate: useLt }, []],
      ['a group using a template through MixedInstancesPolicy → pass', { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: useLt } } }, []],
      ['a group using an imported template → unknown', { LaunchTemplate: { LaunchTemplateName: IMPORT, Version: '1' } }, ['ENC-1:unknown']],
      ['a group using a launch configuration not in this template → unknown', { LaunchConfigurationName: 'legacy-lc' }, ['ENC-1:unknown']],
    ])('%s', (_name, props, expected) => {
      const asg: Res = { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '2', VPCZoneIdentifier: [{ Ref: 'Subnet' }], ...props } };
      expect(verdicts(t({ Lt: lt(true), Asg: asg }), 'ENC-1')).toEqual(expected);
    });
  });

  it('message: names the volume, the property and the fix', () => {
    const [f] = t(volume({ Encrypted: false }));
    expect(f).toMatchObject({
      requirement: 'ENC-1',
      severity: 'P1',
      status: 'fail',
      message: "Volume 'Data' is not encrypted: Encrypted is false.",
      fix: 'Set Encrypted: true (an existing volume cannot be encrypted: snapshot it and create an encrypted copy).',
      clause: 'Storage of Data',
      detail: 'encryption at rest',
    });
  });

  it('message: names the device of an instance', () => {
    const f = t(instance({ BlockDeviceMappings: [ebs({ Encrypted: true }), ebs({}, '/dev/sdb')] })).find((x) => x.requirement === 'ENC-1');
    expect(f?.message).toBe(
      "The volume BlockDeviceMappings[1] (/dev/sdb) of Instance 'Host' is not encrypted: BlockDeviceMappings[1].Ebs.Encrypted is not set, so the volume is encrypted only if the account encrypts EBS by default, which the template cannot ensure.",
    );
    expect(f?.fix).toBe('Set BlockDeviceMappings[1].Ebs.Encrypted: true.');
  });

  it('message: KmsKeyId alone is called out', () => {
    const [f] = t(volume({ KmsKeyId: 'alias/team' }));
    expect(f.message).toBe("Volume 'Data' is not encrypted: Encrypted is not set (a KmsKeyId alone does not encrypt the volume).");
  });

  it('message: unknown says what could not be verified', () => {
    const [f] = t(volume({ Encrypted: IMPORT }));
    expect(f.message).toBe("Could not be verified: whether Volume 'Data' is encrypted: Encrypted is Fn::ImportValue 'shared-value'.");
  });
});

describe('ENC-2: other stores are encrypted', () => {
  const one = (type: string, props: { [k: string]: Json } = {}): Record<string, Res> => ({ S: { Type: type, Properties: props } });

  it.each<[string, Record<string, Res>, string[]]>([
    ['RDS instance StorageEncrypted true → pass', one('AWS::RDS::DBInstance', { Engine: 'postgres', StorageEncrypted: true }), []],
    ['RDS instance StorageEncrypted "false" → fail', one('AWS::RDS::DBInstance', { Engine: 'postgres', StorageEncrypted: 'false' }), ['ENC-2:fail']],
    ['RDS instance without StorageEncrypted → fail', one('AWS::RDS::DBInstance', { Engine: 'postgres' }), ['ENC-2:fail']],
    ['RDS instance restored from a snapshot → unknown', one('AWS::RDS::DBInstance', { Engine: 'postgres', DBSnapshotIdentifier: 'snap' }), ['ENC-2:unknown']],
    ['RDS instance StorageEncrypted from an import → unknown', one('AWS::RDS::DBInstance', { Engine: 'postgres', StorageEncrypted: IMPORT }), ['ENC-2:unknown']],
    [
      'RDS instance in a cluster → judged by the cluster only',
      { C: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql', StorageEncrypted: false } }, I: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'C' } } } },
      ['ENC-2:fail'],
    ],
    [
      'read replica of an encrypted instance in this template → pass',
      { P: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', StorageEncrypted: true } }, R: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: { Ref: 'P' } } } },
      [],
    ],
    ['read replica of an instance elsewhere → unknown', one('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: 'arn:aws:rds:eu-west-1:1:db:x' }), ['ENC-2:unknown']],
    ['Aurora cluster StorageEncrypted true → pass', one('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', StorageEncrypted: true }), []],
    ['Aurora cluster StorageEncrypted false in one Fn::If branch → fail', one('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', StorageEncrypted: iff(true, false) }), ['ENC-2:fail']],
    ['Aurora Serverless v1 cluster → pass (always encrypted)', one('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', EngineMode: 'serverless' }), []],
    ['EFS Encrypted true → pass', one('AWS::EFS::FileSystem', { Encrypted: true }), []],
    ['EFS without Encrypted → fail', one('AWS::EFS::FileSystem'), ['ENC-2:fail']],
    ['ElastiCache replication group AtRestEncryptionEnabled "true" → pass', one('AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: 'true' }), []],
    ['ElastiCache replication group without at-rest encryption → fail', one('AWS::ElastiCache::ReplicationGroup'), ['ENC-2:fail']],
    ['ElastiCache Redis single cluster → fail', one('AWS::ElastiCache::CacheCluster', { Engine: 'redis' }), ['ENC-2:fail']],
    ['ElastiCache Memcached cluster → pass (nothing at rest)', one('AWS::ElastiCache::CacheCluster', { Engine: 'memcached', TransitEncryptionEnabled: true }), []],
    ['ElastiCache serverless cache → pass', one('AWS::ElastiCache::ServerlessCache', { Engine: 'valkey' }), []],
    ['OpenSearch EncryptionAtRestOptions.Enabled true → pass', one('AWS::OpenSearchService::Domain', { EncryptionAtRestOptions: { Enabled: true } }), []],
    ['OpenSearch without EncryptionAtRestOptions → fail', one('AWS::OpenSearchService::Domain'), ['ENC-2:fail']],
    ['OpenSearch Enabled false in a nested Fn::If → fail', one('AWS::OpenSearchService::Domain', { EncryptionAtRestOptions: iff({ Enabled: true }, { Enabled: false }) }), ['ENC-2:fail']],
    ['Redshift Encrypted true → pass', one('AWS::Redshift::Cluster', { Encrypted: true }), []],
    ['Redshift Encrypted false → fail', one('AWS::Redshift::Cluster', { Encrypted: false }), ['ENC-2:fail']],
    ['Redshift without Encrypted → unknown (the default changed in 2025)', one('AWS::Redshift::Cluster'), ['ENC-2:unknown']],
    ['DocumentDB StorageEncrypted true → pass', one('AWS::DocDB::DBCluster', { StorageEncrypted: true }), []],
    ['DocumentDB without StorageEncrypted → fail', one('AWS::DocDB::DBCluster'), ['ENC-2:fail']],
    ['Neptune without StorageEncrypted → fail', one('AWS::Neptune::DBCluster'), ['ENC-2:fail']],
    ['Neptune restored from a snapshot → unknown', one('AWS::Neptune::DBCluster', { SnapshotIdentifier: 'snap' }), ['ENC-2:unknown']],
    ['SQS queue with defaults (SSE-SQS) → pass', one('AWS::SQS::Queue'), []],
    ['SQS queue with SqsManagedSseEnabled false → fail', one('AWS::SQS::Queue', { SqsManagedSseEnabled: false }), ['ENC-2:fail']],
    ['SQS queue with SqsManagedSseEnabled "false" and a KMS key → pass', one('AWS::SQS::Queue', { SqsManagedSseEnabled: 'false', KmsMasterKeyId: 'alias/aws/sqs' }), []],
    ['SQS queue SSE off in one Fn::If branch → fail', one('AWS::SQS::Queue', { SqsManagedSseEnabled: iff(true, false) }), ['ENC-2:fail']],
    ['SNS topic with a key → pass', one('AWS::SNS::Topic', { KmsMasterKeyId: 'alias/aws/sns' }), []],
    ['SNS topic without a key → fail', one('AWS::SNS::Topic'), ['ENC-2:fail']],
    ['SNS topic key AWS::NoValue in one branch → fail', one('AWS::SNS::Topic', { KmsMasterKeyId: iff('alias/aws/sns', NO_VALUE) }), ['ENC-2:fail']],
    ['Kinesis stream with KMS → pass', one('AWS::Kinesis::Stream', { StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } }), []],
    ['Kinesis stream without StreamEncryption → fail', one('AWS::Kinesis::Stream'), ['ENC-2:fail']],
    ['Kinesis stream encryption type from an import → unknown', one('AWS::Kinesis::Stream', { StreamEncryption: { EncryptionType: IMPORT, KeyId: 'k' } }), ['ENC-2:unknown']],
    ['Firehose with an AWS owned key → pass', one('AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } }), []],
    ['Firehose direct put without encryption → fail', one('AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamType: 'DirectPut' }), ['ENC-2:fail']],
    ['Firehose reading from a Kinesis stream → judged by the stream', one('AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamType: 'KinesisStreamAsSource' }), []],
    ['DynamoDB table with SSEEnabled false → pass (AWS owned key, no opt-out exists)', one('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: false } }), []],
    ['Backup vault → pass (always encrypted)', one('AWS::Backup::BackupVault', { BackupVaultName: 'v' }), []],
    ['MSK cluster → pass (always encrypted at rest)', one('AWS::MSK::Cluster', { ClusterName: 'k' }), []],
    ['FSx file system → pass (always encrypted)', one('AWS::FSx::FileSystem', { FileSystemType: 'LUSTRE' }), []],
    ['DAX cluster without SSE → fail', one('AWS::DAX::Cluster'), ['ENC-2:fail']],
    ['S3 bucket without BucketEncryption → pass (SSE-S3 by default)', one('AWS::S3::Bucket'), []],
    ['S3 bucket with aws:kms → pass', one('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }), []],
    ['S3 bucket with an algorithm that is no encryption → fail', one('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'none' } }] } }), ['ENC-2:fail']],
    ['S3 bucket encryption configuration from an import → unknown', one('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: IMPORT } }), ['ENC-2:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'ENC-2')).toEqual(expected);
  });

  it('a store whose whole Properties is an unresolvable Fn::Transform → unknown, never a pass', () => {
    const r = { S: { Type: 'AWS::EFS::FileSystem', Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } } } } as unknown as Record<string, Res>;
    expect(verdicts(t(r), 'ENC-2')).toEqual(['ENC-2:unknown']);
  });

  it('message: names the store, the property and the fix', () => {
    const [f] = t(one('AWS::SNS::Topic')).filter((x) => x.requirement === 'ENC-2');
    expect(f).toMatchObject({
      requirement: 'ENC-2',
      severity: 'P1',
      message: "Topic 'S' is not encrypted: KmsMasterKeyId is not set, and SNS does not encrypt topics unless asked.",
      fix: 'Set KmsMasterKeyId (a customer-managed key, or alias/aws/sns).',
    });
  });

  it('message: Fn::If names the failing value as one of several', () => {
    const [f] = t(one('AWS::EFS::FileSystem', { Encrypted: iff(true, false) })).filter((x) => x.requirement === 'ENC-2');
    expect(f.message).toBe("EFS file system 'S' is not encrypted: Encrypted is false (in one of its possible values).");
  });
});

describe('ENC-3: sensitive stores use customer-managed keys, and keys rotate', () => {
  const key = (props: { [k: string]: Json } = {}): Res => ({ Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [] }, EnableKeyRotation: true, ...props } });
  const db = (props: { [k: string]: Json }): Record<string, Res> => ({
    Key: key(),
    Db: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql', StorageEncrypted: true, ...props } },
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['database with a key of this template (Ref) → pass', db({ KmsKeyId: { Ref: 'Key' } }), []],
    ['database with a key of this template (GetAtt Arn) → pass', db({ KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }), []],
    ['database with a literal key ARN → pass', db({ KmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' }), []],
    ['database with a key ARN built with Fn::Sub → pass', db({ KmsKeyId: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd' } }), []],
    ['database without KmsKeyId → fail', db({}), ['ENC-3:fail']],
    ['database with the AWS managed alias/aws/rds → fail', db({ KmsKeyId: 'alias/aws/rds' }), ['ENC-3:fail']],
    ['database key AWS::NoValue in one branch → fail', db({ KmsKeyId: iff({ Ref: 'Key' }, NO_VALUE) }), ['ENC-3:fail']],
    ['database key from an import → unknown', db({ KmsKeyId: IMPORT }), ['ENC-3:unknown']],
    ['EBS volume without a key → pass by default (block storage is not sensitive by default)', volume({ Encrypted: true }), []],
    ['DynamoDB table with the default AWS owned key → fail', { T: { Type: 'AWS::DynamoDB::Table', Properties: {} } }, ['ENC-3:fail']],
    ['DynamoDB table with a customer key → pass', { Key: key(), T: { Type: 'AWS::DynamoDB::Table', Properties: { SSESpecification: { SSEEnabled: true, KMSMasterKeyId: { Ref: 'Key' } } } } }, []],
    ['queue without a key → pass (queues are not sensitive by default)', { Q: { Type: 'AWS::SQS::Queue', Properties: {} } }, []],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'ENC-3')).toEqual(expected);
  });

  it.each<[string, { [k: string]: Json }, string[]]>([
    ['a queue, with queues sensitive → fail', { sensitiveStores: ['queue'] }, ['ENC-3:fail']],
    ['a queue, with its resource type sensitive → fail', { sensitiveStores: ['AWS::SQS::Queue'] }, ['ENC-3:fail']],
    ['a queue, with only databases sensitive → pass', { sensitiveStores: ['database'] }, []],
  ])('%s', (_name, options, expected) => {
    expect(verdicts(t({ Q: { Type: 'AWS::SQS::Queue', Properties: {} } }, options), 'ENC-3')).toEqual(expected);
  });

  it('block storage made sensitive: an encrypted volume with the AWS managed key → fail', () => {
    expect(verdicts(t(volume({ Encrypted: true }), { sensitiveStores: ['block-storage'] }), 'ENC-3')).toEqual(['ENC-3:fail']);
  });

  it.each<[string, { [k: string]: Json }, string[]]>([
    ['EnableKeyRotation true → pass', { EnableKeyRotation: true }, []],
    ['EnableKeyRotation "true" → pass', { EnableKeyRotation: 'true' }, []],
    ['EnableKeyRotation false → fail', { EnableKeyRotation: false }, ['ENC-3:fail']],
    ['EnableKeyRotation absent → fail', { EnableKeyRotation: NO_VALUE }, ['ENC-3:fail']],
    ['EnableKeyRotation false in one Fn::If branch → fail', { EnableKeyRotation: iff(true, false) }, ['ENC-3:fail']],
    ['EnableKeyRotation from a parameter allowing "false" → fail', { EnableKeyRotation: { Ref: 'EitherFlag' } }, ['ENC-3:fail']],
    ['EnableKeyRotation from an import → unknown', { EnableKeyRotation: IMPORT }, ['ENC-3:unknown']],
    ['an asymmetric signing key → not applicable', { EnableKeyRotation: NO_VALUE, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }, []],
    ['a key with imported material → unknown', { EnableKeyRotation: NO_VALUE, Origin: 'EXTERNAL' }, ['ENC-3:unknown']],
  ])('KMS key: %s', (_name, props, expected) => {
    expect(verdicts(t({ Key: key(props) }), 'ENC-3')).toEqual(expected);
  });

  it('message: a sensitive store without a customer-managed key', () => {
    const [f] = t(db({})).filter((x) => x.requirement === 'ENC-3');
    expect(f).toMatchObject({
      severity: 'P2',
      message: "DB cluster 'Db' holds sensitive data (database) without a customer-managed key: KmsKeyId is not set, so RDS uses the AWS managed key aws/rds.",
      fix: 'Encrypt with a customer-managed KMS key and enable its automatic rotation.',
    });
  });

  it('message: a key that does not rotate', () => {
    const [f] = t({ Key: key({ EnableKeyRotation: false }) });
    expect(f).toMatchObject({
      requirement: 'ENC-3',
      message: "KMS key 'Key' does not rotate: EnableKeyRotation is false.",
      fix: 'Enable automatic rotation of the key (EnableKeyRotation: true).',
    });
  });
});

describe('unreadable Properties never pass', () => {
  const opaque = (type: string): Record<string, Res> => ({ S: { Type: type, Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } } } });

  it.each<[string, string, string[]]>([
    ['an RDS instance → ENC-2 unknown, ENC-3 unknown, TLS-4 unknown', 'AWS::RDS::DBInstance', ['ENC-2:unknown', 'ENC-3:unknown', 'TLS-4:unknown']],
    ['an SNS topic → ENC-2 unknown', 'AWS::SNS::Topic', ['ENC-2:unknown', 'TLS-4:fail']],
    ['an SQS queue → ENC-2 unknown', 'AWS::SQS::Queue', ['ENC-2:unknown', 'TLS-4:fail']],
    ['a volume → ENC-1 unknown', 'AWS::EC2::Volume', ['ENC-1:unknown']],
    ['a KMS key → ENC-3 unknown', 'AWS::KMS::Key', ['ENC-3:unknown']],
  ])('%s', (_name, type, expected) => {
    const f = t(opaque(type)).filter((x) => /^(ENC|TLS)/.test(x.requirement));
    expect(verdicts(f)).toEqual(expected);
  });
});
