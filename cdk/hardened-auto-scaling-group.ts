/**
 * A hardened Auto Scaling group: the hardened host, many times, replaced by rolling updates.
 */
import { Aws, Duration, Names, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { ConnectedSecurityGroup } from './connected-security-group';
import { hostSecurityGroup } from './hardened-instance';
import { HardenedHostProps, hostImage, hostRole, hostSubnets, hostUserData, patchAssociation, refuseHostProps, rootVolume } from './host-baseline';
import type { LeastPrivilegeRole } from './least-privilege-role';
import { RotatingKey } from './rotating-key';

/** Props of a {@link HardenedAutoScalingGroup}. */
export interface HardenedAutoScalingGroupProps extends HardenedHostProps {
  /**
   * The fewest instances.
   * @default 2
   */
  readonly minCapacity?: number;
  /**
   * The most instances.
   * @default 4
   */
  readonly maxCapacity?: number;
  /**
   * How CloudFormation replaces instances when the launch template changes. DEPLOY-1: a
   * rolling update keeps serving and rolls back when the new instances fail to signal.
   * @default a rolling update, one instance at a time, keeping `minCapacity` in service
   */
  readonly rollingUpdate?: autoscaling.RollingUpdateOptions;
  /**
   * Where the group announces launches, terminations and failures (cdk-nag AS3).
   * @default a new topic, encrypted with the volume key and refusing clients without TLS
   */
  readonly notificationTopic?: sns.ITopic;
}

/** The tag that tells SSM which instances to patch. */
export const HOST_GROUP_TAG = 'compliance:host-group';

/**
 * An Auto Scaling group of hardened hosts: a launch template with encrypted volumes (rotating
 * key), IMDSv2, no key pair, Session Manager role and ClamAV; daily patching of every member
 * by SSM; rolling updates (DEPLOY-1).
 *
 * @example
 * const fleet = new HardenedAutoScalingGroup(this, 'Workers', { vpc, minCapacity: 2 });
 * lb.addTargets('Workers', { port: 8443, targets: [fleet.autoScalingGroup] });
 */
export class HardenedAutoScalingGroup extends Construct {
  /** The group. */
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  /** The launch template of its instances. */
  readonly launchTemplate: ec2.LaunchTemplate;
  /** The instances' role. */
  readonly role: LeastPrivilegeRole;
  /** The instances' security group. */
  readonly securityGroup: ConnectedSecurityGroup;
  /** The key of their volumes. */
  readonly encryptionKey: kms.IKey;
  /** The daily patching association. */
  readonly patching: ssm.CfnAssociation;
  /** Where scaling events are announced. */
  readonly notificationTopic: sns.ITopic;

  constructor(scope: Construct, id: string, props: HardenedAutoScalingGroupProps) {
    refuseHostProps('Auto Scaling group', id, props);
    super(scope, id);
    this.encryptionKey = props.encryptionKey ?? new RotatingKey(this, 'VolumeKey', { description: `Encrypts the volumes of ${this.node.path}` });
    allowAutoScalingToUse(this.encryptionKey);
    this.role = hostRole(this, 'Role');
    this.securityGroup = props.securityGroup ?? hostSecurityGroup(this, props);
    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      // Named from the whole construct path: cdk-nag's EC26 tells unnamed templates apart badly.
      launchTemplateName: Names.uniqueResourceName(this, { maxLength: 120 }),
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
      machineImage: hostImage(props),
      role: this.role,
      securityGroup: this.securityGroup,
      userData: hostUserData(props),
      blockDevices: [rootVolume(props, this.encryptionKey)],
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      detailedMonitoring: true,
      associatePublicIpAddress: false,
    });
    this.notificationTopic = props.notificationTopic ?? new sns.Topic(this, 'Notifications', {
      masterKey: this.encryptionKey,
      enforceSSL: true,
      displayName: `Scaling events of ${this.node.path}`,
    });
    const minCapacity = props.minCapacity ?? 2;
    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Group', {
      vpc: props.vpc,
      vpcSubnets: hostSubnets(props),
      launchTemplate: this.launchTemplate,
      minCapacity,
      maxCapacity: props.maxCapacity ?? Math.max(4, minCapacity),
      notifications: [{ topic: this.notificationTopic, scalingEvents: autoscaling.ScalingEvents.ALL }],
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({
        maxBatchSize: 1,
        minInstancesInService: minCapacity,
        pauseTime: Duration.minutes(10),
        ...props.rollingUpdate,
      }),
    });
    Tags.of(this.autoScalingGroup).add(HOST_GROUP_TAG, this.node.addr, { applyToLaunchedInstances: true });
    this.patching = patchAssociation(this, 'Patching', [{ key: `tag:${HOST_GROUP_TAG}`, values: [this.node.addr] }], props.patchSchedule);
  }
}

/**
 * Auto Scaling launches instances with its service-linked role, which must be allowed to use
 * the volume key (the key policy AWS documents for encrypted volumes of Auto Scaling groups).
 * The role exists once any Auto Scaling group has been created in the account.
 */
function allowAutoScalingToUse(key: kms.IKey): void {
  const serviceRole = new iam.ArnPrincipal(`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowAutoScalingToUseTheKey',
    principals: [serviceRole],
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
    resources: ['*'],
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowAutoScalingToGrantForVolumes',
    principals: [serviceRole],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { Bool: { 'kms:GrantIsForAWSResource': true } },
  }));
}
