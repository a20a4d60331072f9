/**
 * Hostile input to `compliance-check`: whatever a pipeline hands it gets exit 2 with one clear
 * line naming the file, or findings (a clear "could not be verified" where the template is one
 * the checks cannot decide), in bounded time and memory: never a hang, a stack trace, an
 * "internal error" or a silent pass. Large inputs are generated in a temporary folder.
 *
 * The 100 MB template runs only with COMPLIANCE_HOSTILE_LARGE=1 (about 15 s and 700 MB);
 * the suite checks a smaller one under a tight heap instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../constructs/cli';
import { MAX_INPUT_BYTES, readInputFile } from '../../constructs/input-file';
import { problem } from '../input-error';

const dir = mkdtempSync(join(tmpdir(), 'cc-hostile-'));
const CLI = join(__dirname, '..', '..', 'constructs', 'cli.ts');
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** Writes `content` (text, or JSON of a value) to a file of the temporary folder. */
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return path;
}

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** Exit 2 with exactly one line, naming the file, matching `message`; no trace, no internal error. */
function expectInputError(r: { code: number; out: string; err: string }, path: string, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  const lines = r.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`compliance-check: ${path}: `)).toBe(true);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).not.toMatch(/internal error|Maximum call stack/);
}

/** The JSON report of a run that found something, with the findings as `RULE:status` strings. */
function findings(...argv: string[]): string[] {
  const r = run(...argv, '--format', 'json', '--fail-on', 'none');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out) as { findings: Array<{ rule: string; status: string; resource: { logicalId?: string; urn?: string } }> };
  return report.findings.map((f) => `${f.rule}:${f.status}:${f.resource.logicalId ?? f.resource.urn?.split('::').pop()}`).sort();
}

const deepList = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

/** A security group whose one ingress rule opens tcp/22 to `cidr` (any template value). */
function sshFrom(cidr: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'ssh',
      VpcId: 'vpc-0123456789abcdef0',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: cidr }],
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }],
    },
    ...extra,
  };
}

