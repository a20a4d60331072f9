/**
 * The example apps: the team app, composed of the secure constructs, synthesizes with the pack
 * registered and no finding of any severity, keeps its security properties, matches its
 * snapshots and the connectivity picture in the README; cdk-nag's AwsSolutions pack finds
 * nothing beyond the acknowledgements README explains; the non-compliant example fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp, stacksOf } from '../../cdk/app';
import { evaluateScope } from '../../cdk/checks/evaluate';
import { buildNoncompliantApp } from '../../cdk/examples/noncompliant-app';
import { connectivityFacts } from '../../cdk/records';
import type { CfnTemplate } from '../../cdk/records/template';
import { complianceMatchers, snapshotSerializers } from '../../cdk/testing/index';
import { renderMermaidGraph } from '../../constructs/report/graph';
import { testApp } from './checks/fixtures';

expect.extend(complianceMatchers);
for (const s of snapshotSerializers) expect.addSnapshotSerializer(s);

// One synthesis, with the pack registered as `cdk synth` runs it: it would throw on a P0/P1 finding.
// Construct paths in the templates, as the CDK CLI writes them: findings and the picture name constructs.
const app = buildApp(testApp({ context: { 'aws:cdk:enable-path-metadata': true } }));
app.synth();
const stacks: Record<string, Stack> = Object.fromEntries(stacksOf(app).map((s) => [s.stackName, s]));
const template = (name: string): Template => Template.fromStack(stacks[name]);
const everyStack = (): Template[] => Object.values(stacks).map((s) => Template.fromStack(s));
type Resource = { Properties: Record<string, unknown>; UpdatePolicy?: unknown };
const resources = (t: Template, type: string): Resource[] => Object.values(t.findResources(type)) as Resource[];

describe('the team app', () => {
  it('has the parts of a team service in four stacks', () => {
    expect(Object.keys(stacks)).toEqual(['TeamLogs', 'TeamNetwork', 'TeamData', 'TeamService']);
  });

  it('synthesizes with no finding of any severity', () => {
    const findings = evaluateScope(app).findings;
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.resource.path}: ${f.message}`)).toEqual([]);
    expect(app).toBeCompliant();
  });

  it('web tier: HTTPS with a TLS 1.2+ policy, HTTP only redirects, HTTPS to the hosts, access logs on', () => {
    const t = template('TeamService');
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'HTTPS', Port: 8443, HealthCheckProtocol: 'HTTPS', HealthCheckPath: '/health' });
    for (const attribute of [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }]) {
      t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing', LoadBalancerAttributes: Match.arrayWith([attribute]) });
    }
  });

  it('security groups: only the load balancer admits the internet, on 443 and 80; no group lets all traffic out', () => {
    for (const t of everyStack()) {
      for (const g of resources(t, 'AWS::EC2::SecurityGroup')) {
        const egress = (g.Properties.SecurityGroupEgress ?? []) as Array<Record<string, unknown>>;
        expect(egress.filter((r) => r.IpProtocol === '-1')).toEqual([]);
        const world = ((g.Properties.SecurityGroupIngress ?? []) as Array<Record<string, unknown>>).filter((r) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0');
        if (world.length > 0) {
          expect(g.Properties.GroupDescription).toBe('Load balancer TeamService/Web');
          expect(new Set(world.map((r) => r.FromPort))).toEqual(new Set([443, 80]));
        }
      }
      expect(resources(t, 'AWS::EC2::SecurityGroupEgress').filter((r) => r.Properties.IpProtocol === '-1')).toEqual([]);
    }
  });

  it('app hosts: IMDSv2, encrypted volumes with a CMK, no key pair, rolling updates, daily patching and ClamAV', () => {
    const t = template('TeamService');
    const data = resources(t, 'AWS::EC2::LaunchTemplate')[0].Properties.LaunchTemplateData as Record<string, unknown> & { BlockDeviceMappings: Array<{ Ebs: unknown }> };
    expect(data.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    expect(data.BlockDeviceMappings[0].Ebs).toMatchObject({ Encrypted: true, KmsKeyId: expect.anything() as unknown });
    expect(data.KeyName).toBeUndefined();
    expect(JSON.stringify(data.UserData)).toMatch(/freshclam-update\.timer.*clamscan-daily\.timer/);
    t.hasResource('AWS::AutoScaling::AutoScalingGroup', { UpdatePolicy: { AutoScalingRollingUpdate: { MinInstancesInService: 2, MaxBatchSize: 1 } } });
    t.hasResourceProperties('AWS::SSM::Association', { Name: 'AWS-RunPatchBaseline', Parameters: { Operation: ['Install'] }, ScheduleExpression: 'cron(0 3 * * ? *)' });
  });

  it('worker: hardened containers, rolled back when a deployment fails, no public address', () => {
    const t = template('TeamService');
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ ReadonlyRootFilesystem: true, Privileged: false, User: '1000:1000' })],
    });
    t.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
  });

  it('database: encrypted, private, TLS only, IAM authentication, generated and rotated credentials, logs kept', () => {
    const t = template('TeamData');
    t.hasResourceProperties('AWS::RDS::DBInstance', { StorageEncrypted: true, PubliclyAccessible: false, MultiAZ: true, EnableIAMDatabaseAuthentication: true });
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
    t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/rds/instance/team-db/postgresql', RetentionInDays: 180 });
    for (const q of resources(t, 'AWS::SQS::Queue')) expect(q.Properties.KmsMasterKeyId).toBeDefined();
  });

  it('customers sign in with MFA and enforced threat protection', () => {
    template('TeamService').hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('every key rotates; every log group keeps 90 days or more, encrypted; flow logs, trail and access logs reach the archive', () => {
    for (const t of everyStack()) {
      for (const key of resources(t, 'AWS::KMS::Key')) expect(key.Properties.EnableKeyRotation).toBe(true);
      for (const g of resources(t, 'AWS::Logs::LogGroup')) {
        expect(g.Properties.RetentionInDays).toBeGreaterThanOrEqual(90);
        expect(g.Properties.KmsKeyId).toBeDefined();
      }
    }
    const logs = template('TeamLogs');
    logs.hasResourceProperties('AWS::CloudTrail::Trail', { IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: Match.anyValue() });
    const network = template('TeamNetwork');
    network.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    network.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 's3' });
  });

  it.each(['TeamLogs', 'TeamNetwork', 'TeamData', 'TeamService'])('%s matches its snapshot', (name) => {
    expect(template(name).toJSON()).toMatchSnapshot();
  });

  it('the README shows its connectivity, as compliance-check --graph mermaid cdk.out draws it', () => {
    const graph = renderMermaidGraph(connectivityFacts(stacksOf(app).map((s) => ({
      template: Template.fromStack(s).toJSON() as unknown as CfnTemplate,
      source: { stack: s.stackName },
    }))));
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = /<!-- graph: team app -->\s*```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
    // To refresh: `npm run synth`, then paste `npm run check -- cdk.out --graph mermaid`.
    expect(block).toBe(graph);
    expect(graph).toContain('internet -->|"tcp/443, tcp/80"| TeamService_WebSecurityGroupF444D504');
    expect(graph).not.toContain('-.->');
  });
});

/** Every acknowledgement of an AwsSolutions rule in the tree, as `rule @ construct path`. */
function nagAcknowledgements(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as Record<string, unknown>).map((id) => id.replace(/^annotation::/i, '')))
      .filter((id) => id.startsWith('AwsSolutions-'))
      .map((id) => `${id} @ ${c.node.path}`),
  ).sort();
}

describe("cdk-nag's AwsSolutions pack on the team app", () => {
  it('finds nothing, errors or warnings', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('because of these acknowledgements only, each on one construct, each explained in README', () => {
    expect(nagAcknowledgements(app)).toEqual([
      'AwsSolutions-EC23 @ TeamService/Web/SecurityGroup',
      'AwsSolutions-ECS2 @ TeamService/WorkerTask',
      'AwsSolutions-IAM5[Resource::*] @ TeamService/AppHosts/Role',
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
