/**
 * What every renderer shares: the input of a report, its summary counts and the one order
 * findings are listed in. Kept apart from `report.ts` so that the renderers and the dispatcher
 * do not import each other.
 */
import { Finding, FindingStatus } from '../finding';
import { REQUIREMENTS } from '../requirements';
import { compareSeverity, isAtOrAbove, Severity, SEVERITIES } from '../severity';

/**
 * Everything a renderer needs: who produced the report, what it found, and what it read.
 *
 * @example
 * const input: ReportInput = {
 *   tool: { name: 'compliance-check', version: '0.1.0' },
 *   findings: [makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'Web' }, {
 *     message: "Security group 'Web' allows tcp/22 from 0.0.0.0/0.",
 *   })],
 *   inputs: ['cdk.out/App.template.json'],
 *   failOn: 'P1',
 * };
 */
export interface ReportInput {
  /** The program that produced the report (SARIF `tool.driver`, the JSON `tool`). */
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri?: string };
  /** The findings, in any order: every renderer sorts them with `sortFindings`. */
  readonly findings: readonly Finding[];
  /** The files (or folders) that were read, as given on the command line. */
  readonly inputs?: readonly string[];
  /** How many resources the checks looked at. */
  readonly resourcesChecked?: number;
  /** The threshold of `--fail-on`: findings at or above it (and not excepted) are blocking. */
  readonly failOn?: Severity | 'none';
  /**
   * Sentences about the run that are not findings (an acknowledgement that was not honoured),
   * printed after the findings.
   */
  readonly notes?: readonly string[];
}

/**
 * Counts of a list of findings.
 *
 * @example
 * const s: ReportSummary = summarize(findings, 'P1');
 * s.bySeverity.P0 // 1
 * s.blocking // 2
 */
export interface ReportSummary {
  /** Every finding, whatever its status. */
  readonly total: number;
  /** Findings per severity, P0 first (every key present, zeros included). */
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Findings per status (every key present, zeros included). */
  readonly byStatus: Readonly<Record<FindingStatus, number>>;
  /** The threshold `blocking` was counted against; absent when none was given. */
  readonly failOn?: Severity | 'none';
  /**
   * Findings that are not excepted and are at or above `failOn` (`unknown` counts: it is
   * reported at the requirement's severity). 0 for `failOn: 'none'`; absent without `failOn`.
   */
  readonly blocking?: number;
}

/**
 * Counts findings by severity and by status, and those that block at `failOn`.
 *
 * @example
 * summarize([p0Fail, p1Unknown, p2Excepted], 'P1')
 * // { total: 3, bySeverity: { P0: 1, P1: 1, P2: 1, P3: 0 },
 * //   byStatus: { fail: 1, unknown: 1, excepted: 1 }, failOn: 'P1', blocking: 2 }
 */
export function summarize(findings: readonly Finding[], failOn?: Severity | 'none'): ReportSummary {
  const bySeverity: Record<Severity, number> = { P0: 0, P1: 0, P2: 0, P3: 0 };
  const byStatus: Record<FindingStatus, number> = { fail: 0, unknown: 0, excepted: 0 };
  let blocking = 0;
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byStatus[f.status] += 1;
    if (failOn !== undefined && failOn !== 'none' && f.status !== 'excepted' && isAtOrAbove(f.severity, failOn)) {
      blocking += 1;
    }
  }
  return {
    total: findings.length,
    bySeverity,
    byStatus,
    ...(failOn !== undefined ? { failOn, blocking } : {}),
  };
}

const CATALOG_ORDER: ReadonlyMap<string, number> = new Map(REQUIREMENTS.map((r, i) => [r.id, i]));

/**
 * The order of a report: severity (P0 first), requirement in catalog order, then file, stack,
 * logical id or URN, detail; ties broken by rule, status and message so that the order never
 * depends on the order checks ran in. Strings compare by code unit, not locale. A missing
 * file, stack or id sorts after any present one.
 *
 * @example
 * findings.slice().sort(compareFindings)
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    (CATALOG_ORDER.get(a.requirement) ?? Number.MAX_SAFE_INTEGER) -
      (CATALOG_ORDER.get(b.requirement) ?? Number.MAX_SAFE_INTEGER) ||
    compareOptional(a.resource.file, b.resource.file) ||
    compareOptional(a.resource.stack, b.resource.stack) ||
    compareOptional(a.resource.logicalId ?? a.resource.urn, b.resource.logicalId ?? b.resource.urn) ||
    compareOptional(a.detail, b.detail) ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.status, b.status) ||
    compareStrings(a.message, b.message)
  );
}

/**
 * A sorted copy of `findings` in report order (see `compareFindings`); the input is not changed.
 *
 * @example
 * sortFindings([p2, p0, p1]).map((f) => f.severity) // ['P0', 'P1', 'P2']
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings.slice().sort(compareFindings);
}

/**
 * The findings of each severity in report order, P0 first; severities without findings are left out.
 *
 * @example
 * groupBySeverity(findings).map(([s, fs]) => `${s}: ${fs.length}`) // ['P0: 1', 'P2: 3']
 */
export function groupBySeverity(findings: readonly Finding[]): Array<[Severity, Finding[]]> {
  const sorted = sortFindings(findings);
  return SEVERITIES.map((s): [Severity, Finding[]] => [s, sorted.filter((f) => f.severity === s)]).filter(
    ([, fs]) => fs.length > 0,
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return compareStrings(a, b);
}
