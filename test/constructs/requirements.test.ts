import { isRequirementId, requirement, requirementOfRule, REQUIREMENTS } from '../../constructs/requirements';
import { FIX_WINDOW_DAYS, isAtOrAbove } from '../../constructs/severity';

describe('the catalog', () => {
  it('pins the 31 requirement ids and their severities', () => {
    expect(REQUIREMENTS.map((r) => `${r.id} ${r.severity}`)).toEqual([
      'NET-1 P0', 'NET-2 P1', 'NET-3 P2', 'NET-4 P2', 'NET-5 P1',
      'ENC-1 P1', 'ENC-2 P1', 'ENC-3 P2',
      'TLS-1 P1', 'TLS-2 P1', 'TLS-3 P2', 'TLS-4 P1',
      'IAM-1 P0', 'IAM-2 P1', 'IAM-3 P0', 'IAM-4 P1',
      'AUTH-1 P1', 'AUTH-2 P2', 'AUTH-3 P0',
      'SSH-1 P1',
      'LOG-1 P2', 'LOG-2 P2', 'LOG-3 P2', 'LOG-4 P3', 'LOG-5 P2',
      'HOST-1 P2', 'HOST-2 P2', 'HOST-3 P3', 'HOST-4 P2', 'HOST-5 P1',
      'DEPLOY-1 P3',
    ]);
  });

  it('fix windows follow the policy triage: P0 0, P1 7, P2 30, P3 180 days', () => {
    expect(FIX_WINDOW_DAYS).toEqual({ P0: 0, P1: 7, P2: 30, P3: 180 });
    for (const r of REQUIREMENTS) expect(r.fixWithinDays).toBe(FIX_WINDOW_DAYS[r.severity]);
  });

  it('every clause is a heading of the security policy', () => {
    const headings = [
      'Security Groups', 'Storage of Data', 'Inter-Service Communication', 'Separation of Duties and Authorization',
      'Password Policies', 'Secrets in Logs', 'SSH Keys', 'Backing Up Logs', 'What We Log', 'Log format',
      'Ubuntu Automatic Security Updates', 'Vulnerability Scanning', 'AntiVirus Software',
      'Limiting Access to Operating System Files', 'Deploying Updates',
    ];
    for (const r of REQUIREMENTS) expect(headings).toContain(r.clause);
  });

  it('every requirement has a title and a fix ending in a full stop', () => {
    for (const r of REQUIREMENTS) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.fix).toMatch(/\.$/);
    }
  });

  it('looks up ids and rule suffixes', () => {
    expect(requirement('NET-1').area).toBe('NET');
    expect(isRequirementId('NET-9')).toBe(false);
    expect(requirementOfRule('TLS-2.cloudfront')).toBe('TLS-2');
    expect(requirementOfRule('XYZ-1')).toBeUndefined();
  });

  it('orders severities: P0 breaks a P1 threshold, P2 does not', () => {
    expect(isAtOrAbove('P0', 'P1')).toBe(true);
    expect(isAtOrAbove('P2', 'P1')).toBe(false);
  });
});
