import { isReportFormat, renderJson, renderMarkdown, renderReport, renderSarif, renderText, REPORT_FORMATS } from '../../../constructs/report';
import { reportInput } from './fixtures';

describe('renderReport', () => {
  it('lists the four formats of the CLI', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'sarif', 'markdown']);
  });

  it.each([
    ['text', renderText],
    ['json', renderJson],
    ['sarif', renderSarif],
    ['markdown', renderMarkdown],
  ] as const)('%s → the %s renderer', (format, render) => {
    const input = reportInput({ failOn: 'P1' });
    expect(renderReport(format, input)).toBe(render(input));
  });

  it.each(REPORT_FORMATS)('%s → ends with a newline and is the same on every render', (format) => {
    const a = renderReport(format, reportInput());
    expect(a.endsWith('\n')).toBe(true);
    expect(renderReport(format, reportInput())).toBe(a);
  });

  it('an unknown format (from untyped input) → a clear error', () => {
    expect(() => renderReport('html' as never, reportInput())).toThrow("Unknown report format 'html': use one of text, json, sarif, markdown");
  });

  it.each([
    ['sarif', true],
    ['markdown', true],
    ['html', false],
    [undefined, false],
  ])('isReportFormat(%s) → %s', (s, expected) => {
    expect(isReportFormat(s)).toBe(expected);
  });
});
