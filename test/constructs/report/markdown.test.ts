import { makeFinding } from '../../../constructs/finding';
import { markdownCell, renderMarkdown } from '../../../constructs/report';
import { escapeMarkdown } from '../../../constructs/report/format';
import { FINDINGS, listenerUnknown, reportInput, sshOpen, TOOL } from './fixtures';

/** The cells of a Markdown table row, split on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

const rowsOf = (md: string, header: string): string[] => {
  const lines = md.split('\n');
  const start = lines.indexOf(header);
  const end = lines.indexOf('', start);
  return lines.slice(start + 2, end);
};

const FINDINGS_HEADER = '| Severity | Requirement | Status | Resource | Message |';
const SUMMARY_HEADER = '| Severity | Fail | Could not be verified | Excepted | Total |';

describe('renderMarkdown', () => {
  const md = renderMarkdown(reportInput({ failOn: 'P1' }));

  it('title, what was read, then summary, findings and requirement sections in that order', () => {
    expect(md.startsWith('# Compliance report\n\nChecked by compliance-check 0.1.0; read cdk.out/App.template.json, pulumi/dev.stack.json; 42 resources checked.\n')).toBe(true);
    const order = ['## Summary', '## Findings', '## Requirements'].map((h) => md.indexOf(`\n${h}\n`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('summary table → severity × status counts and totals', () => {
    expect(rowsOf(md, SUMMARY_HEADER).map(cells)).toEqual([
      ['P0', '1', '0', '0', '1'],
      ['P1', '0', '1', '0', '1'],
      ['P2', '0', '0', '1', '1'],
      ['P3', '1', '0', '0', '1'],
      ['**Total**', '2', '1', '1', '4'],
    ]);
    expect(md).toContain('\n2 findings block at `--fail-on P1`.\n');
  });

  it('findings table → one row per finding in report order, five cells each', () => {
    const rows = rowsOf(md, FINDINGS_HEADER).map(cells);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['P0', 'NET-1', 'fail'],
      ['P1', 'TLS-1', 'could not be verified'],
      ['P2', 'LOG-1', 'excepted until 2025-07-01: Migrating to the central log archive (team-data/SEC-42)'],
      ['P3', 'LOG-4', 'fail'],
    ]);
    expect(rows[0][3]).toBe('WebSG (AWS::EC2::SecurityGroup), stack App, cdk.out/App.template.json');
    expect(rows[2][3]).toBe('audit-logs (gcp:logging/projectBucketConfig:ProjectBucketConfig), stack dev, pulumi/dev.stack.json');
    expect(rows[0][4]).toBe("Security group 'Web' allows tcp/22 from 0.0.0.0/0.");
  });

  it('one section per requirement with findings: title, clause, severity and window, fix, affected resources', () => {
    const sections = md.split('\n').filter((l) => l.startsWith('### '));
    expect(sections.map((s) => s.split(':')[0])).toEqual(['### NET-1', '### TLS-1', '### LOG-1', '### LOG-4']);
    const net1 = md.slice(md.indexOf('### NET-1'), md.indexOf('### TLS-1'));
    expect(net1).toBe(
      [
        '### NET-1: No ingress from anywhere (0.0.0.0/0, ::/0 or ranges that together cover the internet) to admin or data ports, or to all ports and protocols',
        '',
        '- **Security policy:** Security Groups',
        '- **Severity:** P0, fix immediately',
        '- **Fix:** Restrict the source, or put the service behind a load balancer on 443.',
        '',
        '1 affected resource:',
        '',
        "- **fail** WebSG (AWS::EC2::SecurityGroup), stack App, cdk.out/App.template.json: Security group 'Web' allows tcp/22 from 0.0.0.0/0.",
        '',
        '',
      ].join('\n'),
    );
  });

  it('several findings of one requirement → one section listing each resource', () => {
    const other = makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'AdminSG', file: 'b.json' }, {
      message: "Security group 'Admin' allows tcp/3389 from ::/0.",
    });
    const text = renderMarkdown({ tool: TOOL, findings: [sshOpen, other] });
    expect(text.match(/^### NET-1/gm)).toHaveLength(1);
    // Same requirement and severity: by file ('b.json' < 'cdk.out/...').
    expect(text).toContain('2 affected resources:\n\n- **fail** AdminSG (AWS::EC2::SecurityGroup), b.json: ');
    expect(text).toContain('\n- **fail** WebSG (AWS::EC2::SecurityGroup), stack App, cdk.out/App.template.json: ');
  });

  it('a pipe and a newline in a message → escaped, the row keeps five cells', () => {
    const f = makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'Web|SG' }, {
      message: "Group 'a|b' allows\ntcp/22 | world",
    });
    const text = renderMarkdown({ tool: TOOL, findings: [f] });
    const [row] = rowsOf(text, FINDINGS_HEADER);
    expect(row).toBe("| P0 | NET-1 | fail | Web\\|SG (AWS::EC2::SecurityGroup) | Group 'a\\|b' allows<br>tcp/22 \\| world |");
    expect(cells(row)).toHaveLength(5);
    // In the requirement section too: one line, escaped.
    expect(text).toContain("- **fail** Web\\|SG (AWS::EC2::SecurityGroup): Group 'a\\|b' allows<br>tcp/22 \\| world\n");
  });

  it.each([
    ['emphasis and code', '*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['a link', '[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['an entity', '&lt;', '\\&lt;'],
    ['a backslash', 'C:\\temp', 'C:\\\\temp'],
    ['math and strikethrough', '$x$ ~~y~~', '\\$x\\$ \\~\\~y\\~\\~'],
    ['a heading marker', '# title', '\\# title'],
    ['a list marker', '- item', '\\- item'],
    ['an ordered list marker', '1. item', '1\\. item'],
    ['a CRLF and a control character', 'a\r\nb\u0007c', 'a<br>b c'],
    ['leading blanks (an indented code block)', '    code', 'code'],
  ])('user text with %s → escaped', (_case, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('user-controlled text is escaped everywhere it appears', () => {
    const evil = '<b>x</b> | *y*';
    const f = {
      ...makeFinding('NET-3', { type: 'T', logicalId: evil, stack: evil, file: evil }, { message: evil, fix: evil }),
      status: 'excepted' as const,
      exception: { reason: evil, owner: evil, expires: '2025-01-01' },
    };
    const text = renderMarkdown({ tool: { name: evil, version: '1' }, findings: [f], inputs: [evil] });
    // Drop every backslash escape: what is left must hold no live markup from the user text.
    const live = text.replace(/\\./g, '');
    expect(live).not.toMatch(/[<>]|\*y|b\|/);
    expect(cells(rowsOf(text, FINDINGS_HEADER)[0])).toHaveLength(5);
  });

  it('markdownCell → never empty', () => {
    expect(markdownCell('')).toBe(' ');
  });

  it('no findings → title and "No findings."', () => {
    expect(renderMarkdown({ tool: TOOL, findings: [] })).toBe('# Compliance report\n\nChecked by compliance-check 0.1.0.\n\nNo findings.\n');
  });

  it('input order does not matter', () => {
    expect(renderMarkdown(reportInput({ findings: [...FINDINGS].reverse() }))).toBe(renderMarkdown(reportInput()));
  });

  it('unknown findings say so once', () => {
    const text = renderMarkdown({ tool: TOOL, findings: [listenerUnknown] });
    expect(text).toContain('| could not be verified |');
    expect(text.match(/Could not be verified: listener/g)).toHaveLength(2); // the table and the section
  });
});
