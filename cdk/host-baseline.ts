/**
 * What every hardened host gets, whether it runs alone or in an Auto Scaling group: an image
 * and its package manager, ClamAV with scheduled signature updates, a Session Manager role
 * instead of SSH keys, an encrypted root volume, and daily patching by SSM.
 */
import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import type { ConnectedSecurityGroup } from './connected-security-group';
import { LeastPrivilegeRole } from './least-privilege-role';

/** The operating systems the hardened hosts know how to set up. */
export enum HostOperatingSystem {
  /** Amazon Linux 2023 (dnf); the SSM agent is preinstalled. */
  AMAZON_LINUX_2023 = 'AMAZON_LINUX_2023',
  /** Ubuntu 24.04 LTS (apt); the SSM agent is preinstalled as a snap. */
  UBUNTU_24_04 = 'UBUNTU_24_04',
}

/** Props shared by the hardened instance and Auto Scaling group. */
export interface HardenedHostProps {
  /** The VPC the hosts run in (NET-4: a VPC you define). */
  readonly vpc: ec2.IVpc;
  /**
   * Where the hosts run.
   * @default private subnets with egress, else isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The instance type.
   * @default t3.small
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * The operating system: it decides how ClamAV is installed.
   * @default HostOperatingSystem.AMAZON_LINUX_2023
   */
  readonly operatingSystem?: HostOperatingSystem;
  /**
   * The image, of `operatingSystem`.
   * @default the latest image of `operatingSystem`, read from its public SSM parameter at deploy time
   */
  readonly machineImage?: ec2.IMachineImage;
  /**
   * Size of the root volume in GiB. It is encrypted with `encryptionKey` (ENC-1, ENC-3).
   * @default 20
   */
  readonly rootVolumeSize?: number;
  /**
   * The key that encrypts the volumes.
   * @default a new rotating key
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The hosts' security group. Add connections to it with `allowFrom`/`allowTo`.
   * @default a new ConnectedSecurityGroup with egress only to package mirrors and AWS APIs
   */
  readonly securityGroup?: ConnectedSecurityGroup;
  /**
   * Whether the hosts may reach the internet on tcp/443 (and tcp/80 on Ubuntu, whose mirrors
   * serve HTTP): Session Manager, patches and ClamAV signatures come from there. Turn it off
   * when the VPC has endpoints and a mirror.
   * @default true
   */
  readonly updatesEgress?: boolean;
  /**
   * When SSM applies security patches (AWS-RunPatchBaseline, Install). HOST-1.
   * @default every day at 03:00 UTC: 'cron(0 3 * * ? *)'
   */
  readonly patchSchedule?: string;
  /**
   * More commands for the user data, after the hardening.
   * @default none
   */
  readonly userDataCommands?: readonly string[];
  /**
   * An SSH key pair name. SSH-1: refused; shell access goes through Session Manager.
   * @default none
   */
  readonly keyName?: string;
  /**
   * An SSH key pair. SSH-1: refused; shell access goes through Session Manager.
   * @default none
   */
  readonly keyPair?: ec2.IKeyPair;
  /**
   * Whether the instance metadata service requires session tokens. HOST-4: `false` is refused.
   * @default true
   */
  readonly requireImdsv2?: boolean;
  /**
   * Whether the hosts get public IP addresses. NET-2: `true` is refused; the internet reaches
   * hosts through a load balancer.
   * @default false
   */
  readonly associatePublicIpAddress?: boolean;
}

/**
 * Refuses the props no hardened host can have: key pairs (SSH-1), IMDSv1 (HOST-4), public
 * addresses (NET-2).
 *
 * @example
 * refuseHostProps('Instance', 'Bastion', { vpc, keyName: 'ops' }) // throws [SSH-1] ...
 */
