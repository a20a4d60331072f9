/**
 * In-program enforcement, driven directly (the engine's transforms do not run under mocks).
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { ComplianceError } from '../../constructs/errors';
import { PolicyEnforcer } from '../../pulumi/enforce';
import { recordResources } from '../../pulumi/mocks';
import { UNKNOWN_SENTINEL } from '../../pulumi/records/resource';
import { GCP } from '../../pulumi/records/types';

/** Pulumi's marker for a value not known yet, as raw inputs carry it. */
const UNKNOWN_MARKER = UNKNOWN_SENTINEL;

function enforcer(failAt: 'P0' | 'P1' | 'P2' = 'P1') {
  const log = { warnings: [] as string[], errors: [] as string[] };
  const e = new PolicyEnforcer({ failAt }, { warn: (m) => log.warnings.push(m), error: (m) => log.errors.push(m) });
  return { e, log };
}

const logConfig = { metadata: 'INCLUDE_ALL_METADATA' };
const ssh = { type: GCP.firewall, name: 'ssh', custom: true, props: { network: 'main', allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'], logConfig } };
const net = { type: GCP.network, name: 'main', custom: true, props: { autoCreateSubnetworks: false } };
const denyEgress = { type: GCP.firewall, name: 'deny-egress', custom: true, props: { network: 'main', direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534, logConfig } };

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

describe('PolicyEnforcer: exceptions, unknowns, live outputs', () => {
  const partner = { type: GCP.firewall, name: 'partner', custom: true, props: { network: 'main', allows: [{ protocol: 'tcp', ports: ['8080'] }], sourceRanges: ['0.0.0.0/0'], logConfig } };
  const exception = { requirement: 'NET-2' as const, target: { name: 'partner' }, reason: 'Partner webhook', ticket: 'SEC-12', expires: '2026-11-25' };

  it('a valid exception by name lets the resource register, silently', () => {
    const log = { warnings: [] as string[], errors: [] as string[] };
    const e = new PolicyEnforcer({ failAt: 'P1', exceptions: [exception], today: '2026-11-20' }, { warn: (m) => log.warnings.push(m), error: (m) => log.errors.push(m) });
    expect(() => e.register(partner)).not.toThrow();
    expect(log).toEqual({ warnings: [], errors: [] });
  });

  it('an exception by URN, with the URN the transform computes', () => {
    const { e } = enforcer();
    const urn = 'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::partner';
    const excepted = new PolicyEnforcer({ exceptions: [{ ...exception, target: { urn } }], today: '2026-11-20' }, { warn: () => undefined, error: () => undefined });
    expect(() => excepted.register({ ...partner, urn })).not.toThrow();
    expect(() => e.register({ ...partner, urn })).toThrow(/NET-2/);
  });

  it('an exception for a P0 does not stop the refusal', () => {
    const e = new PolicyEnforcer({ exceptions: [{ ...exception, requirement: 'NET-1', target: { name: 'ssh' } }], today: '2026-11-20' }, { warn: () => undefined, error: () => undefined });
    expect(() => e.register(ssh)).toThrow(/NET-1 P0/);
  });

  it('an input not known at registration is not refused then; the last check reports it', () => {
    const { e, log } = enforcer();
    e.register(net);
    e.register(denyEgress);
    expect(() => e.register({ ...ssh, props: { ...ssh.props, sourceRanges: UNKNOWN_MARKER } })).not.toThrow();
    expect(e.finish().map((f) => `${f.requirement}:${f.status}`)).toEqual(['NET-1:unknown']);
    expect(log.errors).toEqual([expect.stringMatching(/^\[NET-1 P0\] Could not be verified: firewall 'ssh' may allow tcp\/22/)]);
  });

  it('live outputs: a deny firewall on net.id joins its network once settled (under mocks)', async () => {
    const { e, log } = enforcer('P2');
    await recordResources(async () => {
      const network = new gcp.compute.Network('main', { autoCreateSubnetworks: false });
      e.register({ ...net, props: { autoCreateSubnetworks: false } });
      // In a preview the network's id is not known: only its lineage says which network it is.
      const pending = pulumi.all([network.id, pulumi.output(pulumi.unknown as unknown as string)]).apply(([id]) => id);
      e.register({ ...denyEgress, props: { ...denyEgress.props, network: pending }, stack: 'stack', project: 'project' });
      await e.settled();
    });
    expect(e.finish()).toEqual([]);
    expect(log.errors).toEqual([]);
  });

  it('live outputs: a known output settles to its value', async () => {
    const { e } = enforcer('P2');
    await recordResources(async () => {
      const network = new gcp.compute.Network('main', { autoCreateSubnetworks: false });
      e.register({ ...net, props: { autoCreateSubnetworks: false } });
      e.register({ ...ssh, props: { ...ssh.props, network: network.id, sourceRanges: pulumi.output(['35.235.240.0/20']) } });
      e.register({ ...denyEgress, props: { ...denyEgress.props, network: network.id } });
      await e.settled();
    });
    expect(e.finish()).toEqual([]);
  });
});
