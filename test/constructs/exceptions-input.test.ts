/**
 * Exceptions files (JSON or YAML) and the entries CDK writes into template metadata.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExceptionsDocument, parseExceptionSpec, readExceptionsFile } from '../../constructs/exceptions-input';
import { problem } from '../input-error';

const dir = mkdtempSync(join(tmpdir(), 'cc-exc-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const ENTRY = { requirement: 'NET-2', resource: { stack: 'Web', logicalId: 'LbSg' }, reason: 'Partner webhook', owner: 'team-web', expires: '2026-11-27' };

describe('readExceptionsFile', () => {
  it('YAML with an exceptions list; unquoted dates stay YYYY-MM-DD text', () => {
    const path = file(
      'ok.yaml',
      [
        'exceptions:',
        '  - requirement: NET-2',
        '    resource: { path: Web/Lb }',
        '    detail: ingress tcp/8443 from 0.0.0.0/0',
        '    reason: Partner webhook until the gateway ships',
        '    owner: team-web',
        '    ticket: SEC-123',
        '    granted: 2026-11-20',
        '    expires: 2026-11-27',
      ].join('\n'),
    );
    expect(readExceptionsFile(path)).toEqual([
      {
        requirement: 'NET-2',
        detail: 'ingress tcp/8443 from 0.0.0.0/0',
        reason: 'Partner webhook until the gateway ships',
        owner: 'team-web',
        ticket: 'SEC-123',
        granted: '2026-11-20',
        expires: '2026-11-27',
        target: { path: 'Web/Lb' },
        source: path,
      },
    ]);
  });

  it('JSON, a bare list', () => {
    const path = file('ok.json', JSON.stringify([ENTRY]));
    expect(readExceptionsFile(path).map((e) => [e.requirement, e.target])).toEqual([['NET-2', { stack: 'Web', logicalId: 'LbSg' }]]);
  });

  it('a missing file → one line', () => {
    expect(problem(() => readExceptionsFile(join(dir, 'nope.yaml')))).toMatch(/nope\.yaml: no such file or directory$/);
  });

  it('a YAML syntax error → its line', () => {
    expect(problem(() => readExceptionsFile(file('bad.yaml', 'exceptions:\n  - requirement: NET-2\n   reason: [\n')))).toMatch(/bad\.yaml: line \d+: /);
  });

  it('a duplicate key → refused', () => {
    expect(problem(() => readExceptionsFile(file('dup.yaml', 'exceptions: []\nexceptions: []\n')))).toMatch(/dup\.yaml: .*[Mm]ap keys must be unique/);
  });
});

describe('parseExceptionsDocument: bad entries → InputError naming the entry', () => {
  it.each<[string, unknown, RegExp]>([
    ['not a list', { exceptions: 'NET-2' }, /expected a list of exceptions/],
    ['an unknown top-level key', { exceptions: [], extra: 1 }, /unexpected top-level key 'extra'/],
    ['an entry that is no mapping', ['NET-2'], /exceptions\[0\]: an exception must be a mapping/],
    ['no requirement', [{ ...ENTRY, requirement: undefined }], /exceptions\[0\]: requirement is required/],
    ['an unknown requirement', [{ ...ENTRY, requirement: 'NET-9' }], /'NET-9' is not a requirement id/],
    ['a P0 requirement', [{ ...ENTRY, requirement: 'IAM-1' }], /exceptions\[0\]: IAM-1 is P0 and cannot be excepted/],
    ['no reason', [{ ...ENTRY, reason: undefined }], /reason is required/],
    ['no expiry', [{ ...ENTRY, expires: undefined }], /expires is required/],
    ['an owner that is a number', [{ ...ENTRY, owner: 42 }], /owner must be text, not number/],
    ['no resource', [{ ...ENTRY, resource: undefined }], /resource must be a mapping/],
    ['a resource that names only a stack', [{ ...ENTRY, resource: { stack: 'Web' } }], /resource must name a logicalId, path, urn or name/],
    ['a resource with an unknown field', [{ ...ENTRY, resource: { arn: 'x' } }], /resource\.arn is not a field/],
    ['an unknown field', [{ ...ENTRY, until: '2026-12-01' }], /'until' is not a field/],
  ])('%s', (_name, doc, message) => {
    expect(problem(() => parseExceptionsDocument(doc, 'exceptions.yaml'))).toMatch(message);
  });
});

describe('parseExceptionSpec', () => {
  it('ignores fields it does not read (CDK adds grantedOn and id)', () => {
    expect(parseExceptionSpec({ requirement: 'LOG-1', reason: 'r', ticket: 'T-1', expires: '2026-12-01', grantedOn: 'Web/Logs', id: 'Web/Logs/Short' }, 't.json', 'x')).toEqual({
      requirement: 'LOG-1',
      reason: 'r',
      ticket: 'T-1',
      expires: '2026-12-01',
    });
  });
});
