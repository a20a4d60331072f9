/**
 * Hosts: the hardened instance and Auto Scaling group (ENC-1, ENC-3, HOST-1, HOST-3, HOST-4,
 * SSH-1, DEPLOY-1) and the encrypted volume (ENC-1).
 */
import { Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EncryptedVolume } from '../../../cdk/encrypted-volume';
import { HardenedAutoScalingGroup } from '../../../cdk/hardened-auto-scaling-group';
import { HardenedInstance } from '../../../cdk/hardened-instance';
import { HostOperatingSystem, SSM_AGENT_ACTIONS } from '../../../cdk/host-baseline';
import { SecureVpc } from '../../../cdk/secure-vpc';
import { findingLines, nagViolations, newStack, snapshotOf } from './helpers';

type Props = Record<string, unknown>;

describe('GIVEN a hardened instance, a hardened Auto Scaling group of Ubuntu hosts and an encrypted volume', () => {
  let stack: Stack;
  let template: Template;
  let host: HardenedInstance;
  let fleet: HardenedAutoScalingGroup;
  let volume: EncryptedVolume;
  beforeAll(() => {
    stack = newStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    host = new HardenedInstance(stack, 'Worker', { vpc });
    fleet = new HardenedAutoScalingGroup(stack, 'Fleet', { vpc, operatingSystem: HostOperatingSystem.UBUNTU_24_04 });
    volume = new EncryptedVolume(stack, 'Data', { availabilityZone: host.instance.instanceAvailabilityZone, size: Size.gibibytes(50) });
    // WHEN
    host.securityGroup.allowTo(fleet.securityGroup, ec2.Port.tcp(8443));
    template = Template.fromStack(stack);
  });

  const userDataOf = (props: Props): string => (props.UserData as { 'Fn::Base64': string })['Fn::Base64'];
  const instanceProps = (): Props => Object.values(template.findResources('AWS::EC2::Instance'))[0].Properties as Props;
  const launchData = (): Props => (Object.values(template.findResources('AWS::EC2::LaunchTemplate')).map((r) => r.Properties as Props).find((p) => (p.LaunchTemplateData as Props).UserData) as Props).LaunchTemplateData as Props;

  it('THEN the instance requires IMDSv2, has no key pair, and its root volume is encrypted with a rotating key', () => {
    template.hasResourceProperties('AWS::EC2::Instance', {
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkerVolumeKey'), 'Arn'] }, VolumeType: 'gp3' } }],
      Monitoring: true,
      DisableApiTermination: true,
      IamInstanceProfile: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateName: Match.stringLikeRegexp('^TestWorker'),
      LaunchTemplateData: {
        MetadataOptions: { HttpTokens: 'required' },
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkerVolumeKey'), 'Arn'] } }) }],
      },
    });
    expect(instanceProps().KeyName).toBeUndefined();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('THEN the instance installs ClamAV and updates signatures with freshclam every two hours', () => {
    const script = userDataOf(instanceProps());
    expect(script).toContain('dnf install -y -q clamav clamav-update');
    expect(script).toContain('ExecStart=/usr/bin/freshclam --quiet');
    expect(script).toContain('OnUnitActiveSec=2h');
    expect(script).toContain('systemctl enable --now freshclam-update.timer clamscan-daily.timer');
  });

  it('THEN its role allows only the SSM agent actions, listed one by one', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WorkerRole') }],
      PolicyDocument: { Statement: [{ Action: [...SSM_AGENT_ACTIONS], Effect: 'Allow', Resource: '*' }] },
    });
  });

  it('THEN SSM patches it every day with AWS-RunPatchBaseline', () => {
    template.hasResourceProperties('AWS::SSM::Association', {
      Name: 'AWS-RunPatchBaseline',
      Parameters: { Operation: ['Install'], RebootOption: ['RebootIfNeeded'] },
      Targets: [{ Key: 'InstanceIds', Values: [{ Ref: Match.stringLikeRegexp('^WorkerInstance') }] }],
      ScheduleExpression: 'cron(0 3 * * ? *)',
    });
  });

  it('THEN the group launches from a template with IMDSv2, encrypted volumes and no key pair', () => {
    expect(launchData()).toMatchObject({
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { Encrypted: true, KmsKeyId: expect.anything() } }],
    });
    expect(launchData().KeyName).toBeUndefined();
    expect(userDataOf(launchData())).toContain('apt-get install -y -q clamav clamav-freshclam');
  });

  it('THEN the group rolls instances one at a time, announces scaling events, and every member is patched by tag', () => {
    template.hasResource('AWS::AutoScaling::AutoScalingGroup', {
      UpdatePolicy: { AutoScalingRollingUpdate: { MaxBatchSize: 1, MinInstancesInService: 2 } },
      Properties: Match.objectLike({ NotificationConfigurations: [Match.objectLike({ NotificationTypes: Match.arrayWith(['autoscaling:EC2_INSTANCE_LAUNCH_ERROR']) })] }),
    });
    template.hasResourceProperties('AWS::SSM::Association', { Targets: [{ Key: 'tag:compliance:host-group', Values: [fleet.node.addr] }] });
  });

  it('THEN the Ubuntu hosts may reach mirrors on 80 and 443 and nothing else on the internet', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Hardened hosts Test/Fleet',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 }), Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 })],
    });
  });

  it('THEN the volume is encrypted with its own rotating key and kept on deletion', () => {
    template.hasResource('AWS::EC2::Volume', {
      Properties: { Encrypted: true, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] }, Size: 50 },
      DeletionPolicy: 'Retain',
    });
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error (IAM5 on the SSM agent actions is acknowledged, with its reason)', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('snapshot: HardenedInstance', () => {
    expect(snapshotOf(stack, host)).toMatchSnapshot();
  });

  it('snapshot: HardenedAutoScalingGroup', () => {
    expect(snapshotOf(stack, fleet)).toMatchSnapshot();
  });

  it('snapshot: EncryptedVolume', () => {
    expect(snapshotOf(stack, volume, volume.encryptionKey!)).toMatchSnapshot();
  });
});

