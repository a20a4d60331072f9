/**
 * NET-1..NET-5 over GCP resources.
 */
import { Unknown } from '../../../constructs/unknown';
import type { PulumiObject } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { findingsOf, firewall, LOGGED, network, res, verdicts } from '../fixtures';
import { checkResources } from '../../../pulumi/records';

const UNKNOWN = new Unknown('a value not known until deployment');

describe('the happy path', () => {
  it('custom network, deny-all egress, ssh from IAP range only → no finding', () => {
    expect(findingsOf([firewall('iap-ssh', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['35.235.240.0/20'] })])).toEqual([]);
  });
});

describe('firewalls: NET-1 and NET-2', () => {
  it.each<[string, PulumiObject, string[]]>([
    ['ssh from 0.0.0.0/0 → NET-1 fail', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] }, ['NET-1:fail']],
    ['ssh from ::/0 → NET-1 fail', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['::/0'] }, ['NET-1:fail']],
    ['an allow with no ports means all ports → NET-1 fail', { allows: [{ protocol: 'tcp' }], sourceRanges: ['0.0.0.0/0'] }, ['NET-1:fail']],
    ['protocol all from the world → NET-1 fail', { allows: [{ protocol: 'all' }], sourceRanges: ['0.0.0.0/0'] }, ['NET-1:fail']],
    ['no source at all means the world → NET-1 fail', { allows: [{ protocol: 'tcp', ports: ['3389'] }] }, ['NET-1:fail']],
    ['a port range covering 5432 → NET-1 fail', { allows: [{ protocol: 'tcp', ports: ['5000-6000'] }], sourceRanges: ['0.0.0.0/0'] }, ['NET-1:fail']],
    ['protocol given as number 6 → NET-1 fail', { allows: [{ protocol: '6', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] }, ['NET-1:fail']],
    ['sourceRanges and sourceTags apply together (OR) → NET-1 fail', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'], sourceTags: ['bastion'] }, ['NET-1:fail']],
    ['disabled: true opens nothing → pass', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'], disabled: true }, []],
    ['a deny rule opens nothing → pass', { denies: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] }, []],
    ['ssh from source tags only → pass', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceTags: ['bastion'] }, []],
    ['ssh from a source service account → pass', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceServiceAccounts: ['bastion@p.iam.gserviceaccount.com'] }, []],
    ['443 from the world on instances → NET-2 fail', { allows: [{ protocol: 'tcp', ports: ['443'] }], sourceRanges: ['0.0.0.0/0'] }, ['NET-2:fail']],
    ['udp 53 from the world → NET-2 fail', { allows: [{ protocol: 'udp', ports: ['53'] }], sourceRanges: ['0.0.0.0/0'] }, ['NET-2:fail']],
    ['sourceRanges unknown on ssh → NET-1 unknown', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: UNKNOWN }, ['NET-1:unknown']],
    ['ports unknown from the world → NET-1 unknown', { allows: [{ protocol: 'tcp', ports: UNKNOWN }], sourceRanges: ['0.0.0.0/0'] }, ['NET-1:unknown']],
    ['disabled unknown on an open ssh rule → NET-1 unknown', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'], disabled: UNKNOWN }, ['NET-1:unknown']],
  ])('%s', (_name, inputs, expected) => {
    expect(verdicts(findingsOf([firewall('fw', inputs)]))).toEqual(expected);
  });

  it('message names the firewall, the traffic and the source', () => {
    const [f] = findingsOf([firewall('allow-ssh', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] })]);
    expect(f.message).toBe("Firewall 'allow-ssh' allows tcp/22 from 0.0.0.0/0 (rule allows[0]).");
    expect(f.resource).toMatchObject({ type: GCP.firewall, name: 'allow-ssh', urn: 'urn:pulumi:dev::team::gcp:compute/firewall:Firewall::allow-ssh' });
  });
});

