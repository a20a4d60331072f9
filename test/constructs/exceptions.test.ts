/**
 * Exceptions: when one can be honoured, what it covers, and the finding an unusable one becomes.
 */
import fc from 'fast-check';
import {
  applyExceptions,
  dayOf,
  exceptionCovers,
  ExceptionSpec,
  exceptionProblems,
  formatDay,
  parseDay,
  ExceptionGrant,
  targetMatches,
} from '../../constructs/exceptions';
import { Finding, makeFinding } from '../../constructs/finding';

const TODAY = '2026-11-20';

/** A valid P1 exception: NET-2, granted today, for a week. */
function spec(overrides: Partial<ExceptionSpec> = {}): ExceptionSpec {
  return { requirement: 'NET-2', reason: 'Partner webhook until the gateway ships', owner: 'team-web', ticket: 'SEC-123', granted: TODAY, expires: '2026-11-27', ...overrides };
}

function exception(overrides: Partial<ExceptionGrant> = {}): ExceptionGrant {
  return { ...spec(), target: { stack: 'Web', logicalId: 'LbSg' }, ...overrides };
}

const LB_SG = { type: 'AWS::EC2::SecurityGroup', logicalId: 'LbSg', stack: 'Web', file: 'cdk.out/Web.template.json', path: 'Web/Lb/SecurityGroup/Resource' };

const net2 = makeFinding('NET-2', LB_SG, {
  message: "Security group 'Lb/SecurityGroup' allows tcp/8443 from 0.0.0.0/0 (rule SecurityGroupIngress[1]).",
  detail: 'ingress tcp/8443 from 0.0.0.0/0',
});
const net2Other = makeFinding('NET-2', LB_SG, {
  message: "Security group 'Lb/SecurityGroup' allows tcp/9000 from 0.0.0.0/0 (rule SecurityGroupIngress[2]).",
  detail: 'ingress tcp/9000 from 0.0.0.0/0',
});
const net3 = makeFinding('NET-3', LB_SG, { message: "Security group 'Lb/SecurityGroup' allows all traffic out to 0.0.0.0/0.", detail: 'egress all traffic to 0.0.0.0/0' });

describe('dates', () => {
  it.each([
    ['2026-11-20', 20777],
    ['1970-01-01', 0],
    ['2028-02-29', 21243],
  ])('%s → day %d', (text, day) => {
    expect(parseDay(text)).toBe(day);
    expect(formatDay(day)).toBe(text);
  });

  it.each(['2026-02-30', '2026-13-01', '20261120', '2026-1-2', 'soon', ''])('%j is not a date', (text) => {
    expect(parseDay(text)).toBeUndefined();
  });

  it('a Date counts by its UTC day', () => {
    expect(dayOf(new Date('2026-11-20T23:59:59Z'))).toBe(dayOf('2026-11-20'));
  });

  it('today must be a date', () => {
    expect(() => dayOf('tomorrow')).toThrow("'tomorrow' is not a date");
  });
});

