/**
 * GitHub-flavoured Markdown report, for pull-request comments and job summaries: counts, a table
 * of findings, and a section per requirement that has findings. Every piece of text that comes
 * from a template, a program or an exception is escaped: it renders as written, never as markup.
 */
import { Finding, ResourceRef } from '../finding';
import { requirement } from '../requirements';
import { SEVERITIES } from '../severity';
import { escapeMarkdown, exceptionOwner, fixWindowText, portablePath, resourceName, unknownMessage } from './format';
import { ReportInput, sortFindings, summarize } from './summary';

/**
 * A table cell holding user-controlled text: escaped (`|` included), on one line.
 *
 * @example
 * markdownCell('a | b\nc') // 'a \\| b<br>c'
 */
export function markdownCell(text: string): string {
  const escaped = escapeMarkdown(text).trim();
  return escaped === '' ? ' ' : escaped;
}

/**
 * Renders a Markdown report: a title, a summary table (severity × status), a findings table in
 * report order, and one section per requirement with findings (its title, clause, fix, fix
 * window and affected resources). `No findings.` under the title when there are none.
 *
 * @example
 * fs.writeFileSync(process.env.GITHUB_STEP_SUMMARY!, renderMarkdown({ tool, findings, failOn: 'P1' }));
 */
export function renderMarkdown(input: ReportInput): string {
  const summary = summarize(input.findings, input.failOn);
  const out: string[] = ['# Compliance report', '', about(input), ''];
  const notes = (input.notes ?? []).length > 0 ? ['## Notes', '', ...(input.notes ?? []).map((n) => `- ${escapeMarkdown(n)}`), ''] : [];
  if (summary.total === 0) {
    out.push('No findings.', '', ...notes);
    return out.join('\n');
  }

  out.push('## Summary', '');
  out.push('| Severity | Fail | Could not be verified | Excepted | Total |', '| --- | ---: | ---: | ---: | ---: |');
  for (const s of SEVERITIES) {
    const of = input.findings.filter((f) => f.severity === s);
    const count = (status: Finding['status']): number => of.filter((f) => f.status === status).length;
    out.push(`| ${s} | ${count('fail')} | ${count('unknown')} | ${count('excepted')} | ${of.length} |`);
  }
  const t = summary.byStatus;
  out.push(`| **Total** | ${t.fail} | ${t.unknown} | ${t.excepted} | ${summary.total} |`, '');
  if (summary.failOn !== undefined) {
    const n = summary.blocking ?? 0;
    out.push(`${n} ${n === 1 ? 'finding blocks' : 'findings block'} at \`--fail-on ${summary.failOn}\`.`, '');
  }

  const sorted = sortFindings(input.findings);
  out.push('## Findings', '');
  out.push('| Severity | Requirement | Status | Resource | Message |', '| --- | --- | --- | --- | --- |');
  for (const f of sorted) {
    out.push(
      `| ${f.severity} | ${f.requirement} | ${markdownCell(statusText(f))} | ${markdownCell(resourceText(f.resource))} | ${markdownCell(unknownMessage(f))} |`,
    );
  }
  out.push('');

  out.push('## Requirements', '');
  const ids = [...new Set(sorted.map((f) => f.requirement))];
  for (const id of ids) {
    const req = requirement(id);
    const affected = sorted.filter((f) => f.requirement === id);
    out.push(`### ${req.id}: ${escapeMarkdown(req.title)}`, '');
    out.push(`- **Security policy:** ${escapeMarkdown(req.clause)}`);
    out.push(`- **Severity:** ${req.severity}, ${fixWindowText(req.fixWithinDays)}`);
    out.push(`- **Fix:** ${escapeMarkdown(req.fix)}`, '');
    out.push(`${affected.length} affected ${affected.length === 1 ? 'resource' : 'resources'}:`, '');
    for (const f of affected) {
      const fix = f.fix !== req.fix ? ` ${f.fix}` : '';
      const label = f.status === 'unknown' ? 'could not be verified' : f.status;
      const exception = f.status === 'excepted' ? ` (${statusText(f)})` : '';
      out.push(
        `- **${label}** ${escapeMarkdown(resourceText(f.resource))}: ${escapeMarkdown(unknownMessage(f) + fix + exception)}`,
      );
    }
    out.push('');
  }
  out.push(...notes);
  return out.join('\n');
}

function about(input: ReportInput): string {
  const parts = [`Checked by ${escapeMarkdown(`${input.tool.name} ${input.tool.version}`)}`];
  const inputs = input.inputs ?? [];
  if (inputs.length > 0) {
    parts.push(`read ${inputs.map((p) => escapeMarkdown(portablePath(p) ?? p)).join(', ')}`);
  }
  if (input.resourcesChecked !== undefined) {
    parts.push(`${input.resourcesChecked} ${input.resourcesChecked === 1 ? 'resource' : 'resources'} checked`);
  }
  return `${parts.join('; ')}.`;
}

function statusText(f: Finding): string {
  if (f.status === 'fail') return 'fail';
  if (f.status === 'unknown') return 'could not be verified';
  const e = f.exception;
  if (e === undefined) return 'excepted';
  const who = exceptionOwner(e);
  return `excepted until ${e.expires}: ${e.reason}${who !== undefined ? ` (${who})` : ''}`;
}

function resourceText(r: ResourceRef): string {
  const id = resourceName(r);
  const where = [r.stack !== undefined ? `stack ${r.stack}` : undefined, portablePath(r.file)].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return `${id !== undefined ? `${id} (${r.type})` : r.type}${where.length > 0 ? `, ${where.join(', ')}` : ''}`;
}
