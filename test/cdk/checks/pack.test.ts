/**
 * SecurityPolicyChecks: the rendered CloudFormation is judged (escape hatches included), levels
 * follow failAt, reports land in the cloud assembly, acknowledgements are not honoured.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aspects, CfnResource, IAspect, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { SecurityPolicyChecks } from '../../../cdk/checks/pack';
import { AWS_BINDINGS } from '../../../cdk/records';
import { REQUIREMENTS } from '../../../constructs/requirements';
import { CIDR, compliantNetwork, levels, testApp, violatingPaths } from './fixtures';

const TODAY = '2026-11-20';
const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** Opens tcp/22 to the world on every security group it visits, after the app was written. */
class OpenSshAspect implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof ec2.CfnSecurityGroup) {
      node.addPropertyOverride('SecurityGroupIngress', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }]);
    }
  }
}

describe('escape hatches: the rendered template is judged', () => {
  // One app, one stack per escape hatch: one synthesis for all cases.
  const app = testApp();
  const stacks = {
    compliant: new Stack(app, 'Compliant'),
    propertyOverride: new Stack(app, 'PropertyOverride'),
    rawL1: new Stack(app, 'RawL1'),
    deletionOverride: new Stack(app, 'DeletionOverride'),
    lateAspect: new Stack(app, 'LateAspect'),
    included: new Stack(app, 'Included'),
  };
  compliantNetwork(stacks.compliant);
  const overridden = compliantNetwork(stacks.propertyOverride).group;
  (overridden.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress', [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
  ]);
  const raw = compliantNetwork(stacks.rawL1).group;
  new ec2.CfnSecurityGroupIngress(stacks.rawL1, 'RawSsh', { groupId: raw.securityGroupId, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv6: '::/0' });
  const stripped = compliantNetwork(stacks.deletionOverride).group;
  (stripped.node.defaultChild as ec2.CfnSecurityGroup).addDeletionOverride('Properties.SecurityGroupEgress');
  compliantNetwork(stacks.lateAspect);
  Aspects.of(stacks.lateAspect).add(new OpenSshAspect());
  new CfnInclude(stacks.included, 'Legacy', { templateFile: join(FIXTURES, 'ssh-open-ipv6.yaml') });

  const pack = new SecurityPolicyChecks(undefined, { reportFormats: [] });

  it('a compliant stack → success, no violations', () => {
    const report = pack.validateScope(stacks.compliant);
    expect(report).toEqual({ success: true, violations: [] });
  });

  it.each<[string, keyof typeof stacks, string, string]>([
    ['addPropertyOverride opens tcp/22 on a compliant group', 'propertyOverride', 'NET-1:error', 'PropertyOverride/App/Resource'],
    ['a raw CfnSecurityGroupIngress opens tcp/22 to ::/0', 'rawL1', 'NET-1:error', 'RawL1/RawSsh'],
    ['an aspect opens tcp/22 after the stack was written', 'lateAspect', 'NET-1:error', 'LateAspect/App/Resource'],
    ['a CfnInclude template opens tcp/22 to ::/0', 'included', 'NET-1:error', 'Included/Legacy/Bastion'],
  ])('%s → synth fails with NET-1 on the resource', (_name, key, level, path) => {
    const report = pack.validateScope(stacks[key]);
    expect(report.success).toBe(false);
    expect(levels(report)).toContain(level);
    expect(report.violations.find((v) => v.ruleName === 'NET-1')?.violatingResources[0].constructPath).toBe(path);
  });

  it("addDeletionOverride('Properties.SecurityGroupEgress') → EC2's default allow-all egress, NET-3 (P2: fails at failAt P2)", () => {
    expect(levels(pack.validateScope(stacks.deletionOverride))).toEqual(['NET-3:warning']);
    const strict = new SecurityPolicyChecks(undefined, { reportFormats: [], failAt: 'P2' }).validateScope(stacks.deletionOverride);
    expect(strict.success).toBe(false);
    expect(strict.violations[0].description).toBe(
      "[NET-3 P2] Security group 'App' allows all traffic out to 0.0.0.0/0 (rule default egress (no SecurityGroupEgress declared)). (Security Groups)",
    );
  });

  it('the message of a violation: the finding line without the fix, the fix apart', () => {
    const v = pack.validateScope(stacks.propertyOverride).violations[0];
    expect(v.description).toBe("[NET-1 P0] Security group 'App' allows tcp/22 from 0.0.0.0/0 (rule SecurityGroupIngress[0]). (Security Groups)");
    expect(v.fix).toBe('Restrict the source, or put the service behind a load balancer on 443.');
    expect(v.ruleMetadata).toEqual({ requirement: 'NET-1', severity: 'P0', status: 'fail', clause: 'Security Groups', fixWithinDays: '0', detail: 'ingress tcp/22 from 0.0.0.0/0' });
    expect(v.violatingResources[0]).toMatchObject({ resourceLogicalId: expect.stringMatching(/^App/), locations: ['Properties'] });
    expect(v.violatingResources[0].templatePath).toMatch(/PropertyOverride\.template\.json$/);
  });

  it('the app as a whole → every failing stack, and nothing from the compliant one', () => {
    const report = pack.validateScope(app);
    expect(violatingPaths(report).map((p) => p.split('/')[0])).toEqual(['DeletionOverride', 'Included', 'LateAspect', 'PropertyOverride', 'RawL1']);
  });

  it('a construct inside a stack → only its findings', () => {
    expect(pack.validateScope(overridden).violations.map((v) => v.ruleName)).toEqual(['NET-1']);
    expect(pack.validateScope(stacks.propertyOverride.node.findChild('Vpc')).violations).toEqual([]);
  });
});

