/**
 * The jest helpers: toBeCompliant, toHaveFinding, and the snapshot serializers.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { PolicyException } from '../../../cdk/checks/policy-exception';
import {
  ASSET_HASH_PLACEHOLDER,
  assetHashSerializer,
  cleanTemplate,
  complianceMatchers,
  FindingQuery,
  templateSerializer,
  toBeCompliant,
  toHaveFinding,
} from '../../../cdk/testing/index';
import { compliantNetwork } from '../checks/fixtures';

expect.extend(complianceMatchers);
expect.addSnapshotSerializer(templateSerializer);
expect.addSnapshotSerializer(assetHashSerializer);

const TODAY = '2026-11-20';
const app = new App();
const good = new Stack(app, 'Good');
compliantNetwork(good);
const bad = new Stack(app, 'Bad');
const { group: badGroup, vpc } = compliantNetwork(bad);
badGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');
const open = new ec2.SecurityGroup(bad, 'Open', { vpc, description: 'all egress' });
const excepted = new Stack(app, 'Excepted');
const exceptedGroup = new ec2.SecurityGroup(excepted, 'Open', { vpc: compliantNetwork(excepted).vpc, description: 'all egress' });
new PolicyException(exceptedGroup, 'Migration', { requirement: 'NET-3', reason: 'Migration', owner: 'team-web', granted: TODAY, expires: '2026-12-01' });

describe('toBeCompliant', () => {
  it('a compliant stack passes', () => {
    expect(good).toBeCompliant();
  });

  it('a stack with findings fails, and the message lists them in the text format', () => {
    const result = toBeCompliant.call({}, bad);
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toContain("Expected 'Bad' to be compliant, but it has 2 findings at or above P3:");
    expect(message).toContain("[NET-1 P0] Security group 'App' allows tcp/22 from 0.0.0.0/0 (rule SecurityGroupIngress[1]). Restrict the source, or put the service behind a load balancer on 443. (Security Groups)");
    expect(message).toContain('[NET-3 P2]');
    expect(message).toMatch(/ {4}file: .*Bad\.template\.json {2}stack: Bad {2}logicalId: App\w+ {2}type: AWS::EC2::SecurityGroup {2}path: Bad\/App\/Resource/);
  });

  it('failAt: a P2 finding is allowed at failAt P1', () => {
    expect(open).toBeCompliant({ failAt: 'P1' });
    expect(open).not.toBeCompliant();
  });

  it('excepted findings do not count', () => {
    expect(excepted).toBeCompliant({ today: TODAY });
  });

  it('a value that is no construct → a clear error', () => {
    expect(() => toBeCompliant.call({}, { Resources: {} })).toThrow('toBeCompliant: expected a construct (a Stack, an App, or a construct inside one), got object');
  });
});

describe('toHaveFinding', () => {
  it.each<[string, string, FindingQuery, boolean]>([
    ['the requirement anywhere in the stack', 'NET-1', {}, true],
    ['on the construct', 'NET-1', { resource: badGroup }, true],
    ['on its construct path', 'NET-1', { resource: 'Bad/App' }, true],
    ['with its status and detail', 'NET-1', { status: 'fail', detail: 'ingress tcp/22 from 0.0.0.0/0' }, true],
    ['not on another construct', 'NET-1', { resource: open }, false],
    ['not with another status', 'NET-1', { status: 'unknown' }, false],
    ['not a requirement that has no finding', 'NET-5', {}, false],
  ])('%s', (_name, rule, query, pass) => {
    expect(toHaveFinding.call({}, bad, rule, query).pass).toBe(pass);
  });

  it('by logical id', () => {
    const logicalId = bad.resolve((badGroup.node.defaultChild as ec2.CfnSecurityGroup).logicalId) as string;
    expect(bad).toHaveFinding('NET-1', { resource: logicalId });
  });

  it('as a matcher, with .not', () => {
    expect(bad).toHaveFinding('NET-3', { resource: open });
    expect(good).not.toHaveFinding('NET-3');
    expect(excepted).toHaveFinding('NET-3', { status: 'excepted', today: TODAY });
  });

  it('the failure message lists the findings there are', () => {
    const message = toHaveFinding.call({}, bad, 'NET-5', { resource: badGroup }).message();
    expect(message).toMatch(/^Expected 'Bad' to have a NET-5 finding on 'Bad\/App', but its findings are:\n\[NET-1 P0\]/);
    expect(toHaveFinding.call({}, good, 'NET-1').message()).toBe("Expected 'Good' to have a NET-1 finding, but it has no findings");
  });
});

describe('snapshot serializers', () => {
  const template = Template.fromStack(good).toJSON();

  it('the template has noise to strip: an asset hash in the custom resource code, the bootstrap version', () => {
    expect(JSON.stringify(template)).toMatch(/[0-9a-f]{64}\.zip/);
    expect(template.Parameters).toHaveProperty('BootstrapVersion');
  });

  it('cleanTemplate strips it', () => {
    const clean = cleanTemplate({
      ...template,
      Conditions: { CDKMetadataAvailable: {} },
      Resources: { ...template.Resources, CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:abc' } } },
    });
    expect(clean.Parameters).toBeUndefined();
    expect(clean.Rules).toBeUndefined();
    expect(clean.Conditions).toBeUndefined();
    expect(Object.values(clean.Resources as Record<string, { Type: string }>).some((r) => r.Type === 'AWS::CDK::Metadata')).toBe(false);
    const text = JSON.stringify(clean);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).toContain(`${ASSET_HASH_PLACEHOLDER}.zip`);
  });

  it('asset metadata goes, other metadata stays', () => {
    const clean = cleanTemplate({
      Resources: { Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': 'asset.abc', 'aws:asset:property': 'Code', 'aws:cdk:path': 'Good/Fn/Resource' } } },
    });
    expect(clean.Resources).toEqual({ Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'Good/Fn/Resource' } } });
  });

  it('a stand-alone string with an asset hash', () => {
    expect(`bucket/${'ab12'.repeat(16)}.zip`).toMatchInlineSnapshot(`"bucket/[ASSET HASH].zip"`);
  });

  it('a template snapshot is stable across asset changes', () => {
    expect(template).toMatchSnapshot();
  });
});
