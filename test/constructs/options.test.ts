import { checkContext } from '../../constructs/checks';
import { resolveOptions } from '../../constructs/options';

describe('options', () => {
  it('defaults: the policy ports and severities', () => {
    const o = resolveOptions();
    expect(o.publicEntryPorts).toEqual([80, 443]);
    expect(o.adminPorts).toContainEqual({ from: 22, to: 23 });
    expect(o.severities).toEqual({});
  });

  it('defaults: the policy thresholds for passwords, rotation and narrowing keys', () => {
    const o = resolveOptions();
    expect(o.passwordMinimumLength).toBe(8);
    expect(o.passwordCharacterClasses).toEqual(['symbols', 'numbers', 'uppercase', 'lowercase']);
    expect(o.secretRotationDays).toBe(90);
    expect(o.keyRotationDays).toBe(90);
    expect(o.principalNarrowingKeys).toContain('aws:PrincipalOrgID');
  });

  it('a team may tighten the thresholds', () => {
    const o = resolveOptions({ passwordMinimumLength: 14, secretRotationDays: 30, keyRotationDays: 30 });
    expect([o.passwordMinimumLength, o.secretRotationDays, o.keyRotationDays]).toEqual([14, 30, 30]);
  });

  it.each([
    [{ passwordMinimumLength: 6 }, /passwordMinimumLength 6 is weaker than the policy's 8 characters/],
    [{ secretRotationDays: 180 }, /secretRotationDays 180 is weaker than the policy's 90 days/],
    [{ keyRotationDays: 365 }, /keyRotationDays 365 is weaker than the policy's 90 days/],
    [{ passwordCharacterClasses: ['uppercase', 'lowercase'] }, /must keep symbols, numbers and at least one letter class/],
    [{ passwordCharacterClasses: ['symbols', 'numbers', 'emoji'] }, /Unknown password character class 'emoji'/],
  ])('refuses a weaker threshold %j', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(message);
  });

  it('a team may raise a severity', () => {
    const f = checkContext({ severities: { 'NET-3': 'P1' } }).finding('NET-3', { type: 'AWS::EC2::SecurityGroup', logicalId: 'A' }, { message: 'x' });
    expect(f).toMatchObject({ severity: 'P1', requirement: 'NET-3' });
  });

  it.each([
    [{ 'NET-1': 'P2' }, /NET-1 is P0 in the policy and cannot be lowered to P2/],
    [{ 'NET-9': 'P1' }, /Unknown requirement 'NET-9'/],
    [{ 'NET-2': 'high' }, /Invalid severity 'high' for NET-2/],
  ])('refuses %j', (severities, message) => {
    expect(() => resolveOptions({ severities } as never)).toThrow(message);
  });
});

describe('encryption and transport options', () => {
  it('defaults: databases and other stores of user data are sensitive; TLSv1.2 minimum', () => {
    const o = resolveOptions();
    expect(o.sensitiveStores).toEqual(['database', 'warehouse', 'file-system', 'table', 'search', 'backup']);
    expect(o.minimumTlsVersion).toBe('TLSv1.2');
  });

  it('a team may raise the TLS minimum and list its sensitive stores', () => {
    const o = resolveOptions({ minimumTlsVersion: 'TLSv1.3', sensitiveStores: ['bucket', 'AWS::SQS::Queue'] });
    expect(o.minimumTlsVersion).toBe('TLSv1.3');
    expect(o.sensitiveStores).toEqual(['bucket', 'AWS::SQS::Queue']);
  });

  it.each([
    [{ minimumTlsVersion: 'TLSv1.1' }, /minimumTlsVersion 'TLSv1.1' is not allowed/],
    [{ minimumTlsVersion: '1.2' }, /minimumTlsVersion '1.2' is not allowed/],
    [{ sensitiveStores: ['databases'] }, /Unknown store 'databases' in sensitiveStores/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(message);
  });
});

describe('logging and container options', () => {
  it('defaults: 90 days of logs, no host folders, the dangerous capabilities', () => {
    const o = resolveOptions();
    expect(o.logRetentionDays).toBe(90);
    expect(o.containerHostPaths).toEqual([]);
    expect(o.forbiddenCapabilities).toContain('SYS_ADMIN');
  });

  it('capabilities are compared upper case, without CAP_', () => {
    expect(resolveOptions({ forbiddenCapabilities: ['cap_net_raw'] }).forbiddenCapabilities).toEqual(['NET_RAW']);
  });

  it.each([
    [{ logRetentionDays: 30 }, /at least the policy's 90/],
    [{ logRetentionDays: 90.5 }, /whole number of days/],
    [{ containerHostPaths: ['var/log'] }, /absolute paths/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message);
  });
});
