/**
 * An example team stack composed of the secure-by-default constructs: a web API behind a TLS
 * load balancer, a worker service, a database and a bucket, with the account's logging and
 * sign-in controls. Every resource complies with the policy as built; the security groups come
 * from declared connections only.
 */
import { CfnParameter, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AccountPasswordPolicy } from './account-password-policy';
import { AuditTrail } from './audit-trail';
import { HardenedAutoScalingGroup } from './hardened-auto-scaling-group';
import { HardenedFargateService } from './hardened-fargate-service';
import { HardenedTaskDefinition } from './hardened-task-definition';
import { ArchiveEncryption, LogArchiveBucket } from './log-archive-bucket';
import { SecureBucket } from './secure-bucket';
import { SecureDatabase } from './secure-database';
import { SecureUserPool } from './secure-user-pool';
import { SecureVpc } from './secure-vpc';
import { TlsLoadBalancer } from './tls-load-balancer';

/**
 * The example team stack. Its region must be known (load balancer access logs are delivered
 * by a regional account); the account need not be.
 *
 * @example
 * new TeamExampleStack(app, 'Team', { env: { region: 'eu-west-1' } });
 */
export class TeamExampleStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const certificateArn = new CfnParameter(this, 'CertificateArn', {
      type: 'String',
      description: 'ACM certificate of the public HTTPS listener',
      allowedPattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/.+$',
    });

    // Logs and audit: one archive for trails and bucket logs, one (SSE-S3) for the load balancer.
    const archive = new LogArchiveBucket(this, 'Archive');
    const lbLogs = new LogArchiveBucket(this, 'LoadBalancerLogs', { encryption: ArchiveEncryption.S3_MANAGED });
    new AuditTrail(this, 'Audit', { archive });

    // Sign-in: the IAM account's password policy and the customers' user pool.
    new AccountPasswordPolicy(this, 'PasswordPolicy');
    new SecureUserPool(this, 'Customers', { selfSignUpEnabled: true });

    // Network and the public entry point.
    const vpc = new SecureVpc(this, 'Network', { maxAzs: 2, natGateways: 1 });
    const web = new TlsLoadBalancer(this, 'Web', {
      vpc,
      certificates: [elbv2.ListenerCertificate.fromArn(certificateArn.valueAsString)],
      accessLogs: lbLogs,
    });

    // The API fleet behind the balancer, its database and its bucket.
    const api = new HardenedAutoScalingGroup(this, 'Api', { vpc, minCapacity: 2 });
    web.addHttpsTargets('Api', { port: 8443, targets: [api.autoScalingGroup], healthCheckPath: '/health' });
    const orders = new SecureDatabase(this, 'Orders', { vpc });
    orders.allowFrom(api.securityGroup, 'the API reads and writes orders');
    const uploads = new SecureBucket(this, 'Uploads', { accessLogs: archive });
    api.role.allow({ actions: ['s3:GetObject'], resources: [uploads.arnForObjects('*')] });
    uploads.encryptionKey?.grantDecrypt(api.role);
    // cdk-nag flags every object ARN ending in /*; reading any upload is what the API is for.
    const bucketId = this.resolve(this.getLogicalId(uploads.node.defaultChild as s3.CfnBucket)) as string;
    Validations.of(api.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason: 'The API serves any file of its own uploads bucket: s3:GetObject on the bucket\'s objects, nothing else.',
    });

    // A worker service that drains the orders.
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const task = new HardenedTaskDefinition(this, 'WorkerTask');
    task.addVolume({ name: 'scratch' });
    task.addContainer('worker', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36') })
      .addMountPoints({ sourceVolume: 'scratch', containerPath: '/tmp', readOnly: false });
    const worker = new HardenedFargateService(this, 'Worker', { cluster, taskDefinition: task, desiredCount: 1 });
    orders.allowFrom(worker.securityGroup, 'the worker settles orders');
    worker.securityGroup.allowTo(api.securityGroup, ec2.Port.tcp(8443), 'the worker calls the API');
  }
}
