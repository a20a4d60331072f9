/**
 * The team service: a web tier behind an internet-facing load balancer that speaks only HTTPS
 * with a TLS 1.2+ policy (TLS-1, TLS-2; port 80 only redirects) and forwards over HTTPS to the
 * app hosts (TLS-3); the app hosts in private subnets, on encrypted volumes (ENC-1) with
 * IMDSv2 (HOST-4), no key pair (SSH-1), patched and scanned through SSM (HOST-1, HOST-3),
 * replaced by rolling updates (DEPLOY-1), with a role that names every action it needs (IAM-2).
 */
import { Aws, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TEAM_CIDR, teamKey } from './defaults';

/**
 * The port the app listens on, with TLS.
 *
 * @example
 * ec2.Port.tcp(APP_PORT) // tcp/8443
 */
export const APP_PORT = 8443;

/**
 * The certificate of the public endpoint when the app is given none (`-c certificateArn=...`):
 * an example ARN, so the app synthesizes without an account.
 *
 * @example
 * elbv2.ListenerCertificate.fromArn(EXAMPLE_CERTIFICATE_ARN)
 */
export const EXAMPLE_CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000000';

/**
 * Props of the service stack: what it uses from the network, data and logs stacks.
 *
 * @example
 * const props: ServiceStackProps = { vpc, database, databaseSecurityGroup, databasePort: 5433, queue, dataKey, appLogs, loadBalancerLogs, certificateArn };
 */
export interface ServiceStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  readonly database: rds.IDatabaseInstance;
  readonly databaseSecurityGroup: ec2.ISecurityGroup;
  readonly databasePort: number;
  readonly queue: sqs.IQueue;
  /** The key of the queue, which the hosts use to read and write messages. */
  readonly dataKey: kms.IKey;
  readonly appLogs: logs.ILogGroup;
  readonly loadBalancerLogs: s3.IBucket;
  /** The ACM certificate of the public endpoint. */
  readonly certificateArn: string;
}

/** Actions the SSM agent needs (Session Manager, Run Command, patching); none takes a resource ARN. */
const SSM_AGENT_ACTIONS = [
  'ssm:DescribeAssociation',
  'ssm:DescribeDocument',
  'ssm:GetDeployablePatchSnapshotForInstance',
  'ssm:GetDocument',
  'ssm:GetManifest',
  'ssm:ListAssociations',
  'ssm:ListInstanceAssociations',
  'ssm:PutComplianceItems',
  'ssm:PutConfigurePackageResult',
  'ssm:PutInventory',
  'ssm:UpdateAssociationStatus',
  'ssm:UpdateInstanceAssociationStatus',
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'ec2messages:AcknowledgeMessage',
  'ec2messages:DeleteMessage',
  'ec2messages:FailMessage',
  'ec2messages:GetEndpoint',
  'ec2messages:GetMessages',
  'ec2messages:SendReply',
];

/** Boot script: automatic security updates (HOST-1), ClamAV with signature updates (HOST-3), the CloudWatch agent. */
const BOOT_COMMANDS = [
  'set -euo pipefail',
  'dnf install -y dnf-automatic clamav clamav-update amazon-cloudwatch-agent',
  "sed -i 's/^upgrade_type.*/upgrade_type = security/; s/^apply_updates.*/apply_updates = yes/' /etc/dnf/automatic.conf",
  'systemctl enable --now dnf-automatic-install.timer',
  'freshclam --quiet',
  'systemctl enable --now clamav-freshclam.service',
];

/**
 * The load balancer, the app hosts and their maintenance.
 *
 * @example
 * const service = new ServiceStack(app, 'TeamService', props);
 * service.loadBalancer.loadBalancerDnsName;
 */
export class ServiceStack extends Stack {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly hosts: autoscaling.AutoScalingGroup;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { vpc } = props;

