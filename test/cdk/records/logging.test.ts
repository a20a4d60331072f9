/**
 * LOG-1..LOG-5 over CloudFormation, end to end, single templates and apps of several stacks.
 */
import { findingsOf, flowLog, Json, loadBalancer, logBucket, Res, securityGroup, template, verdicts } from '../fixtures';
import {
  deliveryStream, exported, findingsOfApp, GOOD_FORMAT, logGroup, restStage, stack, subscription, trail,
} from './ops-fixtures';

const IMPORT = { 'Fn::ImportValue': 'not-exported-anywhere' };
const PARAMS = {
  Parameters: {
    Days60: { Type: 'String', Default: '60' },
    Allowed: { Type: 'Number', Default: '90', AllowedValues: ['90', '180'] },
    NoDefault: { Type: 'String' },
  },
};

describe('the happy path', () => {
  it('a VPC with a flow log into a log bucket, a load balancer with access logs → no LOG finding', () => {
    const t = template({ LbSg: securityGroup(), Lb: loadBalancer('LbSg'), Logs: logGroup() });
    expect(verdicts(findingsOf(t), 'LOG')).toEqual([]);
  });
});

describe('LOG-1: log groups keep logs at least 90 days', () => {
  it.each<[string, Json | undefined, string[]]>([
    ['365 days → pass', 365, []],
    ['exactly 90 days → pass', 90, []],
    ['no RetentionInDays (never expires) → pass', undefined, []],
    ['30 days → fail', 30, ['LOG-1:fail']],
    ['"30" as a string → fail', '30', ['LOG-1:fail']],
    ['Fn::If between 30 and 365 → fail', { 'Fn::If': ['IsProd', 365, 30] }, ['LOG-1:fail']],
    ['Fn::If between 365 and AWS::NoValue → pass', { 'Fn::If': ['IsProd', 365, { Ref: 'AWS::NoValue' }] }, []],
    ['a parameter defaulting to 60 → fail', { Ref: 'Days60' }, ['LOG-1:fail']],
    ['a parameter allowing only 90 or 180 → pass', { Ref: 'Allowed' }, []],
    ['a parameter with no default → unknown', { Ref: 'NoDefault' }, ['LOG-1:unknown']],
    ['Fn::ImportValue → unknown', IMPORT, ['LOG-1:unknown']],
  ])('%s', (_name, days, expected) => {
    const t = template({ Logs: logGroup(days === undefined ? { RetentionInDays: { Ref: 'AWS::NoValue' } } : { RetentionInDays: days }) }, PARAMS);
    expect(verdicts(findingsOf(t), 'LOG-1')).toEqual(expected);
  });

  it("CDK's LogRetention custom resource with 7 days → fail", () => {
    const t = template({ Retention: { Type: 'Custom::LogRetention', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:1:function:x', LogGroupName: '/aws/lambda/fn', RetentionInDays: 7 } } });
    expect(verdicts(findingsOf(t), 'LOG-1')).toEqual(['LOG-1:fail']);
  });

  it('a team asking for 400 days fails a year', () => {
    expect(verdicts(findingsOf(template({ Logs: logGroup() }), { logRetentionDays: 400 }), 'LOG-1')).toEqual(['LOG-1:fail']);
  });

  it('message: names the log group, the days, the property and the minimum', () => {
    const [f] = findingsOf(template({ Logs: logGroup({ RetentionInDays: 30 }) })).filter((x) => x.requirement === 'LOG-1');
    expect(f.message).toBe("Log group 'Logs' keeps logs 30 days (RetentionInDays is 30), less than 90 days.");
    expect(f).toMatchObject({ severity: 'P2', clause: 'Backing Up Logs', detail: 'retention' });
  });

  it('message: unknown says what could not be verified', () => {
    const [f] = findingsOf(template({ Logs: logGroup({ RetentionInDays: IMPORT }) })).filter((x) => x.requirement === 'LOG-1');
    expect(f.message).toBe("Could not be verified: how long Log group 'Logs' keeps logs: RetentionInDays is Fn::ImportValue 'not-exported-anywhere'.");
  });
});

describe('LOG-5: trails are multi-region, validated and encrypted with a customer key', () => {
  it.each<[string, { [k: string]: Json }, string[]]>([
    ['a compliant trail → pass', {}, []],
    ['IsMultiRegionTrail not set → fail', { IsMultiRegionTrail: { Ref: 'AWS::NoValue' } }, ['LOG-5:fail']],
    ['EnableLogFileValidation "false" → fail', { EnableLogFileValidation: 'false' }, ['LOG-5:fail']],
    ['no KMSKeyId → fail', { KMSKeyId: { Ref: 'AWS::NoValue' } }, ['LOG-5:fail']],
    ['IsLogging false → fail', { IsLogging: false }, ['LOG-5:fail']],
    ['single region in one Fn::If branch → fail', { IsMultiRegionTrail: { 'Fn::If': ['IsProd', true, false] } }, ['LOG-5:fail']],
    ['a key from another stack (Fn::ImportValue) → pass', { KMSKeyId: IMPORT }, []],
    ['validation from a parameter with no default → unknown', { EnableLogFileValidation: { Ref: 'NoDefault' } }, ['LOG-5:unknown']],
    ['everything off → one finding per aspect', { IsMultiRegionTrail: false, EnableLogFileValidation: false, KMSKeyId: { Ref: 'AWS::NoValue' } }, ['LOG-5:fail', 'LOG-5:fail', 'LOG-5:fail']],
  ])('%s', (_name, props, expected) => {
    const t = template({ Trail: trail('LogBucket', props) }, PARAMS);
    expect(verdicts(findingsOf(t), 'LOG-5')).toEqual(expected);
  });

  it('message: names the trail, what it lacks and the property', () => {
    const f = findingsOf(template({ Trail: trail('LogBucket', { IsMultiRegionTrail: { Ref: 'AWS::NoValue' } }) })).filter((x) => x.requirement === 'LOG-5');
    expect(f.map((x) => x.message)).toEqual(["Trail 'Trail' does not record every region: IsMultiRegionTrail is not set."]);
    expect(f[0].detail).toBe('all-regions');
  });
});

describe('LOG-4: access log formats carry request id, time and operation', () => {
  const stageWith = (format: Json | undefined): Record<string, Res> => ({
    ApiLogs: logGroup(),
    Stage: restStage('ApiLogs', format === undefined ? { Format: { Ref: 'AWS::NoValue' } } : { Format: format }),
  });
  it.each<[string, Json | undefined, string[]]>([
    ['the JSON format with all fields → pass', GOOD_FORMAT, []],
    ['extendedRequestId and requestTimeEpoch → pass', '$context.extendedRequestId $context.requestTimeEpoch $context.httpMethod $context.resourcePath', []],
    ['no request id → fail', '$context.requestTime $context.httpMethod $context.resourcePath', ['LOG-4:fail']],
    ['a look-alike variable $context.requestIdentity → fail', '$context.requestIdentity $context.requestTime $context.httpMethod $context.resourcePath', ['LOG-4:fail']],
    ['the method without the resource path → fail', '$context.requestId $context.requestTime $context.httpMethod', ['LOG-4:fail']],
    ['no Format at all → fail', undefined, ['LOG-4:fail']],
    ['built with Fn::Join → pass', { 'Fn::Join': [' ', ['$context.requestId', '$context.requestTime', '$context.httpMethod', '$context.resourcePath']] }, []],
    ['one Fn::If branch without the time → fail', { 'Fn::If': ['Verbose', GOOD_FORMAT, '$context.requestId $context.httpMethod $context.resourcePath'] }, ['LOG-4:fail']],
    ['Fn::ImportValue → unknown', IMPORT, ['LOG-4:unknown']],
  ])('%s', (_name, format, expected) => {
    expect(verdicts(findingsOf(template(stageWith(format))), 'LOG-4')).toEqual(expected);
  });

  it('an HTTP API stage with the route key → pass', () => {
    const t = template({
      ApiLogs: logGroup(),
      Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: 'x', StageName: '$default', AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': ['ApiLogs', 'Arn'] }, Format: '$context.requestId $context.requestTime $context.routeKey $context.status' } } },
    });
    expect(verdicts(findingsOf(t), 'LOG-4')).toEqual([]);
  });

  it('a deployment creating its stage inline is read too', () => {
    const t = template({
      ApiLogs: logGroup(),
      Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: 'x', StageName: 'prod', StageDescription: { AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': ['ApiLogs', 'Arn'] }, Format: '$context.requestId' } } } },
    });
    expect(verdicts(findingsOf(t), 'LOG-4')).toEqual(['LOG-4:fail']);
  });

  it('message: names the stage, what the format lacks and the format', () => {
    const [f] = findingsOf(template(stageWith('$context.httpMethod $context.resourcePath'))).filter((x) => x.requirement === 'LOG-4');
    expect(f.message).toBe("The access log format of API stage 'Stage' lacks a unique request id and the time: AccessLogSetting.Format is '$context.httpMethod $context.resourcePath'.");
    expect(f.severity).toBe('P3');
  });
});

describe('LOG-3: network and access logs are on', () => {
  const noFlowLog = (): Record<string, Res> => ({ VpcFlowLog: { Type: 'AWS::CloudFormation::WaitConditionHandle' } });

  it.each<[string, Record<string, Res>, string[]]>([
    ['a VPC without a flow log → fail', noFlowLog(), ['LOG-3:fail']],
    ['a flow log of rejected traffic only → fail', { VpcFlowLog: flowLog('Vpc', 'LogBucket', { TrafficType: 'REJECT' }) }, ['LOG-3:fail']],
    ['ACCEPT and REJECT flow logs together → pass', { VpcFlowLog: flowLog('Vpc', 'LogBucket', { TrafficType: 'ACCEPT' }), Rejects: flowLog('Vpc', 'LogBucket', { TrafficType: 'REJECT' }) }, []],
    ['TrafficType ALL or REJECT by Fn::If → fail', { VpcFlowLog: flowLog('Vpc', 'LogBucket', { TrafficType: { 'Fn::If': ['C', 'ALL', 'REJECT'] } }) }, ['LOG-3:fail']],
    ['a flow log on a subnet only → fail', { VpcFlowLog: flowLog('Vpc', 'LogBucket', { ResourceType: 'Subnet', ResourceId: { Ref: 'Subnet' } }) }, ['LOG-3:fail']],
    ['a flow log on one of two VPCs by Fn::If → the other fails', {
      Other: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
      VpcFlowLog: flowLog('Vpc', 'LogBucket', { ResourceId: { 'Fn::If': ['C', { Ref: 'Vpc' }, { Ref: 'Other' }] } }),
    }, ['LOG-3:fail', 'LOG-3:fail']],
    ['a flow log on a VPC id from a parameter with no default → unknown', { VpcFlowLog: flowLog('Vpc', 'LogBucket', { ResourceId: { Ref: 'NoDefault' } }) }, ['LOG-3:unknown']],
  ])('%s', (_name, resources, expected) => {
    const f = findingsOf(template(resources, PARAMS)).filter((x) => x.resource.type === 'AWS::EC2::VPC');
    expect(verdicts(f, 'LOG-3')).toEqual(expected);
  });

  it('a flow log in another stack, on the VPC it imports → pass', () => {
    const t = template({ VpcFlowLog: { Type: 'AWS::CloudFormation::WaitConditionHandle' } }, { Outputs: { VpcId: exported('Network:VpcId', { Ref: 'Vpc' }) } });
    const logging = stack({ Bucket: logBucket(), Flow: flowLog('Vpc', 'Bucket', { ResourceId: { 'Fn::ImportValue': 'Network:VpcId' } }) });
    const f = findingsOfApp({ Network: t, Logging: logging }).filter((x) => x.resource.type === 'AWS::EC2::VPC');
    expect(verdicts(f, 'LOG-3')).toEqual([]);
  });

  it('message: a VPC without flow logs', () => {
    const [f] = findingsOf(template(noFlowLog())).filter((x) => x.requirement === 'LOG-3');
    expect(f.message).toBe("VPC 'Vpc' does not record flow logs: no AWS::EC2::FlowLog in the templates checked has it as ResourceId.");
  });

  it('message: a flow log of rejected traffic only', () => {
    const [f] = findingsOf(template({ VpcFlowLog: flowLog('Vpc', 'LogBucket', { TrafficType: 'REJECT' }) })).filter((x) => x.requirement === 'LOG-3');
    expect(f.message).toBe("VPC 'Vpc' does not record flow logs of all its traffic: Flow log 'VpcFlowLog' has TrafficType REJECT, so accepted traffic goes unrecorded.");
  });

  const lb = (attributes: Json): Record<string, Res> => ({ LbSg: securityGroup(), Lb: loadBalancer('LbSg', { LoadBalancerAttributes: attributes }) });
  it.each<[string, Record<string, Res>, string[]]>([
    ['a load balancer without attributes → fail', lb([]), ['LOG-3:fail']],
    ['access_logs.s3.enabled "false" → fail', lb([{ Key: 'access_logs.s3.enabled', Value: 'false' }]), ['LOG-3:fail']],
    ['enabled in one Fn::If branch of the entry → fail', lb([{ 'Fn::If': ['C', { Key: 'access_logs.s3.enabled', Value: 'true' }, { Ref: 'AWS::NoValue' }] }, { Key: 'access_logs.s3.bucket', Value: { Ref: 'LogBucket' } }]), ['LOG-3:fail']],
    ['enabled from a parameter with no default → unknown', lb([{ Key: 'access_logs.s3.enabled', Value: { Ref: 'NoDefault' } }, { Key: 'access_logs.s3.bucket', Value: { Ref: 'LogBucket' } }]), ['LOG-3:unknown']],
    ['a network load balancer without logs → fail', lb([]), ['LOG-3:fail']],
    ['a gateway load balancer (no access logs exist) → pass', { Gwlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'gateway', Subnets: [{ Ref: 'Subnet' }] } } }, []],
    ['a classic load balancer without AccessLoggingPolicy → fail', { Clb: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Scheme: 'internal', Listeners: [] } } }, ['LOG-3:fail']],
    ['a classic load balancer logging to the log bucket → pass', { Clb: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Scheme: 'internal', AccessLoggingPolicy: { Enabled: true, S3BucketName: { Ref: 'LogBucket' } } } } }, []],
    ['a distribution without Logging → fail', { Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true } } } }, ['LOG-3:fail']],
    ['a distribution logging to the log bucket → pass', { Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true, Logging: { Bucket: { 'Fn::GetAtt': ['LogBucket', 'RegionalDomainName'] } } } } } }, []],
    ['a distribution with a standard logging v2 delivery → pass', {
      Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true } } },
      Source: { Type: 'AWS::Logs::DeliverySource', Properties: { Name: 'cdn', LogType: 'ACCESS_LOGS', ResourceArn: { 'Fn::Sub': 'arn:aws:cloudfront::111111111111:distribution/${Cdn}' } } },
      Destination: { Type: 'AWS::Logs::DeliveryDestination', Properties: { Name: 'cdn-s3', DestinationResourceArn: { 'Fn::GetAtt': ['LogBucket', 'Arn'] } } },
      Delivery: { Type: 'AWS::Logs::Delivery', Properties: { DeliverySourceName: { Ref: 'Source' }, DeliveryDestinationArn: { 'Fn::GetAtt': ['Destination', 'Arn'] } } },
    }, []],
    ['an API stage without AccessLogSetting → fail', { Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: 'x', StageName: 'prod' } } }, ['LOG-3:fail']],
    ['a bucket that holds no logs and writes none → fail', { Data: logBucket() }, ['LOG-3:fail']],
    ['a bucket writing server access logs to the log bucket → pass', { Data: logBucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'LogBucket' }, LogFilePrefix: 'data/' } }) }, []],
    ['a bucket with AccessControl LogDeliveryWrite → pass', { Data: logBucket({ AccessControl: 'LogDeliveryWrite' }) }, []],
    ['a bucket whose policy lets S3 logging write → pass', {
      Data: logBucket(),
      DataPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Data' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }] } } },
    }, []],
    ['logging configuration from an import → unknown', { Data: logBucket({ LoggingConfiguration: IMPORT }) }, ['LOG-3:unknown']],
  ])('%s', (_name, resources, expected) => {
    const f = findingsOf(template(resources, PARAMS)).filter((x) => x.resource.type !== 'AWS::EC2::VPC');
    expect(verdicts(f, 'LOG-3')).toEqual(expected);
  });

  it('a bucket that receives logs from another stack is a log bucket → pass', () => {
    const logging = stack({ Central: logBucket() }, { Name: exported('Logging:Bucket', { Ref: 'Central' }) });
    const web = template({ Trail: trail('LogBucket', { S3BucketName: { 'Fn::ImportValue': 'Logging:Bucket' } }) });
    expect(verdicts(findingsOfApp({ Web: web, Logging: logging }), 'LOG-3')).toEqual([]);
  });

  it('message: a load balancer without access logs', () => {
    const [f] = findingsOf(template(lb([]))).filter((x) => x.requirement === 'LOG-3');
    expect(f.message).toBe("Load balancer 'Lb' does not record access logs: LoadBalancerAttributes does not set access_logs.s3.enabled, and access logs are off by default.");
  });
});