describe('files that are not templates → exit 2, one line', () => {
  it.each<[string, string | Buffer, RegExp]>([
    ['an empty file', '', /empty file$/],
    ['only blanks', ' \n\t\n', /empty file$/],
    ['only YAML comments', '# nothing here\n', /empty file/],
    ['binary content (a PNG header)', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), /binary content \(NUL byte at offset 8\)/],
    ['UTF-16 text (NUL bytes between letters)', Buffer.from('{"Resources":{}}', 'utf16le'), /binary content/],
    ['JSON with a trailing comma', '{"Resources": {},}', /line 1, column \d+: /],
    ['truncated JSON', '{"Resources": {"A": {"Type": "AWS::S3::Bucket"', /line 1, column \d+: /],
    ['a JSON duplicate key', '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}, "A": {"Type": "AWS::S3::Bucket"}}}', /duplicate key 'A'/],
    ['YAML with a tab indent', 'Resources:\n\tA: 1\n', /line 2: /],
    ['a YAML duplicate key', 'Resources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::S3::Bucket}\n', /duplicate key 'A'/],
    ['an unknown YAML tag', 'Resources:\n  A:\n    Type: !Nope x\n', /unknown tag/],
    ['two YAML documents', 'Resources: {}\n---\nResources: {}\n', /more than one YAML document/],
    ['a JSON list', '[1, 2, 3]', /is not a CloudFormation template/],
    ['a JSON string', '"Resources"', /is not a CloudFormation template/],
    ['null', 'null', /is not a CloudFormation template/],
    ['a template without Resources', '{"AWSTemplateFormatVersion": "2010-09-09"}', /no Resources section/],
    ['Resources that is a list', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": []}', /Resources must be a mapping/],
    ['a resource without Type', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {}}}', /resource 'A' has no Type/],
    ['Fn::ForEach (language extensions are not read)', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Fn::ForEach::B": ["N", ["a"], {}]}}', /resource 'Fn::ForEach::B' must be a mapping/],
  ])('%s', (name, content, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.txt`, content);
    expectInputError(run(path), path, message);
  });

  it('a missing path', () => {
    const path = join(dir, 'missing.json');
    expectInputError(run(path), path, /no such file or directory$/);
  });

  it('a symbolic link to itself', () => {
    const path = join(dir, 'self-link');
    symlinkSync(path, path);
    expectInputError(run(path), path, /too many levels of symbolic links$/);
  });

  it('a symbolic link loop between two links', () => {
    const a = join(dir, 'loop-a');
    const b = join(dir, 'loop-b');
    symlinkSync(b, a);
    symlinkSync(a, b);
    expectInputError(run(a), a, /too many levels of symbolic links$/);
  });

  const devZero = existsSync('/dev/zero') ? it : it.skip;
  devZero('/dev/zero is refused at its first byte, not read forever', () => {
    const started = Date.now();
    expectInputError(run('/dev/zero'), '/dev/zero', /binary content \(NUL byte at offset 0\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a file over the size limit is refused before it is read (a sparse file just over 128 MiB)', () => {
    const path = file('huge.json', '');
    truncateSync(path, MAX_INPUT_BYTES + 1);
    expectInputError(run(path), path, /is larger than 128 MiB/);
  });

  it('a file is read whole, in one chunk or many, and one exactly at the limit is accepted', () => {
    const big = `{"Resources": {}, "Description": "${'é'.repeat(1_500_000)}"}`;
    expect(readInputFile(file('big.json', big))).toBe(big);
    const exact = '{"Resources": {}}';
    expect(readInputFile(file('exact.json', exact), Buffer.byteLength(exact))).toBe(exact);
  });

  it('a file over a smaller limit is refused at the limit', () => {
    const path = file('limit.json', `{"Resources": {}, "Description": "${'x'.repeat(5000)}"}`);
    expect(problem(() => readInputFile(path, 1000))).toBe(`${path}: is larger than 1000 bytes, the most an input may be (a CloudFormation template is at most 1 MB)`);
  });

  const bash = existsSync('/bin/bash') ? it : it.skip;
  bash('an endless pipe of text (a process substitution) stops at the limit, in a capped heap', () => {
    const r = spawnSync('/bin/bash', ['-c', `exec "${process.execPath}" --max-old-space-size=256 -r tsx/cjs "${CLI}" <(yes '{"Resources":')`], { encoding: 'utf8', timeout: 120000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^compliance-check: \/dev\/fd\/\d+: is larger than 128 MiB/);
  }, 130000);
});

describe('nesting → exit 2, or bounded reading', () => {
  it.each<[string, string]>([
    ['10,000-deep YAML', `Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${deepList(10000)}\n`],
    ['10,000-deep YAML flow list at the top', deepList(10000)],
  ])('%s → too deeply nested', (name, content) => {
    const path = file(`${name.replace(/\W+/g, '-')}.yaml`, content);
    expectInputError(run(path), path, /too deeply nested to read/);
  });

  const group = (description: string): string =>
    `{"Type":"AWS::EC2::SecurityGroup","Properties":{"GroupDescription":${description},"VpcId":"vpc-1","SecurityGroupEgress":[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"CidrIp":"10.0.0.0/8"}]}`;
  it.each<[string, string]>([
    ['100,000-deep list in a property', `{"Resources":{"A":${group(deepList(100000))}}}}`],
    ['10,000-deep object in a property', `{"Resources":{"A":${group(deepObject(10000))}}}}`],
    ['100,000-deep list in resource metadata', `{"Resources":{"A":${group('"x"')},"Metadata":{"x":${deepList(100000)}}}}}`],
    ['100,000-deep parameter default', `{"Parameters":{"P":{"Type":"String","Default":${deepList(100000)}}},"Resources":{"A":${group('{"Ref":"P"}')}}}}`],
    ['100,000-deep allowed value', `{"Parameters":{"P":{"Type":"String","AllowedValues":[${deepList(100000)}]}},"Resources":{"A":${group('{"Ref":"P"}')}}}}`],
    ['100,000-deep mapping entry', `{"Mappings":{"M":{"k":{"v":${deepList(100000)}}}},"Resources":{"A":${group('{"Fn::FindInMap":["M","k","v"]}')}}}}`],
    ['100,000-deep output', `{"Resources":{"A":${group('"x"')}}},"Outputs":{"O":{"Value":${deepObject(100000)}}}}`],
    ['100,000-deep condition', `{"Conditions":{"C":${deepObject(100000)}},"Resources":{"A":${group('"x"')}}}}`],
    ['100,000-deep update policy', `{"Resources":{"A":{"Type":"AWS::AutoScaling::AutoScalingGroup","Properties":{"MinSize":"1","MaxSize":"1"},"UpdatePolicy":${deepObject(100000)}}}}`],
    ['5,000 nested Fn::If', `{"Resources":{"A":${group(`${'{"Fn::If":["C",'.repeat(5000)}"x"${',"y"]}'.repeat(5000)}`)}}}}`],
    ['5,000 nested Fn::Join', `{"Resources":{"A":${group(`${'{"Fn::Join":["",['.repeat(5000)}"x"${']]}'.repeat(5000)}`)}}}}`],
    ['100,000-deep Pulumi inputs and outputs', `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:d::p::gcp:compute/network:Network::n","type":"gcp:compute/network:Network","inputs":{"autoCreateSubnetworks":false,"x":${deepList(100000)}},"outputs":${deepObject(100000)}}]}}`],
  ])('%s → read, no crash', (name, content) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, content);
    const r = run(path, '--fail-on', 'none');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('YAML alias bombs → exit 2', () => {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  'bcdefghi'.split('').forEach((name, i) => bomb.push(`${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`));

  it('a billion laughs in a template is refused quickly', () => {
    const path = file('bomb.yaml', `${bomb.join('\n')}\nResources: {}\n`);
    const started = Date.now();
    expectInputError(run(path), path, /too many YAML aliases .*alias bomb/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a billion laughs in an exceptions file is refused', () => {
    const template = file('plain.json', { Resources: {} });
    const path = file('bomb-exceptions.yaml', `${bomb.join('\n')}\nexceptions: []\n`);
    const r = run(template, '--exceptions', path);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/bomb-exceptions\.yaml: .*[Aa]lias/);
  });
});

