/**
 * SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers. Every requirement of the
 * catalog is a rule (so rule indexes never move), severities map to SARIF levels and to the
 * `security-severity` score GitHub reads, excepted findings are suppressed, not dropped.
 */
import { createHash } from 'node:crypto';
import type { Artifact, Location, Log, ReportingDescriptor, Result, Run } from 'sarif';
import { Finding } from '../finding';
import { Requirement, REQUIREMENTS } from '../requirements';
import { Severity } from '../severity';
import { escapeMarkdown, exceptionOwner, fixWindowText, portablePath, resourceId, resourceName, unknownMessage } from './format';
import { ReportInput, sortFindings, summarize } from './summary';

/**
 * The `$schema` of the logs this renderer writes.
 *
 * @example
 * JSON.parse(renderSarif(input)).$schema === SARIF_SCHEMA_URI // true
 */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * The key of our entry in `result.partialFingerprints`; the `/v1` changes if the hashed fields do.
 *
 * @example
 * result.partialFingerprints?.[SARIF_FINGERPRINT_KEY] // 'c0ffee...' (64 hex digits)
 */
export const SARIF_FINGERPRINT_KEY = 'complianceFinding/v1';

/**
 * SARIF level of each severity: P0 and P1 are errors, P2 warnings, P3 notes.
 *
 * @example
 * SARIF_LEVELS.P2 // 'warning'
 */
export const SARIF_LEVELS: Readonly<Record<Severity, Result.level>> = {
  P0: 'error',
  P1: 'error',
  P2: 'warning',
  P3: 'note',
};

/**
 * The `security-severity` score of each severity (0.0 to 10.0): GitHub code scanning shows
 * >= 9.0 as critical, >= 7.0 high, >= 4.0 medium, else low. Written as a string, as CodeQL does
 * and GitHub documents it.
 *
 * @example
 * SECURITY_SEVERITY.P0 // '9.5'
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  P0: '9.5',
  P1: '7.5',
  P2: '5.0',
  P3: '2.0',
};

const RULE_INDEX: ReadonlyMap<string, number> = new Map(REQUIREMENTS.map((r, i) => [r.id, i]));

/**
 * The readable PascalCase name of a rule, from its title up to the first `(`, `:` or `;`.
 *
 * @example
 * sarifRuleName(requirement('NET-1')) // 'NoIngressFromAnywhere'
 */
export function sarifRuleName(r: Requirement): string {
  return r.title
    .split(/[(:;]/)[0]
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/**
 * The SARIF rule of one requirement of the catalog.
 *
 * @example
 * sarifRule(requirement('NET-3')).defaultConfiguration // { level: 'warning' }
 */
export function sarifRule(r: Requirement): ReportingDescriptor {
  const window = `${r.severity}, ${fixWindowText(r.fixWithinDays)}`;
  return {
    id: r.id,
    name: sarifRuleName(r),
    shortDescription: { text: r.title },
    fullDescription: { text: `${r.title}. Security policy: ${r.clause}. Severity ${window}.` },
    help: {
      text: `${r.fix}\n\nSecurity policy: ${r.clause}\nSeverity: ${window}`,
      markdown: [
        `**Fix:** ${escapeMarkdown(r.fix)}`,
        `**Security policy:** ${escapeMarkdown(r.clause)}`,
        `**Severity:** ${window}`,
      ].join('\n\n'),
    },
    defaultConfiguration: { level: SARIF_LEVELS[r.severity] },
    properties: {
      tags: ['security', r.area],
      severity: r.severity,
      clause: r.clause,
      fixWithinDays: r.fixWithinDays,
      'security-severity': SECURITY_SEVERITY[r.severity],
    },
  };
}

/**
 * The rules of every SARIF log: one per requirement, in catalog order, so `ruleIndex` is stable.
 *
 * @example
 * sarifRules().length // 31
 * sarifRules()[0].id // 'NET-1'
 */
export function sarifRules(): ReportingDescriptor[] {
  return REQUIREMENTS.map(sarifRule);
}

/**
 * The stable fingerprint of a finding: sha256 (hex) of its rule, file, stack, logical id or URN
 * and detail. It ignores the message, so rewording a message does not reopen an alert.
 *
 * @example
 * findingFingerprint(f) === findingFingerprint({ ...f, message: 'reworded' }) // true
 */
export function findingFingerprint(f: Finding): string {
  const r = f.resource;
  const key = JSON.stringify([f.rule, portablePath(r.file) ?? null, r.stack ?? null, resourceId(r) ?? null, f.detail ?? null]);
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * A file path as a SARIF URI: relative paths stay relative (forward slashes, each segment
 * percent-encoded), absolute ones become `file://` URIs.
 *
 * @example
 * sarifUri('cdk.out\\My App.template.json') // 'cdk.out/My%20App.template.json'
 * sarifUri('/repo/template.json') // 'file:///repo/template.json'
 */
export function sarifUri(file: string): string {
  const p = portablePath(file) ?? file;
  const drive = /^[A-Za-z]:\//.test(p);
  const segments = p.split('/').map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s)));
  if (drive) return `file:///${segments.join('/')}`;
  if (p.startsWith('/')) return `file://${segments.join('/')}`;
  return segments.join('/');
}

