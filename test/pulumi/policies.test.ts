/**
 * The CrossGuard policies, called directly: no PolicyPack is constructed (that starts a server).
 */
import { unknownCheckingProxy } from '@pulumi/policy';
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

describe('securityPolicies in a preview, and exceptions', () => {
  const UNKNOWN_STRING = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
  /** What CrossGuard hands a policy during a preview: inputs behind a proxy that throws on unknown values. */
  function previewed(r: PolicyResource, dependencies: Record<string, PolicyResource[]> = {}): PolicyResource {
    return { ...r, props: unknownCheckingProxy(r.props), propertyDependencies: dependencies } as PolicyResource;
  }

  it('an unknown value is judged unknown, not skipped by the proxy', () => {
    const admin = previewed(resource(GCP.firewall, 'admin', { network: 'main', allows: [{ protocol: 'tcp', ports: ['3389'] }], sourceRanges: UNKNOWN_STRING, logConfig: { metadata: 'INCLUDE_ALL_METADATA' } }));
    const out = violations(securityPolicies(), 'NET-1', [...stack.slice(0, 2), admin]);
    expect(out).toEqual([[expect.stringMatching(/^\[NET-1 P0\] Could not be verified: firewall 'admin' may allow tcp\/3389/), 'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::admin']]);
  });

  it("the deny firewall's unknown network joins through CrossGuard's property dependencies → no NET-3", () => {
    const net = resource(GCP.network, 'main', { autoCreateSubnetworks: false });
    const deny = previewed(resource(GCP.firewall, 'deny-egress', { network: UNKNOWN_STRING, direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534 }), { network: [net] });
    expect(violations(securityPolicies({ failAt: 'P3' }), 'NET-3', [net, deny])).toEqual([]);
    const lone = previewed(resource(GCP.firewall, 'deny-egress', { network: UNKNOWN_STRING, direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534 }));
    expect(violations(securityPolicies({ failAt: 'P3' }), 'NET-3', [net, lone])).toEqual([[expect.stringMatching(/^\[NET-3 P2\] Could not be verified/), net.urn]]);
  });

  it('an excepted finding is not reported; an exception that cannot be honoured is', () => {
    const exceptions = [{ requirement: 'NET-1' as const, target: { name: 'ssh' }, reason: 'r', owner: 'o', expires: '2026-11-25' }];
    const out = violations(securityPolicies({ exceptions, today: '2026-11-20' }), 'NET-1', stack);
    expect(out.map(([m]) => m)).toEqual([expect.stringMatching(/^\[NET-1 P0\] Firewall 'ssh' allows tcp\/22/), expect.stringMatching(/^\[NET-1 P0\] Exception for NET-1 on 'ssh' \(o\) is not honoured/)]);
    const fine = securityPolicies({ exceptions: [{ requirement: 'NET-2', target: { name: 'web' }, reason: 'r', owner: 'o', expires: '2026-11-25' }], today: '2026-11-20' });
    const web = resource(GCP.firewall, 'web', { network: 'main', allows: [{ protocol: 'tcp', ports: ['8080'] }], sourceRanges: ['0.0.0.0/0'], logConfig: { metadata: 'INCLUDE_ALL_METADATA' } });
    expect(violations(fine, 'NET-2', [...stack.slice(0, 2), web])).toEqual([]);
  });
});
