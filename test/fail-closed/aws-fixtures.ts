/**
 * Fixtures of the fail-closed audit on CloudFormation: for every resource type and every
 * requirement it is bound to, a small template that complies with the requirement, and the one
 * value that decides it. The audit replaces that value by one the template cannot resolve and
 * expects "could not be verified", never a pass.
 *
 * Conventions: the bound resource is `Subject`; `decisive` is a path from a resource (its logical
 * id, then `Properties` and the keys below, or a resource attribute such as `UpdatePolicy`);
 * the finding is expected on `reportedOn` (default: the resource holding the decisive value).
 * Where no single property decides (a presence, a join between resources), `why` says what
 * the fixture makes unknown and why that is the decisive value.
 */
import type { RequirementId } from '../../constructs/requirements';
import type { Json, Res } from '../cdk/fixtures';

/** One (type, requirement) pair of the audit. */
export interface AwsAuditFixture {
  /** A template that complies with the requirement; the bound resource is `Subject`. */
  readonly resources: Record<string, Res>;
  /** The decisive value: a logical id, then the path inside that resource. */
  readonly decisive: readonly [string, ...Array<string | number>];
  /** The value that cannot be resolved. @default { 'Fn::ImportValue': 'audit-unresolvable' } */
  readonly unknown?: Json;
  /** Where the finding is reported. @default the resource holding the decisive value */
  readonly reportedOn?: string;
  /** Template parameters the fixture needs. */
  readonly parameters?: Record<string, Json>;
  /**
   * `fail` where the check reads this unknown as a violation rather than "could not be
   * verified" (still never a pass); `why` must say why.
   * @default 'unknown'
   */
  readonly closedAs?: 'unknown' | 'fail';
  /**
   * `false` for a type that fails the requirement whenever it applies (no configuration
   * complies); the audit then checks that the unresolvable value does not make it pass.
   * @default true
   */
  readonly compliant?: boolean;
  /**
   * `false` where the subject's own Properties do not decide the requirement (a bucket's TLS
   * is its policy's; a group's rollback is its UpdatePolicy attribute): unreadable Properties of
   * the subject then rightly leave the verdict as it is. `why` must say why.
   * @default true
   */
  readonly propertiesDecide?: boolean;
  /** Why this value decides, where no single property of the subject does. */
  readonly why?: string;
}

/** A value no template can resolve: an export that nothing declares. */
export const UNRESOLVABLE: Json = { 'Fn::ImportValue': 'audit-unresolvable' };
/** A parameter with no default: chosen at deploy. */
export const CHOSEN_AT_DEPLOY: Json = { Ref: 'ChosenAtDeploy' };
export const CHOSEN_PARAMETER: Record<string, Json> = { ChosenAtDeploy: { Type: 'String' } };

const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555';
const SECRET_REF = '{{resolve:secretsmanager:db-credentials:SecretString:password}}';
const PRIVATE = '10.0.0.0/8';

/** Whole Properties that cannot be read: the only way a presence becomes unknown. */
const OPAQUE = 'an unreadable Properties block (an AWS::Include transform) is the only value that hides whether the property is present; any value it is given (an import included) names something';

/** An API Gateway access log format with request id, time, method and path (LOG-4). */
const FORMAT = '{"requestId":"$context.requestId","time":"$context.requestTime","method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status"}';

const res = (Type: string, Properties: Record<string, Json> = {}, extra: Record<string, Json> = {}): Res => ({ Type, Properties, ...extra });

// ---------------------------------------------------------------- network

const sg = (props: Record<string, Json> = {}): Res =>
  res('AWS::EC2::SecurityGroup', {
    GroupDescription: 'audit',
    VpcId: 'vpc-0123456789abcdef0',
    SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: PRIVATE }],
    SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: PRIVATE }],
    ...props,
  });
const sgRule = (type: string, props: Record<string, Json>): Res => res(type, { GroupId: 'sg-0123456789abcdef0', IpProtocol: 'tcp', ...props });

// ---------------------------------------------------------------- encryption

const volumeOf = (props: Record<string, Json> = {}): Json => ({ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, KmsKeyId: KEY_ARN, VolumeSize: 20, ...props } });
const instanceProps = (extra: Record<string, Json> = {}): Record<string, Json> => ({
  ImageId: 'ami-0123456789abcdef0',
  InstanceType: 't3.micro',
  SubnetId: 'subnet-0123456789abcdef0',
  MetadataOptions: { HttpTokens: 'required' },
  BlockDeviceMappings: [volumeOf()],
  UserData: { 'Fn::Base64': '#!/bin/bash\napt-get update\napt-get install -y unattended-upgrades clamav clamav-freshclam\nsystemctl enable --now clamav-freshclam\n' },
  ...extra,
});
const launchTemplateData = (extra: Record<string, Json> = {}): Json => ({
  ImageId: 'ami-0123456789abcdef0',
  MetadataOptions: { HttpTokens: 'required' },
  BlockDeviceMappings: [volumeOf()],
  UserData: { 'Fn::Base64': '#!/bin/bash\napt-get update\napt-get install -y unattended-upgrades clamav clamav-freshclam\nsystemctl enable --now clamav-freshclam\n' },
  ...extra,
});
const launchTemplate = (extra: Record<string, Json> = {}): Res => res('AWS::EC2::LaunchTemplate', { LaunchTemplateData: launchTemplateData(extra) });
const launchConfiguration = (extra: Record<string, Json> = {}): Res =>
  res('AWS::AutoScaling::LaunchConfiguration', {
    ImageId: 'ami-0123456789abcdef0',
    InstanceType: 't3.micro',
    MetadataOptions: { HttpTokens: 'required' },
    BlockDeviceMappings: [volumeOf()],
    UserData: { 'Fn::Base64': '#!/bin/bash\napt-get install -y unattended-upgrades clamav clamav-freshclam\n' },
    ...extra,
  });
const asg = (props: Record<string, Json> = {}): Res =>
  res(
    'AWS::AutoScaling::AutoScalingGroup',
    { MinSize: '1', MaxSize: '2', VPCZoneIdentifier: ['subnet-0123456789abcdef0'], LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } }, ...props },
    { UpdatePolicy: { AutoScalingRollingUpdate: { MinInstancesInService: 1 } } },
  );

/** ENC-2 (a flag) and ENC-3 (the key) of a store read through its flag and key properties. */
function store(type: string, props: Record<string, Json>, flag: Array<string | number> | undefined, key: Array<string | number>, extra: Record<string, Res> = {}): Partial<Record<RequirementId, AwsAuditFixture>> {
  const resources = { Subject: res(type, props), ...extra };
  return {
    'ENC-2': flag !== undefined
      ? { resources, decisive: ['Subject', 'Properties', ...flag] }
      : { resources, decisive: ['Subject', 'Properties'], why: `${type} is always encrypted at rest: only an unreadable Properties block leaves that unknown` },
    'ENC-3': { resources, decisive: ['Subject', 'Properties', ...key] },
  };
}

// ---------------------------------------------------------------- transport

const elbPolicy = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const bucketTlsPolicy = (bucket: string): Res =>
  res('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucket },
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*',
        Resource: [{ 'Fn::GetAtt': [bucket, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/*']] }],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }],
    },
  });
const topicTlsPolicy = (topic: string): Res =>
  res('AWS::SNS::TopicPolicy', {
    Topics: [{ Ref: topic }],
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: topic }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
  });
const queueTlsPolicy = (queue: string): Res =>
  res('AWS::SQS::QueuePolicy', {
    Queues: [{ Ref: queue }],
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: { 'Fn::GetAtt': [queue, 'Arn'] }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
  });
const logBucket = (props: Record<string, Json> = {}): Res =>
  res('AWS::S3::Bucket', {
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN } }] },
    ...props,
  });
/** A bucket that receives logs (so it needs no access logs of its own), keeps them, and refuses plain HTTP. */
const LOGS: Record<string, Res> = {
  Logs: logBucket({ AccessControl: 'LogDeliveryWrite' }),
  LogsPolicy: bucketTlsPolicy('Logs'),
};
const toLogs = { 'Fn::GetAtt': ['Logs', 'Arn'] };

const distributionConfig = (extra: Record<string, Json> = {}): Json => ({
  Enabled: true,
  Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } }],
  DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'redirect-to-https' },
  ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
  Logging: { Bucket: { 'Fn::GetAtt': ['Logs', 'RegionalDomainName'] }, Prefix: 'cdn/' },
  ...extra,
});
const classic = (extra: Record<string, Json> = {}): Res =>
  res('AWS::ElasticLoadBalancing::LoadBalancer', {
    Scheme: 'internal',
    Subnets: ['subnet-0123456789abcdef0'],
    Listeners: [{ LoadBalancerPort: '443', Protocol: 'HTTPS', InstancePort: '8443', InstanceProtocol: 'HTTPS', SSLCertificateId: 'arn:aws:acm:x', PolicyNames: ['Tls'] }],
    Policies: [{ PolicyName: 'Tls', PolicyType: 'SSLNegotiationPolicyType', Attributes: [{ Name: 'Reference-Security-Policy', Value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }] }],
    AccessLoggingPolicy: { Enabled: true, S3BucketName: { Ref: 'Logs' }, S3BucketPrefix: 'clb' },
    ...extra,
  });
