/**
 * A hardened EC2 instance: encrypted volumes with a rotating key, IMDSv2, no key pair (Session
 * Manager instead), daily patching by SSM, ClamAV with scheduled updates, ready for Inspector.
 */
import { Names } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ConnectedSecurityGroup } from './connected-security-group';
import {
  HardenedHostProps, HostOperatingSystem, hostImage, hostRole, hostSubnets, hostUserData, patchAssociation, refuseHostProps, rootVolume,
} from './host-baseline';
import type { LeastPrivilegeRole } from './least-privilege-role';
import { RotatingKey } from './rotating-key';

/** Props of a {@link HardenedInstance}. */
export interface HardenedInstanceProps extends HardenedHostProps {
  /**
   * Whether the instance is protected from termination through the API (cdk-nag EC29).
   * @default true
   */
  readonly terminationProtection?: boolean;
}

/**
 * One hardened EC2 instance. Reach it with Session Manager (`aws ssm start-session`), connect
 * it with `instance.securityGroup.allowFrom(...)`, grant it more with `instance.role`.
 *
 * @example
 * const host = new HardenedInstance(this, 'Worker', { vpc });
 * host.securityGroup.allowTo(database.securityGroup, ec2.Port.tcp(5432));
 */
export class HardenedInstance extends Construct {
  /** The instance. */
  readonly instance: ec2.Instance;
  /** The instance's role: the SSM agent's actions, and whatever you grant. */
  readonly role: LeastPrivilegeRole;
  /** The instance's security group. */
  readonly securityGroup: ConnectedSecurityGroup;
  /** The key of its volumes. */
  readonly encryptionKey: kms.IKey;
  /** The daily patching association. */
  readonly patching: ssm.CfnAssociation;

  constructor(scope: Construct, id: string, props: HardenedInstanceProps) {
    refuseHostProps('Instance', id, props);
    super(scope, id);
    this.encryptionKey = props.encryptionKey ?? new RotatingKey(this, 'VolumeKey', { description: `Encrypts the volumes of ${this.node.path}` });
    this.role = hostRole(this, 'Role');
    this.securityGroup = props.securityGroup ?? hostSecurityGroup(this, props);
    this.instance = new ec2.Instance(this, 'Instance', {
      vpc: props.vpc,
      vpcSubnets: hostSubnets(props),
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
      machineImage: hostImage(props),
      role: this.role,
      securityGroup: this.securityGroup,
      userData: hostUserData(props),
      blockDevices: [rootVolume(props, this.encryptionKey)],
      detailedMonitoring: true,
      disableApiTermination: props.terminationProtection ?? true,
      associatePublicIpAddress: false,
      ssmSessionPermissions: false,
    });
    // IMDSv2 on the instance and on a launch template of its own, named from the whole construct
    // path (CDK's requireImdsv2 names its template after the construct id alone, which collides
    // between stacks). Tools that follow either spelling see it; cdk-nag's EC26 needs a named
    // template to tell it from an Auto Scaling group's. The template repeats the encrypted root
    // volume, so that it also complies when read on its own.
    const metadata = { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 };
    const root = rootVolume(props, this.encryptionKey);
    const template = new ec2.CfnLaunchTemplate(this, 'LaunchTemplate', {
      launchTemplateName: Names.uniqueResourceName(this, { maxLength: 120 }),
      launchTemplateData: {
        metadataOptions: metadata,
        blockDeviceMappings: [{
          deviceName: root.deviceName,
          ebs: { encrypted: true, kmsKeyId: this.encryptionKey.keyArn, volumeSize: props.rootVolumeSize ?? 20, volumeType: 'gp3', deleteOnTermination: true },
        }],
      },
    });
    this.instance.instance.launchTemplate = { launchTemplateId: template.ref, version: template.attrLatestVersionNumber };
    this.instance.instance.metadataOptions = metadata;
    this.patching = patchAssociation(this, 'Patching', [{ key: 'InstanceIds', values: [this.instance.instanceId] }], props.patchSchedule);
    this.node.addValidation({ validate: () => lateHostProblems(id, this.instance) });
  }
}

/**
 * The default group of hosts: no ingress, egress only for updates (tcp/443, and tcp/80 on Ubuntu).
 *
 * @example
 * const group = hostSecurityGroup(this, { vpc });
 */
export function hostSecurityGroup(scope: Construct, props: HardenedHostProps): ConnectedSecurityGroup {
  const group = new ConnectedSecurityGroup(scope, 'SecurityGroup', { vpc: props.vpc, description: `Hardened hosts ${scope.node.path}` });
  if (props.updatesEgress !== false) {
    group.allowToInternet(ec2.Port.tcp(443), 'Session Manager, AWS APIs, patches, ClamAV signatures');
    if (props.operatingSystem === HostOperatingSystem.UBUNTU_24_04) group.allowToInternet(ec2.Port.tcp(80), 'Ubuntu package mirrors (HTTP, signed packages)');
  }
  return group;
}

/** What an escape hatch may have changed on the instance since construction. */
function lateHostProblems(id: string, instance: ec2.Instance): string[] {
  const cfn = instance.instance;
  const problems: string[] = [];
  if (cfn.keyName !== undefined) {
    problems.push(`[SSH-1] Instance '${id}' has KeyName set on its CfnInstance; hosts take no SSH key pair, shell access goes through Session Manager.`);
  }
  const metadata = cfn.metadataOptions as ec2.CfnInstance.MetadataOptionsProperty | undefined;
  if (metadata?.httpTokens !== 'required') {
    problems.push(`[HOST-4] Instance '${id}' no longer requires IMDSv2 session tokens on its CfnInstance; instance metadata must require session tokens.`);
  }
  return problems;
}
