/**
 * `compliance-check --exceptions FILE`: exceptions for templates CDK did not synthesize.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../constructs/cli';
import { dayOf, formatDay } from '../../constructs/exceptions';

const FIXTURES = join(__dirname, '..', 'fixtures');
const EGRESS_OPEN = join(FIXTURES, 'egress-open.json'); // NET-3 (P2) on App
const SSH_OPEN = join(FIXTURES, 'ssh-open-ipv6.yaml'); // NET-1 (P0) on Bastion
const dir = mkdtempSync(join(tmpdir(), 'cc-cli-exc-'));

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** Days from today, as the CLI judges against the real date. */
const day = (offset: number): string => formatDay(dayOf(new Date()) + offset);

function exceptionsFile(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

const net3 = (expires: string, extra = ''): string =>
  ['exceptions:', '  - requirement: NET-3', '    resource: { stack: egress-open, logicalId: App }', '    reason: Legacy agent needs the internet', '    owner: team-app', `    granted: ${day(0)}`, `    expires: ${expires}`, extra].join('\n');

describe('--exceptions', () => {
  it('a valid exception → the finding is excepted in every format, and no longer blocks at --fail-on P2', () => {
    const file = exceptionsFile('valid.yaml', net3(day(20)));
    const json = run(EGRESS_OPEN, '--exceptions', file, '--format', 'json', '--fail-on', 'P2');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).findings.map((f: { requirement: string; status: string }) => `${f.requirement}:${f.status}`)).toEqual(['NET-3:excepted']);
    const text = run(EGRESS_OPEN, '--exceptions', file);
    expect(text.out).toContain(`[EXCEPTED until ${day(20)}: Legacy agent needs the internet (team-app)]`);
    expect(run(EGRESS_OPEN, '--fail-on', 'P2').code).toBe(1);
  });

  it('JSON exceptions files, and several of them', () => {
    const json = exceptionsFile(
      'more.json',
      JSON.stringify([{ requirement: 'NET-4', resource: { logicalId: 'Nothing' }, reason: 'r', ticket: 'SEC-1', expires: day(3) }]),
    );
    const r = run(EGRESS_OPEN, '--exceptions', exceptionsFile('again.yaml', net3(day(20))), '--exceptions', json, '--format', 'json');
    expect(JSON.parse(r.out).findings.map((f: { status: string }) => f.status)).toEqual(['excepted']);
  });

  it('an expired exception → the finding fails again, plus a NET-3.exception finding', () => {
    const r = run(EGRESS_OPEN, '--exceptions', exceptionsFile('expired.yaml', net3(day(-1)).replace(`granted: ${day(0)}`, `granted: ${day(-10)}`)), '--format', 'json', '--fail-on', 'P2');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.map((f: { rule: string; status: string }) => `${f.rule}:${f.status}`)).toEqual(['NET-3:fail', 'NET-3.exception:fail']);
  });

  it('an exception longer than the window → not honoured', () => {
    const r = run(EGRESS_OPEN, '--exceptions', exceptionsFile('long.yaml', net3(day(45))), '--format', 'json');
    const findings = JSON.parse(r.out).findings as Array<{ rule: string; message: string }>;
    expect(findings.map((f) => f.rule)).toEqual(['NET-3', 'NET-3.exception']);
    expect(findings[1].message).toBe(
      `Exception for NET-3 on 'App' (team-app) expires on ${day(45)}, 45 days after it was granted on ${day(0)}; a P2 exception may last at most 30 days.`,
    );
  });

  it.each<[string, string, RegExp]>([
    ['a P0 exception', ['- requirement: NET-1', '  resource: { logicalId: Bastion }', '  reason: r', '  owner: o', `  expires: ${day(1)}`].join('\n'), /p0\.yaml: exceptions\[0\]: NET-1 is P0 and cannot be excepted/],
    ['an exception without a resource', ['- requirement: NET-3', '  reason: r', '  owner: o', `  expires: ${day(1)}`].join('\n'), /nores\.yaml: exceptions\[0\]: resource must be a mapping/],
  ])('%s → exit 2, one line naming the file', (name, body, message) => {
    const file = exceptionsFile(name === 'a P0 exception' ? 'p0.yaml' : 'nores.yaml', body);
    const r = run(SSH_OPEN, '--exceptions', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a missing exceptions file → exit 2', () => {
    const r = run(EGRESS_OPEN, '--exceptions', join(dir, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing\.yaml: no such file or directory/);
  });

  it('--help documents it', () => {
    expect(run('--help').out).toContain('--exceptions FILE');
  });
});
