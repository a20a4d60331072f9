/**
 * LOG, HOST and DEPLOY over what `cdk synth` really writes: a logging stack and a web stack
 * joined by CDK's own cross-stack exports.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { checkStackTemplates } from '../../../cdk/records';

function synth(expireLogsAfter: Duration | undefined): string[] {
  const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
  const env = { account: '111111111111', region: 'eu-west-1' };
  const logging = new Stack(app, 'Logging', { env });
  const bucket = new s3.Bucket(logging, 'Logs', { enforceSSL: true, ...(expireLogsAfter ? { lifecycleRules: [{ expiration: expireLogsAfter }] } : {}) });
  new cloudtrail.Trail(logging, 'Trail', { bucket, encryptionKey: new kms.Key(logging, 'TrailKey', { enableKeyRotation: true }) });

  const web = new Stack(app, 'Web', { env });
  const vpc = new ec2.Vpc(web, 'Vpc', { maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: true });
  vpc.addFlowLog('Flow', { destination: ec2.FlowLogDestination.toS3(bucket, 'flow/') });
  const alb = new elbv2.ApplicationLoadBalancer(web, 'Alb', { vpc });
  alb.logAccessLogs(bucket, 'alb');
  const asg = new autoscaling.AutoScalingGroup(web, 'Asg', {
    vpc,
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    requireImdsv2: true,
    updatePolicy: autoscaling.UpdatePolicy.rollingUpdate(),
  });
  asg.addUserData('dnf install -y dnf-automatic clamav clamav-update', 'systemctl enable --now dnf-automatic-install.timer', 'freshclam');
  new ec2.Instance(web, 'Bastion', {
    vpc,
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    requireImdsv2: true,
    init: ec2.CloudFormationInit.fromElements(ec2.InitPackage.yum('clamav'), ec2.InitCommand.shellCommand('freshclam')),
  });
  const cluster = new ecs.Cluster(web, 'Cluster', { vpc });
  const task = new ecs.FargateTaskDefinition(web, 'Task');
  task.addContainer('web', { image: ecs.ContainerImage.fromRegistry('nginx'), readonlyRootFilesystem: true });
  new ecs.FargateService(web, 'Service', { cluster, taskDefinition: task, circuitBreaker: { rollback: true } });
  new ecr.Repository(web, 'Images', { imageScanOnPush: true });
  new logs.LogGroup(web, 'AppLogs', { retention: logs.RetentionDays.ONE_YEAR });

  const stacks = app.synth().stacks.map((s) => ({ file: s.templateFullPath, stackName: s.stackName, template: s.template }));
  return checkStackTemplates(stacks).findings
    .filter((f) => /^(LOG|HOST|DEPLOY)/.test(f.requirement))
    .map((f) => `${f.requirement} ${f.status} ${f.resource.path ?? f.resource.logicalId}`)
    .sort();
}

describe('a synthesized CDK app', () => {
  it('reads flow logs, access logs and the trail into the bucket of another stack, and the hosts through their launch templates', () => {
    expect(synth(undefined)).toEqual([
      // The bastion is patched by nothing: its cfn-init installs ClamAV only.
      'HOST-1 fail Web/Bastion/Resource',
    ]);
  });

  it('a 30-day lifecycle on the shared log bucket fails every source that writes into it', () => {
    expect(synth(Duration.days(30))).toEqual([
      'HOST-1 fail Web/Bastion/Resource',
      'LOG-2 fail Logging/Trail/Resource',
      'LOG-2 fail Web/Alb/Resource',
      'LOG-2 fail Web/Vpc/Flow/FlowLog',
    ]);
  });
});
