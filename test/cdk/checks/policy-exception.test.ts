/**
 * PolicyException: refused when it can never be honoured, written into template metadata,
 * honoured by the pack and by compliance-check on the cloud assembly, and a finding of its own
 * when expired or longer than the requirement's window.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SecurityPolicyChecks } from '../../../cdk/checks/pack';
import { PolicyException, PolicyExceptionProps } from '../../../cdk/checks/policy-exception';
import { EXCEPTIONS_METADATA_KEY } from '../../../cdk/records';
import { runCli } from '../../../constructs/cli';
import { ComplianceError } from '../../../constructs/errors';
import { dayOf, formatDay } from '../../../constructs/exceptions';
import { compliantNetwork, levels, testApp } from './fixtures';

const TODAY = '2026-11-20';

/** A P1 exception for the partner port, granted today for a week. */
function props(overrides: Partial<PolicyExceptionProps> = {}): PolicyExceptionProps {
  return { requirement: 'NET-2', reason: 'Partner webhook until the gateway ships', owner: 'team-web', ticket: 'SEC-123', granted: TODAY, expires: '2026-11-27', ...overrides };
}

/** A stack whose group admits the world on 8443 (NET-2, P1) and 9000 (NET-2, P1), and allows all egress (NET-3, P2). */
function partnerStack(app: App, id = 'Web'): { stack: Stack; group: ec2.SecurityGroup } {
  const stack = new Stack(app, id);
  const { vpc } = compliantNetwork(stack);
  const group = new ec2.SecurityGroup(stack, 'Partner', { vpc, description: 'Partner feed' });
  group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(8443), 'Partner webhook');
  group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(9000), 'Partner metrics');
  return { stack, group };
}

function check(scope: Stack | App, failAt: 'P1' | 'P2' = 'P1'): ReturnType<SecurityPolicyChecks['validateScope']> & { pack: SecurityPolicyChecks } {
  const pack = new SecurityPolicyChecks(undefined, { today: TODAY, failAt, reportFormats: ['json'] });
  return { ...pack.validateScope(scope), pack };
}

describe('refused at construction', () => {
  const stack = new Stack(new App(), 'Web');
  it.each<[string, Partial<PolicyExceptionProps>, RegExp]>([
    ['a P0 requirement', { requirement: 'NET-1' }, /\[NET-1\] PolicyException 'Web\/E\d' is refused: NET-1 is P0 \(0 days to fix\), and P0 findings cannot be excepted\./],
    ['another P0 requirement', { requirement: 'AUTH-3' }, /is refused: AUTH-3 is P0/],
    ['no reason', { reason: '  ' }, /needs a reason\./],
    ['no owner and no ticket', { owner: undefined, ticket: undefined }, /needs an owner or a ticket\./],
    ['an expiry that is not a date', { expires: 'end of sprint' }, /has expires 'end of sprint', which is not a date \(YYYY-MM-DD\)\./],
    ['a grant date that is not a date', { granted: '2026/11/20' }, /has granted '2026\/11\/20', which is not a date/],
  ])('%s → ComplianceError', (_name, overrides, message) => {
    let error: unknown;
    try {
      new PolicyException(stack, `E${stack.node.children.length}`, props(overrides));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComplianceError);
    expect((error as Error).message).toMatch(message);
  });

  it('an expiry in the past or too far away is not refused here: it is a finding at check time', () => {
    expect(() => new PolicyException(stack, 'Late', props({ granted: '2020-01-01', expires: '2020-01-05' }))).not.toThrow();
  });
});