describe('LOG-2: logs are backed up to storage that keeps them 90 days', () => {
  const lifecycle = (...rules: Json[]): { [k: string]: Json } => ({ LifecycleConfiguration: { Rules: rules } });
  const flowInto = (bucketProps: { [k: string]: Json }, flowProps: { [k: string]: Json } = {}): Record<string, Res> => ({
    LogBucket: logBucket(bucketProps),
    VpcFlowLog: flowLog('Vpc', 'LogBucket', flowProps),
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['a bucket without lifecycle → pass', flowInto({}), []],
    ['a lifecycle rule expiring after 30 days → fail', flowInto(lifecycle({ Status: 'Enabled', ExpirationInDays: 30 })), ['LOG-2:fail']],
    ['a rule of 365 days → pass', flowInto(lifecycle({ Status: 'Enabled', ExpirationInDays: 365 })), []],
    ['a disabled 30-day rule → pass', flowInto(lifecycle({ Status: 'Disabled', ExpirationInDays: 30 })), []],
    ['a 30-day rule for another prefix → pass', flowInto(lifecycle({ Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 30 })), []],
    ['a 30-day rule for the flow log folder → fail', flowInto(lifecycle({ Status: 'Enabled', Prefix: 'flow/', ExpirationInDays: 30 }), { LogDestination: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['LogBucket', 'Arn'] }, '/flow/']] } }), ['LOG-2:fail']],
    ['a 30-day rule on tagged objects (logs are untagged) → pass', flowInto(lifecycle({ Status: 'Enabled', TagFilters: [{ Key: 'tmp', Value: '1' }], ExpirationInDays: 30 })), []],
    ['an ExpirationDate → fail', flowInto(lifecycle({ Status: 'Enabled', ExpirationDate: '2027-01-01T00:00:00Z' })), ['LOG-2:fail']],
    ['30 days on a versioned bucket that keeps noncurrent versions → pass', flowInto({ VersioningConfiguration: { Status: 'Enabled' }, ...lifecycle({ Status: 'Enabled', ExpirationInDays: 30 }) }), []],
    ['30 days plus 30 noncurrent days → fail', flowInto({ VersioningConfiguration: { Status: 'Enabled' }, ...lifecycle({ Status: 'Enabled', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }) }), ['LOG-2:fail']],
    ['30 days plus 60 noncurrent days → pass', flowInto({ VersioningConfiguration: { Status: 'Enabled' }, ...lifecycle({ Status: 'Enabled', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 60 } }) }), []],
    ['expiry days from a parameter with no default → unknown', flowInto(lifecycle({ Status: 'Enabled', ExpirationInDays: { Ref: 'NoDefault' } })), ['LOG-2:unknown']],
    ['expiry chosen by Fn::If (365 or 30) → fail', flowInto(lifecycle({ Status: 'Enabled', ExpirationInDays: { 'Fn::If': ['C', 365, 30] } })), ['LOG-2:fail']],
    ['a bucket named by a literal ARN of a bucket in the app → pass', flowInto({ BucketName: 'acme-flow-logs' }, { LogDestination: 'arn:aws:s3:::acme-flow-logs' }), []],
    ['a literal bucket outside the templates → unknown', flowInto({}, { LogDestination: 'arn:aws:s3:::somewhere-else' }), ['LOG-2:unknown']],
  ])('flow log into S3: %s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources, PARAMS)), 'LOG-2')).toEqual(expected);
  });

  const toLogGroup = (extra: Record<string, Res>): Record<string, Res> => ({
    FlowLogs: logGroup(),
    VpcFlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: { Ref: 'FlowLogs' }, DeliverLogsPermissionArn: 'arn:aws:iam::1:role/x' } },
    ...extra,
  });
  it.each<[string, Record<string, Res>, string[]]>([
    ['a log group with no subscription → fail', toLogGroup({}), ['LOG-2:fail']],
    ['log group → Firehose → bucket → pass', toLogGroup({ Stream: deliveryStream('LogBucket'), Sub: subscription('FlowLogs', 'Stream') }), []],
    ['a subscription forwarding only ERROR events → fail', toLogGroup({ Stream: deliveryStream('LogBucket'), Sub: subscription('FlowLogs', 'Stream', { FilterPattern: 'ERROR' }) }), ['LOG-2:fail']],
    ['a subscription to a Lambda function → fail', toLogGroup({ Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { ZipFile: 'x' }, Role: 'r', Handler: 'h', Runtime: 'nodejs20.x' } }, Sub: subscription('FlowLogs', 'Fn') }), ['LOG-2:fail']],
    ['log group → Kinesis stream → Firehose reading it → bucket → pass', toLogGroup({
      Kinesis: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
      Sub: subscription('FlowLogs', 'Kinesis'),
      Stream: deliveryStream('LogBucket', { DeliveryStreamType: 'KinesisStreamAsSource', KinesisStreamSourceConfiguration: { KinesisStreamARN: { 'Fn::GetAtt': ['Kinesis', 'Arn'] }, RoleARN: 'r' } }),
    }), []],
    ['Firehose to OpenSearch keeping only failed documents → fail', toLogGroup({
      Stream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: { AmazonopensearchserviceDestinationConfiguration: { IndexName: 'logs', S3BackupMode: 'FailedDocumentsOnly', S3Configuration: { BucketARN: { 'Fn::GetAtt': ['LogBucket', 'Arn'] } } } } },
      Sub: subscription('FlowLogs', 'Stream'),
    }), ['LOG-2:fail']],
    ['Firehose to OpenSearch keeping all documents in S3 → pass', toLogGroup({
      Stream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: { AmazonopensearchserviceDestinationConfiguration: { IndexName: 'logs', S3BackupMode: 'AllDocuments', S3Configuration: { BucketARN: { 'Fn::GetAtt': ['LogBucket', 'Arn'] } } } } },
      Sub: subscription('FlowLogs', 'Stream'),
    }), []],
  ])('flow log into CloudWatch Logs: %s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources)), 'LOG-2')).toEqual(expected);
  });

  it('message: the route that stops at a log group', () => {
    const [f] = findingsOf(template(toLogGroup({}))).filter((x) => x.requirement === 'LOG-2');
    expect(f.message).toBe("Flow log 'VpcFlowLog' is not backed up to cloud storage: its flow logs go to Log group 'FlowLogs', which no subscription filter sends on to a Firehose stream writing to S3.");
    expect(f.resource.logicalId).toBe('VpcFlowLog');
  });

  it('message: the route to a bucket that expires objects early, through every hop', () => {
    const t = template(toLogGroup({
      LogBucket: logBucket({ LifecycleConfiguration: { Rules: [{ Id: 'short', Status: 'Enabled', ExpirationInDays: 30 }] } }),
      Stream: deliveryStream('LogBucket'),
      Sub: subscription('FlowLogs', 'Stream'),
    }));
    const [f] = findingsOf(t).filter((x) => x.requirement === 'LOG-2');
    expect(f.message).toBe("Flow log 'VpcFlowLog' backs its flow logs up to Bucket 'LogBucket' (through Log group 'FlowLogs', then Firehose delivery stream 'Stream'), which keeps objects less than 90 days: lifecycle rule 'short' has ExpirationInDays 30.");
  });

  it('Fn::If between a bucket that keeps logs and one that does not → fail (every branch must comply)', () => {
    const t = template({
      Short: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 7 }] } }),
      VpcFlowLog: flowLog('Vpc', 'LogBucket', { LogDestination: { 'Fn::If': ['C', { 'Fn::GetAtt': ['Short', 'Arn'] }, { 'Fn::GetAtt': ['LogBucket', 'Arn'] }] } }),
    });
    expect(verdicts(findingsOf(t), 'LOG-2')).toEqual(['LOG-2:fail']);
  });

  it('a Firehose stream whose bucket is chosen by Fn::If → fail for the short branch', () => {
    const t = template({
      Short: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 7 }] } }),
      FlowLogs: logGroup(),
      VpcFlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: { Ref: 'FlowLogs' } } },
      Stream: deliveryStream('LogBucket', { ExtendedS3DestinationConfiguration: { BucketARN: { 'Fn::If': ['C', { 'Fn::GetAtt': ['Short', 'Arn'] }, { 'Fn::GetAtt': ['LogBucket', 'Arn'] }] }, RoleARN: 'r' } }),
      Sub: subscription('FlowLogs', 'Stream'),
    });
    expect(verdicts(findingsOf(t), 'LOG-2')).toEqual(['LOG-2:fail']);
  });

  it('two subscriptions at once: one archive that keeps the logs is enough → pass', () => {
    const t = template({
      Short: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 7 }] } }),
      FlowLogs: logGroup(),
      VpcFlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: { Ref: 'FlowLogs' } } },
      Keep: deliveryStream('LogBucket'),
      Brief: deliveryStream('Short'),
      SubKeep: subscription('FlowLogs', 'Keep'),
      SubBrief: subscription('FlowLogs', 'Brief'),
    });
    expect(verdicts(findingsOf(t), 'LOG-2')).toEqual([]);
  });

  it('a trail naming no bucket → fail', () => {
    expect(verdicts(findingsOf(template({ Trail: trail('LogBucket', { S3BucketName: { Ref: 'AWS::NoValue' } }) })), 'LOG-2')).toEqual(['LOG-2:fail']);
  });

  it('one finding per route that falls short: two branches, two findings', () => {
    const t = template({
      Short: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 7 }] } }),
      VpcFlowLog: flowLog('Vpc', 'LogBucket', { LogDestination: { 'Fn::If': ['C', { 'Fn::GetAtt': ['Short', 'Arn'] }, 'arn:aws:s3:::elsewhere'] } }),
    });
    expect(verdicts(findingsOf(t), 'LOG-2')).toEqual(['LOG-2:fail', 'LOG-2:unknown']);
  });

  describe('across stacks', () => {
    const logging = (bucketProps: { [k: string]: Json } = {}) => stack({ Central: logBucket(bucketProps) }, { Name: exported('Logging:Bucket', { Ref: 'Central' }) });
    it.each<[string, Json, { [k: string]: Json }, string[]]>([
      ['a trail writing to a bucket another stack exports → pass', { 'Fn::ImportValue': 'Logging:Bucket' }, {}, []],
      ['that bucket expiring objects after 7 days → fail', { 'Fn::ImportValue': 'Logging:Bucket' }, { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 7 }] } }, ['LOG-2:fail']],
      ['an import no stack exports → unknown', { 'Fn::ImportValue': 'Logging:Other' }, {}, ['LOG-2:unknown']],
      ['the bucket named literally, declared with BucketName in the other stack → pass', 'central-logs', { BucketName: 'central-logs' }, []],
    ])('%s', (_name, bucketName, bucketProps, expected) => {
      const web = template({ Trail: trail('LogBucket', { S3BucketName: bucketName }) });
      expect(verdicts(findingsOfApp({ Web: web, Logging: logging(bucketProps) }), 'LOG-2')).toEqual(expected);
    });

    it('message: the import that cannot be followed', () => {
      const web = template({ Trail: trail('LogBucket', { S3BucketName: { 'Fn::ImportValue': 'Logging:Other' } }) });
      const [f] = findingsOfApp({ Web: web, Logging: logging() }).filter((x) => x.requirement === 'LOG-2');
      expect(f.message).toBe("Could not be verified: whether Trail 'Trail' backs its audit logs up to cloud storage: the bucket is Fn::ImportValue 'Logging:Other', which no stack of the templates checked exports.");
    });

    it('a Firehose stream in another stack, imported by ARN → pass', () => {
      const logs = stack({ Central: logBucket(), Stream: deliveryStream('Central') }, { Arn: exported('Logging:StreamArn', { 'Fn::GetAtt': ['Stream', 'Arn'] }) });
      const web = template({ Api: logGroup(), Sub: subscription('Api', 'Api', { DestinationArn: { 'Fn::ImportValue': 'Logging:StreamArn' } }), Stage: restStage('Api') });
      expect(verdicts(findingsOfApp({ Web: web, Logging: logs }), 'LOG-2')).toEqual([]);
    });
  });

  it('an ALB access log prefix meets a lifecycle rule for that prefix → fail', () => {
    const t = template({
      LogBucket: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', Prefix: 'alb/', ExpirationInDays: 30 }] } }),
      LbSg: securityGroup(),
      Lb: loadBalancer('LbSg', { LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: { Ref: 'LogBucket' } }, { Key: 'access_logs.s3.prefix', Value: 'alb' }] }),
    });
    expect(findingsOf(t).filter((x) => x.requirement === 'LOG-2').map((x) => x.resource.logicalId)).toEqual(['Lb']);
  });

  it('a log group with its own Firehose subscription to a short-lived bucket → fail on the log group', () => {
    const t = template({
      Short: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 14 }] } }),
      AppLogs: logGroup(),
      Stream: deliveryStream('Short'),
      Sub: subscription('AppLogs', 'Stream'),
    });
    expect(findingsOf(t).filter((x) => x.requirement === 'LOG-2').map((x) => `${x.resource.logicalId}:${x.status}`)).toEqual(['AppLogs:fail']);
  });

  it('S3 server access logs into a bucket expiring them after a week → fail on the logging bucket', () => {
    const t = template({
      Short: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 7 }] } }),
      Data: logBucket({ LoggingConfiguration: { DestinationBucketName: { Ref: 'Short' } } }),
    });
    expect(findingsOf(t).filter((x) => x.requirement === 'LOG-2').map((x) => x.resource.logicalId)).toEqual(['Data']);
  });

  it('a team asking for 400 days fails a bucket keeping a year', () => {
    const t = template({ LogBucket: logBucket({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 365 }] } }) });
    expect(verdicts(findingsOf(t, { logRetentionDays: 400 }), 'LOG-2')).toEqual(['LOG-2:fail']);
  });
});

describe('LOG-2: a network recorded by several flow logs is backed up once', () => {
  const toGroup = (traffic: string): Res => flowLog('Vpc', 'LogBucket', { LogDestinationType: 'cloud-watch-logs', LogDestination: { 'Fn::GetAtt': ['Logs', 'Arn'] }, TrafficType: traffic });

  it.each<[string, string, string[]]>([
    ['a flow log to a log group beside the archived one, same traffic → pass', 'ALL', []],
    ['a flow log of other traffic to a log group only → fail', 'REJECT', ['LOG-2:fail']],
  ])('%s', (_name, traffic, expected) => {
    const t = template({ Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } }, GroupFlowLog: toGroup(traffic) });
    expect(verdicts(findingsOf(t), 'LOG-2')).toEqual(expected);
  });
});