/**
 * Renders a SARIF 2.1.0 log with one run: the catalog as rules, one result per finding in
 * report order, the inputs (and any other file a finding points at) as artifacts.
 *
 * @example
 * const log = JSON.parse(renderSarif({ tool: { name: 'compliance-check', version: '0.1.0' }, findings })) as Log;
 * log.runs[0].results?.[0].ruleId // 'NET-1'
 */
export function renderSarif(input: ReportInput): string {
  return `${JSON.stringify(toSarifLog(input), null, 2)}\n`;
}

/**
 * Builds the SARIF log object that `renderSarif` serializes.
 *
 * @example
 * toSarifLog(input).runs[0].tool.driver.rules?.length // 31
 */
export function toSarifLog(input: ReportInput): Log {
  const findings = sortFindings(input.findings);
  const uris: string[] = [];
  const index = new Map<string, number>();
  const addArtifact = (file: string | undefined): void => {
    if (file === undefined || portablePath(file) === undefined) return;
    const uri = sarifUri(file);
    if (!index.has(uri)) {
      index.set(uri, uris.length);
      uris.push(uri);
    }
  };
  for (const file of input.inputs ?? []) addArtifact(file);
  for (const f of findings) addArtifact(f.resource.file);
  const artifacts: Artifact[] = uris.map((uri) => ({ location: { uri } }));

  const run: Run = {
    tool: {
      driver: {
        name: input.tool.name,
        version: input.tool.version,
        ...(input.tool.informationUri !== undefined ? { informationUri: input.tool.informationUri } : {}),
        rules: sarifRules(),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        ...(input.notes !== undefined && input.notes.length > 0
          ? { toolExecutionNotifications: input.notes.map((text) => ({ level: 'warning' as const, message: { text } })) }
          : {}),
      },
    ],
    ...(artifacts.length > 0 ? { artifacts } : {}),
    results: findings.map((f) => sarifResult(f, index)),
    properties: {
      ...(input.resourcesChecked !== undefined ? { resourcesChecked: input.resourcesChecked } : {}),
      summary: summarize(input.findings, input.failOn),
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

function sarifResult(f: Finding, artifactIndex: ReadonlyMap<string, number>): Result {
  const r = f.resource;
  const location: Location = {};
  const file = portablePath(r.file);
  if (file !== undefined) {
    const uri = sarifUri(file);
    const i = artifactIndex.get(uri);
    location.physicalLocation = { artifactLocation: { uri, ...(i !== undefined ? { index: i } : {}) } };
  }
  const id = resourceId(r);
  if (id !== undefined) {
    // CloudFormation: name = logical id, qualified by the stack. Pulumi: name = the resource
    // name, qualified by the URN (which names the stack already).
    const fullyQualifiedName = r.logicalId !== undefined && r.stack !== undefined ? `${r.stack}/${r.logicalId}` : id;
    location.logicalLocations = [{ name: resourceName(r) ?? id, fullyQualifiedName, kind: 'resource' }];
  }
  const e = f.exception;
  const result: Result = {
    ruleId: f.requirement,
    ...(RULE_INDEX.has(f.requirement) ? { ruleIndex: RULE_INDEX.get(f.requirement) } : {}),
    level: SARIF_LEVELS[f.severity],
    message: { text: `${unknownMessage(f)} ${f.fix}` },
    ...(file !== undefined || id !== undefined ? { locations: [location] } : {}),
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: findingFingerprint(f) },
    ...(f.status === 'excepted'
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: exceptionJustification(f),
              ...(e !== undefined
                ? {
                    properties: {
                      expires: e.expires,
                      ...(e.owner !== undefined ? { owner: e.owner } : {}),
                      ...(e.ticket !== undefined ? { ticket: e.ticket } : {}),
                    },
                  }
                : {}),
            },
          ],
        }
      : {}),
    properties: {
      status: f.status,
      severity: f.severity,
      rule: f.rule,
      ...(f.detail !== undefined ? { detail: f.detail } : {}),
      resourceType: r.type,
      ...(r.stack !== undefined ? { stack: r.stack } : {}),
      ...(r.path !== undefined ? { path: r.path } : {}),
      fixWithinDays: f.fixWithinDays,
    },
  };
  return result;
}

function exceptionJustification(f: Finding): string {
  const e = f.exception;
  if (e === undefined) return 'Excepted.';
  const who = exceptionOwner(e);
  return `${e.reason}${who !== undefined ? ` (${who})` : ''}; expires ${e.expires}`;
}