    // ---- web tier: the only thing the internet reaches, on 443 (80 redirects).
    const lbGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Public HTTPS endpoint',
      allowAllOutbound: false,
    });
    lbGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    lbGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from the internet, redirected to HTTPS');
    // An inline egress rule: a group whose only egress rules are separate resources (as CDK
    // writes group-to-group rules) keeps EC2's default allow-all egress (NET-3).
    lbGroup.addEgressRule(ec2.Peer.ipv4(TEAM_CIDR), ec2.Port.tcp(APP_PORT), 'App hosts in the team VPC');
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      internetFacing: true,
      securityGroup: lbGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: true,
    });
    this.loadBalancer.logAccessLogs(props.loadBalancerLogs, 'team-service');
    this.loadBalancer.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 443, targetProtocol: elbv2.ApplicationProtocol.HTTPS });
    const https = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
      open: false,
    });

    // ---- app hosts: private subnets, reachable from the load balancer only.
    const hostGroup = new ec2.SecurityGroup(this, 'AppHostSecurityGroup', {
      vpc,
      description: 'App hosts: HTTPS from the load balancer; out to HTTPS and the database',
      allowAllOutbound: false,
    });
    hostGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs, package repositories and ClamAV signatures through the NAT gateways');
    // Both rules live in this stack (remoteRule), so the data stack does not depend on this one.
    hostGroup.addEgressRule(props.databaseSecurityGroup, ec2.Port.tcp(props.databasePort), 'The database');
    props.databaseSecurityGroup.addIngressRule(hostGroup, ec2.Port.tcp(props.databasePort), 'App hosts', true);

    const role = new iam.Role(this, 'AppHostRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'App hosts: SSM agent, app logs, the job queue and the database (IAM authentication)',
    });
    role.addToPolicy(new iam.PolicyStatement({ sid: 'SsmAgent', actions: SSM_AGENT_ACTIONS, resources: ['*'] }));
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PatchBaselines',
        actions: ['s3:GetObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::patch-baseline-snapshot-${Aws.REGION}/*`, `arn:${Aws.PARTITION}:s3:::aws-ssm-${Aws.REGION}/*`],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AppLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [props.appLogs.logGroupArn, `${props.appLogs.logGroupArn}:log-stream:*`],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AppMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'TeamService' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'Jobs',
        actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [props.queue.queueArn],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({ sid: 'JobsKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.dataKey.keyArn] }));
    props.database.grantConnect(role, 'app');

    // The Auto Scaling service-linked role launches the hosts: it must use the volume key.
    const hostKey = teamKey(this, 'HostKey', 'App host volumes and scaling notifications');
    const autoScalingRole = new iam.ArnPrincipal(
      `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    );
    hostKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AutoScalingUsesKey',
        principals: [autoScalingRole],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
        resources: ['*'],
      }),
    );
    hostKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AutoScalingGrantsForVolumes',
        principals: [autoScalingRole],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': true } },
      }),
    );
    const scalingEvents = new sns.Topic(this, 'ScalingEvents', { masterKey: hostKey, enforceSSL: true });
    const userData = ec2.UserData.forLinux();
    userData.addCommands(...BOOT_COMMANDS);
    const launchTemplate = new ec2.LaunchTemplate(this, 'AppHostTemplate', {
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      securityGroup: hostGroup,
      role,
      userData,
      requireImdsv2: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpPutResponseHopLimit: 1,
      detailedMonitoring: true,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, kmsKey: hostKey, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }),
        },
      ],
    });
    this.hosts = new autoscaling.AutoScalingGroup(this, 'AppHosts', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity: 2,
      maxCapacity: 6,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({ additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB], gracePeriod: Duration.minutes(5) }),
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({ maxBatchSize: 1, minInstancesInService: 2, pauseTime: Duration.minutes(10) }),
      notifications: [{ topic: scalingEvents, scalingEvents: autoscaling.ScalingEvents.ALL }],
    });
    https.addTargets('AppHosts', {
      port: APP_PORT,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      targets: [this.hosts],
      healthCheck: { protocol: elbv2.Protocol.HTTPS, path: '/health', port: String(APP_PORT) },
    });

    // ---- maintenance through SSM: weekly patching, daily virus scan.
    const hosts = [{ key: 'tag:aws:autoscaling:groupName', values: [this.hosts.autoScalingGroupName] }];
    new ssm.CfnAssociation(this, 'PatchAppHosts', {
      name: 'AWS-RunPatchBaseline',
      associationName: 'team-app-hosts-patching',
      parameters: { Operation: ['Install'], RebootOption: ['RebootIfNeeded'] },
      targets: hosts,
      scheduleExpression: 'cron(0 3 ? * SUN *)',
      complianceSeverity: 'HIGH',
      maxConcurrency: '1',
      maxErrors: '1',
    });
    new ssm.CfnAssociation(this, 'ScanAppHosts', {
      name: 'AWS-RunShellScript',
      associationName: 'team-app-hosts-clamav',
      parameters: { commands: ['freshclam --quiet', 'clamscan --recursive --infected --log=/var/log/clamav/daily-scan.log /home /srv /tmp'] },
      targets: hosts,
      scheduleExpression: 'rate(1 day)',
      complianceSeverity: 'MEDIUM',
      maxConcurrency: '50%',
      maxErrors: '1',
    });
  }
}