describe('exceptionProblems', () => {
  it.each<[string, Partial<ExceptionSpec>, 'P0' | 'P1' | 'P2' | 'P3', string[]]>([
    ['granted today for 7 days, P1 → valid', {}, 'P1', []],
    ['expires today → valid (the last day it applies)', { granted: '2026-11-19', expires: TODAY }, 'P1', []],
    ['no grant date, 7 days from today → valid', { granted: undefined }, 'P1', []],
    ['owner only → valid', { ticket: undefined }, 'P1', []],
    ['ticket only → valid', { owner: undefined }, 'P1', []],
    ['P3 for 180 days → valid', { requirement: 'LOG-4', expires: '2027-05-19' }, 'P3', []],
    ['P2 for 31 days → too long', { requirement: 'NET-3', expires: '2026-12-21' }, 'P2', ['too-long']],
    ['P1 for 8 days → too long', { expires: '2026-11-28' }, 'P1', ['too-long']],
    ['granted long ago, still within a week of today, longer than the window → too long', { granted: '2026-11-01', expires: '2026-11-25' }, 'P1', ['too-long']],
    ['no grant date, 8 days from today → too long', { granted: undefined, expires: '2026-11-28' }, 'P1', ['too-long']],
    ['expired yesterday → expired', { granted: '2026-11-13', expires: '2026-11-19' }, 'P1', ['expired']],
    ['granted in the future → refused', { granted: '2026-11-21', expires: '2026-11-25' }, 'P1', ['granted-in-future']],
    ['P0 → refused', { requirement: 'NET-1' }, 'P0', ['p0']],
    ['no owner and no ticket → refused', { owner: undefined, ticket: '  ' }, 'P1', ['no-owner']],
    ['blank reason → refused', { reason: ' ' }, 'P1', ['no-reason']],
    ['expiry not a date → refused', { expires: 'next week' }, 'P1', ['bad-expiry']],
    ['grant date not a date → refused', { granted: '20/11/2026' }, 'P1', ['bad-granted']],
  ])('%s', (_name, overrides, severity, kinds) => {
    expect(exceptionProblems(spec(overrides), severity, TODAY).map((p) => p.kind)).toEqual(kinds);
  });

  it('a raised severity shortens the window: a 30-day NET-3 exception at P1 is too long', () => {
    const e = spec({ requirement: 'NET-3', expires: '2026-12-20' });
    expect(exceptionProblems(e, 'P2', TODAY)).toEqual([]);
    expect(exceptionProblems(e, 'P1', TODAY).map((p) => p.kind)).toEqual(['too-long']);
  });

  it('property: within the window from the grant day, and not expired → valid', () => {
    const today = dayOf(TODAY);
    fc.assert(
      fc.property(fc.constantFrom<'P1' | 'P2' | 'P3'>('P1', 'P2', 'P3'), fc.nat(200), fc.nat(200), (severity, ago, length) => {
        const window = { P1: 7, P2: 30, P3: 180 }[severity];
        const granted = today - Math.min(ago, window);
        const expires = granted + Math.min(length, window);
        const valid = expires >= today;
        const problems = exceptionProblems(spec({ granted: formatDay(granted), expires: formatDay(expires) }), severity, TODAY);
        return valid ? problems.length === 0 : problems.map((p) => p.kind).join() === 'expired';
      }),
    );
  });
});

describe('what an exception covers', () => {
  it.each<[string, Partial<ExceptionGrant>, Finding, boolean]>([
    ['same requirement and resource → covered', {}, net2, true],
    ['another requirement → not covered', {}, net3, false],
    ['granular: same detail → covered', { detail: 'ingress tcp/8443 from 0.0.0.0/0' }, net2, true],
    ['granular: another detail → not covered', { detail: 'ingress tcp/8443 from 0.0.0.0/0' }, net2Other, false],
    ['construct path of a parent → covered', { target: { path: 'Web/Lb' } }, net2, true],
    ['construct path with a trailing slash → covered', { target: { path: 'Web/Lb/' } }, net2, true],
    ['sibling construct with a common prefix → not covered', { target: { path: 'Web/L' } }, net2, false],
    ['other stack → not covered', { target: { stack: 'Api', logicalId: 'LbSg' } }, net2, false],
    ['stack alone names no resource → not covered', { target: { stack: 'Web' } }, net2, false],
  ])('%s', (_name, overrides, finding, covered) => {
    expect(exceptionCovers(exception(overrides), finding)).toBe(covered);
  });

  it('a Pulumi resource by URN or by name', () => {
    const r = { type: 'gcp:compute/firewall:Firewall', urn: 'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::allow-web', name: 'allow-web', stack: 'dev' };
    expect(targetMatches({ urn: r.urn }, r)).toBe(true);
    expect(targetMatches({ name: 'allow-web', stack: 'dev' }, r)).toBe(true);
    expect(targetMatches({ name: 'allow-web', stack: 'prod' }, r)).toBe(false);
  });
});