describe('refused props', () => {
  const vpcOf = (stack: Stack): SecureVpc => new SecureVpc(stack, 'Vpc');
  it.each<[string, () => void, string]>([
    ['an instance with a key pair name → SSH-1', () => { const s = newStack(); new HardenedInstance(s, 'Bastion', { vpc: vpcOf(s), keyName: 'ops' }); },
      "[SSH-1] Instance 'Bastion' sets keyName; hosts take no SSH key pair, shell access goes through Session Manager."],
    ['a group with a key pair → SSH-1', () => { const s = newStack(); new HardenedAutoScalingGroup(s, 'Fleet', { vpc: vpcOf(s), keyPair: ec2.KeyPair.fromKeyPairName(s, 'K', 'ops') }); },
      "[SSH-1] Auto Scaling group 'Fleet' sets keyPair; hosts take no SSH key pair, shell access goes through Session Manager."],
    ['IMDSv1 allowed → HOST-4', () => { const s = newStack(); new HardenedInstance(s, 'Worker', { vpc: vpcOf(s), requireImdsv2: false }); },
      "[HOST-4] Instance 'Worker' sets requireImdsv2: false; instance metadata must require session tokens (IMDSv2)."],
    ['a public address → NET-2', () => { const s = newStack(); new HardenedAutoScalingGroup(s, 'Fleet', { vpc: vpcOf(s), associatePublicIpAddress: true }); },
      "[NET-2] Auto Scaling group 'Fleet' sets associatePublicIpAddress: true; hosts are reached through a load balancer, not a public address."],
    ['an unencrypted volume → ENC-1', () => new EncryptedVolume(newStack(), 'Data', { availabilityZone: 'eu-west-1a', size: Size.gibibytes(10), encrypted: false }),
      "[ENC-1] Volume 'Data' sets encrypted: false; block storage must be encrypted."],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('escape hatches', () => {
  it('GIVEN a key name and IMDSv1 set on the CfnInstance after construction THEN validation reports SSH-1 and HOST-4', () => {
    const stack = newStack();
    const host = new HardenedInstance(stack, 'Worker', { vpc: new SecureVpc(stack, 'Vpc') });
    host.instance.instance.keyName = 'ops';
    host.instance.instance.metadataOptions = { httpTokens: 'optional' };
    expect(host.node.validate()).toEqual([
      "[SSH-1] Instance 'Worker' has KeyName set on its CfnInstance; hosts take no SSH key pair, shell access goes through Session Manager.",
      "[HOST-4] Instance 'Worker' no longer requires IMDSv2 session tokens on its CfnInstance; instance metadata must require session tokens.",
    ]);
  });
});
