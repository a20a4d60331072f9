/**
 * Plain-text report for terminals and CI logs: no colours, one line per finding in the message
 * shape of STYLE item 5, grouped by severity, and a closing summary line.
 */
import { Finding, ResourceRef } from '../finding';
import { FIX_WINDOW_DAYS, SEVERITIES } from '../severity';
import { exceptionText, fixWindowText, oneLine, portablePath, unknownMessage } from './format';
import { groupBySeverity, ReportInput, ReportSummary, summarize } from './summary';

/**
 * The one-line form of a finding, the shape every face of the library uses:
 * `[ID SEVERITY] message fix (clause)`, then `[EXCEPTED until ...]` for an excepted finding.
 * Line breaks and control characters in the text become spaces.
 *
 * @example
 * findingLine(makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'Web' }, {
 *   message: "Security group 'Web' allows tcp/22 from 0.0.0.0/0.",
 * }))
 * // "[NET-1 P0] Security group 'Web' allows tcp/22 from 0.0.0.0/0. Restrict the source, or put
 * //  the service behind a load balancer on 443. (Security Groups)"
 */
export function findingLine(f: Finding): string {
  const line = `[${f.requirement} ${f.severity}] ${unknownMessage(f)} ${f.fix} (${f.clause})`;
  const excepted = f.status === 'excepted' ? ` [${exceptionText(f.exception)}]` : '';
  return oneLine(line + excepted);
}

/**
 * Where a finding is, on one line: `file: ...  stack: ...  logicalId: ... | urn: ...  type: ...  path: ...`,
 * leaving out what is not known.
 *
 * @example
 * locationLine({ type: 'AWS::EC2::SecurityGroup', logicalId: 'Web', stack: 'App', file: 'cdk.out/App.template.json' })
 * // 'file: cdk.out/App.template.json  stack: App  logicalId: Web  type: AWS::EC2::SecurityGroup'
 */
export function locationLine(r: ResourceRef): string {
  const parts: Array<[string, string | undefined]> = [
    ['file', portablePath(r.file)],
    ['stack', r.stack],
    ['logicalId', r.logicalId],
    ['urn', r.logicalId === undefined ? r.urn : undefined],
    ['type', r.type],
    ['path', r.path],
  ];
  return oneLine(
    parts
      .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
      .map(([k, v]) => `${k}: ${v}`)
      .join('  '),
  );
}

/**
 * The closing line of a text report.
 *
 * @example
 * summaryLine(summarize(findings))
 * // '3 findings: 1 P0, 2 P1 (1 could not be verified, 0 excepted)'
 * summaryLine(summarize(findings, 'P1'))
 * // '3 findings: 1 P0, 2 P1 (1 could not be verified, 0 excepted); 2 blocking at --fail-on P1'
 */
export function summaryLine(s: ReportSummary): string {
  if (s.total === 0) return 'No findings.';
  const severities = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0)
    .map((sev) => `${s.bySeverity[sev]} ${sev}`)
    .join(', ');
  const head = `${s.total} ${s.total === 1 ? 'finding' : 'findings'}: ${severities}`;
  const statuses = `(${s.byStatus.unknown} could not be verified, ${s.byStatus.excepted} excepted)`;
  const blocking = s.failOn !== undefined ? `; ${s.blocking ?? 0} blocking at --fail-on ${s.failOn}` : '';
  return `${head} ${statuses}${blocking}`;
}

/**
 * Renders a plain-text report: a heading per severity (P0 first), each finding on one line
 * with its location indented below, and a summary line; `No findings.` when there are none.
 * The text ends with a newline.
 *
 * @example
 * process.stdout.write(renderText({ tool: { name: 'compliance-check', version: '0.1.0' }, findings }));
 * // P0: 1 finding (fix immediately)
 * // [NET-1 P0] Security group 'Web' allows tcp/22 from 0.0.0.0/0. Restrict the source, ... (Security Groups)
 * //     file: cdk.out/App.template.json  stack: App  logicalId: Web  type: AWS::EC2::SecurityGroup
 * //
 * // 1 finding: 1 P0 (0 could not be verified, 0 excepted)
 */
export function renderText(input: ReportInput): string {
  const summary = summarize(input.findings, input.failOn);
  const notes = (input.notes ?? []).map((n) => oneLine(`Note: ${n}`));
  if (summary.total === 0) return ['No findings.', ...notes, ''].join('\n');
  const lines: string[] = [];
  for (const [severity, findings] of groupBySeverity(input.findings)) {
    const count = `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`;
    lines.push(`${severity}: ${count} (${fixWindowText(FIX_WINDOW_DAYS[severity])})`);
    for (const f of findings) {
      lines.push(findingLine(f));
      const where = locationLine(f.resource);
      if (where !== '') lines.push(`    ${where}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(summary));
  lines.push(...notes);
  return `${lines.join('\n')}\n`;
}
