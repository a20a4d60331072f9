/**
 * Notes: sentences about a run that are not findings (an acknowledgement that was not honoured),
 * in every format, and absent when there are none.
 */
import type { Log } from 'sarif';
import { renderJson, renderMarkdown, renderSarif, renderText } from '../../../constructs/report';
import { reportInput } from './fixtures';

const NOTE = "Validations.of('Web/App').acknowledge({ id: 'NET-1' }) is not honoured.";

describe('notes', () => {
  it('text: after the summary line', () => {
    expect(renderText(reportInput({ notes: [NOTE] })).trimEnd().split('\n').pop()).toBe(`Note: ${NOTE}`);
    expect(renderText(reportInput({ findings: [], notes: [NOTE] }))).toBe(`No findings.\nNote: ${NOTE}\n`);
  });

  it('JSON: a notes list', () => {
    expect(JSON.parse(renderJson(reportInput({ notes: [NOTE] }))).notes).toEqual([NOTE]);
    expect(JSON.parse(renderJson(reportInput()))).not.toHaveProperty('notes');
  });

  it('Markdown: a Notes section, escaped', () => {
    expect(renderMarkdown(reportInput({ notes: ['a | b'] }))).toContain('## Notes\n\n- a \\| b\n');
    expect(renderMarkdown(reportInput({ findings: [], notes: [NOTE] }))).toContain('No findings.\n\n## Notes');
  });

  it('SARIF: tool execution notifications of the invocation', () => {
    const log = JSON.parse(renderSarif(reportInput({ notes: [NOTE] }))) as Log;
    expect(log.runs[0].invocations?.[0].toolExecutionNotifications).toEqual([{ level: 'warning', message: { text: NOTE } }]);
    const plain = JSON.parse(renderSarif(reportInput())) as Log;
    expect(plain.runs[0].invocations?.[0]).toEqual({ executionSuccessful: true });
  });
});
