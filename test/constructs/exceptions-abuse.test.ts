/**
 * Exceptions abused: P0 exceptions, expiry beyond the window or in the past, unknown
 * requirements and resources, and exceptions smuggled through the metadata of another
 * resource. Each is refused (an input error) or reported (a `<requirement>.exception` finding,
 * or a note), and never excepts the finding it aimed at.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStackTemplates, EXCEPTIONS_METADATA_KEY } from '../../cdk/records';
import type { CfnTemplate } from '../../cdk/records/template';
import { runCli } from '../../constructs/cli';
import { applyExceptions, dayOf, ExceptionGrant, formatDay } from '../../constructs/exceptions';
import type { Finding } from '../../constructs/finding';
import type { RequirementId } from '../../constructs/requirements';
import { problem } from '../input-error';

const dir = mkdtempSync(join(tmpdir(), 'cc-exc-abuse-'));
const TODAY = '2026-11-20';
/** Days from the real today, as the CLI judges. */
const day = (offset: number): string => formatDay(dayOf(new Date()) + offset);

/** A VPC group open on tcp/8443 to the world (NET-2, P1) and one open on tcp/22 (NET-1, P0). */
function groups(metadata: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const group = (port: number, id: string) => ({
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: id,
      VpcId: 'vpc-0123456789abcdef0',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: '0.0.0.0/0' }],
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }],
    },
    ...(metadata[id] !== undefined ? { Metadata: metadata[id] } : {}),
  });
  return { Partner: group(8443, 'Partner'), Bastion: group(22, 'Bastion'), Other: group(9443, 'Other') };
}

const ENTRY = { requirement: 'NET-2' as RequirementId, reason: 'Partner webhook until the gateway ships', owner: 'team-web', granted: TODAY, expires: '2026-11-27' };

/** The findings of a template of `resources`, judged on TODAY. */
function check(resources: Record<string, unknown>, exceptions: ExceptionGrant[] = []): Finding[] {
  return checkStackTemplates([{ file: 'web.json', stackName: 'web', template: { Resources: resources } as unknown as CfnTemplate }], {}, { today: TODAY, exceptions }).findings;
}