describe('registered with Validations: cdk synth itself fails', () => {
  it('an aspect that opens SSH → synth throws with the [NET-1 P0] line, and the reports are written', () => {
    const app = testApp();
    Validations.of(app).addPlugins(new SecurityPolicyChecks(app));
    const stack = new Stack(app, 'Web');
    compliantNetwork(stack);
    Aspects.of(stack).add(new OpenSshAspect());
    expect(() => app.synth()).toThrow(/\[NET-1 P0\] Security group 'App' allows tcp\/22 from 0\.0\.0\.0\/0/);
    for (const f of ['compliance-report.json', 'compliance-report.sarif', 'compliance-report.md']) expect(existsSync(join(app.outdir, f))).toBe(true);
  });

  it('a compliant app → synth succeeds, and the reports say no findings', () => {
    const app = testApp();
    Validations.of(app).addPlugins(new SecurityPolicyChecks(app));
    compliantNetwork(new Stack(app, 'Web'));
    const assembly = app.synth();
    expect(readFileSync(join(assembly.directory, 'compliance-report.md'), 'utf8')).toContain('No findings.');
  });

  it('stacks in a Stage and nested stacks are judged too', () => {
    const app = testApp();
    const pack = new SecurityPolicyChecks(app, { reportFormats: [] });
    Validations.of(app).addPlugins(pack);
    const stage = new Stage(app, 'Prod');
    const parent = new Stack(stage, 'Web');
    const { group } = compliantNetwork(parent);
    const nested = new NestedStack(parent, 'Rules');
    new ec2.CfnSecurityGroupIngress(nested, 'OpenRdp', { groupId: group.securityGroupId, ipProtocol: 'tcp', fromPort: 3389, toPort: 3389, cidrIp: '0.0.0.0/0' });
    expect(() => app.synth()).toThrow(/\[NET-1 P0\]/);
    const findings = pack.lastEvaluation?.findings ?? [];
    expect(findings.map((f) => [f.rule, f.resource.stack, f.resource.path])).toEqual([
      ['NET-1', expect.stringMatching(/^Prod-Web\/RulesNestedStack/), 'Prod/Web/Rules/OpenRdp'],
    ]);
  });
});