describe('templates the checks cannot decide → could not be verified, never a pass', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a two-resource Fn::GetAtt cycle', { Ssh: sshFrom({ 'Fn::GetAtt': ['Other', 'Cidr'] }), Other: { Type: 'AWS::EC2::SecurityGroup', Properties: { Cidr: { 'Fn::GetAtt': ['Ssh', 'SecurityGroupIngress'] } } } }],
    ['a resource that reads its own attribute', { Ssh: { ...sshFrom({ 'Fn::GetAtt': ['Ssh', 'Cidr'] }), Properties: { ...(sshFrom('x').Properties as object), Cidr: '0.0.0.0/0', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { 'Fn::GetAtt': ['Ssh', 'SecurityGroupIngress'] } }] } } }],
    ['a three-resource cycle through Fn::Sub', {
      Ssh: sshFrom({ 'Fn::Sub': '${B.Cidr}' }),
      B: { Type: 'AWS::EC2::SecurityGroup', Properties: { Cidr: { 'Fn::Sub': '${C.Cidr}' } } },
      C: { Type: 'AWS::EC2::SecurityGroup', Properties: { Cidr: { 'Fn::GetAtt': ['Ssh', 'SecurityGroupIngress'] } } },
    }],
    ['an unknown intrinsic', { Ssh: sshFrom({ 'Fn::Nope': '0.0.0.0/0' }) }],
    ['a condition function as a value', { Ssh: sshFrom({ 'Fn::Equals': ['a', 'a'] }) }],
    ['a malformed Fn::If', { Ssh: sshFrom({ 'Fn::If': ['C', '10.0.0.0/8'] }) }],
    ['a Ref to nothing', { Ssh: sshFrom({ Ref: 'Nowhere' }) }],
    ['a Ref to a list', { Ssh: sshFrom({ Ref: ['a'] }) }],
    ['an import', { Ssh: sshFrom({ 'Fn::ImportValue': 'shared-cidr' }) }],
    ['a macro transform', { Ssh: sshFrom({ 'Fn::Transform': { Name: 'Macro' } }) }],
    ['Properties that are an intrinsic', { Ssh: { Type: 'AWS::EC2::SecurityGroup', Properties: { 'Fn::ImportValue': 'props' } } }],
  ])('%s → NET-1 unknown', (name, resources) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, { Resources: resources });
    expect(findings(path)).toContain('NET-1:unknown:Ssh');
  });

  it('a chain of 2,000 Fn::GetAtt hops stays bounded and fails closed', () => {
    const resources: Record<string, unknown> = { Ssh: sshFrom({ 'Fn::GetAtt': ['Hop0', 'Cidr'] }) };
    for (let i = 0; i < 2000; i++) resources[`Hop${i}`] = { Type: 'AWS::EC2::PrefixList', Properties: { Cidr: i === 1999 ? '0.0.0.0/0' : { 'Fn::GetAtt': [`Hop${i + 1}`, 'Cidr'] } } };
    const path = file('chain.json', { Resources: resources });
    const started = Date.now();
    expect(findings(path)).toContain('NET-1:unknown:Ssh');
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it('5,000 parameters with 50 allowed values each, joined into one value, stay fast and unknown', () => {
    const parameters: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) parameters[`P${i}`] = { Type: 'String', AllowedValues: Array.from({ length: 50 }, (_, j) => `${j}`) };
    const cidr = { 'Fn::Join': ['', Array.from({ length: 5000 }, (_, i) => ({ Ref: `P${i}` }))] };
    const path = file('params.json', { Parameters: parameters, Resources: { Ssh: sshFrom(cidr) } });
    const started = Date.now();
    expect(findings(path)).toContain('NET-1:unknown:Ssh');
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it('10,000 secrets and 10,000 rotation schedules are joined in linear time (regression: one scan of every schedule per secret)', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 10000; i++) {
      resources[`Secret${i}`] = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: `s${i}` } };
      resources[`Rotation${i}`] = { Type: 'AWS::SecretsManager::RotationSchedule', Properties: { SecretId: `arn:aws:secretsmanager:eu-west-1:111111111111:secret:s${(i + 7) % 10000}`, RotationRules: { AutomaticallyAfterDays: 30 } } };
    }
    const path = file('secrets.json', { Resources: resources });
    const started = Date.now();
    expect(findings(path).filter((f) => f.startsWith('AUTH-2'))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(15000);
  });

  it('a choice between 2^30 values is not enumerated', () => {
    let cidr: unknown = '0.0.0.0/0';
    for (let i = 0; i < 30; i++) cidr = { 'Fn::Join': ['', [{ 'Fn::If': [`C${i}`, '', ''] }, cidr]] };
    const path = file('choices.json', { Resources: { Ssh: sshFrom(cidr) } });
    expect(findings(path)).toEqual(expect.arrayContaining([expect.stringMatching(/^NET-1:(fail|unknown):Ssh$/)]));
  });
});

