/**
 * The report entry point: the formats, the shared input and summary, and one function that
 * renders any format. Each format lives in its own file (`text.ts`, `json.ts`, `sarif.ts`,
 * `markdown.ts`); the shared model is in `summary.ts` so that nothing here imports in a circle.
 */
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import type { ReportInput } from './summary';
import { renderText } from './text';

export { compareFindings, groupBySeverity, sortFindings, summarize } from './summary';
export type { ReportInput, ReportSummary } from './summary';

/**
 * An output format of the CLI's `--format`.
 *
 * @example
 * const format: ReportFormat = 'sarif';
 */
export type ReportFormat = 'text' | 'json' | 'sarif' | 'markdown';

/**
 * Every report format, in the order `--help` lists them.
 *
 * @example
 * REPORT_FORMATS.join('|') // 'text|json|sarif|markdown'
 */
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'markdown'];

/**
 * Whether `s` names a report format (for parsing `--format`).
 *
 * @example
 * isReportFormat('sarif') // true
 * isReportFormat('html') // false
 */
export function isReportFormat(s: unknown): s is ReportFormat {
  return typeof s === 'string' && (REPORT_FORMATS as readonly string[]).includes(s);
}

const RENDERERS: Readonly<Record<ReportFormat, (input: ReportInput) => string>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  markdown: renderMarkdown,
};

/**
 * Renders a report in `format`. The output is deterministic (findings in `sortFindings` order,
 * no timestamps) and ends with a newline.
 *
 * @example
 * fs.writeFileSync('results.sarif', renderReport('sarif', {
 *   tool: { name: 'compliance-check', version: '0.1.0' },
 *   findings,
 *   inputs: ['cdk.out'],
 *   failOn: 'P1',
 * }));
 */
export function renderReport(format: ReportFormat, input: ReportInput): string {
  const render = RENDERERS[format];
  if (render === undefined) throw new Error(`Unknown report format '${String(format)}': use one of ${REPORT_FORMATS.join(', ')}`);
  return render(input);
}
