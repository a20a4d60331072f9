/**
 * The CrossGuard policies, called directly: no PolicyPack is constructed (that starts a server).
 */
import type { PolicyResource, StackValidationArgs } from '@pulumi/policy';
import { securityPolicies } from '../../pulumi/policies';
import { GCP } from '../../pulumi/records/types';

function resource(type: string, name: string, props: Record<string, unknown>): PolicyResource {
  return { type, name, props, urn: `urn:pulumi:dev::team::${type}::${name}`, opts: {} as PolicyResource['opts'], dependencies: [], propertyDependencies: {} } as unknown as PolicyResource;
}

function args(resources: PolicyResource[]): StackValidationArgs {
  return { resources, stackTags: new Map(), getConfig: <T extends object>() => ({}) as T } as unknown as StackValidationArgs;
}

const stack = [
  resource(GCP.network, 'main', { autoCreateSubnetworks: false }),
  resource(GCP.firewall, 'deny-egress', { network: 'main', direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534 }),
  resource(GCP.firewall, 'ssh', { network: 'main', allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] }),
];

function violations(policies: ReturnType<typeof securityPolicies>, id: string, resources: PolicyResource[]): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  const policy = policies.find((p) => p.name === id)!;
  void policy.validateStack(args(resources), (message: string, urn?: string) => out.push([message, urn]));
  return out;
}

describe('securityPolicies', () => {
  it('one policy per requirement, mandatory at or above failAt', () => {
    const policies = securityPolicies({ failAt: 'P1' });
    expect(policies).toHaveLength(31);
    expect(policies.find((p) => p.name === 'NET-1')?.enforcementLevel).toBe('mandatory');
    expect(policies.find((p) => p.name === 'NET-3')?.enforcementLevel).toBe('advisory');
    expect(securityPolicies({ failAt: 'P3' }).every((p) => p.enforcementLevel === 'mandatory')).toBe(true);
  });

  it('NET-1 reports the open firewall with its urn and the finding line', () => {
    expect(violations(securityPolicies(), 'NET-1', stack)).toEqual([
      [
        "[NET-1 P0] Firewall 'ssh' allows tcp/22 from 0.0.0.0/0 (rule allows[0]). Restrict the source, or put the service behind a load balancer on 443.",
        'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::ssh',
      ],
    ]);
  });

  it('policies of other requirements stay quiet, and the checks run once per stack', () => {
    const policies = securityPolicies();
    expect(violations(policies, 'NET-3', stack)).toEqual([]);
    expect(violations(policies, 'NET-4', stack)).toEqual([]);
  });

  it('a raised severity changes the enforcement level', () => {
    expect(securityPolicies({ severities: { 'NET-3': 'P1' } }).find((p) => p.name === 'NET-3')?.enforcementLevel).toBe('mandatory');
  });
});
