/**
 * Happy-path builders for the logging, host and deployment records: each compliant on its own,
 * mutated one field at a time by the tests.
 */
import { checkStackTemplates } from '../../../cdk/records';
import type { CfnTemplate } from '../../../cdk/records/template';
import type { Finding } from '../../../constructs/finding';
import type { CheckOptions } from '../../../constructs/options';
import type { Json, Res } from '../fixtures';

/** A boot script that enables unattended upgrades and runs ClamAV with fresh signatures. */
export const GOOD_SCRIPT = '#!/bin/bash\napt-get update\napt-get install -y unattended-upgrades clamav clamav-freshclam\nsystemctl enable --now clamav-freshclam\n';

/** An instance in the subnet, with IMDSv2 required and the good boot script. */
export function instance(props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::EC2::Instance',
    Properties: {
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't3.micro',
      SubnetId: { Ref: 'Subnet' },
      MetadataOptions: { HttpTokens: 'required' },
      UserData: { 'Fn::Base64': GOOD_SCRIPT },
      ...props,
    },
  };
}

/** A launch template with IMDSv2 required and the good boot script. */
export function launchTemplate(data: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::EC2::LaunchTemplate',
    Properties: {
      LaunchTemplateData: { ImageId: 'ami-0123456789abcdef0', MetadataOptions: { HttpTokens: 'required' }, UserData: { 'Fn::Base64': GOOD_SCRIPT }, ...data },
    },
  };
}

/** An auto scaling group launched from `lt`, with a rolling update policy. */
export function autoScalingGroup(lt: string, props: { [k: string]: Json } = {}, attributes: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::AutoScaling::AutoScalingGroup',
    Properties: {
      MinSize: '1',
      MaxSize: '3',
      VPCZoneIdentifier: [{ Ref: 'Subnet' }],
      LaunchTemplate: { LaunchTemplateId: { Ref: lt }, Version: { 'Fn::GetAtt': [lt, 'LatestVersionNumber'] } },
      ...props,
    },
    UpdatePolicy: { AutoScalingRollingUpdate: { MinInstancesInService: 1 } },
    ...attributes,
  };
}

/** An SSM association patching (Install) the hosts tagged Patch=true every Sunday. */
export function patchAssociation(props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::SSM::Association',
    Properties: {
      Name: 'AWS-RunPatchBaseline',
      Parameters: { Operation: ['Install'] },
      ScheduleExpression: 'cron(0 3 ? * SUN *)',
      Targets: [{ Key: 'tag:Patch', Values: ['true'] }],
      ...props,
    },
  };
}

/** A log group keeping a year. */
export function logGroup(props: { [k: string]: Json } = {}): Res {
  return { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365, ...props } };
}

/** A Firehose stream writing to `bucket` in S3. */
export function deliveryStream(bucket: string, props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::KinesisFirehose::DeliveryStream',
    Properties: { DeliveryStreamType: 'DirectPut', ExtendedS3DestinationConfiguration: { BucketARN: { 'Fn::GetAtt': [bucket, 'Arn'] }, RoleARN: 'arn:aws:iam::111111111111:role/firehose' }, ...props },
  };
}

/** A subscription of `group` forwarding every event to `destination`. */
export function subscription(group: string, destination: string, props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::Logs::SubscriptionFilter',
    Properties: { LogGroupName: { Ref: group }, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': [destination, 'Arn'] }, RoleArn: 'arn:aws:iam::111111111111:role/logs', ...props },
  };
}

/** A multi-region trail with validation and a KMS key, writing to `bucket`. */
export function trail(bucket: string, props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::CloudTrail::Trail',
    Properties: { IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/abc', S3BucketName: { Ref: bucket }, ...props },
  };
}

/** The access log format of the policy: request id, time, method and path. */
export const GOOD_FORMAT = '{"requestId":"$context.requestId","time":"$context.requestTime","method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status"}';

/** A REST API stage logging in the good format to `group`. */
export function restStage(group: string, setting: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::ApiGateway::Stage',
    Properties: { RestApiId: 'abc123', DeploymentId: 'dep123', StageName: 'prod', AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [group, 'Arn'] }, Format: GOOD_FORMAT, ...setting } },
  };
}

/** A task definition whose one container is unprivileged with a read-only root. */
export function taskDefinition(container: { [k: string]: Json } = {}, props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::ECS::TaskDefinition',
    Properties: {
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: '256',
      Memory: '512',
      ContainerDefinitions: [{ Name: 'web', Image: 'nginx', Essential: true, ReadonlyRootFilesystem: true, ...container }],
      ...props,
    },
  };
}

/** An ECS service with the deployment circuit breaker and rollback on. */
export function ecsService(props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::ECS::Service',
    Properties: {
      Cluster: 'cluster',
      TaskDefinition: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:1',
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
      ...props,
    },
  };
}

/** Findings of several templates read together, as one app. */
export function findingsOfApp(stacks: Record<string, CfnTemplate>, options: CheckOptions = {}): Finding[] {
  return checkStackTemplates(Object.entries(stacks).map(([name, t]) => ({ file: `${name}.template.json`, stackName: name, template: t })), options).findings;
}

/** A bare template (no network) of `resources`, with optional outputs. */
export function stack(resources: Record<string, Res>, outputs: Record<string, Json> = {}): CfnTemplate {
  return { Resources: resources, Outputs: outputs } as unknown as CfnTemplate;
}

/** An output exporting `value` as `name`. */
export function exported(name: string, value: Json): Json {
  return { Value: value, Export: { Name: name } };
}
