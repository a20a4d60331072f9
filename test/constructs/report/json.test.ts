import { makeFinding } from '../../../constructs/finding';
import { JsonReport, renderJson } from '../../../constructs/report';
import { CDK_FILE, PULUMI_FILE, reportInput, retentionExcepted, sshOpen, TOOL } from './fixtures';

const parse = (text: string): JsonReport => JSON.parse(text) as JsonReport;

describe('renderJson', () => {
  const report = parse(renderJson(reportInput({ failOn: 'P1' })));

  it('top level → exactly tool, findings, summary; tool → name and version only', () => {
    expect(Object.keys(report)).toEqual(['tool', 'findings', 'summary']);
    expect(report.tool).toEqual({ name: 'compliance-check', version: '0.1.0' });
  });

  it('findings in report order', () => {
    expect(report.findings.map((f) => `${f.requirement} ${f.severity} ${f.status}`)).toEqual([
      'NET-1 P0 fail',
      'TLS-1 P1 unknown',
      'LOG-1 P2 excepted',
      'LOG-4 P3 fail',
    ]);
  });

  it('a finding → the keys of DESIGN.md, in order', () => {
    expect(report.findings[0]).toEqual({
      requirement: 'NET-1',
      rule: 'NET-1',
      severity: 'P0',
      status: 'fail',
      message: "Security group 'Web' allows tcp/22 from 0.0.0.0/0.",
      fix: 'Restrict the source, or put the service behind a load balancer on 443.',
      clause: 'Security Groups',
      fixWithinDays: 0,
      detail: 'ingress tcp/22 from 0.0.0.0/0',
      resource: {
        file: CDK_FILE,
        stack: 'App',
        logicalId: 'WebSG',
        type: 'AWS::EC2::SecurityGroup',
        path: 'App/Web/SecurityGroup/Resource',
      },
    });
    expect(Object.keys(report.findings[0])).toEqual([
      'requirement', 'rule', 'severity', 'status', 'message', 'fix', 'clause', 'fixWithinDays', 'detail', 'resource',
    ]);
    expect(Object.keys(report.findings[0].resource)).toEqual(['file', 'stack', 'logicalId', 'type', 'path']);
  });

  it('excepted finding → exception after detail, before resource; urn in place of logicalId', () => {
    const f = report.findings[2];
    expect(Object.keys(f)).toEqual([
      'requirement', 'rule', 'severity', 'status', 'message', 'fix', 'clause', 'fixWithinDays', 'detail', 'exception', 'resource',
    ]);
    expect(f.exception).toEqual(retentionExcepted.exception);
    expect(Object.keys(f.exception ?? {})).toEqual(['reason', 'owner', 'ticket', 'expires']);
    expect(f.resource).toEqual({
      file: PULUMI_FILE,
      stack: 'dev',
      urn: 'urn:pulumi:dev::team::gcp:logging/projectBucketConfig:ProjectBucketConfig::audit-logs',
      type: 'gcp:logging/projectBucketConfig:ProjectBucketConfig',
    });
  });

  it('undefined keys are left out, not written as null', () => {
    const text = renderJson({ tool: TOOL, findings: [makeFinding('NET-3', { type: 'AWS::EC2::SecurityGroup' }, { message: 'm' })] });
    expect(text).not.toMatch(/null|undefined/);
    expect(parse(text).findings[0].resource).toEqual({ type: 'AWS::EC2::SecurityGroup' });
    expect(Object.keys(parse(text).summary)).toEqual(['total', 'bySeverity', 'byStatus']);
  });

  it('summary → counts, failOn and blocking, resources checked and inputs', () => {
    expect(report.summary).toEqual({
      total: 4,
      bySeverity: { P0: 1, P1: 1, P2: 1, P3: 1 },
      byStatus: { fail: 2, unknown: 1, excepted: 1 },
      failOn: 'P1',
      blocking: 2,
      resourcesChecked: 42,
      inputs: [CDK_FILE, PULUMI_FILE],
    });
  });

  it('Windows paths → forward slashes', () => {
    const f = makeFinding('NET-1', { type: 'T', file: 'cdk.out\\App.template.json' }, { message: 'm' });
    expect(parse(renderJson({ tool: TOOL, findings: [f] })).findings[0].resource.file).toBe('cdk.out/App.template.json');
  });

  it('user text with quotes, backslashes and line breaks → valid JSON that round-trips', () => {
    const message = 'Group "a\\b"\n</script>\u2028 ends';
    const f = makeFinding('NET-1', { type: 'T', logicalId: 'X' }, { message });
    expect(parse(renderJson({ tool: TOOL, findings: [f] })).findings[0].message).toBe(message);
  });

  it('pretty-printed, newline-terminated, byte-identical across renders', () => {
    const text = renderJson(reportInput());
    expect(text).toMatch(/^\{\n {2}"tool": \{/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(renderJson(reportInput({ findings: [...reportInput().findings].reverse() }))).toBe(text);
  });

  it('no findings → empty list and zero counts', () => {
    const empty = parse(renderJson({ tool: TOOL, findings: [] }));
    expect(empty.findings).toEqual([]);
    expect(empty.summary.total).toBe(0);
  });

  it('does not include the informationUri or other tool fields', () => {
    expect(parse(renderJson({ tool: { ...TOOL }, findings: [sshOpen] })).tool).not.toHaveProperty('informationUri');
  });
});