describe('keys named __proto__ stay keys', () => {
  it('a task parameter named __proto__ cannot lend a patch task Operation Install (regression: it became their prototype)', () => {
    const script = '#!/bin/bash\nyum install -y nginx\n';
    const resources = {
      Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: 'subnet-1', MetadataOptions: { HttpTokens: 'required' }, UserData: { 'Fn::Base64': script }, Tags: [{ Key: 'Patch', Value: 'true' }] } },
      Window: { Type: 'AWS::SSM::MaintenanceWindow', Properties: { Name: 'w', Schedule: 'cron(0 3 ? * SUN *)', Duration: 2, Cutoff: 1, AllowUnassociatedTargets: false } },
      Task: {
        Type: 'AWS::SSM::MaintenanceWindowTask',
        Properties: {
          WindowId: { Ref: 'Window' }, TaskArn: 'AWS-RunPatchBaseline', TaskType: 'RUN_COMMAND', Priority: 1,
          Targets: [{ Key: 'InstanceIds', Values: [{ Ref: 'Web' }] }],
          // Without Operation, AWS-RunPatchBaseline only scans.
          TaskParameters: { ['__proto__']: { Values: { Operation: ['Install'] } } },
        },
      },
    };
    expect(findings(file('proto-task.json', { Resources: resources }))).toContain('HOST-1:fail:Web');
  });
});

