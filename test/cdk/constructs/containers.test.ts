/**
 * Containers: the hardened task definition (HOST-5, AUTH-3, LOG-1) and the hardened Fargate
 * service (DEPLOY-1, NET-2, NET-3).
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { HardenedFargateService } from '../../../cdk/hardened-fargate-service';
import { HardenedTaskDefinition } from '../../../cdk/hardened-task-definition';
import { SecureVpc } from '../../../cdk/secure-vpc';
import { findingLines, nagViolations, newStack, snapshotOf } from './helpers';

const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/api:1.4.2');

describe('GIVEN a hardened task with a scratch volume, run by a hardened Fargate service', () => {
  let stack: Stack;
  let template: Template;
  let task: HardenedTaskDefinition;
  let service: HardenedFargateService;
  beforeAll(() => {
    stack = newStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    task = new HardenedTaskDefinition(stack, 'Api');
    task.addVolume({ name: 'tmp' });
    const api = task.addContainer('api', { image, portMappings: [{ containerPort: 8443 }] });
    api.addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });
    service = new HardenedFargateService(stack, 'ApiService', { cluster, taskDefinition: task });
    template = Template.fromStack(stack);
  });

  it('THEN the container runs unprivileged, as user 1000, on a read-only root, and writes only to its declared volume', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Name: 'api',
        ReadonlyRootFilesystem: true,
        Privileged: false,
        User: '1000:1000',
        MountPoints: [{ SourceVolume: 'tmp', ContainerPath: '/tmp', ReadOnly: false }],
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
      })],
      Volumes: [{ Name: 'tmp' }],
    });
  });

  it('THEN its logs are kept 90 days', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('THEN the service rolls back failed deployments and gives tasks no public address', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100 }),
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
  });

  it('THEN the tasks may only reach the internet on 443 (images and logs)', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Service ApiService',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })],
    });
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('snapshot: HardenedTaskDefinition', () => {
    expect(snapshotOf(stack, task, task.taskRole)).toMatchSnapshot();
  });

  it('snapshot: HardenedFargateService', () => {
    expect(snapshotOf(stack, service, service.securityGroup)).toMatchSnapshot();
  });
});

describe('refused props', () => {
  const task = (props: ConstructorParameters<typeof HardenedTaskDefinition>[2] = {}): HardenedTaskDefinition => new HardenedTaskDefinition(newStack(), 'Api', props);
  const serviceWith = (props: Partial<ConstructorParameters<typeof HardenedFargateService>[2]>): HardenedFargateService => {
    const stack = newStack();
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new SecureVpc(stack, 'Vpc') });
    const t = new HardenedTaskDefinition(stack, 'Api');
    t.addContainer('api', { image });
    return new HardenedFargateService(stack, 'Svc', { cluster, taskDefinition: t, ...props });
  };

  it.each<[string, () => void, string]>([
    ['a writable root file system → HOST-5', () => task().addContainer('api', { image, readonlyRootFilesystem: false }),
      "[HOST-5] Container 'api' of task 'Api' sets readonlyRootFilesystem: false; containers run on a read-only root file system and mount what they write to."],
    ['a privileged container → HOST-5', () => task().addContainer('api', { image, privileged: true }),
      "[HOST-5] Container 'api' of task 'Api' sets privileged: true; containers never run privileged."],
    ['running as root → HOST-5', () => task().addContainer('api', { image, user: 'root' }),
      "[HOST-5] Container 'api' of task 'Api' runs as user 'root'; containers run as a non-root user."],
    ['running as uid 0 → HOST-5', () => task().addContainer('api', { image, user: '0:0' }),
      "[HOST-5] Container 'api' of task 'Api' runs as user '0:0'; containers run as a non-root user."],
    ['the Docker socket → HOST-5', () => task({ compatibility: ecs.Compatibility.EC2, allowedHostPaths: ['/var/run/docker.sock'] }).addVolume({ name: 'docker', host: { sourcePath: '/var/run/docker.sock' } }),
      "[HOST-5] Task 'Api' would mount host path /var/run/docker.sock; no container mounts the host's root or its Docker socket."],
    ['a host path not declared → HOST-5', () => task({ compatibility: ecs.Compatibility.EC2 }).addVolume({ name: 'etc', host: { sourcePath: '/etc' } }),
      "[HOST-5] Task 'Api' would mount host path /etc, which is not in allowedHostPaths; containers mount only the folders they declare."],
    ['a database password in the environment → AUTH-3', () => task().addContainer('api', { image, environment: { DB_PASSWORD: 'hunter2' } }),
      "[AUTH-3] Container 'api' of task 'Api' puts DB_PASSWORD in plain environment variables; pass secrets through 'secrets' (Secrets Manager or SSM)."],
    ['a circuit breaker without rollback → DEPLOY-1', () => serviceWith({ circuitBreaker: { enable: true, rollback: false } }),
      "[DEPLOY-1] Service 'Svc' sets a circuit breaker without rollback; a failed deployment must roll back."],
    ['public addresses → NET-2', () => serviceWith({ assignPublicIp: true }),
      "[NET-2] Service 'Svc' sets assignPublicIp: true; services are reached through a load balancer, not a public address."],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  it('a declared host folder on EC2 → accepted', () => {
    const t = task({ compatibility: ecs.Compatibility.EC2, allowedHostPaths: ['/var/log/app'] });
    expect(() => t.addVolume({ name: 'logs', host: { sourcePath: '/var/log/app/' } })).not.toThrow();
  });

  it('GIVEN a mount of a volume the task never declares THEN validation reports HOST-5', () => {
    const t = task();
    t.addContainer('api', { image }).addMountPoints({ sourceVolume: 'data', containerPath: '/data', readOnly: true });
    expect(t.node.validate()).toContain(
      "[HOST-5] Container 'api' of task 'Api' mounts volume 'data', which the task does not declare; containers mount only the folders they declare.",
    );
  });
});