describe('networks: NET-3 and NET-4', () => {
  it.each<[string, boolean | undefined, string[]]>([
    ['autoCreateSubnetworks unset (auto mode by default) → NET-4 fail', undefined, ['NET-4:fail']],
    ['autoCreateSubnetworks true → NET-4 fail', true, ['NET-4:fail']],
    ['autoCreateSubnetworks false → pass', false, []],
  ])('%s', (_name, auto, expected) => {
    const [net, deny] = network();
    const inputs: PulumiObject = auto === undefined ? {} : { autoCreateSubnetworks: auto };
    expect(verdicts(checkResources([{ ...net, inputs }, deny]), 'NET-4')).toEqual(expected);
  });

  it('a network without a deny-all egress firewall keeps the implied allow-all egress → NET-3 fail', () => {
    const [net] = network();
    const f = checkResources([net]);
    expect(verdicts(f)).toEqual(['NET-3:fail']);
    expect(f[0].message).toBe("Network 'main' (implied allow-all egress rule) allows all traffic out to 0.0.0.0/0 (rule implied egress rule (no deny-all egress firewall with a lower priority)).");
  });

  it('a deny-all egress that targets only some instances does not close the implied rule → NET-3 fail', () => {
    const [net, deny] = network();
    expect(verdicts(checkResources([net, { ...deny, inputs: { ...deny.inputs, targetTags: ['web'] } }]))).toEqual(['NET-3:fail']);
  });

  it('an allow-all egress firewall ahead of the deny → NET-3 fail', () => {
    const egress = res(GCP.firewall, 'allow-egress', { network: 'main-id', direction: 'EGRESS', allows: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 100, ...LOGGED });
    expect(verdicts(findingsOf([egress]))).toEqual(['NET-3:fail']);
  });

  it('egress on 443 to the world → pass', () => {
    const egress = res(GCP.firewall, 'allow-https-out', { network: 'main-id', direction: 'EGRESS', allows: [{ protocol: 'tcp', ports: ['443'] }], destinationRanges: ['0.0.0.0/0'], ...LOGGED });
    expect(findingsOf([egress])).toEqual([]);
  });
});

describe('forwarding rules', () => {
  it.each<[string, PulumiObject, string[]]>([
    ['external 443 → pass', { portRange: '443', loadBalancingScheme: 'EXTERNAL_MANAGED' }, []],
    ['external 80-80 → pass', { portRange: '80-80' }, []],
    ['external 22 → NET-1 fail', { portRange: '22' }, ['NET-1:fail']],
    ['external 8080 → NET-2 fail', { portRange: '8080' }, ['NET-2:fail']],
    ['external all ports → NET-1 fail', { allPorts: true }, ['NET-1:fail']],
    ['internal 5432 → pass (not reachable from the internet)', { portRange: '5432', loadBalancingScheme: 'INTERNAL' }, []],
  ])('%s', (_name, inputs, expected) => {
    expect(verdicts(findingsOf([res(GCP.globalForwardingRule, 'lb', inputs)]))).toEqual(expected);
  });
});

describe('Cloud SQL: NET-5', () => {
  const db = (ipConfiguration: PulumiObject | undefined) =>
    res(GCP.sqlDatabaseInstance, 'db', { databaseVersion: 'POSTGRES_15', settings: { tier: 'db-f1-micro', ...(ipConfiguration ? { ipConfiguration } : {}) } });
  it.each<[string, PulumiObject | undefined, string[]]>([
    ['public IP with 0.0.0.0/0 authorized → fail', { ipv4Enabled: true, authorizedNetworks: [{ value: '0.0.0.0/0' }] }, ['NET-5:fail']],
    ['public IP by default with 0.0.0.0/0 authorized → fail', { authorizedNetworks: [{ value: '0.0.0.0/0' }] }, ['NET-5:fail']],
    ['private IP only → pass', { ipv4Enabled: false, privateNetwork: 'main-id' }, []],
    ['public IP with an office range → pass', { ipv4Enabled: true, authorizedNetworks: [{ value: '203.0.113.0/24' }] }, []],
    ['authorized network unknown → unknown', { ipv4Enabled: true, authorizedNetworks: [{ value: UNKNOWN }] }, ['NET-5:unknown']],
  ])('%s', (_name, ip, expected) => {
    expect(verdicts(findingsOf([db(ip)]), 'NET-5')).toEqual(expected);
  });
});