describe('failAt and levels', () => {
  const app = testApp();
  const stack = new Stack(app, 'Mixed');
  const { group } = compliantNetwork(stack);
  group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere'); // NET-1 P0
  const open = new ec2.SecurityGroup(stack, 'Open', { vpc: stack.node.findChild('Vpc') as ec2.Vpc }); // NET-3 P2 (allowAllOutbound)
  open.addIngressRule(ec2.Peer.ipv4(CIDR), ec2.Port.tcp(443));

  it.each<[string, ConstructorParameters<typeof SecurityPolicyChecks>[1], boolean, string[]]>([
    ['default: P0/P1 errors, P2/P3 warnings', {}, false, ['NET-1:error', 'NET-3:warning']],
    ['failAt P2 → the P2 finding is an error too', { failAt: 'P2' }, false, ['NET-1:error', 'NET-3:error']],
    ['failAt P0', { failAt: 'P0' }, false, ['NET-1:error', 'NET-3:warning']],
    ['failAt none → only warnings, success', { failAt: 'none' }, true, ['NET-1:warning', 'NET-3:warning']],
    ['NET-3 raised to P1 → an error at the default failAt', { severities: { 'NET-3': 'P1' } }, false, ['NET-1:error', 'NET-3:error']],
  ])('%s', (_name, props, success, expected) => {
    const report = new SecurityPolicyChecks(undefined, { reportFormats: [], ...props }).validateScope(stack);
    expect(report.success).toBe(success);
    expect(levels(report)).toEqual(expected);
  });

  it('only P2 findings → success at the default failAt, failure at P2', () => {
    expect(new SecurityPolicyChecks(undefined, { reportFormats: [] }).validateScope(open).success).toBe(true);
    expect(new SecurityPolicyChecks(undefined, { reportFormats: [], failAt: 'P3' }).validateScope(open).success).toBe(false);
  });

  it.each<[string, ConstructorParameters<typeof SecurityPolicyChecks>[1], RegExp]>([
    ['failAt P5', { failAt: 'P5' as 'P0' }, /failAt must be P0, P1, P2, P3 or none, not 'P5'/],
    ['lowering a P0', { severities: { 'NET-1': 'P1' } }, /NET-1 is P0 in the policy and cannot be lowered to P1/],
    ['an unknown report format', { reportFormats: ['html' as 'json'] }, /reportFormats: 'html' is not one of text, json, sarif, markdown/],
  ])('refused at construction: %s', (_name, props, message) => {
    expect(() => new SecurityPolicyChecks(undefined, props)).toThrow(message);
  });
});