describe('honoured by the pack', () => {
  const app = testApp();
  const valid = partnerStack(app, 'Valid');
  new PolicyException(valid.group, 'PartnerWebhook', props());
  const granular = partnerStack(app, 'Granular');
  new PolicyException(granular.group, 'PartnerWebhook', props({ detail: 'ingress tcp/8443 from 0.0.0.0/0' }));
  const expired = partnerStack(app, 'Expired');
  new PolicyException(expired.group, 'PartnerWebhook', props({ granted: '2026-11-01', expires: '2026-11-08' }));
  const tooLong = partnerStack(app, 'TooLong');
  new PolicyException(tooLong.group, 'PartnerWebhook', props({ expires: '2026-12-20' }));
  const onStack = partnerStack(app, 'OnStack');
  new PolicyException(onStack.stack, 'WholeStack', props({ requirement: 'NET-3', ticket: undefined, expires: '2026-12-15' }));

  it('the exception is written into the metadata of the resources under the construct', () => {
    Template.fromStack(valid.stack).hasResource('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: 'Partner feed' },
      Metadata: {
        [EXCEPTIONS_METADATA_KEY]: [
          {
            requirement: 'NET-2',
            reason: 'Partner webhook until the gateway ships',
            owner: 'team-web',
            ticket: 'SEC-123',
            granted: TODAY,
            expires: '2026-11-27',
            grantedOn: 'Valid/Partner',
            id: 'Valid/Partner/PartnerWebhook',
          },
        ],
      },
    });
    Template.fromStack(valid.stack).hasResource('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: 'App hosts' }, Metadata: Match.absent() });
  });

  it('valid → both NET-2 findings excepted (info), synth passes; the P2 NET-3 stays a warning', () => {
    const r = check(valid.stack);
    expect(r.success).toBe(true);
    expect(levels(r)).toEqual(['NET-2:info', 'NET-2:info', 'NET-3:warning']);
    expect(r.violations[0].description).toMatch(/\[EXCEPTED until 2026-11-27: Partner webhook until the gateway ships \(team-web\/SEC-123\)\]$/);
  });

  it('excepted findings stay visible in the report, with status excepted and the exception', () => {
    check(valid.stack);
    const json = JSON.parse(readFileSync(join(app.outdir, 'compliance-report.json'), 'utf8'));
    const excepted = json.findings.filter((f: { status: string }) => f.status === 'excepted');
    expect(excepted).toHaveLength(2);
    expect(excepted[0].exception).toEqual({ reason: 'Partner webhook until the gateway ships', owner: 'team-web', ticket: 'SEC-123', expires: '2026-11-27' });
  });

  it('granular → only the named finding is excepted; the other still fails synth', () => {
    const r = check(granular.stack);
    expect(r.success).toBe(false);
    expect(r.pack.lastEvaluation?.findings.filter((f) => f.requirement === 'NET-2').map((f) => `${f.detail}:${f.status}`)).toEqual([
      'ingress tcp/8443 from 0.0.0.0/0:excepted',
      'ingress tcp/9000 from 0.0.0.0/0:fail',
    ]);
  });

  it('expired → the findings count again, plus a NET-2.exception finding (P1, an error)', () => {
    const r = check(expired.stack);
    expect(r.success).toBe(false);
    expect(levels(r)).toEqual(['NET-2.exception:error', 'NET-2:error', 'NET-2:error', 'NET-3:warning']);
    const v = r.violations.find((x) => x.ruleName === 'NET-2.exception');
    expect(v?.description).toBe("[NET-2 P1] Exception for NET-2 on Security group 'Partner' (team-web, SEC-123) expired on 2026-11-08. (Security Groups)");
  });

  it('longer than the window → not honoured, and a finding of its own', () => {
    const r = check(tooLong.stack);
    expect(levels(r)).toEqual(['NET-2.exception:error', 'NET-2:error', 'NET-2:error', 'NET-3:warning']);
    expect(r.violations.find((x) => x.ruleName === 'NET-2.exception')?.description).toContain(
      'expires on 2026-12-20, 30 days after it was granted on 2026-11-20; a P1 exception may last at most 7 days.',
    );
  });

  it('granted on a stack → covers every resource in it (a P2 for 25 days)', () => {
    const r = check(onStack.stack, 'P2');
    expect(levels(r)).toEqual(['NET-2:error', 'NET-2:error', 'NET-3:info']);
  });

  it('a second synthesis does not write the exception twice', () => {
    const again = testApp();
    const { stack, group } = partnerStack(again);
    new PolicyException(group, 'PartnerWebhook', props());
    again.synth();
    const template = again.synth({ force: true }).getStackByName(stack.stackName).template as { Resources: Record<string, { Metadata?: Record<string, unknown[]> }> };
    const entries = Object.values(template.Resources).flatMap((r) => r.Metadata?.[EXCEPTIONS_METADATA_KEY] ?? []);
    expect(entries).toHaveLength(1);
  });
});

describe('honoured by compliance-check on the cloud assembly', () => {
  it('the same exception, read from template metadata → excepted in the CLI report, exit 0', () => {
    const today = dayOf(new Date());
    const app = testApp();
    const { group } = partnerStack(app);
    new PolicyException(group, 'PartnerWebhook', props({ granted: formatDay(today), expires: formatDay(today + 5) }));
    app.synth();
    let out = '';
    const code = runCli([app.outdir, '--format', 'json'], { stdout: (t) => (out += t), stderr: () => undefined });
    const findings = JSON.parse(out).findings as Array<{ requirement: string; status: string; exception?: { owner: string } }>;
    expect(findings.map((f) => `${f.requirement}:${f.status}`)).toEqual(['NET-2:excepted', 'NET-2:excepted', 'NET-3:fail']);
    expect(findings[0].exception?.owner).toBe('team-web');
    expect(code).toBe(0);
  });
});
