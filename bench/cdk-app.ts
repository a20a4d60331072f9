/**
 * Generated CDK apps for the benchmark: stacks of at most 500 resources that look like a
 * team's (a VPC with flow logs, services behind HTTPS load balancers, hosts with volumes and
 * roles, buckets, log groups, functions), mostly compliant with the policy, with a seeded
 * sprinkle of the mistakes teams make, so the checks also report findings.
 */
import { Aws, CfnResource, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { Random } from './random';

/** The most resources a generated stack holds (CloudFormation allows 500). */
export const STACK_LIMIT = 500;

/**
 * What to generate.
 *
 * @example
 * const plan: CdkAppPlan = { resources: 3000, seed: 1 };
 */
export interface CdkAppPlan {
  /** About how many resources in all; the app stops at the first unit that reaches it. */
  readonly resources: number;
  /** @default 1 */
  readonly seed?: number;
}

/**
 * What was generated: each stack and how many resources it holds.
 *
 * @example
 * generateCdkApp(app, { resources: 3000 }).resources // about 3000
 */
export interface GeneratedCdkApp {
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly resources: number }>;
  readonly resources: number;
}

const REGION = 'eu-west-1';
const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000000';
const APP_PORT = 8443;
const RETENTION = logs.RetentionDays.SIX_MONTHS;
const ARCHIVE_DAYS = 400;
const BOOT = [
  'dnf install -y dnf-automatic clamav clamav-update',
  "sed -i 's/^apply_updates.*/apply_updates = yes/' /etc/dnf/automatic.conf",
  'systemctl enable --now dnf-automatic-install.timer',
  'freshclam --quiet && systemctl enable --now clamav-freshclam.service',
];
/** What a unit's resources cost, to stop a stack before it passes `STACK_LIMIT`. */
const LARGEST_UNIT = 40;

/**
 * Adds a generated app's stacks to `app`: an audit stack (trail, archive), then team stacks
 * filled with service units up to `STACK_LIMIT` resources each, until about `plan.resources`.
 * The same plan always gives the same templates.
 *
 * @example
 * const app = new App();
 * const { resources } = generateCdkApp(app, { resources: 12000, seed: 1 });
 * app.synth();
 */
export function generateCdkApp(app: Construct, plan: CdkAppPlan): GeneratedCdkApp {
  const rng = new Random(plan.seed ?? 1);
  const stacks: Array<{ name: string; resources: number }> = [];
  const env = { region: REGION };
  /** A stack whose buckets take access logs through bucket policies (their ACLs are disabled). */
  const newStack = (id: string): Stack => {
    const stack = new Stack(app, id, { env, analyticsReporting: false });
    stack.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    return stack;
  };

  const audit = newStack('Audit');
  auditStack(audit);
  stacks.push({ name: audit.stackName, resources: countResources(audit) });
  let total = stacks[0].resources;

  for (let s = 1; total < plan.resources; s++) {
    const stack = newStack(`Team${String(s).padStart(3, '0')}`);
    const shared = new TeamShared(stack, 'Shared');
    let count = countResources(stack);
    for (let u = 1; count + LARGEST_UNIT <= STACK_LIMIT - 1 && total + count < plan.resources; u++) {
      const unit = new ServiceUnit(stack, `Svc${String(u).padStart(2, '0')}`, shared, rng);
      // IMDSv2 on an instance is a launch template that an aspect adds at synthesis.
      count += countResources(unit) + unit.hosts;
    }
    stacks.push({ name: stack.stackName, resources: count });
    total += count;
  }
  return { stacks, resources: total };
}

/** The CloudFormation resources in a construct's subtree. */
function countResources(scope: IConstruct): number {
  return scope.node.findAll().filter((c) => CfnResource.isCfnResource(c)).length;
}

/** A customer-managed key that rotates yearly. */
function key(scope: Construct, id: string): kms.Key {
  return new kms.Key(scope, id, { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
}

/** A private, TLS-only, versioned bucket whose objects expire after `ARCHIVE_DAYS`. */
function bucket(scope: Construct, id: string, props: { encryptionKey?: kms.IKey; accessLogs?: s3.IBucket } = {}): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    ...(props.encryptionKey ? { encryption: s3.BucketEncryption.KMS, encryptionKey: props.encryptionKey, bucketKeyEnabled: true } : { encryption: s3.BucketEncryption.S3_MANAGED }),
    ...(props.accessLogs ? { serverAccessLogsBucket: props.accessLogs, serverAccessLogsPrefix: `${id}/` } : {}),
    lifecycleRules: [{ enabled: true, expiration: Duration.days(ARCHIVE_DAYS), noncurrentVersionExpiration: Duration.days(ARCHIVE_DAYS) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** The audit trail of the app (every region, file validation) and its bucket. */
function auditStack(stack: Stack): void {
  const trailKey = key(stack, 'TrailKey');
  trailKey.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*` } },
    }),
  );
  const accessLogs = bucket(stack, 'AccessLogs');
  new cloudtrail.Trail(stack, 'Trail', {
    bucket: bucket(stack, 'TrailBucket', { encryptionKey: trailKey, accessLogs }),
    encryptionKey: trailKey,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableFileValidation: true,
  });
}

/** What the units of one team stack share: a VPC with flow logs, a key, log buckets. */
class TeamShared extends Construct {
  readonly vpc: ec2.Vpc;
  readonly key: kms.Key;
  readonly accessLogs: s3.Bucket;
  readonly loadBalancerLogs: s3.Bucket;

  constructor(scope: Stack, id: string) {
    super(scope, id);
    this.key = key(this, 'Key');
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` } },
      }),
    );
    this.accessLogs = bucket(this, 'AccessLogs');
    this.loadBalancerLogs = bucket(this, 'LoadBalancerLogs', { accessLogs: this.accessLogs });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
      maxAzs: 2,
      natGateways: 1,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
    });
    this.vpc.addFlowLog('FlowLogs', { destination: ec2.FlowLogDestination.toS3(this.accessLogs, 'flow-logs/'), trafficType: ec2.FlowLogTrafficType.ALL });
  }
}

