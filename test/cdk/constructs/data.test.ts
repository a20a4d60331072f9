/**
 * Data: the secure bucket (ENC-2, ENC-3, TLS-4, IAM-3, LOG-3) and the secure database (NET-5,
 * ENC-2, ENC-3, TLS-4, AUTH-2, AUTH-3, and LOG-1 for the logs it exports).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ConnectedSecurityGroup } from '../../../cdk/connected-security-group';
import { LogArchiveBucket } from '../../../cdk/log-archive-bucket';
import { SecureBucket } from '../../../cdk/secure-bucket';
import { SecureDatabase } from '../../../cdk/secure-database';
import { SecureVpc } from '../../../cdk/secure-vpc';
import { findingLines, nagViolations, newApp, newStack, snapshotOf } from './helpers';

const sgId = (stack: Stack, g: ConnectedSecurityGroup): string => stack.getLogicalId(g.node.defaultChild as ec2.CfnSecurityGroup);

describe('GIVEN a secure bucket logging to the archive and a secure database the API may reach', () => {
  let stack: Stack;
  let template: Template;
  let bucket: SecureBucket;
  let db: SecureDatabase;
  let api: ConnectedSecurityGroup;
  beforeAll(() => {
    stack = newStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const archive = new LogArchiveBucket(stack, 'Archive');
    bucket = new SecureBucket(stack, 'Uploads', { accessLogs: archive });
    db = new SecureDatabase(stack, 'Orders', { vpc });
    api = new ConnectedSecurityGroup(stack, 'Api', { vpc });
    // WHEN
    db.allowFrom(api, 'the API queries orders');
    template = Template.fromStack(stack);
  });

  it('THEN the bucket is SSE-KMS with its rotating key, TLS-only and never public', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UploadsKey'), 'Arn'] } } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^Uploads') },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('THEN its access logs go to the archive, which admits the S3 logging service for that bucket only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^Archive') }, LogFilePrefix: 's3-access-logs/Uploads/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^Archive') },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket), 'Arn'] } }, StringEquals: Match.anyValue() },
        })]),
      },
    });
  });

  it('THEN the database is private, encrypted with a customer key, and its parameter group forces TLS', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      PubliclyAccessible: false,
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
      MultiAZ: true,
      DeletionProtection: true,
      Port: '5433',
      DBParameterGroupName: { Ref: Match.stringLikeRegexp('^OrdersParameters') },
      MasterUserPassword: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^\\{\\{resolve:secretsmanager:')])] },
    });
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
  });

  it('THEN the credentials rotate every 30 days', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] } });
  });

  it('THEN only the API and the rotation function may connect to the database, on its port', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [sgId(stack, db.securityGroup), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [sgId(stack, api), 'GroupId'] },
      FromPort: 5433, ToPort: 5433,
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [sgId(stack, db.securityGroup), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [sgId(stack, db.rotationSecurityGroup), 'GroupId'] },
    });
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroupIngress', {
      Properties: { GroupId: { 'Fn::GetAtt': [sgId(stack, db.securityGroup), 'GroupId'] } },
    }))).toHaveLength(2);
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('snapshot: SecureBucket', () => {
    expect(snapshotOf(stack, bucket, bucket.encryptionKey!)).toMatchSnapshot();
  });

  it('snapshot: SecureDatabase', () => {
    expect(snapshotOf(stack, db)).toMatchSnapshot();
  });
});

describe('GIVEN a database with IAM authentication that exports its logs', () => {
  let stack: Stack;
  let template: Template;
  let db: SecureDatabase;
  beforeAll(() => {
    stack = newStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    // WHEN
    db = new SecureDatabase(stack, 'Orders', { vpc, iamAuthentication: true, cloudwatchLogsExports: ['postgresql', 'upgrade'] });
    db.instance.grantConnect(new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }), 'app');
    template = Template.fromStack(stack);
  });

  it('THEN the instance takes IAM tokens and exports to groups named after its generated identifier', () => {
    const instance = Object.values(template.findResources('AWS::RDS::DBInstance'))[0] as { Properties: Record<string, unknown>; DependsOn?: string[] };
    expect(instance.Properties).toMatchObject({ EnableIAMDatabaseAuthentication: true, EnableCloudwatchLogsExports: ['postgresql', 'upgrade'] });
    const identifier = instance.Properties.DBInstanceIdentifier as string;
    expect(identifier).toMatch(/^test-orders-[a-z0-9-]+$/);
    for (const type of ['postgresql', 'upgrade']) {
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/rds/instance/${identifier}/${type}`,
        RetentionInDays: 90,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
      });
    }
  });

  it('THEN the log groups exist before the instance, so RDS writes into them', () => {
    const instance = Object.values(template.findResources('AWS::RDS::DBInstance'))[0] as { DependsOn?: string[] };
    const groups = Object.keys(template.findResources('AWS::Logs::LogGroup')).filter((id) => id.startsWith('Orders'));
    expect(groups).toHaveLength(2);
    expect(instance.DependsOn).toEqual(expect.arrayContaining(groups));
  });

  it('THEN the whole policy finds nothing and cdk-nag AwsSolutions reports no error', () => {
    expect(findingLines(stack)).toEqual([]);
    expect(nagViolations(stack)).toEqual([]);
  });
});

describe('GIVEN a database in one stack and its caller in another', () => {
  it('WHEN the caller is allowed in THEN both rules are written in the caller\'s stack, and the database\'s stack imports nothing', () => {
    const app = newApp();
    const dataStack = new Stack(app, 'Data');
    const vpc = new SecureVpc(dataStack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const db = new SecureDatabase(dataStack, 'Orders', { vpc });
    const serviceStack = new Stack(app, 'Service');
    const api = new ConnectedSecurityGroup(serviceStack, 'Api', { vpc });
    // WHEN
    db.allowFrom(api, 'the API queries orders');
    const service = Template.fromStack(serviceStack);
    service.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 5433, GroupId: { 'Fn::ImportValue': Match.stringLikeRegexp('OrdersSecurityGroup') } });
    service.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 5433, DestinationSecurityGroupId: { 'Fn::ImportValue': Match.stringLikeRegexp('OrdersSecurityGroup') } });
    expect(JSON.stringify(Template.fromStack(dataStack).toJSON())).not.toContain('Fn::ImportValue');
  });
});

describe('refused props', () => {
  const archiveIn = (stack: Stack): LogArchiveBucket => new LogArchiveBucket(stack, 'Archive');
  const bucket = (props: Partial<ConstructorParameters<typeof SecureBucket>[2]> = {}): SecureBucket => {
    const stack = newStack();
    return new SecureBucket(stack, 'Uploads', { accessLogs: archiveIn(stack), ...props });
  };
  const database = (props: Partial<ConstructorParameters<typeof SecureDatabase>[2]>): SecureDatabase => {
    const stack = newStack();
    return new SecureDatabase(stack, 'Orders', { vpc: new SecureVpc(stack, 'Vpc'), ...props });
  };

  it.each<[string, () => void, string]>([
    ['an unencrypted bucket → ENC-2', () => bucket({ encryption: s3.BucketEncryption.UNENCRYPTED }),
      "[ENC-2] Bucket 'Uploads' sets encryption: UNENCRYPTED; data must be encrypted at rest."],
    ['SSE-S3 → ENC-3', () => bucket({ encryption: s3.BucketEncryption.S3_MANAGED }),
      "[ENC-3] Bucket 'Uploads' sets encryption: S3_MANAGED; sensitive data is encrypted with a customer-managed key."],
    ['the AWS managed KMS key → ENC-3', () => bucket({ encryption: s3.BucketEncryption.KMS_MANAGED }),
      "[ENC-3] Bucket 'Uploads' sets encryption: KMS_MANAGED; sensitive data is encrypted with a customer-managed key."],
    ['requests without TLS allowed → TLS-4', () => bucket({ enforceSSL: false }),
      "[TLS-4] Bucket 'Uploads' sets enforceSSL: false; the bucket must refuse requests without TLS."],
    ['public read → IAM-3', () => bucket({ publicReadAccess: true }),
      "[IAM-3] Bucket 'Uploads' sets publicReadAccess: true; nothing is open to any principal."],
    ['public access only partly blocked → IAM-3', () => bucket({ blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY }),
      "[IAM-3] Bucket 'Uploads' does not block all public access; nothing is open to any principal."],
    ['grantPublicAccess later → IAM-3', () => bucket().grantPublicAccess(),
      "[IAM-3] Bucket 'Uploads' would grant public access; nothing is open to any principal."],
    ['a policy statement for anyone → IAM-3', () => bucket().addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: ['*'] })),
      "[IAM-3] Bucket 'Uploads' would allow s3:GetObject to any principal with no condition; nothing is open to any principal."],
    ['a public database → NET-5', () => database({ publiclyAccessible: true }),
      "[NET-5] Database 'Orders' sets publiclyAccessible: true; databases are not reachable from the internet."],
    ['a database in public subnets → NET-5', () => database({ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }),
      "[NET-5] Database 'Orders' is placed in public subnets; databases are not reachable from the internet."],
    ['unencrypted storage → ENC-2', () => database({ storageEncrypted: false }),
      "[ENC-2] Database 'Orders' sets storageEncrypted: false; databases must be encrypted at rest."],
    ['credentials rotated every 120 days → AUTH-2', () => database({ rotationInterval: Duration.days(120) }),
      "[AUTH-2] Database 'Orders' rotates its credentials every 120 days; machine secrets rotate at least every 90 days."],
    ['exported logs kept 30 days → LOG-1', () => database({ cloudwatchLogsExports: ['postgresql'], logRetention: logs.RetentionDays.ONE_MONTH }),
      "[LOG-1] Log group 'postgresqlLogs' keeps logs 30 days; logs must be kept at least 90 days."],
    ['an engine without a known TLS parameter → usage error', () => database({ engine: rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19 }) }),
      "Database 'Orders': no known parameter makes oracle-se2 refuse clients without TLS; use PostgreSQL, MySQL, MariaDB or SQL Server."],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  it('a policy statement for anyone narrowed by a condition → accepted', () => {
    const b = bucket();
    expect(() => b.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [b.arnForObjects('*')],
      conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    }))).not.toThrow();
  });

  it('GIVEN MySQL THEN the parameter group requires secure transport', () => {
    const db = database({ engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }) });
    const t = Template.fromStack(Stack.of(db));
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { require_secure_transport: 'ON' } });
    t.hasResourceProperties('AWS::RDS::DBInstance', { Port: '3307' });
  });
});
