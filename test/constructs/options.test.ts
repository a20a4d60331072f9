import { checkContext } from '../../constructs/checks';
import { resolveOptions } from '../../constructs/options';

describe('options', () => {
  it('defaults: the policy ports and severities', () => {
    const o = resolveOptions();
    expect(o.publicEntryPorts).toEqual([80, 443]);
    expect(o.adminPorts).toContainEqual({ from: 22, to: 23 });
    expect(o.severities).toEqual({});
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
