/**
 * The `compliance-check` command: every exit code, every format, and bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { runCli } from '../../constructs/cli';

const FIXTURES = join(__dirname, '..', 'fixtures');
const fixture = (name: string): string => join(FIXTURES, name);

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('exit codes', () => {
  it('a compliant template → 0', () => {
    const r = run(fixture('compliant.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('No findings.');
  });

  it('ssh open to ::/0 → 1 with a [NET-1 P0] line', () => {
    const r = run(fixture('ssh-open-ipv6.yaml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain("[NET-1 P0] Security group 'Bastion' allows tcp/22 from ::/0 (rule SecurityGroupIngress[0]).");
  });

  it('a P2 finding does not fail at the default --fail-on P1 → 0', () => {
    const r = run(fixture('egress-open.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('[NET-3 P2]');
  });

  it.each([
    ['P2', 1],
    ['P3', 1],
    ['P0', 0],
    ['none', 0],
  ])('--fail-on %s on a P2 finding → %d', (failOn, code) => {
    expect(run(fixture('egress-open.json'), '--fail-on', failOn as string).code).toBe(code);
  });

  it('--fail-on none on a P0 finding → 0', () => {
    expect(run(fixture('ssh-open-ipv6.yaml'), '--fail-on', 'none').code).toBe(0);
  });

  it('several paths are checked together', () => {
    const r = run(fixture('compliant.json'), fixture('ssh-open-ipv6.yaml'), '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings).toHaveLength(1);
  });
});

describe('formats', () => {
  it('json follows the documented schema', () => {
    const r = run(fixture('ssh-open-ipv6.yaml'), '--format', 'json');
    const report = JSON.parse(r.out);
    expect(report.tool.name).toBe('compliance-check');
    expect(report.findings[0]).toMatchObject({
      requirement: 'NET-1',
      rule: 'NET-1',
      severity: 'P0',
      status: 'fail',
      clause: 'Security Groups',
      fixWithinDays: 0,
      resource: { file: fixture('ssh-open-ipv6.yaml'), stack: 'ssh-open-ipv6', logicalId: 'Bastion', type: 'AWS::EC2::SecurityGroup' },
    });
    expect(report.summary.total).toBe(1);
  });

  it('sarif validates against the SARIF 2.1.0 schema', () => {
    const r = run(fixture('ssh-open-ipv6.yaml'), '--format', 'sarif');
    const schemaFile = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const log = JSON.parse(r.out);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'NET-1', level: 'error' });
  });

  it('markdown has a summary table', () => {
    const r = run(fixture('ssh-open-ipv6.yaml'), '--format', 'markdown');
    expect(r.out).toMatch(/\|.*P0.*\|/);
    expect(r.out).toContain('NET-1');
  });

  it('--output writes the report to a file and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-cli-'));
    const file = join(dir, 'report.json');
    const r = run(fixture('ssh-open-ipv6.yaml'), '--format', 'json', '--output', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).findings).toHaveLength(1);
    expect(r.err).toContain(`Report written to ${file}`);
  });
});

describe('other commands', () => {
  it('--list-requirements lists all 31', () => {
    const r = run('--list-requirements');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(31);
    expect(r.out).toMatch(/^NET-1\s+P0/m);
  });

  it('--list-requirements --format json', () => {
    const list = JSON.parse(run('--list-requirements', '--format', 'json').out);
    expect(list).toHaveLength(31);
    expect(list[0]).toMatchObject({ id: 'NET-1', severity: 'P0', fixWithinDays: 0 });
  });

  it('--version prints the package version', () => {
    expect(run('--version').out.trim()).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  });

  it('--help prints the usage', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: compliance-check PATH...');
  });
});

describe('bad input → one clear line and exit 2', () => {
  it.each<[string, string[], RegExp]>([
    ['a missing path', ['does/not/exist.json'], /^compliance-check: does\/not\/exist\.json: no such file or directory$/m],
    ['no path', [], /no PATH given/],
    ['an unknown flag', [fixture('compliant.json'), '--colour'], /Unknown option '--colour'/],
    ['a wrong format', [fixture('compliant.json'), '--format', 'xml'], /--format must be one of text, json, sarif, markdown, not 'xml'/],
    ['a wrong --fail-on', [fixture('compliant.json'), '--fail-on', 'high'], /--fail-on must be P0, P1, P2, P3 or none, not 'high'/],
    ['malformed JSON, with its line', [fixture('malformed.json')], /malformed\.json: .*line 3/],
    ['malformed YAML, with its line', [fixture('malformed.yaml')], /malformed\.yaml: .*line \d/],
    ['JSON that is no template', [fixture('not-a-template.json')], /not-a-template\.json: .*not a CloudFormation template/],
    ['a Pulumi stack export of an odd shape', [fixture('pulumi-export-bad.json')], /pulumi-export-bad\.json: deployment\.resources is not a list/],
    ['a folder that is no cloud assembly', [FIXTURES], /manifest\.json not found/],
  ])('%s', (_name, argv, message) => {
    const r = run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an output folder that does not exist', () => {
    const r = run(fixture('compliant.json'), '--output', '/no/such/folder/report.txt');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/report\.txt: cannot be written/);
  });
});

describe('Pulumi files', () => {
  it('a stack export: reports the urn and type of each finding, joins references by outputs', () => {
    const r = run(fixture('pulumi-export.json'), '--format', 'json');
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out).findings;
    expect(findings.map((f: { requirement: string; status: string; resource: { urn: string; type: string } }) => [f.requirement, f.status, f.resource.urn, f.resource.type])).toEqual([
      ['NET-1', 'fail', 'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::allow-ssh', 'gcp:compute/firewall:Firewall'],
      ['IAM-1', 'fail', 'urn:pulumi:dev::team::gcp:projects/iAMMember:IAMMember::dev-owner', 'gcp:projects/iAMMember:IAMMember'],
      ['IAM-3', 'fail', 'urn:pulumi:dev::team::gcp:storage/bucketIAMMember:BucketIAMMember::public-assets', 'gcp:storage/bucketIAMMember:BucketIAMMember'],
      ['SSH-1', 'fail', 'urn:pulumi:dev::team::gcp:compute/instance:Instance::bastion', 'gcp:compute/instance:Instance'],
      ['LOG-1', 'fail', 'urn:pulumi:dev::team::gcp:logging/projectBucketConfig:ProjectBucketConfig::default-logs', 'gcp:logging/projectBucketConfig:ProjectBucketConfig'],
    ]);
  });

  it('a preview: unknown values are unknown findings, property dependencies join references, secrets are not plaintext, deleted resources are not checked', () => {
    const r = run(fixture('pulumi-preview.json'), '--format', 'json');
    const findings = JSON.parse(r.out).findings;
    expect(findings.map((f: { requirement: string; status: string; resource: { urn: string } }) => `${f.requirement}:${f.status} ${f.resource.urn.split('::').pop()}`)).toEqual([
      'NET-1:unknown admin',
      'TLS-4:unknown db',
    ]);
    expect(r.code).toBe(1);
  });

  it('exceptions from a file apply to Pulumi resources by urn', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-pulumi-exc-'));
    const file = join(dir, 'exceptions.yaml');
    const expires = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    writeFileSync(file, [
      'exceptions:',
      '  - requirement: SSH-1',
      '    resource: { urn: "urn:pulumi:dev::team::gcp:compute/instance:Instance::bastion" }',
      '    reason: Break-glass key until OS Login groups are set up',
      '    ticket: SEC-7',
      `    expires: "${expires}"`,
      '',
    ].join('\n'));
    const r = run(fixture('pulumi-export.json'), '--format', 'json', '--exceptions', file);
    const findings = JSON.parse(r.out).findings as Array<{ requirement: string; status: string }>;
    expect(findings.find((f) => f.requirement === 'SSH-1')?.status).toBe('excepted');
  });
});

describe('cloud assemblies', () => {
  it('reads every stack of a manifest, nested assemblies included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-asm-'));
    const bad = readFileSync(fixture('egress-open.json'), 'utf8');
    writeFileSync(join(dir, 'A.template.json'), readFileSync(fixture('compliant.json'), 'utf8'));
    mkdirSync(join(dir, 'assembly-Prod'));
    writeFileSync(join(dir, 'assembly-Prod', 'B.template.json'), bad);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
      version: '36.0.0',
      artifacts: {
        A: { type: 'aws:cloudformation:stack', properties: { templateFile: 'A.template.json' } },
        Prod: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } },
      },
    }));
    writeFileSync(join(dir, 'assembly-Prod', 'manifest.json'), JSON.stringify({
      version: '36.0.0',
      artifacts: { B: { type: 'aws:cloudformation:stack', properties: { templateFile: 'B.template.json', stackName: 'Prod-B' } } },
    }));
    const r = run(dir, '--format', 'json');
    const findings = JSON.parse(r.out).findings;
    expect(findings.map((f: { requirement: string; resource: { stack: string } }) => `${f.requirement} ${f.resource.stack}`)).toEqual(['NET-3 Prod-B']);
  });
});

describe('the built command', () => {
  it('runs as a process and exits 2 on an unknown flag without a stack trace', () => {
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, '..', '..', 'constructs', 'cli.ts'), '--nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--nope'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