describe('applyExceptions', () => {
  it('a valid exception → the finding is excepted, with the exception attached', () => {
    const [f] = applyExceptions([net2], [exception()], TODAY);
    expect(f.status).toBe('excepted');
    expect(f.exception).toEqual({ reason: 'Partner webhook until the gateway ships', owner: 'team-web', ticket: 'SEC-123', expires: '2026-11-27' });
    expect(f.message).toBe(net2.message);
  });

  it('granular → only the named finding is excepted', () => {
    const out = applyExceptions([net2, net2Other], [exception({ detail: 'ingress tcp/8443 from 0.0.0.0/0' })], TODAY);
    expect(out.map((f) => `${f.detail}:${f.status}`)).toEqual(['ingress tcp/8443 from 0.0.0.0/0:excepted', 'ingress tcp/9000 from 0.0.0.0/0:fail']);
  });

  it('unknown findings can be excepted too', () => {
    const unknown = makeFinding('NET-2', LB_SG, { status: 'unknown', message: 'Ingress source is an import.' });
    expect(applyExceptions([unknown], [exception()], TODAY)[0].status).toBe('excepted');
  });

  it('expired → nothing excepted, and one NET-2.exception finding at P1 on the resource', () => {
    const out = applyExceptions([net2], [exception({ granted: '2026-11-10', expires: '2026-11-17' })], TODAY);
    expect(out.map((f) => `${f.rule}:${f.status}:${f.severity}`)).toEqual(['NET-2:fail:P1', 'NET-2.exception:fail:P1']);
    expect(out[1].resource).toEqual(LB_SG);
    expect(out[1].detail).toBe('exception expired');
  });

  it('exact message of an expired exception', () => {
    const out = applyExceptions([net2], [exception({ granted: '2026-11-10', expires: '2026-11-17', label: "Security group 'Lb/SecurityGroup'" })], TODAY);
    expect(out[1].message).toBe("Exception for NET-2 on Security group 'Lb/SecurityGroup' (team-web, SEC-123) expired on 2026-11-17.");
    expect(out[1].fix).toBe('Fix the finding, or grant a new exception with a reason, an owner or ticket, and an expiry at most 7 days away.');
  });

  it('exact message of a too-long granular exception', () => {
    const out = applyExceptions([net2], [exception({ detail: 'ingress tcp/8443 from 0.0.0.0/0', expires: '2026-12-20' })], TODAY);
    expect(out[1].message).toBe(
      "Exception for NET-2 (ingress tcp/8443 from 0.0.0.0/0) on 'Web/Lb/SecurityGroup/Resource' (team-web, SEC-123) expires on 2026-12-20, 30 days after it was granted on 2026-11-20; a P1 exception may last at most 7 days.",
    );
    expect(out[1].detail).toBe('exception too-long: ingress tcp/8443 from 0.0.0.0/0');
  });

  it('P0 → refused: the finding stays, and the exception finding is P0', () => {
    const net1 = makeFinding('NET-1', LB_SG, { message: "Security group 'Lb/SecurityGroup' allows tcp/22 from 0.0.0.0/0." });
    const out = applyExceptions([net1], [exception({ requirement: 'NET-1' })], TODAY);
    expect(out.map((f) => `${f.rule}:${f.status}:${f.severity}`)).toEqual(['NET-1:fail:P0', 'NET-1.exception:fail:P0']);
    expect(out[1].message).toContain('is not honoured: NET-1 is P0, and P0 findings cannot be excepted');
  });

  it('an unusable exception that matches nothing is still reported, on its target', () => {
    const out = applyExceptions([], [exception({ target: { path: 'Web/Old' }, expires: '2026-11-01', granted: '2026-10-30' })], TODAY);
    expect(out).toHaveLength(1);
    expect(out[0].resource).toEqual({ type: 'unknown', path: 'Web/Old' });
  });

  it('a valid exception that matches nothing is silent', () => {
    expect(applyExceptions([net3], [exception()], TODAY)).toEqual([net3]);
  });

  it('the team severity counts: NET-3 raised to P1 makes a 30-day exception too long', () => {
    const e = exception({ requirement: 'NET-3', expires: '2026-12-20' });
    expect(applyExceptions([net3], [e], TODAY)[0].status).toBe('excepted');
    const raised = applyExceptions([{ ...net3, severity: 'P1' }], [e], TODAY, { severities: { 'NET-3': 'P1' } });
    expect(raised.map((f) => `${f.rule}:${f.status}:${f.severity}`)).toEqual(['NET-3:fail:P1', 'NET-3.exception:fail:P1']);
  });

  it('findings already excepted, and exception findings, are left alone', () => {
    const first = applyExceptions([net2], [exception({ expires: '2026-11-17', granted: '2026-11-10' })], TODAY);
    const again = applyExceptions(first, [exception({ requirement: 'NET-2' })], TODAY);
    expect(again.map((f) => `${f.rule}:${f.status}`)).toEqual(['NET-2:excepted', 'NET-2.exception:fail']);
  });

  it('no exceptions → the same findings', () => {
    expect(applyExceptions([net2, net3], [], TODAY)).toEqual([net2, net3]);
  });
});
