import { makeFinding } from '../../../constructs/finding';
import { findingLine, locationLine, renderText, summarize, summaryLine } from '../../../constructs/report';
import { FINDINGS, listenerUnknown, reportInput, retentionExcepted, sshOpen, TOOL } from './fixtures';

describe('renderText', () => {
  it('one finding → the message shape of STYLE item 5', () => {
    const f = makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'Web' }, {
      message: "Security group 'Web' allows tcp/22 from 0.0.0.0/0.",
    });
    expect(findingLine(f)).toBe(
      "[NET-1 P0] Security group 'Web' allows tcp/22 from 0.0.0.0/0. Restrict the source, or put the service behind a load balancer on 443. (Security Groups)",
    );
    expect(renderText({ tool: TOOL, findings: [f] }).split('\n')).toContain(findingLine(f));
  });

  it('the happy list → groups P0 to P3, each finding on one line with its location below, and a summary', () => {
    expect(renderText(reportInput())).toBe(
      [
        'P0: 1 finding (fix immediately)',
        "[NET-1 P0] Security group 'Web' allows tcp/22 from 0.0.0.0/0. Restrict the source, or put the service behind a load balancer on 443. (Security Groups)",
        '    file: cdk.out/App.template.json  stack: App  logicalId: WebSG  type: AWS::EC2::SecurityGroup  path: App/Web/SecurityGroup/Resource',
        '',
        'P1: 1 finding (fix within 7 days)',
        "[TLS-1 P1] Could not be verified: listener 'ApiListener' takes its protocol from parameter 'Proto', which has no default. Listen on HTTPS/TLS; keep an HTTP listener only to redirect to HTTPS. (Inter-Service Communication)",
        '    file: cdk.out/App.template.json  stack: App  logicalId: ApiListener  type: AWS::ElasticLoadBalancingV2::Listener',
        '',
        'P2: 1 finding (fix within 30 days)',
        "[LOG-1 P2] Log bucket 'audit-logs' keeps logs 30 days. Keep logs for at least 90 days. (Backing Up Logs) [EXCEPTED until 2025-07-01: Migrating to the central log archive (team-data/SEC-42)]",
        '    file: pulumi/dev.stack.json  stack: dev  urn: urn:pulumi:dev::team::gcp:logging/projectBucketConfig:ProjectBucketConfig::audit-logs  type: gcp:logging/projectBucketConfig:ProjectBucketConfig',
        '',
        'P3: 1 finding (fix within 180 days)',
        "[LOG-4 P3] Backend service 'api' logs no request id. Include the request time, the operation and a unique request id in the access log format. (Log format)",
        '    file: pulumi/dev.stack.json  stack: dev  urn: urn:pulumi:dev::team::gcp:compute/backendService:BackendService::api  type: gcp:compute/backendService:BackendService',
        '',
        '4 findings: 1 P0, 1 P1, 1 P2, 1 P3 (1 could not be verified, 1 excepted)',
        '',
      ].join('\n'),
    );
  });

  it('input order does not matter', () => {
    expect(renderText(reportInput({ findings: [...FINDINGS].reverse() }))).toBe(renderText(reportInput()));
  });

  it('headings come P0, P1, P2, P3 and skip empty severities', () => {
    const headings = renderText(reportInput({ findings: [retentionExcepted, sshOpen] }))
      .split('\n')
      .filter((l) => /^P\d: /.test(l));
    expect(headings).toEqual(['P0: 1 finding (fix immediately)', 'P2: 1 finding (fix within 30 days)']);
  });

  it('several findings of a severity → one heading, plural', () => {
    const other = makeFinding('IAM-1', { type: 'AWS::IAM::Policy', logicalId: 'Admin' }, { message: "Policy 'Admin' allows *:*." });
    const text = renderText({ tool: TOOL, findings: [other, sshOpen] });
    expect(text.startsWith('P0: 2 findings (fix immediately)\n[NET-1 P0]')).toBe(true);
    expect(text).toContain('\n[IAM-1 P0] ');
  });

  it('no findings → "No findings."', () => {
    expect(renderText({ tool: TOOL, findings: [] })).toBe('No findings.\n');
    expect(renderText({ tool: TOOL, findings: [], failOn: 'P1' })).toBe('No findings.\n');
  });

  it('summary line: the example of the brief', () => {
    const findings = [
      sshOpen,
      listenerUnknown,
      makeFinding('TLS-2', { type: 'AWS::ElasticLoadBalancingV2::Listener', logicalId: 'L' }, { message: 'TLS 1.0.' }),
    ];
    expect(summaryLine(summarize(findings))).toBe('3 findings: 1 P0, 2 P1 (1 could not be verified, 0 excepted)');
    expect(summaryLine(summarize([sshOpen]))).toBe('1 finding: 1 P0 (0 could not be verified, 0 excepted)');
  });

  it('summary line with failOn → how many block', () => {
    const last = (failOn: 'P1' | 'none'): string | undefined =>
      renderText(reportInput({ failOn })).trimEnd().split('\n').pop();
    expect(last('P1')).toBe('4 findings: 1 P0, 1 P1, 1 P2, 1 P3 (1 could not be verified, 1 excepted); 2 blocking at --fail-on P1');
    expect(last('none')).toMatch(/; 0 blocking at --fail-on none$/);
  });

  it('unknown finding whose message lacks the prefix → marked anyway, never twice', () => {
    const handMade = { ...sshOpen, status: 'unknown' as const, message: 'source is an import.' };
    expect(findingLine(handMade)).toMatch(/^\[NET-1 P0\] Could not be verified: source is an import\. /);
    expect(findingLine(listenerUnknown).match(/could not be verified/gi)).toHaveLength(1);
  });

  it('excepted with only a ticket → (ticket); without exception details → [EXCEPTED]', () => {
    const ticketOnly = { ...retentionExcepted, exception: { reason: 'r', ticket: 'SEC-1', expires: '2025-01-31' } };
    expect(findingLine(ticketOnly)).toMatch(/ \[EXCEPTED until 2025-01-31: r \(SEC-1\)\]$/);
    const bare = { ...sshOpen, status: 'excepted' as const };
    expect(findingLine(bare)).toMatch(/ \[EXCEPTED\]$/);
  });

  it('line breaks and escape sequences in user text → one line, no terminal control', () => {
    const f = makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'Web\nX', stack: 'A\u001b[2J' }, {
      message: "Security group 'Web\r\nFAKE' allows\u001b[31m tcp/22.",
    });
    const text = renderText({ tool: TOOL, findings: [f] });
    expect(text).not.toMatch(/\u001b|\r/);
    expect(findingLine(f)).toBe(
      "[NET-1 P0] Security group 'Web FAKE' allows [31m tcp/22. Restrict the source, or put the service behind a load balancer on 443. (Security Groups)",
    );
    expect(text.split('\n')).toHaveLength(6); // heading, finding, location, blank, summary, '' after the final newline
  });

  it('location line: only what is known, urn when there is no logical id', () => {
    expect(locationLine({ type: 'AWS::S3::Bucket' })).toBe('type: AWS::S3::Bucket');
    expect(locationLine({ type: 'T', file: '.\\out\\a.json', logicalId: 'B', urn: 'urn:x' })).toBe('file: out/a.json  logicalId: B  type: T');
  });

  it('has no colours', () => {
    expect(renderText(reportInput({ failOn: 'P1' }))).not.toMatch(/\u001b/);
  });
});
