/**
 * Report renderers: text, JSON, SARIF 2.1.0 and Markdown over the same findings.
 *
 * @example
 * import { renderReport } from './report';
 * process.stdout.write(renderReport('text', { tool: { name: 'compliance-check', version: '0.1.0' }, findings }));
 */
export {
  compareFindings,
  groupBySeverity,
  isReportFormat,
  renderReport,
  REPORT_FORMATS,
  sortFindings,
  summarize,
} from './report';
export type { ReportFormat, ReportInput, ReportSummary } from './report';
export { findingLine, locationLine, renderText, summaryLine } from './text';
export { renderJson, toJsonFinding, toJsonReport } from './json';
export type { JsonFinding, JsonReport, JsonResource, JsonSummary } from './json';
export {
  findingFingerprint,
  renderSarif,
  SARIF_FINGERPRINT_KEY,
  SARIF_LEVELS,
  SARIF_SCHEMA_URI,
  sarifRule,
  sarifRuleName,
  sarifRules,
  sarifUri,
  SECURITY_SEVERITY,
  toSarifLog,
} from './sarif';
export { markdownCell, renderMarkdown } from './markdown';
export { escapeMarkdown } from './format';
