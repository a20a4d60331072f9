/**
 * The team service, composed of the secure constructs: the web tier is a `TlsLoadBalancer`
 * (HTTPS with a TLS 1.2+ policy, port 80 only redirecting, HTTPS to the targets, access logs
 * in the archive) in front of the app hosts, a `HardenedAutoScalingGroup` in private subnets
 * (encrypted volumes, IMDSv2, no key pair, daily patching, ClamAV, rolling updates); a worker
 * (`HardenedFargateService`) drains the job queue; customers sign in through a
 * `SecureUserPool`. Every security group is built from declared connections: internet → load
 * balancer on 443 and 80, load balancer → app hosts on 8443, app hosts and worker → database
 * on its port, and egress to the internet on 443 only (AWS APIs, patches, images).
 */
import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { HardenedAutoScalingGroup } from '../hardened-auto-scaling-group';
import { HardenedFargateService } from '../hardened-fargate-service';
import { HardenedTaskDefinition } from '../hardened-task-definition';
import { LeastPrivilegeRole } from '../least-privilege-role';
import type { LogArchiveBucket } from '../log-archive-bucket';
import type { RetainedLogGroup } from '../retained-log-group';
import type { SecureDatabase } from '../secure-database';
import { SecureUserPool } from '../secure-user-pool';
import { TlsLoadBalancer } from '../tls-load-balancer';

/**
 * The port the app hosts serve HTTPS on.
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
 * The worker's image when the app is given none (`-c workerImage=...`): a public image, so the
 * app synthesizes without a registry of its own.
 *
 * @example
 * ecs.ContainerImage.fromRegistry(EXAMPLE_WORKER_IMAGE)
 */
export const EXAMPLE_WORKER_IMAGE = 'public.ecr.aws/docker/library/busybox:1.36';

/**
 * Why the worker's task definition carries an acknowledgement of cdk-nag's AwsSolutions-ECS2.
 *
 * @example
 * Validations.of(task).acknowledge({ id: 'AwsSolutions-ECS2', reason: WORKER_ENVIRONMENT_ACKNOWLEDGEMENT });
 */
export const WORKER_ENVIRONMENT_ACKNOWLEDGEMENT =
  'The worker\'s environment holds the job queue URL and the database host, neither of them a secret: HardenedTaskDefinition refuses secret-looking names (AUTH-3), and the worker signs in to the database with IAM tokens, not a password.';

/** What the worker and the app hosts may do with the queue and its key. */
const SEND_JOBS = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
const TAKE_JOBS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
const USE_QUEUE_KEY = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * Props of the service stack: what it uses from the network, data and logs stacks.
 *
 * @example
 * const props: ServiceStackProps = { vpc, database, queue, dataKey, appLogs, loadBalancerLogs, certificateArn, workerImage };
 */
export interface ServiceStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  readonly database: SecureDatabase;
  readonly queue: sqs.IQueue;
  /** The key of the queue, which the hosts and the worker use to write and read messages. */
  readonly dataKey: kms.IKey;
  readonly appLogs: RetainedLogGroup;
  readonly loadBalancerLogs: LogArchiveBucket;
  /** The ACM certificate of the public endpoint. */
  readonly certificateArn: string;
  /** The worker's container image. */
  readonly workerImage: string;
}

/**
 * The load balancer, the app hosts, the worker and the customers' user pool.
 *
 * @example
 * const service = new ServiceStack(app, 'TeamService', props);
 * service.web.loadBalancer.loadBalancerDnsName;
 */
export class ServiceStack extends Stack {
  /** The public entry point. */
  readonly web: TlsLoadBalancer;
  /** The app hosts. */
  readonly appHosts: HardenedAutoScalingGroup;
  /** The worker that drains the job queue. */
  readonly worker: HardenedFargateService;
  /** Where customers sign in. */
  readonly customers: SecureUserPool;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { vpc, database } = props;

    // ---- web tier: the only thing the internet reaches.
    this.web = new TlsLoadBalancer(this, 'Web', {
      vpc,
      certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
      accessLogs: props.loadBalancerLogs,
      accessLogPrefix: 'team-service',
    });

    // ---- app hosts behind it, in private subnets.
    this.appHosts = new HardenedAutoScalingGroup(this, 'AppHosts', {
      vpc,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      rootVolumeSize: 30,
      minCapacity: 2,
      maxCapacity: 6,
    });
    this.web.addHttpsTargets('AppHosts', { port: APP_PORT, targets: [this.appHosts.autoScalingGroup], healthCheckPath: '/health' });
    database.allowFrom(this.appHosts.securityGroup, 'App hosts');
    const hostRole = this.appHosts.role;
    props.appLogs.grantWrite(hostRole);
    database.instance.grantConnect(hostRole, 'app');
    hostRole.allow({ actions: SEND_JOBS, resources: [props.queue.queueArn] });
    hostRole.allow({ actions: USE_QUEUE_KEY, resources: [props.dataKey.keyArn] });

    // ---- the worker: takes jobs from the queue and writes to the database.
    const workerRole = new LeastPrivilegeRole(this, 'WorkerRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Team worker: the job queue and the database (IAM authentication)',
    });
    workerRole.allow({ actions: TAKE_JOBS, resources: [props.queue.queueArn] });
    workerRole.allow({ actions: USE_QUEUE_KEY, resources: [props.dataKey.keyArn] });
    database.instance.grantConnect(workerRole, 'worker');
    const task = new HardenedTaskDefinition(this, 'WorkerTask', { taskRole: workerRole });
    task.addVolume({ name: 'scratch' });
    task.addContainer('worker', {
      image: ecs.ContainerImage.fromRegistry(props.workerImage),
      environment: { JOB_QUEUE_URL: props.queue.queueUrl, DATABASE_HOST: database.instance.dbInstanceEndpointAddress },
    }).addMountPoints({ sourceVolume: 'scratch', containerPath: '/tmp', readOnly: false });
    // cdk-nag's ECS2 flags every environment variable, secret or not.
    Validations.of(task).acknowledge({ id: 'AwsSolutions-ECS2', reason: WORKER_ENVIRONMENT_ACKNOWLEDGEMENT });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    this.worker = new HardenedFargateService(this, 'Worker', { cluster, taskDefinition: task, desiredCount: 1 });
    database.allowFrom(this.worker.securityGroup, 'Worker');

    // ---- customers.
    this.customers = new SecureUserPool(this, 'Customers', { selfSignUpEnabled: true });
  }
}