const brief = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.rule}:${f.status}:${f.severity}:${f.resource.logicalId}`).sort();

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const TEMPLATE = write('web.json', { Resources: groups() });

/** A file exception for NET-2 on Partner, granted today, with `overrides`. */
const fileEntry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  requirement: 'NET-2',
  resource: { stack: 'web', logicalId: 'Partner' },
  reason: 'Partner webhook until the gateway ships',
  owner: 'team-web',
  granted: day(0),
  expires: day(7),
  ...overrides,
});

describe('P0 exceptions are never honoured', () => {
  it('in an exceptions file → exit 2 naming the entry', () => {
    const path = write('p0.json', { exceptions: [fileEntry({ requirement: 'NET-1', resource: { stack: 'web', logicalId: 'Bastion' } })] });
    const r = run(TEMPLATE, '--exceptions', path);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`compliance-check: ${path}: exceptions[0]: NET-1 is P0 and cannot be excepted\n`);
  });

  it.each(['NET-1', 'IAM-1', 'IAM-3', 'AUTH-3'])('%s in template metadata → the finding stays, and a P0 exception finding', (id) => {
    const findings = check(groups({ Bastion: { [EXCEPTIONS_METADATA_KEY]: [{ ...ENTRY, requirement: id }] } }));
    expect(brief(findings)).toContain(`${id}.exception:fail:P0:Bastion`);
    expect(brief(findings)).toContain('NET-1:fail:P0:Bastion');
    expect(findings.some((f) => f.status === 'excepted')).toBe(false);
  });

  it('given programmatically (the pack\'s exceptions option) → reported, nothing excepted', () => {
    const findings = check(groups(), [{ ...ENTRY, requirement: 'NET-1', target: { logicalId: 'Bastion' } }]);
    expect(brief(findings)).toEqual(['NET-1.exception:fail:P0:Bastion', 'NET-1:fail:P0:Bastion', 'NET-2:fail:P1:Other', 'NET-2:fail:P1:Partner']);
  });

  it('a requirement the team raised to P0 cannot be excepted either', () => {
    const findings = applyExceptions(check(groups()), [{ ...ENTRY, target: { logicalId: 'Partner' } }], TODAY, { severities: { 'NET-2': 'P0' } });
    expect(findings.filter((f) => f.rule === 'NET-2.exception').map((f) => f.severity)).toEqual(['P0']);
    expect(findings.some((f) => f.status === 'excepted')).toBe(false);
  });
});

describe('expiry', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['expiry beyond the 7-day window of a P1', { expires: '2026-12-31' }, /expires on 2026-12-31, 41 days after it was granted on 2026-11-20; a P1 exception may last at most 7 days/],
    ['expiry beyond the window, counted from today when granted earlier', { granted: '2026-11-19', expires: '2026-11-27' }, /8 days after it was granted/],
    ['no grant date and an expiry beyond the window from today', { granted: undefined, expires: '2026-12-01' }, /11 days from today; a P1 exception may last at most 7 days/],
    ['an expiry in the past', { granted: '2026-11-01', expires: '2026-11-05' }, /expired on 2026-11-05/],
    ['expired yesterday', { granted: '2026-11-13', expires: '2026-11-19' }, /expired on 2026-11-19/],
    ['a grant date in the future, to stretch the window', { granted: '2026-12-01', expires: '2026-12-07' }, /granted on 2026-12-01, which is in the future/],
    ['an expiry that is no date', { expires: '2026-11-31' }, /has expiry '2026-11-31', which is not a date/],
    ['an expiry with a time', { expires: '2026-11-27T23:59:59Z' }, /which is not a date/],
    ['an expiry with a six-digit year', { expires: '+02026-11-27' }, /which is not a date/],
    ['a blank reason', { reason: '  ' }, /gives no reason/],
    ['a blank owner and no ticket', { owner: ' ' }, /names no owner or ticket/],
  ])('%s → the finding stays, and a NET-2.exception finding says why', (_name, overrides, message) => {
    const entry = { ...ENTRY, ...overrides };
    for (const k of Object.keys(entry)) if ((entry as Record<string, unknown>)[k] === undefined) delete (entry as Record<string, unknown>)[k];
    const findings = check(groups({ Partner: { [EXCEPTIONS_METADATA_KEY]: [entry] } }));
    expect(brief(findings).filter((f) => f.endsWith(':Partner'))).toEqual(['NET-2.exception:fail:P1:Partner', 'NET-2:fail:P1:Partner']);
    expect(findings.find((f) => f.rule === 'NET-2.exception')?.message).toMatch(message);
  });

  it('the last day of a valid exception still applies, the next day it does not', () => {
    const entry = [{ ...ENTRY, granted: '2026-11-13', expires: TODAY }];
    expect(brief(check(groups({ Partner: { [EXCEPTIONS_METADATA_KEY]: entry } })))).toContain('NET-2:excepted:P1:Partner');
    const next = checkStackTemplates([{ file: 'web.json', stackName: 'web', template: { Resources: groups({ Partner: { [EXCEPTIONS_METADATA_KEY]: entry } }) } as unknown as CfnTemplate }], {}, { today: '2026-11-21' }).findings;
    expect(brief(next)).toContain('NET-2:fail:P1:Partner');
  });

  it('in an exceptions file, an expired exception fails the run like the finding it hid', () => {
    const path = write('expired.yaml', { exceptions: [fileEntry({ granted: day(-10), expires: day(-3) })] });
    const r = run(TEMPLATE, '--exceptions', path, '--format', 'json');
    expect(r.code).toBe(1);
    const rules = (JSON.parse(r.out) as { findings: Array<{ rule: string; status: string }> }).findings.map((f) => `${f.rule}:${f.status}`);
    expect(rules).toEqual(expect.arrayContaining(['NET-2:fail', 'NET-2.exception:fail']));
  });

  it('in an exceptions file, an expiry written as a number is refused', () => {
    const path = write('number.json', { exceptions: [fileEntry({ expires: 20261127 })] });
    expect(run(TEMPLATE, '--exceptions', path).err).toBe(`compliance-check: ${path}: exceptions[0]: expires must be text, not number\n`);
  });
});

describe('unknown requirements and resources', () => {
  it.each<[string, string]>([
    ['NET-9', "'NET-9' is not a requirement id"],
    ['net-2', "'net-2' is not a requirement id"],
    [' NET-2', "' NET-2' is not a requirement id"],
    ['NET-2.exception', "'NET-2.exception' is not a requirement id"],
    ['*', "'*' is not a requirement id"],
  ])('requirement %j in a file → exit 2', (id, message) => {
    const path = write(`req-${id.replace(/\W+/g, '_')}.json`, { exceptions: [fileEntry({ requirement: id })] });
    const r = run(TEMPLATE, '--exceptions', path);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`compliance-check: ${path}: exceptions[0]: ${message} (run compliance-check --list-requirements)\n`);
  });

  it('requirement NET-9 in template metadata → exit 2 naming the resource', () => {
    const path = write('meta-unknown-req.json', { Resources: groups({ Partner: { [EXCEPTIONS_METADATA_KEY]: [{ ...ENTRY, requirement: 'NET-9' }] } }) });
    expect(run(path).err).toBe(`compliance-check: ${path}: resource 'Partner' Metadata.${EXCEPTIONS_METADATA_KEY}[0]: 'NET-9' is not a requirement id (run compliance-check --list-requirements)\n`);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a logical id with a typo', { stack: 'web', logicalId: 'Partnr' }, "logicalId 'Partnr', stack 'web'"],
    ['the right logical id in another stack', { stack: 'prod', logicalId: 'Partner' }, "logicalId 'Partner', stack 'prod'"],
    ['a construct path nothing has', { path: 'Web/Nothing' }, "path 'Web/Nothing'"],
    ['a Pulumi URN on a CloudFormation input', { urn: 'urn:pulumi:dev::app::gcp:compute/firewall:Firewall::fw' }, "urn 'urn:pulumi:dev::app::gcp:compute/firewall:Firewall::fw'"],
  ])('a resource that is not in the input (%s) → a note in every format, nothing excepted', (name, resource, selector) => {
    const path = write(`unknown-${name.replace(/\W+/g, '-')}.yaml`, { exceptions: [fileEntry({ resource })] });
    const note = `Exception for NET-2 on ${selector} (${path}) names no resource of the input; it excepts nothing.`;
    const text = run(TEMPLATE, '--exceptions', path);
    expect(text.code).toBe(1);
    expect(text.out).toContain(`Note: ${note}`);
    expect(text.out).not.toContain('EXCEPTED');
    const json = JSON.parse(run(TEMPLATE, '--exceptions', path, '--format', 'json').out) as { notes: string[]; findings: Array<{ status: string }> };
    expect(json.notes).toEqual([note]);
    expect(json.findings.some((f) => f.status === 'excepted')).toBe(false);
    expect(run(TEMPLATE, '--exceptions', path, '--format', 'markdown').out).toContain('## Notes');
    const sarif = JSON.parse(run(TEMPLATE, '--exceptions', path, '--format', 'sarif').out) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }> }> };
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text)).toEqual([note]);
  });

  it('an exception for a resource that exists but has no finding (fixed since) is silent', () => {
    const path = write('fixed.yaml', { exceptions: [fileEntry({ requirement: 'NET-3' })] });
    const r = run(TEMPLATE, '--exceptions', path);
    expect(r.out).not.toContain('Note:');
  });

  it('a resource selector that names only a stack is refused (it would except the whole stack)', () => {
    const path = write('stack-only.json', { exceptions: [fileEntry({ resource: { stack: 'web' } })] });
    expect(run(TEMPLATE, '--exceptions', path).err).toBe(`compliance-check: ${path}: exceptions[0]: resource must name a logicalId, path, urn or name\n`);
  });
});

describe('exceptions smuggled through the metadata of another resource', () => {
  it('an entry on one resource does not cover the same finding on another, even with its detail', () => {
    const findings = check(groups({ Other: { [EXCEPTIONS_METADATA_KEY]: [{ ...ENTRY, detail: 'ingress tcp/8443 from 0.0.0.0/0' }] } }));
    expect(brief(findings)).toContain('NET-2:fail:P1:Partner');
    expect(brief(findings)).toContain('NET-2:fail:P1:Other');
  });

  it.each<[string, Record<string, unknown>]>([
    ['resource', { resource: { logicalId: 'Partner' } }],
    ['logicalId', { logicalId: 'Partner' }],
    ['path', { path: 'web/Partner' }],
    ['target', { target: { logicalId: 'Partner' } }],
    ['stack', { stack: 'other' }],
  ])('an entry naming another resource (%s) → exit 2, never silently bound to its carrier', (key, extra) => {
    const path = write(`smuggled-${key}.json`, { Resources: groups({ Other: { [EXCEPTIONS_METADATA_KEY]: [{ ...ENTRY, ...extra }] } }) });
    const r = run(path);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `compliance-check: ${path}: resource 'Other' Metadata.${EXCEPTIONS_METADATA_KEY}[0]: '${key}' is not a field of an exception in metadata, which covers only the resource that carries it (fields: requirement, detail, reason, owner, ticket, granted, expires, grantedOn, id)\n`,
    );
  });

  it('what PolicyException writes (grantedOn, id) is accepted', () => {
    const findings = check(groups({ Partner: { [EXCEPTIONS_METADATA_KEY]: [{ ...ENTRY, grantedOn: 'Web/Partner', id: 'Web/Partner/Webhook' }] } }));
    expect(brief(findings)).toContain('NET-2:excepted:P1:Partner');
  });

  it('exceptions in the template-level Metadata → exit 2 (they would except nothing, or everything)', () => {
    const path = write('template-metadata.json', { Metadata: { [EXCEPTIONS_METADATA_KEY]: [ENTRY] }, Resources: groups() });
    expect(run(path).err).toBe(`compliance-check: ${path}: template Metadata.${EXCEPTIONS_METADATA_KEY}: exceptions belong in the Metadata of the resource they cover\n`);
  });

  it('an entry under another metadata key is not an exception', () => {
    const findings = check(groups({ Partner: { 'compliance-constructs:exception': [ENTRY], 'cdk_nag': { rules_to_suppress: [{ id: 'NET-2', reason: 'x' }] } } }));
    expect(brief(findings)).toContain('NET-2:fail:P1:Partner');
  });

  it('an exception finding cannot itself be excepted', () => {
    const expired = { ...ENTRY, granted: '2026-11-01', expires: '2026-11-05' };
    const cover = { ...ENTRY, detail: 'exception expired' };
    const findings = check(groups({ Partner: { [EXCEPTIONS_METADATA_KEY]: [expired, cover] } }));
    expect(brief(findings).filter((f) => f.startsWith('NET-2.exception'))).toEqual(['NET-2.exception:fail:P1:Partner']);
  });

  it('a malformed entry names the resource and the entry', () => {
    expect(problem(() => check(groups({ Partner: { [EXCEPTIONS_METADATA_KEY]: ['NET-2'] } })))).toBe(
      `web.json: resource 'Partner' Metadata.${EXCEPTIONS_METADATA_KEY}[0]: an exception must be a mapping`,
    );
  });
});