export function refuseHostProps(kind: string, id: string, props: HardenedHostProps): void {
  if (props.keyName !== undefined || props.keyPair !== undefined) {
    throw new ComplianceError('SSH-1', `${kind} '${id}' sets ${props.keyName !== undefined ? 'keyName' : 'keyPair'}; hosts take no SSH key pair, shell access goes through Session Manager.`);
  }
  if (props.requireImdsv2 === false) {
    throw new ComplianceError('HOST-4', `${kind} '${id}' sets requireImdsv2: false; instance metadata must require session tokens (IMDSv2).`);
  }
  if (props.associatePublicIpAddress === true) {
    throw new ComplianceError('NET-2', `${kind} '${id}' sets associatePublicIpAddress: true; hosts are reached through a load balancer, not a public address.`);
  }
}

/** The public SSM parameters of the images. */
const IMAGE_PARAMETERS: Readonly<Record<HostOperatingSystem, string>> = {
  [HostOperatingSystem.AMAZON_LINUX_2023]: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  [HostOperatingSystem.UBUNTU_24_04]: '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id',
};

/**
 * The image for `props`: the one given, else the latest of the operating system.
 *
 * @example
 * hostImage({ vpc, operatingSystem: HostOperatingSystem.UBUNTU_24_04 })
 */
export function hostImage(props: HardenedHostProps): ec2.IMachineImage {
  const os = props.operatingSystem ?? HostOperatingSystem.AMAZON_LINUX_2023;
  return props.machineImage ?? ec2.MachineImage.fromSsmParameter(IMAGE_PARAMETERS[os], { os: ec2.OperatingSystemType.LINUX });
}

/**
 * The subnets for `props`: private with egress when the VPC has them, else isolated.
 *
 * @example
 * hostSubnets({ vpc }) // { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }
 */
export function hostSubnets(props: HardenedHostProps): ec2.SubnetSelection {
  if (props.vpcSubnets) return props.vpcSubnets;
  return props.vpc.privateSubnets.length > 0 ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } : { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
}

/**
 * The hardening commands: install ClamAV, stop the distribution's freshclam daemon, and run
 * freshclam every two hours and a scan every night from systemd timers (HOST-3).
 *
 * @example
 * userData.addCommands(...clamavCommands(HostOperatingSystem.UBUNTU_24_04));
 */
export function clamavCommands(os: HostOperatingSystem): string[] {
  const install = os === HostOperatingSystem.UBUNTU_24_04
    ? ['export DEBIAN_FRONTEND=noninteractive', 'apt-get update -q', 'apt-get install -y -q clamav clamav-freshclam']
    : ['dnf install -y -q clamav clamav-update'];
  const unit = (name: string, body: string): string => `cat > /etc/systemd/system/${name} <<'UNIT'\n${body}\nUNIT`;
  return [
    'set -euo pipefail',
    ...install,
    'systemctl disable --now clamav-freshclam.service 2>/dev/null || true',
    unit('freshclam-update.service', '[Unit]\nDescription=Update ClamAV signatures\n[Service]\nType=oneshot\nExecStart=/usr/bin/freshclam --quiet'),
    unit('freshclam-update.timer', '[Unit]\nDescription=Update ClamAV signatures every two hours\n[Timer]\nOnBootSec=2min\nOnUnitActiveSec=2h\n[Install]\nWantedBy=timers.target'),
    unit('clamscan-daily.service', '[Unit]\nDescription=Scan the file system with ClamAV\n[Service]\nType=oneshot\nNice=19\nIOSchedulingClass=idle\nExecStart=/usr/bin/clamscan --recursive --infected --cross-fs=no --exclude-dir=^/proc --exclude-dir=^/sys --exclude-dir=^/dev /'),
    unit('clamscan-daily.timer', '[Unit]\nDescription=Scan with ClamAV every night\n[Timer]\nOnCalendar=*-*-* 02:30:00\nPersistent=true\n[Install]\nWantedBy=timers.target'),
    'systemctl daemon-reload',
    '/usr/bin/freshclam --quiet || true',
    'systemctl enable --now freshclam-update.timer clamscan-daily.timer',
  ];
}

/**
 * The user data of a hardened host: the ClamAV setup, then `userDataCommands`.
 *
 * @example
 * hostUserData({ vpc, userDataCommands: ['systemctl enable --now app'] })
 */
