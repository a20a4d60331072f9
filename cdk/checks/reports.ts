/**
 * The pack's reports in the cloud assembly, next to the templates they judge:
 * `compliance-report.json`, `.sarif` and `.md` by default.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport, ReportFormat } from '../../constructs/report';
import type { ReportInput } from '../../constructs/report';

/** File extension of each format. */
const EXTENSIONS: Readonly<Record<ReportFormat, string>> = { json: 'json', sarif: 'sarif', markdown: 'md', text: 'txt' };

/**
 * The file name of a report format in the assembly.
 *
 * @example
 * reportFileName('markdown') // 'compliance-report.md'
 */
export function reportFileName(format: ReportFormat): string {
  return `compliance-report.${EXTENSIONS[format]}`;
}

/**
 * Writes one report file per format into `dir` and returns their paths. The files are new in
 * the assembly (CDK forbids plugins to change the files it wrote, not to add some).
 *
 * @example
 * writeReports('cdk.out', ['json', 'sarif', 'markdown'], input) // ['cdk.out/compliance-report.json', ...]
 */
export function writeReports(dir: string, formats: readonly ReportFormat[], input: ReportInput): string[] {
  return formats.map((format) => {
    const file = join(dir, reportFileName(format));
    writeFileSync(file, renderReport(format, input));
    return file;
  });
}