describe('reports in the cloud assembly', () => {
  const app = testApp();
  const stack = new Stack(app, 'Web');
  const { group } = compliantNetwork(stack);
  group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');

  it('compliance-report.json, .sarif and .md by default, with the findings', () => {
    new SecurityPolicyChecks(undefined, { today: TODAY }).validateScope(app);
    const dir = app.outdir;
    const json = JSON.parse(readFileSync(join(dir, 'compliance-report.json'), 'utf8'));
    expect(json.tool.name).toBe('compliance-constructs');
    expect(json.findings.map((f: { requirement: string; status: string; resource: { path: string } }) => [f.requirement, f.status, f.resource.path])).toEqual([
      ['NET-1', 'fail', 'Web/App/Resource'],
    ]);
    expect(json.summary).toMatchObject({ total: 1, failOn: 'P1', blocking: 1, resourcesChecked: expect.any(Number) });
    const sarif = JSON.parse(readFileSync(join(dir, 'compliance-report.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['NET-1']);
    expect(readFileSync(join(dir, 'compliance-report.md'), 'utf8')).toMatch(/\| P0 \| NET-1 \| fail \|/);
  });

  it('reportFormats chooses the files; an empty list writes none', () => {
    const other = testApp();
    compliantNetwork(new Stack(other, 'Web'));
    new SecurityPolicyChecks(undefined, { reportFormats: ['text'] }).validateScope(other);
    expect(readFileSync(join(other.outdir, 'compliance-report.txt'), 'utf8')).toBe('No findings.\n');
    expect(existsSync(join(other.outdir, 'compliance-report.json'))).toBe(false);
    const none = testApp();
    compliantNetwork(new Stack(none, 'Web'));
    new SecurityPolicyChecks(undefined, { reportFormats: [] }).validateScope(none);
    expect(existsSync(join(none.outdir, 'compliance-report.txt'))).toBe(false);
  });
});

describe('acknowledgements are not honoured', () => {
  const app = testApp();
  const stack = new Stack(app, 'Web');
  const { group, vpc } = compliantNetwork(stack);
  group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');
  Validations.of(group).acknowledge({ id: 'NET-1', reason: 'Needed for the migration' });
  const plugin = new ec2.SecurityGroup(stack, 'Plugin', { vpc, allowAllOutbound: false });
  plugin.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389));
  Validations.of(plugin).acknowledge({ id: 'SecurityPolicy::NET-1', reason: 'CDK would suppress this one' });
  Validations.of(stack).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'not ours' });
  const pack = new SecurityPolicyChecks(undefined, { today: TODAY });
  const report = pack.validateScope(app);

  it('the findings stay; the one CDK could suppress is fatal, which CDK never suppresses', () => {
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => `${v.violatingResources[0].constructPath} ${v.ruleName}:${v.severity}`).sort()).toEqual([
      'Web/App/Resource NET-1:error',
      'Web/Plugin/Resource NET-1:fatal',
    ]);
  });

  it('the violation says the acknowledgement is not honoured', () => {
    const v = report.violations.find((x) => x.violatingResources[0].constructPath === 'Web/App/Resource');
    expect(v?.description).toContain("Acknowledged at 'Web/App' with Validations.acknowledge, which this policy does not honour: grant a PolicyException instead.");
  });

  it('every report carries a note per acknowledgement of our rules (and none for other ids)', () => {
    const json = JSON.parse(readFileSync(join(app.outdir, 'compliance-report.json'), 'utf8'));
    expect(json.notes).toEqual([
      "Validations.of('Web/App').acknowledge({ id: 'NET-1' }) is not honoured: an acknowledgement has no owner and no expiry, so 1 finding is still reported. Grant a PolicyException (reason, owner or ticket, expiry) instead.",
      "Validations.of('Web/Plugin').acknowledge({ id: 'SecurityPolicy::NET-1' }) is not honoured: an acknowledgement has no owner and no expiry, so 1 finding is still reported. Grant a PolicyException (reason, owner or ticket, expiry) instead.",
    ]);
    expect(readFileSync(join(app.outdir, 'compliance-report.md'), 'utf8')).toContain('## Notes');
    const sarif = JSON.parse(readFileSync(join(app.outdir, 'compliance-report.sarif'), 'utf8'));
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(2);
  });

  it('through Validations, the namespaced acknowledgement does not let synth pass', () => {
    const other = testApp();
    Validations.of(other).addPlugins(new SecurityPolicyChecks(other, { reportFormats: [] }));
    const s = new Stack(other, 'Web');
    const g = compliantNetwork(s).group;
    g.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    Validations.of(s).acknowledge({ id: 'SecurityPolicy::NET-1', reason: 'please' });
    expect(() => other.synth()).toThrow(/FATAL \[NET-1 P0\]/);
  });

  it('a granular acknowledgement names the detail (CDK keeps it with dashes for spaces)', () => {
    const other = testApp();
    const s = new Stack(other, 'Web');
    const g = compliantNetwork(s).group;
    g.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    Validations.of(g).acknowledge({ id: 'NET-1[ingress tcp/22 from 0.0.0.0/0]', reason: 'granular' });
    const p = new SecurityPolicyChecks(undefined, { reportFormats: [] });
    p.validateScope(other);
    expect(p.lastEvaluation?.acknowledgements).toEqual([
      { id: 'NET-1[ingress-tcp/22-from-0.0.0.0/0]', rule: 'NET-1', detail: 'ingress-tcp/22-from-0.0.0.0/0', path: 'Web/App', reason: 'granular', suppressesInCdk: false },
    ]);
    expect(p.lastEvaluation?.notes[0]).toContain('so 1 finding is still reported');
  });
});

describe('the pack', () => {
  it('is a cdk-nag NagPack named SecurityPolicy; its rule ids come from the catalog and the bindings', () => {
    const pack = new SecurityPolicyChecks();
    expect(pack).toBeInstanceOf(NagPack);
    expect(pack.name).toBe('SecurityPolicy');
    const bound = new Set(Object.values(AWS_BINDINGS).flat());
    expect(pack.ruleIds).toEqual(REQUIREMENTS.map((r) => r.id).filter((id) => bound.has(id)));
    expect(pack.ruleIds).toEqual(expect.arrayContaining(['NET-1', 'NET-5']));
  });

  it('with path metadata (as cdk synth writes it), the template paths are used as they are', () => {
    const app = testApp({ context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'Web');
    compliantNetwork(stack).group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    const pack = new SecurityPolicyChecks(undefined, { reportFormats: [] });
    expect(violatingPaths(pack.validateScope(app))).toEqual(['Web/App/Resource']);
    const groupId = stack.resolve((stack.node.findChild('App').node.defaultChild as CfnResource).logicalId) as string;
    expect(pack.lastEvaluation?.stacks[0].template.Resources[groupId].Metadata?.['aws:cdk:path']).toBe('Web/App/Resource');
  });
});
