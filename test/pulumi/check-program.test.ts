/**
 * `npm run pulumi:check`: a Pulumi program run offline and reported like the CLI (formats,
 * --fail-on, --output, exit codes 0/1/2, one-line errors).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, runCheckProgram } from '../../pulumi/check-program';

const NONCOMPLIANT = 'pulumi/examples/noncompliant.ts';
const FIXTURES = 'test/fixtures/pulumi-programs';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCheckProgram(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('pulumi:check', () => {
  it('the example team program → exit 0, no findings', async () => {
    const r = await run();
    expect(r).toEqual({ code: EXIT.ok, stdout: 'No findings.\n', stderr: '' });
  });

  it('the non-compliant example → exit 1, the findings with the program as their file', async () => {
    const r = await run('--program', NONCOMPLIANT);
    expect(r.code).toBe(EXIT.findings);
    expect(r.stdout).toContain(
      "[NET-1 P0] Firewall 'allow-ssh' allows tcp/22 from 0.0.0.0/0 (rule allows[0]). Restrict the source, or put the service behind a load balancer on 443. (Security Groups)\n" +
        '    file: pulumi/examples/noncompliant.ts  stack: offline  urn: urn:pulumi:offline::compliance-constructs::gcp:compute/firewall:Firewall::allow-ssh  type: gcp:compute/firewall:Firewall\n',
    );
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('21 findings: 4 P0, 8 P1, 8 P2, 1 P3 (0 could not be verified, 0 excepted); 12 blocking at --fail-on P1');
  });

  it.each<[string, string[], number]>([
    ['--fail-on none', ['--fail-on', 'none'], EXIT.ok],
    ['--fail-on P0', ['--fail-on', 'P0'], EXIT.findings],
    ['--fail-on P3', ['--fail-on', 'P3'], EXIT.findings],
  ])('%s on the non-compliant example', async (_name, flags, code) => {
    expect((await run('--program', NONCOMPLIANT, ...flags)).code).toBe(code);
  });

  it('--format json: the CLI JSON shape, pointing at the program', async () => {
    const r = await run('--program', NONCOMPLIANT, '--format', 'json', '--project', 'team', '--stack', 'dev');
    const report = JSON.parse(r.stdout) as { tool: { name: string }; findings: Array<{ requirement: string; resource: { file: string; urn: string } }> };
    expect(report.tool.name).toBe('pulumi-check');
    expect(report.findings.map((f) => f.requirement).sort()).toEqual([
      'AUTH-3', 'ENC-3', 'ENC-3', 'HOST-1', 'HOST-2', 'HOST-3', 'IAM-1', 'IAM-3', 'IAM-4', 'LOG-3', 'LOG-3', 'NET-1', 'NET-2', 'NET-3', 'NET-4', 'NET-5', 'SSH-1', 'SSH-1', 'SSH-1', 'TLS-2', 'TLS-4',
    ]);
    expect(report.findings[0].resource).toMatchObject({ file: NONCOMPLIANT, urn: expect.stringMatching(/^urn:pulumi:dev::team::/) });
  });

  it('--format sarif --output FILE: writes SARIF 2.1.0, one summary line on stderr', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pulumi-check-')), 'report.sarif');
    const r = await run('--program', NONCOMPLIANT, '--format', 'sarif', '--output', file);
    expect(r.code).toBe(EXIT.findings);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^21 findings in \d+ resources\. Report written to .*report\.sarif\.\n$/);
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(21);
  });

  it('--exceptions FILE: a valid exception by name excepts the finding; a P0 in the file is an input error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulumi-check-exc-'));
    const expires = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const file = join(dir, 'exceptions.yaml');
    writeFileSync(file, `- requirement: NET-2\n  resource: { name: allow-app }\n  reason: Partner webhook\n  owner: team-web\n  expires: "${expires}"\n`);
    const r = await run('--program', NONCOMPLIANT, '--format', 'json', '--exceptions', file);
    const report = JSON.parse(r.stdout) as { findings: Array<{ requirement: string; status: string; resource: { urn: string } }> };
    expect(report.findings.filter((f) => f.requirement === 'NET-2').map((f) => f.status)).toEqual(['excepted']);
    const p0 = join(dir, 'p0.yaml');
    writeFileSync(p0, `- requirement: NET-1\n  resource: { name: allow-ssh }\n  reason: r\n  owner: o\n  expires: "${expires}"\n`);
    expect(await run('--program', NONCOMPLIANT, '--exceptions', p0)).toMatchObject({ code: EXIT.error, stderr: expect.stringMatching(/NET-1 is P0 and cannot be excepted/) });
  });

  it('--config sets stack configuration, as pulumi config set (the namespace defaults to the project)', async () => {
    const open = await run('--program', `${FIXTURES}/configured.ts`, '--project', 'fixture', '--config', 'sshSource=0.0.0.0/0');
    expect(open.code).toBe(EXIT.findings);
    expect(open.stdout).toContain("[NET-1 P0] Firewall 'ssh' allows tcp/22 from 0.0.0.0/0");
    const narrow = await run('--program', `${FIXTURES}/configured.ts`, '--config', 'fixture:sshSource=35.235.240.0/20');
    expect(narrow).toMatchObject({ code: EXIT.ok, stdout: 'No findings.\n' });
  });

  it('a program written at the top level of its module runs when loaded', async () => {
    const r = await run('--program', `${FIXTURES}/top-level.ts`, '--format', 'json');
    const report = JSON.parse(r.stdout) as { findings: Array<{ requirement: string; resource: { urn: string } }> };
    expect(report.findings.map((f) => `${f.requirement} ${f.resource.urn}`)).toEqual(['NET-4 urn:pulumi:offline::compliance-constructs::gcp:compute/network:Network::plain']);
  });

  it.each<[string, string[], string]>([
    ['a program that does not exist', ['--program', 'pulumi/nope.ts'], 'pulumi-check: pulumi/nope.ts: no such file\n'],
    [
      "a component's ComplianceError",
      ['--program', `${FIXTURES}/refused.ts`],
      `pulumi-check: ${FIXTURES}/refused.ts: the program failed: [TLS-2] TlsLoadBalancer 'web': tlsProfile 'COMPATIBLE' admits ciphers older than the policy allows; use 'MODERN' or 'RESTRICTED'.\n`,
    ],
    ['missing required configuration', ['--program', `${FIXTURES}/configured.ts`, '--project', 'other'], `pulumi-check: ${FIXTURES}/configured.ts: the program failed: Missing required configuration variable 'fixture:sshSource' `],
    ['an unknown format', ['--format', 'html'], "pulumi-check: --format must be one of text, json, sarif, markdown, not 'html'\nRun 'npm run pulumi:check -- --help' for usage.\n"],
    ['an unknown severity', ['--fail-on', 'P5'], "pulumi-check: --fail-on must be P0, P1, P2, P3 or none, not 'P5'\nRun 'npm run pulumi:check -- --help' for usage.\n"],
    ['a configuration entry without a value', ['--config', 'region'], "pulumi-check: --config takes KEY=VALUE, not 'region'\nRun 'npm run pulumi:check -- --help' for usage.\n"],
    ['an unknown flag', ['--stacks', 'dev'], "pulumi-check: Unknown option '--stacks'"],
  ])('%s → exit 2, one line', async (_name, argv, stderr) => {
    const r = await run(...argv);
    expect(r.code).toBe(EXIT.error);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(stderr)).toBe(true);
  });

  it('--help → exit 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^Usage: npm run pulumi:check -- \[options\]/);
  });

  it('as a process: an input that fails after the program returned → exit 2, one line', () => {
    const tsx = join('node_modules', '.bin', 'tsx');
    const r = spawnSync(tsx, ['pulumi/check-program.ts', '--program', `${FIXTURES}/throws-late.ts`], { encoding: 'utf8', timeout: 60000 });
    expect(r.status).toBe(EXIT.error);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`pulumi-check: ${FIXTURES}/throws-late.ts: the program failed: error serializing property "project": No Google Cloud project configured.`);
  });
});
