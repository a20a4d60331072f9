/**
 * Exceptions on Pulumi resources, keyed by name or URN, with the same rules as on CDK.
 */
import type { ExceptionGrant } from '../../constructs/exceptions';
import { checkResources } from '../../pulumi/records';
import { GCP } from '../../pulumi/records/types';
import { firewall, network } from './fixtures';

const TODAY = '2026-11-20';
const web = firewall('partner-webhook', { allows: [{ protocol: 'tcp', ports: ['8080', '8443'] }], sourceRanges: ['0.0.0.0/0'] });
const ssh = firewall('ssh', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] });
const grant = (overrides: Partial<ExceptionGrant>): ExceptionGrant => ({
  requirement: 'NET-2',
  target: { name: 'partner-webhook' },
  reason: 'Partner webhook until the gateway ships',
  owner: 'team-web',
  ticket: 'SEC-12',
  granted: '2026-11-18',
  expires: '2026-11-25',
  ...overrides,
});
const statuses = (exceptions: ExceptionGrant[]): string[] =>
  checkResources([...network(), web, ssh], { exceptions, today: TODAY }).map((f) => `${f.rule}:${f.status} ${f.resource.name}`).sort();

describe('exceptions in checkResources', () => {
  it('without exceptions: NET-2 on the webhook, NET-1 on ssh', () => {
    expect(statuses([])).toEqual(['NET-1:fail ssh', 'NET-2:fail partner-webhook', 'NET-2:fail partner-webhook']);
  });

  it('a valid exception by name excepts the finding, and says why', () => {
    expect(statuses([grant({})])).toEqual(['NET-1:fail ssh', 'NET-2:excepted partner-webhook', 'NET-2:excepted partner-webhook']);
    const excepted = checkResources([...network(), web], { exceptions: [grant({})], today: TODAY }).find((f) => f.status === 'excepted');
    expect(excepted?.exception).toEqual({ reason: 'Partner webhook until the gateway ships', owner: 'team-web', ticket: 'SEC-12', expires: '2026-11-25' });
  });

  it('by URN', () => {
    expect(statuses([grant({ target: { urn: web.urn } })])).toContain('NET-2:excepted partner-webhook');
  });

  it('granular by detail: only the finding it names', () => {
    expect(statuses([grant({ detail: 'ingress tcp/8080 from 0.0.0.0/0' })])).toEqual(['NET-1:fail ssh', 'NET-2:excepted partner-webhook', 'NET-2:fail partner-webhook']);
  });

  it('expired: excepts nothing and is itself a finding at the requirement severity', () => {
    const findings = checkResources([...network(), web], { exceptions: [grant({ granted: '2026-11-01', expires: '2026-11-05' })], today: TODAY });
    expect(findings.map((f) => `${f.rule}:${f.status}`).sort()).toEqual(['NET-2.exception:fail', 'NET-2:fail', 'NET-2:fail']);
    const problem = findings.find((f) => f.rule === 'NET-2.exception');
    expect(problem).toMatchObject({ severity: 'P1', resource: { name: 'partner-webhook', type: GCP.firewall } });
    expect(problem?.message).toBe("Exception for NET-2 on 'partner-webhook' (team-web, SEC-12) expired on 2026-11-05.");
  });

  it('longer than the P1 window of 7 days: refused', () => {
    expect(statuses([grant({ expires: '2026-12-31' })])).toEqual(['NET-1:fail ssh', 'NET-2.exception:fail partner-webhook', 'NET-2:fail partner-webhook', 'NET-2:fail partner-webhook']);
  });

  it('P0 cannot be excepted', () => {
    const findings = checkResources([...network(), ssh], { exceptions: [grant({ requirement: 'NET-1', target: { name: 'ssh' } })], today: TODAY });
    expect(findings.map((f) => `${f.rule}:${f.status}`).sort()).toEqual(['NET-1.exception:fail', 'NET-1:fail']);
    expect(findings.find((f) => f.rule === 'NET-1.exception')?.message).toMatch(/is not honoured: NET-1 is P0, and P0 findings cannot be excepted/);
  });

  it('no owner and no ticket: refused', () => {
    expect(statuses([grant({ owner: undefined, ticket: undefined })])).toContain('NET-2.exception:fail partner-webhook');
  });
});
