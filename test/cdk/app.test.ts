/**
 * The example apps: the team app synthesizes with the pack registered and no P0-P2 finding,
 * keeps its security properties, and matches its snapshot; cdk-nag's AwsSolutions pack finds
 * only what README explains; the non-compliant example fails synthesis.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp, stacksOf, TeamStacks } from '../../cdk/app';
import { evaluateScope } from '../../cdk/checks/evaluate';
import { buildNoncompliantApp } from '../../cdk/examples/noncompliant-app';
import { complianceMatchers, snapshotSerializers } from '../../cdk/testing/index';
import { testApp } from './checks/fixtures';

expect.extend(complianceMatchers);
for (const s of snapshotSerializers) expect.addSnapshotSerializer(s);

// One synthesis, with the pack registered as `cdk synth` runs it: it would throw on a P0/P1 finding.
const app = buildApp(testApp());
app.synth();
const stacks = Object.fromEntries(stacksOf(app).map((s) => [s.stackName, s])) as Record<string, TeamStacks[keyof TeamStacks]>;
const template = (name: string): Template => Template.fromStack(stacks[name]);

describe('the team app', () => {
  it('has the six parts of a team service in four stacks', () => {
    expect(Object.keys(stacks)).toEqual(['TeamLogs', 'TeamNetwork', 'TeamData', 'TeamService']);
  });

  it('synthesizes with no P0, P1 or P2 finding', () => {
    const findings = evaluateScope(app).findings.filter((f) => f.severity !== 'P3' && f.status !== 'excepted');
    expect(findings.map((f) => `${f.rule} ${f.resource.path}: ${f.message}`)).toEqual([]);
    expect(app).toBeCompliant({ failAt: 'P2' });
  });

  it('web tier: HTTPS with a TLS 1.2+ policy, HTTP only redirects, HTTPS to the hosts, access logs on', () => {
    const t = template('TeamService');
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'HTTPS', Port: 8443, HealthCheckProtocol: 'HTTPS' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]),
    });
  });

  it('app hosts: IMDSv2, encrypted volumes with a CMK, no key pair, rolling updates, patching and ClamAV through SSM', () => {
    const t = template('TeamService');
    const data = Object.values(t.findResources('AWS::EC2::LaunchTemplate'))[0].Properties.LaunchTemplateData;
    expect(data.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    expect(data.BlockDeviceMappings[0].Ebs).toMatchObject({ Encrypted: true, KmsKeyId: expect.anything() as unknown });
    expect(data.KeyName).toBeUndefined();
    t.hasResource('AWS::AutoScaling::AutoScalingGroup', { UpdatePolicy: { AutoScalingRollingUpdate: { MinInstancesInService: 2, MaxBatchSize: 1 } } });
    t.hasResourceProperties('AWS::SSM::Association', { Name: 'AWS-RunPatchBaseline' });
    t.hasResourceProperties('AWS::SSM::Association', { Name: 'AWS-RunShellScript', Parameters: { commands: Match.arrayWith(['freshclam --quiet']) } });
  });

  it('database: encrypted, private, TLS only, generated and rotated secret', () => {
    const t = template('TeamData');
    t.hasResourceProperties('AWS::RDS::DBInstance', { StorageEncrypted: true, PubliclyAccessible: false, MultiAZ: true, EnableIAMDatabaseAuthentication: true });
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
    t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    t.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });

  it('every key rotates; every log group keeps 90 days or more, encrypted and archived', () => {
    for (const stack of Object.values(stacks)) {
      for (const key of Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'))) expect(key.Properties.EnableKeyRotation).toBe(true);
    }
    const logs = template('TeamLogs');
    const groups = Object.values(logs.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const g of groups) {
      expect(g.Properties.RetentionInDays).toBeGreaterThanOrEqual(90);
      expect(g.Properties.KmsKeyId).toBeDefined();
    }
    expect(Object.keys(logs.findResources('AWS::Logs::SubscriptionFilter'))).toHaveLength(groups.length);
    logs.hasResourceProperties('AWS::CloudTrail::Trail', { IsMultiRegionTrail: true, EnableLogFileValidation: true });
    template('TeamNetwork').hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL' });
  });

  it.each(['TeamLogs', 'TeamNetwork', 'TeamData', 'TeamService'])('%s matches its snapshot', (name) => {
    expect(template(name).toJSON()).toMatchSnapshot();
  });
});

describe("cdk-nag's AwsSolutions pack on the team app", () => {
  it('finds only what README explains: the public listener, and IAM wildcards AWS gives no narrower form for', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const found = report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`).sort();
    expect(found).toEqual([
      'AwsSolutions-EC23 TeamService/LoadBalancerSecurityGroup/Resource',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] TeamLogs/LogShipper/Service Role/DefaultPolicy/Resource, TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] TeamLogs/LogShipper/Service Role/DefaultPolicy/Resource, TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Action::s3:Abort*] TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*] TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Action::s3:GetBucket*] TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Action::s3:GetObject*] TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Action::s3:List*] TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::*] TeamService/AppHostRole/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::<LogArchive62E50B8E.Arn>/*] TeamLogs/LogShipper/S3 Destination Role/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::TeamLogs:ExportsOutputFnGetAttAppLogsC5DF83A6Arn169F9538:log-stream:*] TeamService/AppHostRole/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::aws-ssm-<AWS::Region>/*] TeamService/AppHostRole/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::patch-baseline-snapshot-<AWS::Region>/*] TeamService/AppHostRole/DefaultPolicy/Resource',
    ]);
  });
});

describe('the non-compliant example', () => {
  it('fails synthesis on SSH open to the internet, and warns about egress and the default group', () => {
    const bad = buildNoncompliantApp(testApp());
    let message = '';
    try {
      bad.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("ERROR [NET-1 P0] Security group 'Bastion' allows tcp/22 from 0.0.0.0/0 (rule SecurityGroupIngress[0]). (Security Groups)");
    expect(message).toContain("WARNING [NET-3 P2] Security group 'Bastion' allows all traffic out to 0.0.0.0/0");
    expect(message).toContain("WARNING [NET-4 P2] VPC 'Vpc' keeps the allow rules of its default security group");
  });
});