describe('cloud assemblies → exit 2 naming the file', () => {
  const manifest = (root: string, artifacts: unknown): void => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts }));
  };
  const stackArtifact = (templateFile: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile } });

  it('a manifest naming a missing template', () => {
    const root = join(dir, 'asm-missing');
    manifest(root, { Web: stackArtifact('Web.template.json') });
    expectInputError(run(root), join(root, 'manifest.json'), /stack 'Web' names template .*Web\.template\.json, which does not exist/);
  });

  it('a manifest naming a folder as template', () => {
    const root = join(dir, 'asm-folder');
    manifest(root, { Web: stackArtifact('sub') });
    mkdirSync(join(root, 'sub'));
    expectInputError(run(root), join(root, 'sub'), /is a directory, expected a file/);
  });

  it('a manifest that is binary', () => {
    const root = join(dir, 'asm-binary');
    mkdirSync(root);
    writeFileSync(join(root, 'manifest.json'), Buffer.from([0x7b, 0x00]));
    expectInputError(run(root), join(root, 'manifest.json'), /binary content/);
  });

  it('a manifest that is a symbolic link loop', () => {
    const root = join(dir, 'asm-link');
    mkdirSync(root);
    symlinkSync(join(root, 'manifest.json'), join(root, 'manifest.json'));
    const r = run(root);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/asm-link.*(not found|symbolic links)/);
  });

  it('a folder without a manifest', () => {
    const root = join(dir, 'asm-none');
    mkdirSync(root);
    expectInputError(run(root), root, /not a cloud assembly: manifest\.json not found/);
  });

  it('nested assemblies pointing at each other are read once', () => {
    const root = join(dir, 'asm-cycle');
    manifest(root, { Inner: { type: 'cdk:cloud-assembly', properties: { directoryName: 'inner' } } });
    manifest(join(root, 'inner'), { Outer: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } });
    const r = run(root);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No findings.');
  });
});

