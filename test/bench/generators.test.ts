/**
 * The bench's generated CDK app and Pulumi program: deterministic, of the size asked, stacks
 * within CloudFormation's limit, and made of what team stacks are made of.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { generateCdkApp, STACK_LIMIT } from '../../bench/cdk-app';
import { generatePulumiProgram } from '../../bench/pulumi-program';
import { Random } from '../../bench/random';
import { readCloudAssembly, StackTemplate } from '../../cdk/records';
import { recordResources } from '../../pulumi/mocks';

describe('Random', () => {
  it('the same seed → the same sequence', () => {
    const a = new Random(7);
    const b = new Random(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('int stays within its bounds, both included', () => {
    const rng = new Random(1);
    const seen = new Set(Array.from({ length: 200 }, () => rng.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe('generateCdkApp', () => {
  const dirs: string[] = [];
  const synth = (resources: number, seed: number): { stacks: StackTemplate[]; planned: ReturnType<typeof generateCdkApp> } => {
    const outdir = mkdtempSync(join(tmpdir(), 'bench-app-'));
    dirs.push(outdir);
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    const planned = generateCdkApp(app, { resources, seed });
    app.synth();
    return { stacks: readCloudAssembly(outdir), planned };
  };
  let first: ReturnType<typeof synth>;

  beforeAll(() => {
    first = synth(600, 3);
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the resources synthesized are the resources planned, stack by stack', () => {
    const counts = first.stacks.map((s) => ({ name: s.stackName, resources: Object.keys(s.template.Resources).length }));
    expect(counts).toEqual(first.planned.stacks);
  });

  it('about the size asked, in stacks of at most 500 resources', () => {
    expect(first.planned.resources).toBeGreaterThanOrEqual(600);
    expect(first.planned.resources).toBeLessThan(600 + 40);
    expect(first.stacks.length).toBeGreaterThan(2);
    for (const s of first.stacks) expect(Object.keys(s.template.Resources).length).toBeLessThanOrEqual(STACK_LIMIT);
  });

  it('made of what team stacks are made of', () => {
    const types = new Set(first.stacks.flatMap((s) => Object.values(s.template.Resources).map((r) => r.Type)));
    for (const t of [
      'AWS::EC2::VPC', 'AWS::EC2::FlowLog', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::Instance',
      'AWS::EC2::Volume', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::Logs::LogGroup',
      'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::Lambda::Function',
      'AWS::KMS::Key', 'AWS::CloudTrail::Trail',
    ]) {
      expect(types).toContain(t);
    }
  });

  it('the same plan → the same templates; another seed → other templates', () => {
    const templates = (resources: number, seed: number): unknown[] => synth(resources, seed).stacks.map((s) => s.template);
    const once = templates(150, 3);
    expect(templates(150, 3)).toEqual(once);
    expect(templates(150, 4)).not.toEqual(once);
  });
});

describe('generatePulumiProgram', () => {
  it('declares about the size asked, the same resources for the same plan', async () => {
    const generated = generatePulumiProgram({ resources: 40, seed: 2 });
    const first = await recordResources(generated.program);
    expect(first).toHaveLength(generated.resources());
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(first.length).toBeLessThan(40 + 40);
    const again = await recordResources(generatePulumiProgram({ resources: 40, seed: 2 }).program);
    expect(again.map((r) => [r.type, r.name, r.inputs])).toEqual(first.map((r) => [r.type, r.name, r.inputs]));
    const types = new Set(first.map((r) => r.type));
    for (const t of ['gcp:compute/network:Network', 'gcp:compute/subnetwork:Subnetwork', 'gcp:compute/firewall:Firewall', 'gcp:compute/instance:Instance', 'gcp:storage/bucket:Bucket', 'gcp:projects/iAMMember:IAMMember']) {
      expect(types).toContain(t);
    }
  });
});