const alb = (extra: Record<string, Json> = {}): Res =>
  res('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    Scheme: 'internal',
    Type: 'application',
    Subnets: ['subnet-0123456789abcdef0'],
    LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: { Ref: 'Logs' } }, { Key: 'access_logs.s3.prefix', Value: 'alb' }],
    ...extra,
  });
const httpsListener = (extra: Record<string, Json> = {}): Res =>
  res('AWS::ElasticLoadBalancingV2::Listener', {
    LoadBalancerArn: { Ref: 'Lb' },
    Port: 443,
    Protocol: 'HTTPS',
    SslPolicy: elbPolicy,
    Certificates: [{ CertificateArn: 'arn:aws:acm:x' }],
    DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/app/1' }],
    ...extra,
  });
const redirect = [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }];

// ---------------------------------------------------------------- identity

const doc = (...Statement: Json[]): Json => ({ Version: '2012-10-17', Statement });
const READ_ONE = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' };
const ALL_ON_ONE = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const GRANT_ACCOUNT = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' };

/** IAM-1 (the action of a statement on every resource) and IAM-2 (the resources of a wildcard action). */
function identityPolicy(type: string, props: (document: Json) => Record<string, Json>, documentPath: Array<string | number>): Partial<Record<RequirementId, AwsAuditFixture>> {
  return {
    'IAM-1': { resources: { Subject: res(type, props(doc(ALL_ON_ONE))) }, decisive: ['Subject', 'Properties', ...documentPath, 'Statement', 0, 'Action'] },
    'IAM-2': {
      resources: { Subject: res(type, props(doc({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::assets/*' }))) },
      decisive: ['Subject', 'Properties', ...documentPath, 'Statement', 0, 'Resource'],
    },
  };
}

/** IAM-3 on a resource policy: the principal of its one statement. */
function resourcePolicy(type: string, props: Record<string, Json>, documentPath: Array<string | number>): Partial<Record<RequirementId, AwsAuditFixture>> {
  const base = res(type, props);
  let at: Record<string, Json> = base.Properties as Record<string, Json>;
  for (const k of documentPath.slice(0, -1)) at = at[k] as Record<string, Json>;
  at[documentPath[documentPath.length - 1]] = doc(GRANT_ACCOUNT);
  return { 'IAM-3': { resources: { Subject: base }, decisive: ['Subject', 'Properties', ...documentPath, 'Statement', 0, 'Principal', 'AWS'] } };
}

// ---------------------------------------------------------------- secrets (AUTH-3)

/** AUTH-3: a property under a secret-like name, taken from a secret store. */
function secretIn(type: string, props: Record<string, Json>, path: Array<string | number>): Partial<Record<RequirementId, AwsAuditFixture>> {
  return { 'AUTH-3': { resources: { Subject: res(type, props) }, decisive: ['Subject', 'Properties', ...path] } };
}

// ---------------------------------------------------------------- the table

/** For each bound type, the fixture of each requirement it is bound to. */
export const AWS_FIXTURES: Readonly<Record<string, Partial<Record<RequirementId, AwsAuditFixture>>>> = {
  'AWS::EC2::SecurityGroup': {
    'NET-1': { resources: { Subject: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: PRIVATE }] }) }, decisive: ['Subject', 'Properties', 'SecurityGroupIngress', 0, 'CidrIp'] },
    'NET-2': { resources: { Subject: sg({ SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: PRIVATE }] }) }, decisive: ['Subject', 'Properties', 'SecurityGroupIngress', 0, 'CidrIp'] },
    'NET-3': { resources: { Subject: sg({ SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: PRIVATE }] }) }, decisive: ['Subject', 'Properties', 'SecurityGroupEgress', 0, 'CidrIp'] },
    'NET-4': { resources: { Subject: sg() }, decisive: ['Subject', 'Properties'], why: `VpcId decides by its presence: ${OPAQUE}` },
  },
  'AWS::EC2::SecurityGroupIngress': {
    'NET-1': { resources: { Subject: sgRule('AWS::EC2::SecurityGroupIngress', { FromPort: 22, ToPort: 22, CidrIp: PRIVATE }) }, decisive: ['Subject', 'Properties', 'CidrIp'] },
    'NET-2': { resources: { Subject: sgRule('AWS::EC2::SecurityGroupIngress', { FromPort: 8080, ToPort: 8080, CidrIp: PRIVATE }) }, decisive: ['Subject', 'Properties', 'CidrIp'] },
    'NET-4': {
      resources: { Subject: sgRule('AWS::EC2::SecurityGroupIngress', { FromPort: 443, ToPort: 443, CidrIp: PRIVATE }) },
      decisive: ['Subject', 'Properties'],
      why: `GroupId decides whether the rule opens a VPC's default group (Fn::GetAtt Vpc.DefaultSecurityGroup); ${OPAQUE}`,
    },
  },
  'AWS::EC2::SecurityGroupEgress': {
    'NET-3': { resources: { Subject: sgRule('AWS::EC2::SecurityGroupEgress', { IpProtocol: '-1', CidrIp: PRIVATE }) }, decisive: ['Subject', 'Properties', 'CidrIp'] },
    'NET-4': {
      resources: { Subject: sgRule('AWS::EC2::SecurityGroupEgress', { FromPort: 443, ToPort: 443, CidrIp: PRIVATE }) },
      decisive: ['Subject', 'Properties'],
      why: `GroupId decides whether the rule opens a VPC's default group (Fn::GetAtt Vpc.DefaultSecurityGroup); ${OPAQUE}`,
    },
  },
  'AWS::EC2::NetworkAclEntry': {
    'NET-1': {
      resources: { Subject: res('AWS::EC2::NetworkAclEntry', { NetworkAclId: 'acl-0123456789abcdef0', RuleNumber: 100, Protocol: 6, RuleAction: 'allow', Egress: false, CidrBlock: PRIVATE, PortRange: { From: 22, To: 22 } }) },
      decisive: ['Subject', 'Properties', 'CidrBlock'],
    },
  },
  'AWS::EC2::VPC': {
    'NET-4': {
      resources: {
        Subject: res('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }),
        Restrict: res('Custom::VpcRestrictDefaultSG', { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:restrict', DefaultSecurityGroupId: { 'Fn::GetAtt': ['Subject', 'DefaultSecurityGroup'] } }),
      },
      decisive: ['Restrict', 'Properties', 'DefaultSecurityGroupId'],
      reportedOn: 'Subject',
      closedAs: 'fail',
      propertiesDecide: false,
      why: 'a VPC passes only when a custom resource of the template strips its default group; one whose target cannot be resolved does not count, so the VPC fails',
    },
    'LOG-3': {
      resources: {
        Subject: res('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }),
        Flow: res('AWS::EC2::FlowLog', { ResourceId: { Ref: 'Subject' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: toLogs }),
        ...LOGS,
      },
      decisive: ['Flow', 'Properties', 'TrafficType'],
      reportedOn: 'Subject',
      propertiesDecide: false,
      why: 'a VPC is covered by the flow logs that name it; the traffic one records decides',
    },
  },
  'AWS::EC2::Instance': {
    'NET-4': { resources: { Subject: res('AWS::EC2::Instance', instanceProps()) }, decisive: ['Subject', 'Properties'], why: `SubnetId decides by its presence: ${OPAQUE}` },
    'ENC-1': { resources: { Subject: res('AWS::EC2::Instance', instanceProps()) }, decisive: ['Subject', 'Properties', 'BlockDeviceMappings', 0, 'Ebs', 'Encrypted'] },
    'ENC-3': { resources: { Subject: res('AWS::EC2::Instance', instanceProps()) }, decisive: ['Subject', 'Properties', 'BlockDeviceMappings', 0, 'Ebs', 'KmsKeyId'] },
    'SSH-1': { resources: { Subject: res('AWS::EC2::Instance', instanceProps()) }, decisive: ['Subject', 'Properties', 'KeyName'] },
    'AUTH-3': { resources: { Subject: res('AWS::EC2::Instance', instanceProps({ Tags: [{ Key: 'DB_PASSWORD', Value: SECRET_REF }] })) }, decisive: ['Subject', 'Properties', 'Tags', 0, 'Value'] },
    'HOST-1': { resources: { Subject: res('AWS::EC2::Instance', instanceProps()) }, decisive: ['Subject', 'Properties', 'UserData'] },
    'HOST-3': { resources: { Subject: res('AWS::EC2::Instance', instanceProps()) }, decisive: ['Subject', 'Properties', 'UserData'] },
    'HOST-4': { resources: { Subject: res('AWS::EC2::Instance', instanceProps()) }, decisive: ['Subject', 'Properties', 'MetadataOptions', 'HttpTokens'] },
  },
  'AWS::RDS::DBInstance': {
    'NET-5': { resources: { Subject: res('AWS::RDS::DBInstance', rdsInstance()), Params: pgParams() }, decisive: ['Subject', 'Properties', 'PubliclyAccessible'] },
    'ENC-2': { resources: { Subject: res('AWS::RDS::DBInstance', rdsInstance()), Params: pgParams() }, decisive: ['Subject', 'Properties', 'StorageEncrypted'] },
    'ENC-3': { resources: { Subject: res('AWS::RDS::DBInstance', rdsInstance()), Params: pgParams() }, decisive: ['Subject', 'Properties', 'KmsKeyId'] },
    'TLS-4': { resources: { Subject: res('AWS::RDS::DBInstance', rdsInstance()), Params: pgParams() }, decisive: ['Params', 'Properties', 'Parameters', 'rds.force_ssl'], reportedOn: 'Subject' },
    'AUTH-3': { resources: { Subject: res('AWS::RDS::DBInstance', rdsInstance()), Params: pgParams() }, decisive: ['Subject', 'Properties', 'MasterUserPassword'] },
  },
  'AWS::RDS::DBCluster': {
    'NET-5': { resources: { Subject: res('AWS::RDS::DBCluster', rdsCluster()), Params: pgParams('AWS::RDS::DBClusterParameterGroup') }, decisive: ['Subject', 'Properties', 'PubliclyAccessible'] },
    'ENC-2': { resources: { Subject: res('AWS::RDS::DBCluster', rdsCluster()), Params: pgParams('AWS::RDS::DBClusterParameterGroup') }, decisive: ['Subject', 'Properties', 'StorageEncrypted'] },
    'ENC-3': { resources: { Subject: res('AWS::RDS::DBCluster', rdsCluster()), Params: pgParams('AWS::RDS::DBClusterParameterGroup') }, decisive: ['Subject', 'Properties', 'KmsKeyId'] },
    'TLS-4': { resources: { Subject: res('AWS::RDS::DBCluster', rdsCluster()), Params: pgParams('AWS::RDS::DBClusterParameterGroup') }, decisive: ['Params', 'Properties', 'Parameters', 'rds.force_ssl'], reportedOn: 'Subject' },
    'AUTH-3': { resources: { Subject: res('AWS::RDS::DBCluster', rdsCluster()), Params: pgParams('AWS::RDS::DBClusterParameterGroup') }, decisive: ['Subject', 'Properties', 'MasterUserPassword'] },
  },
  'AWS::Redshift::Cluster': {
    'NET-5': { resources: redshift(), decisive: ['Subject', 'Properties', 'PubliclyAccessible'] },
    'ENC-2': { resources: redshift(), decisive: ['Subject', 'Properties', 'Encrypted'] },
    'ENC-3': { resources: redshift(), decisive: ['Subject', 'Properties', 'KmsKeyId'] },
    'TLS-4': { resources: redshift(), decisive: ['Params', 'Properties', 'Parameters', 0, 'ParameterValue'], reportedOn: 'Subject' },
    'AUTH-3': { resources: redshift(), decisive: ['Subject', 'Properties', 'MasterUserPassword'] },
  },
  'AWS::RedshiftServerless::Workgroup': {
    'NET-5': { resources: { Subject: workgroup() }, decisive: ['Subject', 'Properties', 'PubliclyAccessible'] },
    'TLS-4': { resources: { Subject: workgroup() }, decisive: ['Subject', 'Properties', 'ConfigParameters', 0, 'ParameterValue'] },
  },
  'AWS::OpenSearchService::Domain': searchDomain('AWS::OpenSearchService::Domain', 'Policy-Min-TLS-1-2-2019-07'),
  'AWS::Elasticsearch::Domain': searchDomain('AWS::Elasticsearch::Domain', 'Policy-Min-TLS-1-2-2019-07'),
  'AWS::DMS::ReplicationInstance': {
    'NET-5': { resources: { Subject: res('AWS::DMS::ReplicationInstance', { ReplicationInstanceClass: 'dms.t3.micro', PubliclyAccessible: false }) }, decisive: ['Subject', 'Properties', 'PubliclyAccessible'] },
  },
  'AWS::MSK::Cluster': {
    'NET-5': { resources: { Subject: msk() }, decisive: ['Subject', 'Properties', 'BrokerNodeGroupInfo', 'ConnectivityInfo', 'PublicAccess', 'Type'] },
    'ENC-2': { resources: { Subject: msk() }, decisive: ['Subject', 'Properties'], why: 'MSK always encrypts broker storage: only an unreadable Properties block leaves that unknown' },
    'ENC-3': { resources: { Subject: msk() }, decisive: ['Subject', 'Properties', 'EncryptionInfo', 'EncryptionAtRest', 'DataVolumeKMSKeyId'] },
    'TLS-4': { resources: { Subject: msk() }, decisive: ['Subject', 'Properties', 'EncryptionInfo', 'EncryptionInTransit', 'ClientBroker'] },
  },
  'AWS::EC2::Volume': {
    'ENC-1': { resources: { Subject: res('AWS::EC2::Volume', { AvailabilityZone: 'eu-west-1a', Size: 20, Encrypted: true, KmsKeyId: KEY_ARN }) }, decisive: ['Subject', 'Properties', 'Encrypted'] },
    'ENC-3': { resources: { Subject: res('AWS::EC2::Volume', { AvailabilityZone: 'eu-west-1a', Size: 20, Encrypted: true, KmsKeyId: KEY_ARN }) }, decisive: ['Subject', 'Properties', 'KmsKeyId'] },
  },
  'AWS::EC2::LaunchTemplate': {
    'ENC-1': { resources: { Subject: launchTemplate() }, decisive: ['Subject', 'Properties', 'LaunchTemplateData', 'BlockDeviceMappings', 0, 'Ebs', 'Encrypted'] },
    'ENC-3': { resources: { Subject: launchTemplate() }, decisive: ['Subject', 'Properties', 'LaunchTemplateData', 'BlockDeviceMappings', 0, 'Ebs', 'KmsKeyId'] },
    'SSH-1': { resources: { Subject: launchTemplate() }, decisive: ['Subject', 'Properties', 'LaunchTemplateData', 'KeyName'] },
    'AUTH-3': { resources: { Subject: launchTemplate({ TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'API_KEY', Value: SECRET_REF }] }] }) }, decisive: ['Subject', 'Properties', 'LaunchTemplateData', 'TagSpecifications', 0, 'Tags', 0, 'Value'] },
    'HOST-4': { resources: { Subject: launchTemplate() }, decisive: ['Subject', 'Properties', 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens'] },
  },
  'AWS::AutoScaling::LaunchConfiguration': {
    'ENC-1': { resources: { Subject: launchConfiguration() }, decisive: ['Subject', 'Properties', 'BlockDeviceMappings', 0, 'Ebs', 'Encrypted'] },
    'ENC-3': { resources: { Subject: launchConfiguration() }, decisive: ['Subject', 'Properties', 'BlockDeviceMappings', 0, 'Ebs', 'KmsKeyId'] },
    'SSH-1': { resources: { Subject: launchConfiguration() }, decisive: ['Subject', 'Properties', 'KeyName'] },
    'AUTH-3': { resources: { Subject: launchConfiguration({ Tags: [{ Key: 'DB_PASSWORD', Value: SECRET_REF }] }) }, decisive: ['Subject', 'Properties', 'Tags', 0, 'Value'] },
    'HOST-4': { resources: { Subject: launchConfiguration() }, decisive: ['Subject', 'Properties', 'MetadataOptions', 'HttpTokens'] },
  },
  'AWS::AutoScaling::AutoScalingGroup': {
    'ENC-1': { resources: { Subject: asg(), Lt: launchTemplate() }, decisive: ['Subject', 'Properties', 'LaunchTemplate', 'LaunchTemplateId'], why: 'a group is judged through the launch template it names; one the template cannot resolve is not in the app' },
    'HOST-1': { resources: { Subject: asg(), Lt: launchTemplate() }, decisive: ['Lt', 'Properties', 'LaunchTemplateData', 'UserData'], reportedOn: 'Subject', why: 'a group takes updates through the user data of its launch template' },
    'HOST-3': { resources: { Subject: asg(), Lt: launchTemplate() }, decisive: ['Lt', 'Properties', 'LaunchTemplateData', 'UserData'], reportedOn: 'Subject', why: 'a group runs ClamAV through the user data of its launch template' },
    'HOST-4': { resources: { Subject: asg(), Lt: launchTemplate() }, decisive: ['Subject', 'Properties', 'LaunchTemplate', 'LaunchTemplateId'], why: 'a group is judged through the launch template it names; one the template cannot resolve is not in the app' },
    'DEPLOY-1': { resources: { Subject: asg(), Lt: launchTemplate() }, decisive: ['Subject', 'UpdatePolicy', 'AutoScalingRollingUpdate'], propertiesDecide: false, why: 'UpdatePolicy is a resource attribute, outside Properties' },
  },
  'AWS::EFS::FileSystem': {
    ...store('AWS::EFS::FileSystem', { Encrypted: true, KmsKeyId: KEY_ARN }, ['Encrypted'], ['KmsKeyId']),
    ...resourcePolicy('AWS::EFS::FileSystem', { Encrypted: true, KmsKeyId: KEY_ARN }, ['FileSystemPolicy']),
  },
  'AWS::FSx::FileSystem': store('AWS::FSx::FileSystem', { FileSystemType: 'LUSTRE', StorageCapacity: 1200, SubnetIds: ['subnet-1'], KmsKeyId: KEY_ARN }, undefined, ['KmsKeyId']),
  'AWS::ElastiCache::ReplicationGroup': {
    ...store('AWS::ElastiCache::ReplicationGroup', cacheGroup(), ['AtRestEncryptionEnabled'], ['KmsKeyId']),
    'TLS-4': { resources: { Subject: res('AWS::ElastiCache::ReplicationGroup', cacheGroup()) }, decisive: ['Subject', 'Properties', 'TransitEncryptionEnabled'] },
    'AUTH-3': { resources: { Subject: res('AWS::ElastiCache::ReplicationGroup', cacheGroup()) }, decisive: ['Subject', 'Properties', 'AuthToken'] },
  },
  'AWS::ElastiCache::ServerlessCache': store('AWS::ElastiCache::ServerlessCache', { Engine: 'redis', ServerlessCacheName: 'c', KmsKeyId: KEY_ARN }, undefined, ['KmsKeyId']),
  'AWS::DAX::Cluster': {
    'ENC-2': { resources: { Subject: res('AWS::DAX::Cluster', { NodeType: 'dax.t3.small', ReplicationFactor: 1, IAMRoleARN: 'arn:aws:iam::111111111111:role/dax', SSESpecification: { SSEEnabled: true } }) }, decisive: ['Subject', 'Properties', 'SSESpecification', 'SSEEnabled'] },
    'ENC-3': {
      resources: { Subject: res('AWS::DAX::Cluster', { NodeType: 'dax.t3.small', ReplicationFactor: 1, IAMRoleARN: 'arn:aws:iam::111111111111:role/dax', SSESpecification: { SSEEnabled: true } }) },
      decisive: ['Subject', 'Properties'],
      compliant: false,
      why: 'DAX encrypts only with an AWS owned key, so ENC-3 fails whenever caches count as sensitive; unreadable Properties must still not pass',
    },
  },
  'AWS::RedshiftServerless::Namespace': store('AWS::RedshiftServerless::Namespace', { NamespaceName: 'n', KmsKeyId: KEY_ARN, AdminUserPassword: SECRET_REF }, undefined, ['KmsKeyId']),
  'AWS::DocDB::DBCluster': {
    ...store('AWS::DocDB::DBCluster', docdb(), ['StorageEncrypted'], ['KmsKeyId'], { Params: docdbParams() }),
    'TLS-4': { resources: { Subject: res('AWS::DocDB::DBCluster', docdb()), Params: docdbParams() }, decisive: ['Params', 'Properties', 'Parameters', 'tls'], reportedOn: 'Subject' },
    'AUTH-3': { resources: { Subject: res('AWS::DocDB::DBCluster', docdb()), Params: docdbParams() }, decisive: ['Subject', 'Properties', 'MasterUserPassword'] },
  },
  'AWS::Neptune::DBCluster': store('AWS::Neptune::DBCluster', { StorageEncrypted: true, KmsKeyId: KEY_ARN }, ['StorageEncrypted'], ['KmsKeyId']),
  'AWS::DynamoDB::Table': {
    ...store('AWS::DynamoDB::Table', dynamo(), undefined, ['SSESpecification', 'KMSMasterKeyId']),
    ...resourcePolicy('AWS::DynamoDB::Table', { ...dynamo(), ResourcePolicy: { PolicyDocument: {} } }, ['ResourcePolicy', 'PolicyDocument']),
  },
  'AWS::DynamoDB::GlobalTable': store(
    'AWS::DynamoDB::GlobalTable',
    { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', SSESpecification: { SSEEnabled: true, SSEType: 'KMS' }, Replicas: [{ Region: 'eu-west-1', SSESpecification: { KMSMasterKeyId: KEY_ARN } }] },
    undefined,
    ['Replicas', 0, 'SSESpecification', 'KMSMasterKeyId'],
  ),
  'AWS::Backup::BackupVault': {
    ...store('AWS::Backup::BackupVault', { BackupVaultName: 'v', EncryptionKeyArn: KEY_ARN }, undefined, ['EncryptionKeyArn']),
    ...resourcePolicy('AWS::Backup::BackupVault', { BackupVaultName: 'v', EncryptionKeyArn: KEY_ARN }, ['AccessPolicy']),
  },
  'AWS::SQS::Queue': {
    'ENC-2': { resources: { Subject: res('AWS::SQS::Queue', { SqsManagedSseEnabled: true }), QueuePolicy: queueTlsPolicy('Subject') }, decisive: ['Subject', 'Properties', 'SqsManagedSseEnabled'] },
    'ENC-3': { resources: { Subject: res('AWS::SQS::Queue', { KmsMasterKeyId: KEY_ARN }), QueuePolicy: queueTlsPolicy('Subject') }, decisive: ['Subject', 'Properties', 'KmsMasterKeyId'] },
    'TLS-4': {
      resources: { Subject: res('AWS::SQS::Queue', { KmsMasterKeyId: KEY_ARN }), QueuePolicy: queueTlsPolicy('Subject') },
      decisive: ['QueuePolicy', 'Properties', 'PolicyDocument', 'Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport'],
      reportedOn: 'Subject',
      propertiesDecide: false,
      why: 'a queue refuses plain HTTP through the queue policy that targets it, not through its own properties',
    },
  },
  'AWS::SNS::Topic': {
    'ENC-2': {
      resources: { Subject: res('AWS::SNS::Topic', { KmsMasterKeyId: KEY_ARN }), TopicPolicy: topicTlsPolicy('Subject') },
      decisive: ['Subject', 'Properties'],
      why: `a topic is encrypted exactly when KmsMasterKeyId is present, whatever key it names: ${OPAQUE}`,
    },
    'ENC-3': { resources: { Subject: res('AWS::SNS::Topic', { KmsMasterKeyId: KEY_ARN }), TopicPolicy: topicTlsPolicy('Subject') }, decisive: ['Subject', 'Properties', 'KmsMasterKeyId'] },
    'TLS-4': {
      resources: { Subject: res('AWS::SNS::Topic', { KmsMasterKeyId: KEY_ARN }), TopicPolicy: topicTlsPolicy('Subject') },
      decisive: ['TopicPolicy', 'Properties', 'PolicyDocument', 'Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport'],
      reportedOn: 'Subject',
      propertiesDecide: false,
      why: 'a topic refuses plain HTTP through the topic policy that targets it, not through its own properties',
    },
  },
  'AWS::Kinesis::Stream': store('AWS::Kinesis::Stream', { ShardCount: 1, StreamEncryption: { EncryptionType: 'KMS', KeyId: KEY_ARN } }, ['StreamEncryption', 'EncryptionType'], ['StreamEncryption', 'KeyId']),
  'AWS::KinesisFirehose::DeliveryStream': store(
    'AWS::KinesisFirehose::DeliveryStream',
    { DeliveryStreamType: 'DirectPut', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: KEY_ARN }, ExtendedS3DestinationConfiguration: { BucketARN: toLogs, RoleARN: 'arn:aws:iam::111111111111:role/firehose' } },
    ['DeliveryStreamEncryptionConfigurationInput', 'KeyType'],
    ['DeliveryStreamEncryptionConfigurationInput', 'KeyARN'],
    LOGS,
  ),
  'AWS::S3::Bucket': {
    'ENC-2': { resources: bucketApp(), decisive: ['Subject', 'Properties', 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'SSEAlgorithm'] },
    'ENC-3': { resources: bucketApp(), decisive: ['Subject', 'Properties', 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID'] },
    'TLS-4': {
      resources: bucketApp(),
      decisive: ['SubjectPolicy', 'Properties', 'PolicyDocument', 'Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport'],
      reportedOn: 'Subject',
      propertiesDecide: false,
      why: 'a bucket refuses plain HTTP through the bucket policy that targets it, not through its own properties',
    },
    'LOG-2': { resources: bucketApp(), decisive: ['Subject', 'Properties', 'LoggingConfiguration', 'DestinationBucketName'], why: 'a bucket is a log source through its server access logs; where they go decides' },
    'LOG-3': { resources: bucketApp(), decisive: ['Subject', 'Properties', 'LoggingConfiguration'] },
  },
  'AWS::ElastiCache::CacheCluster': {
    'ENC-2': { resources: { Subject: memcached() }, decisive: ['Subject', 'Properties', 'Engine'] },
    'ENC-3': { resources: { Subject: memcached() }, decisive: ['Subject', 'Properties'], compliant: false, why: 'a single cache cluster has no key to choose, so ENC-3 fails whenever caches count as sensitive; unreadable Properties must still not pass' },
    'TLS-4': { resources: { Subject: memcached({ TransitEncryptionEnabled: true }) }, decisive: ['Subject', 'Properties', 'TransitEncryptionEnabled'] },
  },
  'AWS::KMS::Key': {
    'ENC-3': { resources: { Subject: res('AWS::KMS::Key', { EnableKeyRotation: true }) }, decisive: ['Subject', 'Properties', 'EnableKeyRotation'] },
    ...resourcePolicy('AWS::KMS::Key', { EnableKeyRotation: true }, ['KeyPolicy']),
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    'TLS-1': { resources: { Subject: httpsListener(), Lb: alb(), ...LOGS }, decisive: ['Subject', 'Properties', 'Protocol'] },
    'TLS-2': { resources: { Subject: httpsListener(), Lb: alb(), ...LOGS }, decisive: ['Subject', 'Properties', 'SslPolicy'] },
  },
  'AWS::ElasticLoadBalancingV2::ListenerRule': {
    'TLS-1': {
      resources: {
        Subject: res('AWS::ElasticLoadBalancingV2::ListenerRule', { ListenerArn: { Ref: 'Http' }, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }], Actions: redirect }),
        Http: httpsListener({ Port: 80, Protocol: 'HTTP', SslPolicy: { Ref: 'AWS::NoValue' }, Certificates: { Ref: 'AWS::NoValue' }, DefaultActions: redirect }),
        Lb: alb(),
        ...LOGS,
      },
      decisive: ['Subject', 'Properties', 'Actions', 0, 'RedirectConfig', 'Protocol'],
      reportedOn: 'Http',
      why: 'a rule is judged with the HTTP listener it is attached to',
    },
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    'TLS-3': { resources: { Subject: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 8443, Protocol: 'HTTPS', VpcId: 'vpc-0123456789abcdef0' }) }, decisive: ['Subject', 'Properties', 'Protocol'] },
  },
  'AWS::ElasticLoadBalancing::LoadBalancer': {
    'TLS-1': { resources: { Subject: classic(), ...LOGS }, decisive: ['Subject', 'Properties', 'Listeners', 0, 'Protocol'] },
    'TLS-2': { resources: { Subject: classic(), ...LOGS }, decisive: ['Subject', 'Properties', 'Policies', 0, 'Attributes', 0, 'Value'] },
    'TLS-3': { resources: { Subject: classic(), ...LOGS }, decisive: ['Subject', 'Properties', 'Listeners', 0, 'InstanceProtocol'] },
    'LOG-2': { resources: { Subject: classic(), ...LOGS }, decisive: ['Subject', 'Properties', 'AccessLoggingPolicy', 'S3BucketName'] },
    'LOG-3': { resources: { Subject: classic(), ...LOGS }, decisive: ['Subject', 'Properties', 'AccessLoggingPolicy', 'Enabled'] },
  },
  'AWS::CloudFront::Distribution': {
    'TLS-1': { resources: { Subject: res('AWS::CloudFront::Distribution', { DistributionConfig: distributionConfig() }), ...LOGS }, decisive: ['Subject', 'Properties', 'DistributionConfig', 'DefaultCacheBehavior', 'ViewerProtocolPolicy'] },
    'TLS-2': { resources: { Subject: res('AWS::CloudFront::Distribution', { DistributionConfig: distributionConfig() }), ...LOGS }, decisive: ['Subject', 'Properties', 'DistributionConfig', 'ViewerCertificate', 'MinimumProtocolVersion'] },
    'TLS-3': { resources: { Subject: res('AWS::CloudFront::Distribution', { DistributionConfig: distributionConfig() }), ...LOGS }, decisive: ['Subject', 'Properties', 'DistributionConfig', 'Origins', 0, 'CustomOriginConfig', 'OriginProtocolPolicy'] },
    'LOG-2': { resources: { Subject: res('AWS::CloudFront::Distribution', { DistributionConfig: distributionConfig() }), ...LOGS }, decisive: ['Subject', 'Properties', 'DistributionConfig', 'Logging', 'Bucket'] },
    'LOG-3': { resources: { Subject: res('AWS::CloudFront::Distribution', { DistributionConfig: distributionConfig() }), ...LOGS }, decisive: ['Subject', 'Properties', 'DistributionConfig', 'Logging'] },
  },
  'AWS::ApiGateway::DomainName': {
    'TLS-2': { resources: { Subject: res('AWS::ApiGateway::DomainName', { DomainName: 'api.example.com', RegionalCertificateArn: 'arn:aws:acm:x', SecurityPolicy: 'TLS_1_2', EndpointConfiguration: { Types: ['REGIONAL'] } }) }, decisive: ['Subject', 'Properties', 'SecurityPolicy'] },
  },
  'AWS::ApiGateway::DomainNameV2': {
    'TLS-2': { resources: { Subject: res('AWS::ApiGateway::DomainNameV2', { DomainName: 'api.example.com', CertificateArn: 'arn:aws:acm:x', SecurityPolicy: 'TLS_1_2', EndpointConfiguration: { Types: ['PRIVATE'] } }) }, decisive: ['Subject', 'Properties', 'SecurityPolicy'] },
  },
  'AWS::ApiGatewayV2::DomainName': {
    'TLS-2': { resources: { Subject: res('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.example.com', DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:x', SecurityPolicy: 'TLS_1_2', EndpointType: 'REGIONAL' }] }) }, decisive: ['Subject', 'Properties', 'DomainNameConfigurations', 0, 'SecurityPolicy'] },
  },
  'AWS::S3::BucketPolicy': {
    'TLS-4': { resources: { Bucket: logBucket({ AccessControl: 'LogDeliveryWrite' }), Subject: bucketTlsPolicy('Bucket') }, decisive: ['Subject', 'Properties', 'Bucket'], reportedOn: 'Bucket', closedAs: 'fail', why: 'a bucket policy enforces TLS on the bucket it names; one naming a bucket that cannot be resolved is not counted, so the bucket fails' },
    'IAM-3': { resources: { Subject: res('AWS::S3::BucketPolicy', { Bucket: 'assets', PolicyDocument: doc(GRANT_ACCOUNT) }) }, decisive: ['Subject', 'Properties', 'PolicyDocument', 'Statement', 0, 'Principal', 'AWS'] },
  },
  'AWS::SNS::TopicPolicy': {
    'TLS-4': { resources: { Topic: res('AWS::SNS::Topic', { KmsMasterKeyId: KEY_ARN }), Subject: topicTlsPolicy('Topic') }, decisive: ['Subject', 'Properties', 'Topics', 0], reportedOn: 'Topic', closedAs: 'fail', why: 'a topic policy enforces TLS on the topics it names; one naming a topic that cannot be resolved is not counted, so the topic fails' },
    'IAM-3': { resources: { Subject: res('AWS::SNS::TopicPolicy', { Topics: ['arn:aws:sns:eu-west-1:111111111111:t'], PolicyDocument: doc({ ...GRANT_ACCOUNT, Action: 'sns:Publish', Resource: '*' }) }) }, decisive: ['Subject', 'Properties', 'PolicyDocument', 'Statement', 0, 'Principal', 'AWS'] },
  },
  'AWS::SQS::QueuePolicy': {
    'TLS-4': { resources: { Queue: res('AWS::SQS::Queue', { KmsMasterKeyId: KEY_ARN }), Subject: queueTlsPolicy('Queue') }, decisive: ['Subject', 'Properties', 'Queues', 0], reportedOn: 'Queue', closedAs: 'fail', why: 'a queue policy enforces TLS on the queues it names; one naming a queue that cannot be resolved is not counted, so the queue fails' },
    'IAM-3': { resources: { Subject: res('AWS::SQS::QueuePolicy', { Queues: ['https://sqs.eu-west-1.amazonaws.com/111111111111/q'], PolicyDocument: doc({ ...GRANT_ACCOUNT, Action: 'sqs:SendMessage', Resource: '*' }) }) }, decisive: ['Subject', 'Properties', 'PolicyDocument', 'Statement', 0, 'Principal', 'AWS'] },
  },
  'AWS::RDS::DBParameterGroup': {
    'TLS-4': { resources: { Db: res('AWS::RDS::DBInstance', rdsInstance()), Params: pgParams() }, decisive: ['Params', 'Properties', 'Parameters', 'rds.force_ssl'], reportedOn: 'Db', why: 'a parameter group enforces TLS on the databases that use it' },
  },
  'AWS::RDS::DBClusterParameterGroup': {
    'TLS-4': { resources: { Db: res('AWS::RDS::DBCluster', rdsCluster()), Params: pgParams('AWS::RDS::DBClusterParameterGroup') }, decisive: ['Params', 'Properties', 'Parameters', 'rds.force_ssl'], reportedOn: 'Db', why: 'a parameter group enforces TLS on the clusters that use it' },
  },
  'AWS::Redshift::ClusterParameterGroup': {
    'TLS-4': { resources: { Subject: redshift().Params, Db: { ...redshift().Subject, Properties: { ...redshift().Subject.Properties, ClusterParameterGroupName: { Ref: 'Subject' } } } }, decisive: ['Subject', 'Properties', 'Parameters', 0, 'ParameterValue'], reportedOn: 'Db', why: 'a parameter group enforces TLS on the clusters that use it' },
  },
  'AWS::IAM::Role': {
    ...identityPolicy('AWS::IAM::Role', (d) => ({ AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }), Policies: [{ PolicyName: 'p', PolicyDocument: d }] }), ['Policies', 0, 'PolicyDocument']),
    'IAM-3': {
      resources: { Subject: res('AWS::IAM::Role', { AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }) }) },
      decisive: ['Subject', 'Properties', 'AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'AWS'],
    },
  },
  'AWS::IAM::User': {
    ...identityPolicy('AWS::IAM::User', (d) => ({ Policies: [{ PolicyName: 'p', PolicyDocument: d }] }), ['Policies', 0, 'PolicyDocument']),
    'IAM-4': {
      resources: { Subject: res('AWS::IAM::User', { Path: '/' }) },
      decisive: ['Subject', 'Properties', 'LoginProfile'],
      closedAs: 'fail',
      why: 'a user has a console password exactly when LoginProfile is present, whatever its value: one from an import is one',
    },
  },
  'AWS::IAM::Group': identityPolicy('AWS::IAM::Group', (d) => ({ Policies: [{ PolicyName: 'p', PolicyDocument: d }] }), ['Policies', 0, 'PolicyDocument']),
  'AWS::IAM::Policy': identityPolicy('AWS::IAM::Policy', (d) => ({ PolicyName: 'p', PolicyDocument: d, Roles: ['app'] }), ['PolicyDocument']),
  'AWS::IAM::ManagedPolicy': identityPolicy('AWS::IAM::ManagedPolicy', (d) => ({ PolicyDocument: d }), ['PolicyDocument']),
  'AWS::IAM::RolePolicy': identityPolicy('AWS::IAM::RolePolicy', (d) => ({ PolicyName: 'p', PolicyDocument: d, RoleName: 'app' }), ['PolicyDocument']),
  'AWS::IAM::UserPolicy': identityPolicy('AWS::IAM::UserPolicy', (d) => ({ PolicyName: 'p', PolicyDocument: d, UserName: 'app' }), ['PolicyDocument']),
  'AWS::IAM::GroupPolicy': identityPolicy('AWS::IAM::GroupPolicy', (d) => ({ PolicyName: 'p', PolicyDocument: d, GroupName: 'app' }), ['PolicyDocument']),
  'AWS::SSO::PermissionSet': identityPolicy('AWS::SSO::PermissionSet', (d) => ({ Name: 'p', InstanceArn: 'arn:aws:sso:::instance/ssoins-1', InlinePolicy: d }), ['InlinePolicy']),
  'AWS::S3::AccessPoint': resourcePolicy('AWS::S3::AccessPoint', { Bucket: 'assets', Policy: {} }, ['Policy']),
  'AWS::S3::MultiRegionAccessPointPolicy': resourcePolicy('AWS::S3::MultiRegionAccessPointPolicy', { MrapName: 'm', Policy: {} }, ['Policy']),
  'AWS::S3Express::BucketPolicy': resourcePolicy('AWS::S3Express::BucketPolicy', { Bucket: 'b--euw1-az1--x-s3', PolicyDocument: {} }, ['PolicyDocument']),
  'AWS::SQS::QueueInlinePolicy': resourcePolicy('AWS::SQS::QueueInlinePolicy', { Queue: 'https://sqs.eu-west-1.amazonaws.com/111111111111/q', PolicyDocument: {} }, ['PolicyDocument']),
  'AWS::SNS::TopicInlinePolicy': resourcePolicy('AWS::SNS::TopicInlinePolicy', { TopicArn: 'arn:aws:sns:eu-west-1:111111111111:t', PolicyDocument: {} }, ['PolicyDocument']),
  'AWS::KMS::ReplicaKey': resourcePolicy('AWS::KMS::ReplicaKey', { PrimaryKeyArn: KEY_ARN, KeyPolicy: {} }, ['KeyPolicy']),
  'AWS::ECR::Repository': {
    ...resourcePolicy('AWS::ECR::Repository', { ImageScanningConfiguration: { ScanOnPush: true }, RepositoryPolicyText: {} }, ['RepositoryPolicyText']),
    'HOST-2': { resources: { Subject: res('AWS::ECR::Repository', { ImageScanningConfiguration: { ScanOnPush: true } }) }, decisive: ['Subject', 'Properties', 'ImageScanningConfiguration', 'ScanOnPush'] },
  },
  'AWS::ECR::RegistryPolicy': resourcePolicy('AWS::ECR::RegistryPolicy', { PolicyText: {} }, ['PolicyText']),
  'AWS::SecretsManager::ResourcePolicy': resourcePolicy('AWS::SecretsManager::ResourcePolicy', { SecretId: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:s', ResourcePolicy: {} }, ['ResourcePolicy']),
  'AWS::ApiGateway::RestApi': resourcePolicy('AWS::ApiGateway::RestApi', { Name: 'api', Policy: {} }, ['Policy']),
  'AWS::Events::EventBus': resourcePolicy('AWS::Events::EventBus', { Name: 'bus', Policy: {} }, ['Policy']),
  'AWS::Logs::ResourcePolicy': resourcePolicy('AWS::Logs::ResourcePolicy', { PolicyName: 'p', PolicyDocument: {} }, ['PolicyDocument']),
  'AWS::Logs::Destination': resourcePolicy('AWS::Logs::Destination', { DestinationName: 'd', RoleArn: 'arn:aws:iam::111111111111:role/r', TargetArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/s', DestinationPolicy: {} }, ['DestinationPolicy']),
  'AWS::CodeArtifact::Domain': resourcePolicy('AWS::CodeArtifact::Domain', { DomainName: 'd', PermissionsPolicyDocument: {} }, ['PermissionsPolicyDocument']),
  'AWS::CodeArtifact::Repository': resourcePolicy('AWS::CodeArtifact::Repository', { DomainName: 'd', RepositoryName: 'r', PermissionsPolicyDocument: {} }, ['PermissionsPolicyDocument']),
  'AWS::Kinesis::ResourcePolicy': resourcePolicy('AWS::Kinesis::ResourcePolicy', { ResourceArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/s', ResourcePolicy: {} }, ['ResourcePolicy']),
  'AWS::Glacier::Vault': resourcePolicy('AWS::Glacier::Vault', { VaultName: 'v', AccessPolicy: {} }, ['AccessPolicy']),
  'AWS::Lambda::Permission': {
    'IAM-3': { resources: { Subject: res('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: 'fn', Principal: '111111111111' }) }, decisive: ['Subject', 'Properties', 'Principal'] },
  },
  'AWS::Lambda::LayerVersionPermission': {
    'IAM-3': { resources: { Subject: res('AWS::Lambda::LayerVersionPermission', { Action: 'lambda:GetLayerVersion', LayerVersionArn: 'arn:aws:lambda:eu-west-1:111111111111:layer:l:1', Principal: '111111111111' }) }, decisive: ['Subject', 'Properties', 'Principal'] },
  },
  'AWS::Events::EventBusPolicy': {
    'IAM-3': { resources: { Subject: res('AWS::Events::EventBusPolicy', { StatementId: 's', Action: 'events:PutEvents', Principal: '111111111111' }) }, decisive: ['Subject', 'Properties', 'Principal'] },
  },
  'AWS::IAM::AccessKey': {
    'IAM-4': { resources: { Subject: res('AWS::IAM::AccessKey', { UserName: 'legacy', Status: 'Inactive' }) }, decisive: ['Subject', 'Properties', 'Status'] },
  },
  'AWS::Cognito::UserPool': {
    'AUTH-1': {
      resources: { Subject: res('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' }, Policies: { PasswordPolicy: { MinimumLength: 12 } } }) },
      decisive: ['Subject', 'Properties', 'MfaConfiguration'],
    },
  },
  'AWS::SecretsManager::Secret': {
    'AUTH-2': {
      resources: secretApp(),
      decisive: ['Rotation', 'Properties', 'RotationRules', 'AutomaticallyAfterDays'],
      reportedOn: 'Subject',
      propertiesDecide: false,
      why: 'a secret rotates on the schedules that name it; the interval decides, not the secret\'s own properties',
    },
    'AUTH-3': { resources: { Subject: res('AWS::SecretsManager::Secret', { Name: 'db', SecretString: '{{resolve:ssm-secure:db-password:1}}' }) }, decisive: ['Subject', 'Properties', 'SecretString'] },
  },
  'AWS::SecretsManager::RotationSchedule': {
    'AUTH-2': {
      resources: { Secret: secretApp().Subject, Subject: { ...secretApp().Rotation, Properties: { ...secretApp().Rotation.Properties, SecretId: { Ref: 'Secret' } } } },
      decisive: ['Subject', 'Properties', 'SecretId'],
      reportedOn: 'Secret',
      why: 'a schedule rotates the secret it names',
    },
  },
  'AWS::EKS::Nodegroup': {
    'SSH-1': { resources: { Subject: res('AWS::EKS::Nodegroup', { ClusterName: 'c', NodeRole: 'arn:aws:iam::111111111111:role/n', Subnets: ['subnet-1'] }) }, decisive: ['Subject', 'Properties', 'RemoteAccess', 'Ec2SshKey'] },
  },
  'AWS::EMR::Cluster': {
    'SSH-1': { resources: { Subject: res('AWS::EMR::Cluster', { Name: 'c', ReleaseLabel: 'emr-7.0.0', JobFlowRole: 'r', ServiceRole: 's', Instances: { Ec2SubnetId: 'subnet-1' } }) }, decisive: ['Subject', 'Properties', 'Instances', 'Ec2KeyName'] },
  },
  'AWS::Batch::ComputeEnvironment': {
    'SSH-1': { resources: { Subject: res('AWS::Batch::ComputeEnvironment', { Type: 'MANAGED', ComputeResources: { Type: 'EC2', MaxvCpus: 4, Subnets: ['subnet-1'], InstanceRole: 'r' } }) }, decisive: ['Subject', 'Properties', 'ComputeResources', 'Ec2KeyPair'] },
  },
  'AWS::EC2::SpotFleet': {
    'SSH-1': { resources: { Subject: res('AWS::EC2::SpotFleet', { SpotFleetRequestConfigData: { IamFleetRole: 'r', TargetCapacity: 1, LaunchSpecifications: [{ ImageId: 'ami-1', InstanceType: 't3.micro' }] } }) }, decisive: ['Subject', 'Properties', 'SpotFleetRequestConfigData', 'LaunchSpecifications', 0, 'KeyName'] },
  },
  'AWS::ImageBuilder::InfrastructureConfiguration': {
    'SSH-1': { resources: { Subject: res('AWS::ImageBuilder::InfrastructureConfiguration', { Name: 'i', InstanceProfileName: 'p' }) }, decisive: ['Subject', 'Properties', 'KeyPair'] },
  },
  'AWS::Lambda::Function': secretIn('AWS::Lambda::Function', { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::111111111111:role/r', Code: { ZipFile: 'exports.handler = async () => 1;' }, Environment: { Variables: { DB_PASSWORD: SECRET_REF } } }, ['Environment', 'Variables', 'DB_PASSWORD']),
  'AWS::Serverless::Function': secretIn('AWS::Serverless::Function', { Runtime: 'nodejs20.x', Handler: 'index.handler', CodeUri: 's3://b/k', Environment: { Variables: { API_KEY: SECRET_REF } } }, ['Environment', 'Variables', 'API_KEY']),
  'AWS::ECS::TaskDefinition': {
    ...secretIn('AWS::ECS::TaskDefinition', taskDefinition({ Environment: [{ Name: 'DB_PASSWORD', Value: SECRET_REF }] }), ['ContainerDefinitions', 0, 'Environment', 0, 'Value']),
    'HOST-5': { resources: { Subject: res('AWS::ECS::TaskDefinition', taskDefinition()) }, decisive: ['Subject', 'Properties', 'ContainerDefinitions', 0, 'Privileged'] },
  },
  'AWS::CodeBuild::Project': secretIn(
    'AWS::CodeBuild::Project',
    { Source: { Type: 'NO_SOURCE', BuildSpec: 'version: 0.2' }, Artifacts: { Type: 'NO_ARTIFACTS' }, ServiceRole: 'r', Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', EnvironmentVariables: [{ Name: 'NPM_TOKEN', Value: SECRET_REF }] } },
    ['Environment', 'EnvironmentVariables', 0, 'Value'],
  ),
  'AWS::Batch::JobDefinition': {
    ...secretIn('AWS::Batch::JobDefinition', batchJob({ Environment: [{ Name: 'DB_PASSWORD', Value: SECRET_REF }] }), ['ContainerProperties', 'Environment', 0, 'Value']),
    'HOST-5': { resources: { Subject: res('AWS::Batch::JobDefinition', batchJob()) }, decisive: ['Subject', 'Properties', 'ContainerProperties', 'Privileged'] },
  },
  'AWS::SSM::Parameter': secretIn('AWS::SSM::Parameter', { Name: '/app/db/password', Type: 'String', Value: SECRET_REF }, ['Value']),
  'AWS::DMS::Endpoint': secretIn('AWS::DMS::Endpoint', { EndpointType: 'source', EngineName: 'postgres', ServerName: 'db', Port: 5432, Username: 'u', Password: SECRET_REF }, ['Password']),
  'AWS::AmazonMQ::Broker': secretIn('AWS::AmazonMQ::Broker', { BrokerName: 'b', EngineType: 'ACTIVEMQ', EngineVersion: '5.17.6', HostInstanceType: 'mq.t3.micro', DeploymentMode: 'SINGLE_INSTANCE', PubliclyAccessible: false, Users: [{ Username: 'u', Password: SECRET_REF }] }, ['Users', 0, 'Password']),
  'AWS::AppRunner::Service': secretIn('AWS::AppRunner::Service', { SourceConfiguration: { ImageRepository: { ImageIdentifier: 'public.ecr.aws/x/y:1', ImageRepositoryType: 'ECR_PUBLIC', ImageConfiguration: { RuntimeEnvironmentVariables: [{ Name: 'API_SECRET', Value: SECRET_REF }] } } } }, ['SourceConfiguration', 'ImageRepository', 'ImageConfiguration', 'RuntimeEnvironmentVariables', 0, 'Value']),
  'AWS::Events::Connection': secretIn('AWS::Events::Connection', { AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: SECRET_REF } } }, ['AuthParameters', 'ApiKeyAuthParameters', 'ApiKeyValue']),
  'AWS::Logs::LogGroup': {
    'LOG-1': { resources: { Subject: res('AWS::Logs::LogGroup', { RetentionInDays: 365 }) }, decisive: ['Subject', 'Properties', 'RetentionInDays'] },
    'LOG-2': {
      resources: {
        Subject: res('AWS::Logs::LogGroup', { RetentionInDays: 365 }),
        Sub: res('AWS::Logs::SubscriptionFilter', { LogGroupName: { Ref: 'Subject' }, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['Hose', 'Arn'] }, RoleArn: 'arn:aws:iam::111111111111:role/logs' }),
        Hose: res('AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamType: 'DirectPut', ExtendedS3DestinationConfiguration: { BucketARN: toLogs, RoleARN: 'arn:aws:iam::111111111111:role/firehose' } }),
        ...LOGS,
      },
      decisive: ['Hose', 'Properties', 'ExtendedS3DestinationConfiguration', 'BucketARN'],
      reportedOn: 'Subject',
      propertiesDecide: false,
      why: 'a log group is backed up when its subscription reaches a bucket that keeps the logs; where the stream writes decides, not the group\'s own properties',
    },
  },
  'Custom::LogRetention': {
    'LOG-1': { resources: { Subject: res('Custom::LogRetention', { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:r', LogGroupName: '/aws/lambda/fn', RetentionInDays: 365 }) }, decisive: ['Subject', 'Properties', 'RetentionInDays'] },
  },
  'AWS::CloudTrail::Trail': {
    'LOG-2': { resources: { Subject: trail(), ...LOGS }, decisive: ['Subject', 'Properties', 'S3BucketName'] },
    'LOG-5': { resources: { Subject: trail(), ...LOGS }, decisive: ['Subject', 'Properties', 'EnableLogFileValidation'] },
  },
  'AWS::ApiGateway::Stage': stageFixtures('AWS::ApiGateway::Stage', (s) => ({ RestApiId: 'abc123', DeploymentId: 'dep123', StageName: 'prod', AccessLogSetting: s }), ['AccessLogSetting']),
  'AWS::ApiGateway::Deployment': stageFixtures('AWS::ApiGateway::Deployment', (s) => ({ RestApiId: 'abc123', StageName: 'prod', StageDescription: { AccessLogSetting: s } }), ['StageDescription', 'AccessLogSetting']),
  'AWS::ApiGatewayV2::Stage': stageFixtures('AWS::ApiGatewayV2::Stage', (s) => ({ ApiId: 'abc123', StageName: 'prod', AccessLogSettings: s }), ['AccessLogSettings']),
  'AWS::EC2::FlowLog': {
    'LOG-2': {
      resources: { Vpc: res('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }), Subject: res('AWS::EC2::FlowLog', { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: toLogs }), ...LOGS },
      decisive: ['Subject', 'Properties', 'LogDestination'],
    },
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    'LOG-2': { resources: { Subject: alb(), ...LOGS }, decisive: ['Subject', 'Properties', 'LoadBalancerAttributes', 1, 'Value'] },
    'LOG-3': { resources: { Subject: alb(), ...LOGS }, decisive: ['Subject', 'Properties', 'LoadBalancerAttributes', 0, 'Value'] },
  },
  'AWS::ECR::RegistryScanningConfiguration': {
    'HOST-2': {
      resources: {
        Repo: res('AWS::ECR::Repository', { RepositoryName: 'app' }),
        Subject: res('AWS::ECR::RegistryScanningConfiguration', { ScanType: 'ENHANCED', Rules: [{ ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] }] }),
      },
      decisive: ['Subject', 'Properties', 'Rules', 0, 'RepositoryFilters', 0, 'Filter'],
      reportedOn: 'Repo',
      why: 'a registry scanning rule scans the repositories its filters match',
    },
  },
  'Custom::AWS': {
    'HOST-2': {
      resources: {
        Subject: res('Custom::AWS', {
          ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:sdk',
          Create: { 'Fn::Join': ['', ['{"service":"Inspector2","action":"enable","parameters":{"resourceTypes":["EC2","ECR"]}}']] },
        }),
      },
      decisive: ['Subject', 'Properties', 'Create'],
      why: 'an SDK call custom resource may turn Inspector off; what it calls decides',
    },
  },
  'AWS::ECS::Service': {
    'DEPLOY-1': {
      resources: { Subject: res('AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:1', DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } } }) },
      decisive: ['Subject', 'Properties', 'DeploymentConfiguration', 'DeploymentCircuitBreaker', 'Rollback'],
    },
  },
};

// ---------------------------------------------------------------- builders used above (hoisted)

function rdsInstance(): Record<string, Json> {
  return {
    Engine: 'postgres',
    EngineVersion: '14.10',
    DBInstanceClass: 'db.t3.micro',
    AllocatedStorage: '20',
    DBSubnetGroupName: 'private',
    PubliclyAccessible: false,
    StorageEncrypted: true,
    KmsKeyId: KEY_ARN,
    MasterUsername: 'app',
    MasterUserPassword: SECRET_REF,
    DBParameterGroupName: { Ref: 'Params' },
  };
}

function rdsCluster(): Record<string, Json> {
  return {
    Engine: 'postgres',
    EngineVersion: '14.10',
    DBClusterInstanceClass: 'db.m5d.large',
    DBSubnetGroupName: 'private',
    PubliclyAccessible: false,
    StorageEncrypted: true,
    KmsKeyId: KEY_ARN,
    MasterUsername: 'app',
    MasterUserPassword: SECRET_REF,
    DBClusterParameterGroupName: { Ref: 'Params' },
  };
}

function pgParams(type = 'AWS::RDS::DBParameterGroup'): Res {
  return res(type, { Family: 'postgres14', Description: 'tls', Parameters: { 'rds.force_ssl': '1' } });
}

function redshift(): Record<string, Res> {
  return {
    Subject: res('AWS::Redshift::Cluster', {
      ClusterType: 'single-node', NodeType: 'ra3.xlplus', DBName: 'dw', MasterUsername: 'app', MasterUserPassword: SECRET_REF,
      PubliclyAccessible: false, Encrypted: true, KmsKeyId: KEY_ARN, ClusterParameterGroupName: { Ref: 'Params' },
    }),
    Params: res('AWS::Redshift::ClusterParameterGroup', { Description: 'tls', ParameterGroupFamily: 'redshift-1.0', Parameters: [{ ParameterName: 'require_ssl', ParameterValue: 'true' }] }),
  };
}

function workgroup(): Res {
  return res('AWS::RedshiftServerless::Workgroup', { WorkgroupName: 'w', NamespaceName: 'n', PubliclyAccessible: false, ConfigParameters: [{ ParameterKey: 'require_ssl', ParameterValue: 'true' }] });
}

function searchDomain(type: string, tls: string): Partial<Record<RequirementId, AwsAuditFixture>> {
  const props = (): Record<string, Json> => ({
    VPCOptions: { SubnetIds: ['subnet-0123456789abcdef0'] },
    EncryptionAtRestOptions: { Enabled: true, KmsKeyId: KEY_ARN },
    NodeToNodeEncryptionOptions: { Enabled: true },
    DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: tls },
    AccessPolicies: doc(GRANT_ACCOUNT),
    AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: true, MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: SECRET_REF } },
  });
  const one = { Subject: res(type, props()) };
  return {
    'NET-5': { resources: one, decisive: ['Subject', 'Properties', 'VPCOptions'] },
    'ENC-2': { resources: one, decisive: ['Subject', 'Properties', 'EncryptionAtRestOptions', 'Enabled'] },
    'ENC-3': { resources: one, decisive: ['Subject', 'Properties', 'EncryptionAtRestOptions', 'KmsKeyId'] },
    'TLS-2': { resources: one, decisive: ['Subject', 'Properties', 'DomainEndpointOptions', 'TLSSecurityPolicy'] },
    'TLS-4': { resources: one, decisive: ['Subject', 'Properties', 'DomainEndpointOptions', 'EnforceHTTPS'] },
    'IAM-3': { resources: one, decisive: ['Subject', 'Properties', 'AccessPolicies', 'Statement', 0, 'Principal', 'AWS'] },
    ...(type === 'AWS::OpenSearchService::Domain'
      ? { 'AUTH-3': { resources: one, decisive: ['Subject', 'Properties', 'AdvancedSecurityOptions', 'MasterUserOptions', 'MasterUserPassword'] } }
      : {}),
  };
}

function msk(): Res {
  return res('AWS::MSK::Cluster', {
    ClusterName: 'k',
    KafkaVersion: '3.6.0',
    NumberOfBrokerNodes: 2,
    BrokerNodeGroupInfo: { InstanceType: 'kafka.t3.small', ClientSubnets: ['subnet-1', 'subnet-2'], ConnectivityInfo: { PublicAccess: { Type: 'DISABLED' } } },
    EncryptionInfo: { EncryptionAtRest: { DataVolumeKMSKeyId: KEY_ARN }, EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
  });
}

function cacheGroup(): Record<string, Json> {
  return {
    ReplicationGroupDescription: 'cache',
    Engine: 'redis',
    CacheNodeType: 'cache.t3.micro',
    AtRestEncryptionEnabled: true,
    KmsKeyId: KEY_ARN,
    TransitEncryptionEnabled: true,
    TransitEncryptionMode: 'required',
    AuthToken: '{{resolve:secretsmanager:cache-token:SecretString:token}}',
  };
}

function memcached(extra: Record<string, Json> = {}): Res {
  return res('AWS::ElastiCache::CacheCluster', { Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, ...extra });
}

function docdb(): Record<string, Json> {
  return { StorageEncrypted: true, KmsKeyId: KEY_ARN, MasterUsername: 'app', MasterUserPassword: SECRET_REF, DBClusterParameterGroupName: { Ref: 'Params' } };
}

function docdbParams(): Res {
  return res('AWS::DocDB::DBClusterParameterGroup', { Family: 'docdb5.0', Description: 'tls', Parameters: { tls: 'enabled' } });
}

function dynamo(): Record<string, Json> {
  return {
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: KEY_ARN },
  };
}

function bucketApp(): Record<string, Res> {
  return {
    Subject: logBucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' }, LogFilePrefix: 'subject/' } }),
    SubjectPolicy: bucketTlsPolicy('Subject'),
    ...LOGS,
  };
}

function secretApp(): Record<string, Res> {
  return {
    Subject: res('AWS::SecretsManager::Secret', { Name: 'db', GenerateSecretString: { PasswordLength: 32 } }),
    Rotation: res('AWS::SecretsManager::RotationSchedule', { SecretId: { Ref: 'Subject' }, RotationLambdaARN: 'arn:aws:lambda:eu-west-1:111111111111:function:rotate', RotationRules: { AutomaticallyAfterDays: 30 } }),
  };
}

function trail(): Res {
  return res('AWS::CloudTrail::Trail', { IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: KEY_ARN, S3BucketName: { Ref: 'Logs' } });
}

function stageFixtures(type: string, props: (setting: Json) => Record<string, Json>, settingPath: string[]): Partial<Record<RequirementId, AwsAuditFixture>> {
  const resources = (): Record<string, Res> => ({
    Subject: res(type, props({ DestinationArn: { 'Fn::GetAtt': ['Group', 'Arn'] }, Format: FORMAT })),
    Group: res('AWS::Logs::LogGroup', { RetentionInDays: 365 }),
    Sub: res('AWS::Logs::SubscriptionFilter', { LogGroupName: { Ref: 'Group' }, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['Hose', 'Arn'] }, RoleArn: 'arn:aws:iam::111111111111:role/logs' }),
    Hose: res('AWS::KinesisFirehose::DeliveryStream', { DeliveryStreamType: 'DirectPut', ExtendedS3DestinationConfiguration: { BucketARN: toLogs, RoleARN: 'arn:aws:iam::111111111111:role/firehose' } }),
    ...LOGS,
  });
  return {
    'LOG-2': { resources: resources(), decisive: ['Subject', 'Properties', ...settingPath, 'DestinationArn'] },
    'LOG-3': { resources: resources(), decisive: ['Subject', 'Properties', ...settingPath] },
    'LOG-4': { resources: resources(), decisive: ['Subject', 'Properties', ...settingPath, 'Format'] },
  };
}

function taskDefinition(container: Record<string, Json> = {}): Record<string, Json> {
  return {
    RequiresCompatibilities: ['FARGATE'],
    NetworkMode: 'awsvpc',
    Cpu: '256',
    Memory: '512',
    ContainerDefinitions: [{ Name: 'web', Image: 'nginx', Essential: true, ReadonlyRootFilesystem: true, Privileged: false, ...container }],
  };
}

function batchJob(container: Record<string, Json> = {}): Record<string, Json> {
  return { Type: 'container', ContainerProperties: { Image: 'busybox', Vcpus: 1, Memory: 512, ReadonlyRootFilesystem: true, Privileged: false, ...container } };
}
