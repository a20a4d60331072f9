import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';
import type { Log, Result } from 'sarif';
import { makeFinding } from '../../../constructs/finding';
import { REQUIREMENTS } from '../../../constructs/requirements';
import {
  findingFingerprint,
  renderSarif,
  SARIF_FINGERPRINT_KEY,
  sarifRules,
  sarifUri,
} from '../../../constructs/report';
import { CDK_FILE, FINDINGS, listenerUnknown, logFormat, PULUMI_FILE, reportInput, retentionExcepted, sshOpen, TOOL } from './fixtures';

// The package's `exports` may block deep requires: resolve its package.json and join.
const SCHEMA_FILE = path.join(
  path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json',
);

let validate: ValidateFunction;
beforeAll(() => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // The schema uses `format: uri`, and ajv-draft-04 ships no format validators (URIs are checked
  // below). Its `language` pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a stray `]` that
  // the `u` flag rejects: compile patterns without it (`unicodeRegExp: false`).
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  validate = ajv.compile(schema);
});

const render = (input = reportInput()): Log => JSON.parse(renderSarif(input)) as Log;
const results = (log: Log): Result[] => log.runs[0].results ?? [];
const fingerprint = (r: Result): string | undefined => r.partialFingerprints?.[SARIF_FINGERPRINT_KEY];

function expectValid(log: Log): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
}