describe('the implied egress rule in a preview (the deny firewall network not known yet)', () => {
  const [net, deny] = network();
  const pending = { ...deny, inputs: { ...deny.inputs, network: UNKNOWN } };

  it('a deny-all egress whose network is unknown may close the implied rule → NET-3 unknown, not fail', () => {
    const findings = checkResources([net, pending]);
    expect(verdicts(findings)).toEqual(['NET-3:unknown']);
    expect(findings[0].message).toBe(
      "Could not be verified: network 'main' (implied allow-all egress rule) may allow all traffic out to 0.0.0.0/0 (rule implied egress rule (no deny-all egress firewall with a lower priority)). " +
        "implied egress rule (no deny-all egress firewall with a lower priority): whether it applies is decided by Firewall 'deny-all-egress' (its network is network of Firewall 'deny-all-egress', a value not known until deployment), which may deny egress on this network first.",
    );
  });

  it('the same deny with its property dependency on the network → joined, no finding', () => {
    const joined = { ...pending, dependencies: { network: [{ type: GCP.network, name: 'main', urn: net.urn }] } };
    expect(checkResources([net, joined])).toEqual([]);
  });

  it('a dependency on a network declared elsewhere does not close this one → NET-3 unknown', () => {
    const other = { ...pending, dependencies: { network: [{ type: GCP.network, name: 'other' }] } };
    expect(verdicts(checkResources([net, other]))).toEqual(['NET-3:unknown']);
  });

  it('a deny on a network that is not in the program (a literal) → NET-3 fail', () => {
    const elsewhere = { ...deny, inputs: { ...deny.inputs, network: 'projects/p/global/networks/shared' } };
    expect(verdicts(checkResources([net, elsewhere]))).toEqual(['NET-3:fail']);
  });

  it('an unknown deny with targets does not count either way → NET-3 fail', () => {
    const targeted = { ...pending, inputs: { ...pending.inputs, targetTags: ['web'] } };
    expect(verdicts(checkResources([net, targeted]))).toEqual(['NET-3:fail']);
  });
});

describe('placement in the default network: NET-4', () => {
  const vm = (nic: PulumiObject) => res(GCP.instance, 'vm', { networkInterfaces: [nic] });
  it.each<[string, PulumiObject, string[]]>([
    ["network 'default' → fail", { network: 'default' }, ['NET-4:fail']],
    ['a self link to the default network → fail', { network: 'https://www.googleapis.com/compute/v1/projects/p/global/networks/default' }, ['NET-4:fail']],
    ['no network and no subnetwork (GCP picks default) → fail', {}, ['NET-4:fail']],
    ['a subnetwork of the program → pass', { subnetwork: 'web-id' }, []],
    ['a network computed from a resource being created → pass (never the default network)', { network: UNKNOWN }, []],
  ])('%s', (_name, nic, expected) => {
    expect(verdicts(findingsOf([vm(nic)]), 'NET-4')).toEqual(expected);
  });

  it('message names the interface', () => {
    const [f] = findingsOf([vm({})]).filter((x) => x.requirement === 'NET-4');
    expect(f.message).toBe("Instance 'vm' uses the default network: networkInterfaces[0] names no network or subnetwork, so GCP uses the default network.");
  });

  it('a firewall on the default network → NET-4 fail', () => {
    expect(verdicts(findingsOf([firewall('fw', { network: 'default', allows: [{ protocol: 'tcp', ports: ['443'] }], sourceRanges: ['10.0.0.0/8'] })]), 'NET-4')).toEqual(['NET-4:fail']);
  });
});

describe('the implied egress rule of a dual-stack network', () => {
  it('an IPv6 subnetwork opens ::/0 too; a deny for 0.0.0.0/0 only leaves it → NET-3 fail on ::/0', () => {
    const [net, deny] = network();
    const sub = res(GCP.subnetwork, 'dual', { network: 'main-id', ipCidrRange: '10.0.0.0/24', stackType: 'IPV4_IPV6', logConfig: { flowSampling: 0.5 } });
    const findings = checkResources([net, deny, sub]).filter((f) => f.requirement === 'NET-3');
    expect(findings.map((f) => f.detail)).toEqual(['egress all traffic to ::/0']);
  });
});
