/**
 * In-program enforcement, driven directly (the engine's transforms do not run under mocks).
 */
import { ComplianceError } from '../../constructs/errors';
import { PolicyEnforcer } from '../../pulumi/enforce';
import { GCP } from '../../pulumi/records/types';

function enforcer(failAt: 'P0' | 'P1' | 'P2' = 'P1') {
  const log = { warnings: [] as string[], errors: [] as string[] };
  const e = new PolicyEnforcer({ failAt }, { warn: (m) => log.warnings.push(m), error: (m) => log.errors.push(m) });
  return { e, log };
}

const ssh = { type: GCP.firewall, name: 'ssh', custom: true, props: { network: 'main', allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] } };
const net = { type: GCP.network, name: 'main', custom: true, props: { autoCreateSubnetworks: false } };
const denyEgress = { type: GCP.firewall, name: 'deny-egress', custom: true, props: { network: 'main', direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534 } };

describe('PolicyEnforcer', () => {
  it('an open ssh firewall is refused when it is registered', () => {
    const { e } = enforcer();
    expect(() => e.register(ssh)).toThrow(ComplianceError);
    expect(() => e.register(ssh)).toThrow("[NET-1] [NET-1 P0] Firewall 'ssh' allows tcp/22 from 0.0.0.0/0 (rule allows[0]).");
  });

  it('below failAt: a warning, not an error', () => {
    const { e, log } = enforcer('P0');
    e.register({ ...ssh, props: { ...ssh.props, allows: [{ protocol: 'tcp', ports: ['443'] }] } });
    expect(log.warnings).toEqual([expect.stringMatching(/^\[NET-2 P1\] Firewall 'ssh' allows tcp\/443/)]);
  });

  it('a network is not judged on its implied egress until the program is complete', () => {
    const { e, log } = enforcer('P2');
    expect(() => e.register(net)).not.toThrow();
    e.register(denyEgress);
    expect(e.finish()).toEqual([]);
    expect(log.errors).toEqual([]);
  });

  it('at the end, a network left with its implied allow-all egress is an error at failAt P2', () => {
    const { e, log } = enforcer('P2');
    e.register(net);
    expect(e.finish().map((f) => f.requirement)).toEqual(['NET-3']);
    expect(log.errors).toEqual([expect.stringMatching(/^\[NET-3 P2\] Network 'main' \(implied allow-all egress rule\)/)]);
  });

  it('components are not checked', () => {
    const { e } = enforcer();
    expect(() => e.register({ ...ssh, custom: false })).not.toThrow();
  });
});