describe('renderSarif', () => {
  it('the schema check is not vacuous: a wrong level or a missing message is rejected', () => {
    const log = render();
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0].results[0].level = 'critical';
    delete broken.runs[0].results[1].message;
    expect(validate(broken)).toBe(false);
  });

  it('the happy list → a valid SARIF 2.1.0 log', () => {
    const log = render(reportInput({ failOn: 'P1' }));
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
  });

  it('no findings → a valid log with the rules and no results', () => {
    const log = render({ tool: TOOL, findings: [] });
    expectValid(log);
    expect(results(log)).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toHaveLength(31);
    expect(log.runs[0]).not.toHaveProperty('artifacts');
  });

  it('driver → tool name, version, informationUri; one successful invocation', () => {
    const run = render().runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'compliance-check', version: '0.1.0', informationUri: TOOL.informationUri });
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  describe('rules', () => {
    const rules = sarifRules();

    it('one per requirement of the catalog, in catalog order', () => {
      expect(rules).toHaveLength(31);
      expect(rules.map((r) => r.id)).toEqual(REQUIREMENTS.map((r) => r.id));
    });

    it('names are unique PascalCase identifiers', () => {
      expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
      for (const r of rules) expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rules[0].name).toBe('NoIngressFromAnywhere');
    });

    it('NET-1 → title, fix, clause, window, level and security-severity', () => {
      expect(rules[0]).toEqual({
        id: 'NET-1',
        name: 'NoIngressFromAnywhere',
        shortDescription: { text: REQUIREMENTS[0].title },
        fullDescription: { text: `${REQUIREMENTS[0].title}. Security policy: Security Groups. Severity P0, fix immediately.` },
        help: {
          text: 'Restrict the source, or put the service behind a load balancer on 443.\n\nSecurity policy: Security Groups\nSeverity: P0, fix immediately',
          markdown:
            '**Fix:** Restrict the source, or put the service behind a load balancer on 443.\n\n**Security policy:** Security Groups\n\n**Severity:** P0, fix immediately',
        },
        defaultConfiguration: { level: 'error' },
        properties: {
          tags: ['security', 'NET'],
          severity: 'P0',
          clause: 'Security Groups',
          fixWithinDays: 0,
          'security-severity': '9.5',
        },
      });
    });

    it.each([
      ['P0', 'error', '9.5'],
      ['P1', 'error', '7.5'],
      ['P2', 'warning', '5.0'],
      ['P3', 'note', '2.0'],
    ])('%s rules → level %s, security-severity %s', (severity, level, score) => {
      const of = rules.filter((r) => r.properties?.severity === severity);
      expect(of.length).toBeGreaterThan(0);
      for (const r of of) {
        expect(r.defaultConfiguration?.level).toBe(level);
        expect(r.properties?.['security-severity']).toBe(score);
      }
    });

    it('help markdown escapes the catalog text (IAM-3 quotes "*")', () => {
      const iam3 = rules.find((r) => r.id === 'IAM-3');
      expect(iam3?.help?.markdown).toContain('narrow "\\*" with');
    });
  });

  describe('results', () => {
    const log = render();
    const [ssh, listener, retention, format] = results(log);

    it('one per finding, in report order, with rule id and index into the rules', () => {
      expect(results(log).map((r) => r.ruleId)).toEqual(['NET-1', 'TLS-1', 'LOG-1', 'LOG-4']);
      const rules = log.runs[0].tool.driver.rules ?? [];
      for (const r of results(log)) expect(rules[r.ruleIndex ?? -1].id).toBe(r.ruleId);
    });

    it.each([
      ['P0 fail', 0, 'error'],
      ['P1 unknown', 1, 'error'],
      ['P2 excepted', 2, 'warning'],
      ['P3 fail', 3, 'note'],
    ])('%s → level %s', (_name, i, level) => {
      expect(results(log)[i].level).toBe(level);
    });

    it('message → the finding message and its fix', () => {
      expect(ssh.message.text).toBe(`${sshOpen.message} ${sshOpen.fix}`);
      expect(listener.message.text).toMatch(/^Could not be verified: /);
    });

    it('CloudFormation resource → file uri and logical location stack/logicalId', () => {
      expect(ssh.locations).toEqual([
        {
          physicalLocation: { artifactLocation: { uri: CDK_FILE, index: 0 } },
          logicalLocations: [{ name: 'WebSG', fullyQualifiedName: 'App/WebSG', kind: 'resource' }],
        },
      ]);
    });

    it('Pulumi resource → logical location qualified by its urn', () => {
      expect(retention.locations?.[0].logicalLocations).toEqual([
        { name: 'audit-logs', fullyQualifiedName: retentionExcepted.resource.urn, kind: 'resource' },
      ]);
      expect(format.locations?.[0].logicalLocations?.[0].name).toBe('api');
      expect(format.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe(PULUMI_FILE);
    });

    it('properties → status, severity, rule, detail, resource type, path', () => {
      expect(ssh.properties).toEqual({
        status: 'fail',
        severity: 'P0',
        rule: 'NET-1',
        detail: 'ingress tcp/22 from 0.0.0.0/0',
        resourceType: 'AWS::EC2::SecurityGroup',
        stack: 'App',
        path: 'App/Web/SecurityGroup/Resource',
        fixWithinDays: 0,
      });
      expect(listener.properties?.status).toBe('unknown');
    });

    it('excepted → an accepted external suppression with the justification; others → none', () => {
      expect(retention.suppressions).toEqual([
        {
          kind: 'external',
          status: 'accepted',
          justification: 'Migrating to the central log archive (team-data/SEC-42); expires 2025-07-01',
          properties: { expires: '2025-07-01', owner: 'team-data', ticket: 'SEC-42' },
        },
      ]);
      expect(retention.properties?.status).toBe('excepted');
      for (const r of [ssh, listener, format]) expect(r).not.toHaveProperty('suppressions');
    });
  });

  describe('fingerprints', () => {
    it('stable across renders and input order, 64 hex digits', () => {
      const a = results(render()).map(fingerprint);
      const b = results(render(reportInput({ findings: [...FINDINGS].reverse() }))).map(fingerprint);
      expect(a).toEqual(b);
      for (const f of a) expect(f).toMatch(/^[0-9a-f]{64}$/);
    });

    it('differ between findings', () => {
      expect(new Set(results(render()).map(fingerprint)).size).toBe(FINDINGS.length);
    });

    it.each([
      ['rule', { rule: 'NET-1.v6' }],
      ['detail', { detail: 'ingress tcp/3389 from 0.0.0.0/0' }],
      ['file', { resource: { ...sshOpen.resource, file: 'other.json' } }],
      ['stack', { resource: { ...sshOpen.resource, stack: 'Other' } }],
      ['logical id', { resource: { ...sshOpen.resource, logicalId: 'OtherSG' } }],
    ])('change the %s → another fingerprint', (_field, change) => {
      expect(findingFingerprint({ ...sshOpen, ...change })).not.toBe(findingFingerprint(sshOpen));
    });

    it('ignore the message, the status and Windows slashes', () => {
      const same = {
        ...sshOpen,
        message: 'reworded',
        status: 'excepted' as const,
        resource: { ...sshOpen.resource, file: 'cdk.out\\App.template.json' },
      };
      expect(findingFingerprint(same)).toBe(findingFingerprint(sshOpen));
    });
  });

  it('a finding with no file → no physical location, still valid', () => {
    const f = makeFinding('IAM-1', { type: 'AWS::IAM::Policy', logicalId: 'Admin', stack: 'App' }, { message: "Policy 'Admin' allows *:*." });
    const log = render({ tool: TOOL, findings: [f] });
    expectValid(log);
    expect(results(log)[0].locations).toEqual([
      { logicalLocations: [{ name: 'Admin', fullyQualifiedName: 'App/Admin', kind: 'resource' }] },
    ]);
    expect(log.runs[0]).not.toHaveProperty('artifacts');
  });

  it('a finding with neither file nor id → no locations, still valid', () => {
    const f = makeFinding('LOG-5', { type: 'AWS::CloudTrail::Trail' }, { message: 'No trail.' });
    const log = render({ tool: TOOL, findings: [f] });
    expectValid(log);
    expect(results(log)[0]).not.toHaveProperty('locations');
  });

  it('artifacts → the inputs first, then other files findings point at, referenced by index', () => {
    const f = makeFinding('NET-3', { type: 'T', logicalId: 'X', file: 'nested\\Inner.template.json' }, { message: 'm' });
    const log = render(reportInput({ findings: [f, ...FINDINGS], inputs: ['./cdk.out', PULUMI_FILE] }));
    expectValid(log);
    expect(log.runs[0].artifacts).toEqual([
      { location: { uri: 'cdk.out' } },
      { location: { uri: PULUMI_FILE } },
      { location: { uri: CDK_FILE } },
      { location: { uri: 'nested/Inner.template.json' } },
    ]);
    const nested = results(log).find((r) => r.ruleId === 'NET-3');
    expect(nested?.locations?.[0].physicalLocation?.artifactLocation).toEqual({ uri: 'nested/Inner.template.json', index: 3 });
  });

  it.each([
    ['cdk.out/App.template.json', 'cdk.out/App.template.json'],
    ['.\\cdk.out\\My App.template.json', 'cdk.out/My%20App.template.json'],
    ['a#b/c?.json', 'a%23b/c%3F.json'],
    ['/repo/cdk.out/App.template.json', 'file:///repo/cdk.out/App.template.json'],
    ['C:\\repo\\App.template.json', 'file:///C:/repo/App.template.json'],
  ])('file %s → uri %s', (file, uri) => {
    expect(sarifUri(file)).toBe(uri);
    expect(() => new URL(uri, 'file:///base/')).not.toThrow();
  });

  it('user text with quotes and line breaks → still valid JSON and SARIF', () => {
    const f = makeFinding('NET-1', { type: 'T', logicalId: 'A"B', file: 'x.json' }, { message: 'a "b"\n\\c' });
    const log = render({ tool: TOOL, findings: [f, listenerUnknown, logFormat] });
    expectValid(log);
    expect(results(log)[0].message.text).toBe(`a "b"\n\\c ${f.fix}`);
  });

  it('run properties → resources checked and the summary', () => {
    expect(render(reportInput({ failOn: 'P1' })).runs[0].properties).toMatchObject({
      resourcesChecked: 42,
      summary: { total: 4, failOn: 'P1', blocking: 2 },
    });
  });
});