/**
 * One service: an HTTPS load balancer in front of one to three hosts (encrypted root and data
 * volumes, IMDSv2, patched by their boot script, a role naming its actions), a bucket, a log
 * group and, for some, a function. About one unit in twenty carries one mistake.
 */
class ServiceUnit extends Construct {
  /** How many instances the unit has. */
  readonly hosts: number;

  constructor(scope: Stack, id: string, shared: TeamShared, rng: Random) {
    super(scope, id);
    const { vpc } = shared;
    const mistake = rng.chance(0.05) ? rng.pick(['ssh-open', 'short-retention', 'plain-volume', 'wildcard-policy', 'http-listener'] as const) : undefined;

    const lbGroup = new ec2.SecurityGroup(this, 'LbGroup', { vpc, description: 'Public HTTPS endpoint', allowAllOutbound: false });
    lbGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    lbGroup.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(APP_PORT), 'App hosts');
    const hostGroup = new ec2.SecurityGroup(this, 'HostGroup', { vpc, description: 'App hosts', allowAllOutbound: false });
    hostGroup.addIngressRule(lbGroup, ec2.Port.tcp(APP_PORT), 'From the load balancer');
    hostGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs and package repositories');
    if (mistake === 'ssh-open') hostGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'Debugging');

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: mistake === 'short-retention' ? logs.RetentionDays.ONE_MONTH : RETENTION,
      encryptionKey: shared.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const data = bucket(this, 'Data', { encryptionKey: shared.key, accessLogs: shared.accessLogs });

    const role = new iam.Role(this, 'HostRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [data.arnForObjects('*')] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [shared.key.keyArn] }));
    for (let i = rng.int(0, 3); i > 0; i--) {
      role.addToPolicy(new iam.PolicyStatement({ actions: [rng.pick(['sqs:SendMessage', 'sns:Publish', 'ssm:GetParameter', 'dynamodb:GetItem'])], resources: [`arn:${Aws.PARTITION}:sqs:${Aws.REGION}:${Aws.ACCOUNT_ID}:q${rng.int(1, 99)}`] }));
    }
    if (mistake === 'wildcard-policy') role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));

    const userData = ec2.UserData.forLinux();
    userData.addCommands(...BOOT);
    const hosts: ec2.Instance[] = [];
    for (let i = rng.int(1, 3); i > 0; i--) {
      const host = new ec2.Instance(this, `Host${i}`, {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        instanceType: ec2.InstanceType.of(rng.pick([ec2.InstanceClass.M7G, ec2.InstanceClass.C7G, ec2.InstanceClass.R7G]), ec2.InstanceSize.LARGE),
        machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
        securityGroup: hostGroup,
        role,
        userData,
        requireImdsv2: true,
        blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, kmsKey: shared.key, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
      });
      const volume = new ec2.Volume(this, `Data${i}`, {
        availabilityZone: host.instanceAvailabilityZone,
        size: Size.gibibytes(rng.int(20, 500)),
        encrypted: mistake !== 'plain-volume',
        ...(mistake !== 'plain-volume' ? { encryptionKey: shared.key } : {}),
        volumeType: ec2.EbsDeviceVolumeType.GP3,
        removalPolicy: RemovalPolicy.SNAPSHOT,
      });
      new ec2.CfnVolumeAttachment(this, `Attach${i}`, { instanceId: host.instanceId, volumeId: volume.volumeId, device: '/dev/sdf' });
      hosts.push(host);
    }
    this.hosts = hosts.length;

    const lb = new elbv2.ApplicationLoadBalancer(this, 'Lb', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      internetFacing: true,
      securityGroup: lbGroup,
      dropInvalidHeaderFields: true,
    });
    lb.logAccessLogs(shared.loadBalancerLogs, id);
    const listener =
      mistake === 'http-listener'
        ? lb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false })
        : lb.addListener('Https', {
            port: 443,
            protocol: elbv2.ApplicationProtocol.HTTPS,
            sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
            certificates: [elbv2.ListenerCertificate.fromArn(CERTIFICATE_ARN)],
            open: false,
          });
    if (mistake === 'http-listener') lbGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from the internet');
    listener.addTargets('Hosts', {
      port: APP_PORT,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      targets: hosts.map((h) => new targets.InstanceTarget(h, APP_PORT)),
      healthCheck: { protocol: elbv2.Protocol.HTTPS, path: '/health' },
    });

    if (rng.chance(0.6)) {
      const fnLogs = new logs.LogGroup(this, 'FnLogs', { retention: RETENTION, encryptionKey: shared.key, removalPolicy: RemovalPolicy.RETAIN });
      const fn = new lambda.Function(this, 'Fn', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(`exports.handler = async () => ({ unit: '${id}', n: ${rng.int(1, 1000)} });`),
        memorySize: rng.pick([128, 256, 512]),
        timeout: Duration.seconds(rng.int(3, 30)),
        logGroup: fnLogs,
        environment: { BUCKET: data.bucketName, STAGE: rng.pick(['prod', 'staging']) },
      });
      data.grantRead(fn);
    }
  }
}