export function hostUserData(props: HardenedHostProps): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(...clamavCommands(props.operatingSystem ?? HostOperatingSystem.AMAZON_LINUX_2023), ...(props.userDataCommands ?? []));
  return userData;
}

/**
 * The actions the SSM agent needs for Session Manager, patching and inventory (what Inspector
 * reads): the AmazonSSMManagedInstanceCore actions, written out so they can be reviewed. They
 * take no resource ARN, hence `*`.
 */
export const SSM_AGENT_ACTIONS: readonly string[] = [
  'ssm:UpdateInstanceInformation', 'ssm:ListAssociations', 'ssm:ListInstanceAssociations', 'ssm:DescribeAssociation',
  'ssm:GetDocument', 'ssm:DescribeDocument', 'ssm:UpdateAssociationStatus', 'ssm:UpdateInstanceAssociationStatus',
  'ssm:PutInventory', 'ssm:PutComplianceItems', 'ssm:PutConfigurePackageResult', 'ssm:GetDeployablePatchSnapshotForInstance',
  'ssm:GetManifest', 'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel', 'ec2messages:AcknowledgeMessage', 'ec2messages:DeleteMessage', 'ec2messages:FailMessage',
  'ec2messages:GetEndpoint', 'ec2messages:GetMessages', 'ec2messages:SendReply',
];

/** The reason the hosts' role carries an acknowledgement of cdk-nag's AwsSolutions-IAM5. */
export const SSM_AGENT_ACKNOWLEDGEMENT =
  'The SSM agent actions (Session Manager channels, ec2messages, instance information, patch snapshots) support no resource-level permissions; they are listed one by one, no wildcard action.';

/**
 * The hosts' role: assumed by EC2, allowed the SSM agent's actions and nothing else. cdk-nag's
 * AwsSolutions-IAM5 flags their `*` resource; the acknowledgement says why, on this role only.
 *
 * @example
 * const role = hostRole(this, 'Role');
 */
export function hostRole(scope: Construct, id: string): LeastPrivilegeRole {
  const role = new LeastPrivilegeRole(scope, id, {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description: 'Hardened hosts: Session Manager, patching and inventory through the SSM agent',
  });
  role.allow({ actions: SSM_AGENT_ACTIONS, resources: ['*'] });
  Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: SSM_AGENT_ACKNOWLEDGEMENT });
  return role;
}

/**
 * The root volume, gp3, encrypted with `key` (ENC-1, ENC-3).
 *
 * @example
 * rootVolume({ vpc, rootVolumeSize: 40 }, key)
 */
export function rootVolume(props: HardenedHostProps, key: kms.IKey): ec2.BlockDevice {
  const os = props.operatingSystem ?? HostOperatingSystem.AMAZON_LINUX_2023;
  return {
    deviceName: os === HostOperatingSystem.UBUNTU_24_04 ? '/dev/sda1' : '/dev/xvda',
    volume: ec2.BlockDeviceVolume.ebs(props.rootVolumeSize ?? 20, {
      encrypted: true,
      kmsKey: key,
      volumeType: ec2.EbsDeviceVolumeType.GP3,
      deleteOnTermination: true,
    }),
  };
}

/**
 * Daily security patching of `targets` by SSM (HOST-1): AWS-RunPatchBaseline with Install,
 * rebooting when a patch needs it.
 *
 * @example
 * patchAssociation(this, 'Patching', [{ key: 'InstanceIds', values: [instance.instanceId] }], undefined);
 */
export function patchAssociation(scope: Construct, id: string, targets: ssm.CfnAssociation.TargetProperty[], schedule: string | undefined): ssm.CfnAssociation {
  return new ssm.CfnAssociation(scope, id, {
    name: 'AWS-RunPatchBaseline',
    parameters: { Operation: ['Install'], RebootOption: ['RebootIfNeeded'] },
    targets,
    scheduleExpression: schedule ?? 'cron(0 3 * * ? *)',
    complianceSeverity: 'CRITICAL',
    maxConcurrency: '50%',
    maxErrors: '25%',
  });
}
