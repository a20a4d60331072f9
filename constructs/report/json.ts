/**
 * Machine-readable report in the schema of DESIGN.md (CLI `--format json`). Keys come in a fixed
 * order and undefined keys are left out, so two runs over the same input give the same bytes.
 */
import { Finding } from '../finding';
import { portablePath, unknownMessage } from './format';
import { ReportInput, ReportSummary, sortFindings, summarize } from './summary';

/**
 * Where a JSON finding points. `file` uses forward slashes.
 *
 * @example
 * const r: JsonResource = { file: 'cdk.out/App.template.json', stack: 'App', logicalId: 'Web', type: 'AWS::EC2::SecurityGroup' };
 */
export interface JsonResource {
  readonly file?: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly urn?: string;
  readonly type: string;
  readonly path?: string;
}

/**
 * One finding of the JSON report.
 *
 * @example
 * const f: JsonFinding = JSON.parse(renderJson(input)).findings[0];
 * f.requirement // 'NET-1'
 */
export interface JsonFinding extends Omit<Finding, 'resource'> {
  readonly resource: JsonResource;
}

/**
 * The summary of the JSON report: the counts of `summarize`, plus what was read when known.
 *
 * @example
 * const s: JsonSummary = JSON.parse(renderJson(input)).summary;
 * s.bySeverity.P0 // 1
 */
export interface JsonSummary extends ReportSummary {
  readonly resourcesChecked?: number;
  readonly inputs?: readonly string[];
}

/**
 * The whole JSON report, as `JSON.parse(renderJson(input))` returns it.
 *
 * @example
 * const report = JSON.parse(renderJson(input)) as JsonReport;
 * report.summary.blocking // 2
 */
export interface JsonReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly findings: readonly JsonFinding[];
  readonly summary: JsonSummary;
  /** Notes about the run that are not findings; absent when there are none. */
  readonly notes?: readonly string[];
}

/**
 * A finding as the JSON report writes it: fixed key order, undefined keys left out.
 *
 * @example
 * toJsonFinding(finding).resource // { file: 'cdk.out/App.template.json', stack: 'App', logicalId: 'Web', type: 'AWS::EC2::SecurityGroup' }
 */
export function toJsonFinding(f: Finding): JsonFinding {
  const r = f.resource;
  const resource: JsonResource = {
    ...defined('file', portablePath(r.file)),
    ...defined('stack', r.stack),
    ...defined('logicalId', r.logicalId),
    ...defined('urn', r.urn),
    type: r.type,
    ...defined('path', r.path),
  };
  const e = f.exception;
  return {
    requirement: f.requirement,
    rule: f.rule,
    severity: f.severity,
    status: f.status,
    message: unknownMessage(f),
    fix: f.fix,
    clause: f.clause,
    fixWithinDays: f.fixWithinDays,
    ...defined('detail', f.detail),
    ...(e !== undefined
      ? {
          exception: {
            reason: e.reason,
            ...defined('owner', e.owner),
            ...defined('ticket', e.ticket),
            expires: e.expires,
          },
        }
      : {}),
    resource,
  };
}

/**
 * Builds the JSON report object (findings in report order), before serialization.
 *
 * @example
 * toJsonReport(input).summary.total // 4
 */
export function toJsonReport(input: ReportInput): JsonReport {
  return {
    tool: { name: input.tool.name, version: input.tool.version },
    findings: sortFindings(input.findings).map(toJsonFinding),
    summary: {
      ...summarize(input.findings, input.failOn),
      ...defined('resourcesChecked', input.resourcesChecked),
      ...(input.inputs !== undefined ? { inputs: input.inputs.map((p) => portablePath(p) ?? p) } : {}),
    },
    ...(input.notes !== undefined && input.notes.length > 0 ? { notes: [...input.notes] } : {}),
  };
}

/**
 * Renders the JSON report, indented by two spaces and ending with a newline.
 *
 * @example
 * const report = JSON.parse(renderJson({ tool: { name: 'compliance-check', version: '0.1.0' }, findings })) as JsonReport;
 * report.findings.map((f) => f.requirement) // ['NET-1', ...]
 */
export function renderJson(input: ReportInput): string {
  return `${JSON.stringify(toJsonReport(input), null, 2)}\n`;
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