describe('Pulumi documents of unexpected shapes', () => {
  const exported = (resources: unknown): Record<string, unknown> => ({ version: 3, deployment: { manifest: {}, resources } });
  const firewall = (inputs: Record<string, unknown>): Record<string, unknown> => ({
    urn: 'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::ssh',
    type: 'gcp:compute/firewall:Firewall',
    inputs: { network: 'main', allows: [{ protocol: 'tcp', ports: ['22'] }], ...inputs },
  });

  it.each<[string, unknown, RegExp]>([
    ['resources that are not a list', exported('oops'), /deployment\.resources is not a list/],
    ['a resource that is not an object', exported([null]), /deployment\.resources\[0\] is not an object/],
    ['a resource without urn or type', exported([{ type: 'gcp:compute/firewall:Firewall' }]), /deployment\.resources\[0\] has no urn or type/],
    ['inputs that are a list', exported([{ ...firewall({}), inputs: [1, 2] }]), /deployment\.resources\[0\]\.inputs is not an object/],
    ['inputs that are the unknown marker', exported([{ ...firewall({}), inputs: UNKNOWN }]), /inputs is not an object/],
    ['an export version from the future', { version: 9, deployment: { resources: [] } }, /version 9; versions 1 to 3 are read/],
    ['a preview step that is not an object', { steps: ['create'] }, /steps\[0\] is not an object/],
    ['a preview step that creates without a new state', { steps: [{ op: 'create', urn: 'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::ssh' }] }, /steps\[0\] \('create'\) has no newState/],
    ['a preview step without an op or a state', { steps: [{}] }, /steps\[0\] \(without an op\) has no newState/],
  ])('%s → exit 2', (name, doc, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, doc);
    expectInputError(run(path), path, message);
  });

  it('a preview step that deletes leaves nothing to check', () => {
    const path = file('preview-delete.json', { steps: [{ op: 'delete', urn: 'u' }, { op: 'discard' }, { op: 'delete-replaced' }] });
    expect(run(path).code).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['source ranges unknown until deployment', { sourceRanges: UNKNOWN }, 'NET-1:unknown:ssh'],
    ['a source range unknown until deployment', { sourceRanges: [UNKNOWN] }, 'NET-1:unknown:ssh'],
    ['source ranges wrapped as a secret', { sourceRanges: { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270', ciphertext: 'x' } }, 'NET-1:unknown:ssh'],
    ['allows unknown until deployment', { allows: UNKNOWN, sourceRanges: ['0.0.0.0/0'] }, 'NET-1:unknown:ssh'],
    ['an allow entry that is a string', { allows: ['tcp:22'], sourceRanges: ['0.0.0.0/0'] }, 'NET-1:unknown:ssh'],
    ['disabled unknown until deployment', { disabled: UNKNOWN, sourceRanges: ['0.0.0.0/0'] }, 'NET-1:unknown:ssh'],
    ['a source range that is no CIDR', { sourceRanges: ['the internet'] }, 'NET-1:unknown:ssh'],
  ])('%s → %s', (name, inputs, expected) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, exported([firewall(inputs)]));
    expect(findings(path)).toContain(expected);
  });

  it('an input named __proto__ cannot lend the inputs disabled: true (regression: it became their prototype)', () => {
    const text = JSON.stringify(exported([firewall({ sourceRanges: ['0.0.0.0/0'] })])).replace('"network":"main"', '"network":"main","__proto__":{"disabled":true}');
    expect(findings(file('proto.json', text))).toContain('NET-1:fail:ssh');
  });
});

describe('large inputs in bounded memory and time', () => {
  /** A template of `count` security groups, each with a few rules and tags (about 1.3 KB each). */
  function bigTemplate(path: string, count: number): void {
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const rules = Array.from({ length: 4 }, () => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: `10.${i % 250}.${Math.floor(i / 250) % 250}.0/24` }));
      const tags = Array.from({ length: 10 }, (_, j) => ({ Key: `k${j}`, Value: 'v'.repeat(40) }));
      parts.push(`"Sg${i}":${JSON.stringify({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: `group ${i}`, VpcId: 'vpc-123', SecurityGroupIngress: rules, SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }], Tags: tags } })}`);
    }
    writeFileSync(path, `{"Resources":{${parts.join(',')}}}`);
  }

  /** Runs the command in a child process with a capped heap, as a CI job would. */
  function runCapped(path: string, heapMb: number, timeoutMs: number) {
    return spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '-r', 'tsx/cjs', CLI, path, '--format', 'json'], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  }

  it('a 6 MB template (5,000 groups) is checked in a 160 MB heap', () => {
    const path = join(dir, 'big.json');
    bigTemplate(path, 5000);
    const r = runCapped(path, 160, 60000);
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary.total).toBe(0);
  });

  const large = process.env.COMPLIANCE_HOSTILE_LARGE === '1' ? it : it.skip;
  large('a 100 MB template (80,000 groups) is checked in a 768 MB heap within two minutes', () => {
    const path = join(dir, 'huge.json');
    bigTemplate(path, 80000);
    const r = runCapped(path, 768, 120000);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
  }, 180000);
});
