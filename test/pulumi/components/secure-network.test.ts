/**
 * SecureNetwork: custom-mode subnetworks with flow logs, firewall rules from declared
 * connections, logged deny-all rules, Cloud NAT for declared internet egress, private service
 * access; world ingress only from the load balancer.
 */
import { checkResources } from '../../../pulumi/records';
import { Connection, Peer, Port } from '../../../pulumi/connections';
import { SecureNetwork, SecureNetworkArgs } from '../../../pulumi/secure-network';
import { deepFreeze, failure, inputsOf, ofType, record, refusal, snapshotOf, T } from './fixtures';

const WEB_SA = { email: 'web@team-project.iam.gserviceaccount.com' };
const APP_SA = { email: 'app@team-project.iam.gserviceaccount.com' };

function args(connections: Connection[] = [], extra: Partial<SecureNetworkArgs> = {}): SecureNetworkArgs {
  return {
    subnetworks: [
      { name: 'web', region: 'europe-west1', ipCidrRange: '10.10.0.0/24' },
      { name: 'app', region: 'europe-west1', ipCidrRange: '10.10.1.0/24' },
    ],
    workloads: { web: { serviceAccount: WEB_SA }, app: { serviceAccount: APP_SA }, batch: { tags: ['batch'] }, cron: { tags: ['cron'] } },
    connections,
    privateServicesRange: '10.100.0.0/16',
    ...extra,
  };
}

const TEAM: Connection[] = [
  { from: Peer.loadBalancer(), to: 'web', ports: [Port.tcp(443)] },
  { from: 'web', to: 'app', ports: [Port.tcp(8443)] },
  { from: 'app', to: Peer.privateServices(), ports: [Port.tcp(5432)] },
  { from: 'cron', to: 'batch', ports: [Port.tcp(9000), Port.udp(9001), Port.icmp()] },
  { from: Peer.iapTunnel(), to: 'app', ports: [Port.tcp(22)] },
  { from: 'app', to: Peer.internet(), ports: [Port.tcp(80), Port.tcp(443)] },
];

describe('SecureNetwork: GIVEN the team connections', () => {
  let resources: Awaited<ReturnType<typeof record>>;
  beforeAll(async () => {
    resources = await record(() => new SecureNetwork('team', args(TEAM)));
  });

  it('THEN the network creates no subnetworks by itself (NET-4)', () => {
    expect(inputsOf(resources, T.network, 'team')).toMatchObject({ autoCreateSubnetworks: false });
  });

  it('THEN every subnetwork logs flows with all metadata and is IPv4 only (LOG-3)', () => {
    for (const s of ofType(resources, T.subnetwork)) {
      expect(s.inputs).toMatchObject({
        network: 'team-id',
        stackType: 'IPV4_ONLY',
        privateIpGoogleAccess: true,
        logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
      });
    }
    expect(ofType(resources, T.subnetwork).map((s) => s.inputs.ipCidrRange)).toEqual(['10.10.1.0/24', '10.10.0.0/24']);
  });

  it('THEN a logged deny-all egress rule for every instance comes after the allows (NET-3)', () => {
    const deny = inputsOf(resources, T.firewall, 'team-deny-all-egress');
    expect(deny).toEqual({
      network: 'team-id',
      direction: 'EGRESS',
      priority: 65534,
      denies: [{ protocol: 'all' }],
      destinationRanges: ['0.0.0.0/0'],
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
      description: 'Egress is an allow-list: everything not declared is denied (NET-3).',
    });
  });

  it('THEN every firewall rule logs (LOG-3)', () => {
    for (const fw of ofType(resources, T.firewall)) expect(fw.inputs.logConfig).toEqual({ metadata: 'INCLUDE_ALL_METADATA' });
  });

  it('THEN the load balancer reaches web on 443 only from Google front ends, by target service account', () => {
    expect(inputsOf(resources, T.firewall, 'team-lb-to-web-in')).toMatchObject({
      direction: 'INGRESS',
      priority: 1000,
      allows: [{ protocol: 'tcp', ports: ['443'] }],
      sourceRanges: ['130.211.0.0/22', '35.191.0.0/16'],
      targetServiceAccounts: [WEB_SA.email],
    });
    expect(resources.some((r) => r.name === 'team-lb-to-web-out')).toBe(false);
  });

  it('THEN web → app opens ingress on app from web and egress on web to the subnetworks', () => {
    expect(inputsOf(resources, T.firewall, 'team-web-to-app-in')).toMatchObject({
      direction: 'INGRESS',
      allows: [{ protocol: 'tcp', ports: ['8443'] }],
      sourceServiceAccounts: [WEB_SA.email],
      targetServiceAccounts: [APP_SA.email],
    });
    expect(inputsOf(resources, T.firewall, 'team-web-to-app-out')).toMatchObject({
      direction: 'EGRESS',
      allows: [{ protocol: 'tcp', ports: ['8443'] }],
      destinationRanges: ['10.10.0.0/24', '10.10.1.0/24'],
      targetServiceAccounts: [WEB_SA.email],
    });
  });

  it('THEN workloads named by tags get tag rules, one allow entry per protocol', () => {
    expect(inputsOf(resources, T.firewall, 'team-cron-to-batch-in')).toMatchObject({
      allows: [{ protocol: 'tcp', ports: ['9000'] }, { protocol: 'udp', ports: ['9001'] }, { protocol: 'icmp' }],
      sourceTags: ['cron'],
      targetTags: ['batch'],
    });
  });

  it('THEN the app reaches the private services range on 5432 through a reserved peering range', () => {
    expect(inputsOf(resources, T.firewall, 'team-app-to-private-services-out')).toMatchObject({ direction: 'EGRESS', destinationRanges: ['10.100.0.0/16'] });
    expect(inputsOf(resources, T.globalAddress, 'team-private-services')).toMatchObject({
      purpose: 'VPC_PEERING',
      addressType: 'INTERNAL',
      address: '10.100.0.0',
      prefixLength: 16,
      network: 'team-id',
    });
    expect(inputsOf(resources, T.serviceNetworking, 'team-private-services')).toMatchObject({
      service: 'servicenetworking.googleapis.com',
      reservedPeeringRanges: ['team-private-services'],
    });
  });

  it('THEN internet egress is the declared ports only, through a logged Cloud NAT', () => {
    expect(inputsOf(resources, T.firewall, 'team-app-to-internet-out')).toMatchObject({
      direction: 'EGRESS',
      allows: [{ protocol: 'tcp', ports: ['80', '443'] }],
      destinationRanges: ['0.0.0.0/0'],
      targetServiceAccounts: [APP_SA.email],
    });
    expect(inputsOf(resources, T.routerNat, 'team-nat-europe-west1')).toMatchObject({
      router: 'team-router-europe-west1',
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetworks: [
        { name: 'team-web-id', sourceIpRangesToNats: ['ALL_IP_RANGES'] },
        { name: 'team-app-id', sourceIpRangesToNats: ['ALL_IP_RANGES'] },
      ],
      logConfig: { enable: true, filter: 'ALL' },
    });
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });
});

describe('SecureNetwork: other shapes', () => {
  it('no internet egress declared → no Cloud NAT', async () => {
    const resources = await record(() => new SecureNetwork('team', args([{ from: 'web', to: 'app', ports: [Port.tcp(8443)] }])));
    expect(ofType(resources, T.routerNat)).toEqual([]);
    expect(ofType(resources, T.router)).toEqual([]);
  });

  it('a flow sampling of 1 is kept', async () => {
    const resources = await record(() => new SecureNetwork('team', args([], { subnetworks: [{ name: 'a', region: 'us-east1', ipCidrRange: '10.0.0.0/24', flowSampling: 1 }] })));
    expect(inputsOf(resources, T.subnetwork, 'team-a').logConfig).toMatchObject({ flowSampling: 1 });
  });

  it('the same pair twice gets a second rule name', async () => {
    const resources = await record(() => new SecureNetwork('team', args([{ from: 'web', to: 'app', ports: [Port.tcp(8443)] }, { from: 'web', to: 'app', ports: [Port.tcp(9443)] }])));
    expect(ofType(resources, T.firewall).map((f) => f.name)).toEqual(
      expect.arrayContaining(['team-web-to-app-in', 'team-web-to-app-out', 'team-web-to-app-2-in', 'team-web-to-app-2-out']),
    );
  });

  it("does not change the caller's args", async () => {
    const frozen = deepFreeze(args(TEAM));
    await expect(record(() => new SecureNetwork('team', frozen))).resolves.toHaveLength(17);
  });
});

describe('SecureNetwork refuses', () => {
  it.each<[string, SecureNetworkArgs, string, string]>([
    [
      'https from the internet straight to a workload → NET-2',
      args([{ from: Peer.internet(), to: 'web', ports: [Port.tcp(443)] }]),
      'NET-2',
      "[NET-2] SecureNetwork 'team': connection 0 (internet → web) opens tcp/443 on 'web' to the internet; the internet reaches workloads only through a TlsLoadBalancer on 443, so use Peer.loadBalancer() as the source.",
    ],
    [
      'ssh from ranges that together cover the internet → NET-1',
      args([{ from: Peer.cidr('0.0.0.0/1', '128.0.0.0/1'), to: 'app', ports: [Port.tcp(22)] }]),
      'NET-1',
      "[NET-1] SecureNetwork 'team': connection 0 (0.0.0.0/1, 128.0.0.0/1 → app) opens tcp/22 on 'app' to 0.0.0.0/1, 128.0.0.0/1, which covers the internet; admin and data ports are never reachable from the internet (administer through Peer.iapTunnel() and OS Login).",
    ],
    [
      'postgres from ::/0 → NET-1',
      args([{ from: Peer.cidr('::/0'), to: 'app', ports: [Port.tcp(5432)] }]),
      'NET-1',
      "[NET-1] SecureNetwork 'team': connection 0 (::/0 → app) opens tcp/5432 on 'app' to ::/0, which covers the internet; admin and data ports are never reachable from the internet (administer through Peer.iapTunnel() and OS Login).",
    ],
    [
      'every tcp port out to the internet → NET-3',
      args([{ from: 'app', to: Peer.internet(), ports: [Port.tcpRange(1, 65535)] }]),
      'NET-3',
      "[NET-3] SecureNetwork 'team': connection 0 (app → internet) allows every tcp port out to the internet; declare the ports 'app' needs (443 for HTTPS APIs, 80 for package mirrors).",
    ],
    [
      'flow logs sampled at 0 → LOG-3',
      args([], { subnetworks: [{ name: 'web', region: 'europe-west1', ipCidrRange: '10.10.0.0/24', flowSampling: 0 }] }),
      'LOG-3',
      "[LOG-3] SecureNetwork 'team': subnetwork 'web' sets flowSampling 0, which turns its flow logs off; sample above 0 (the default is 0.5).",
    ],
  ])('%s', async (_name, networkArgs, requirement, message) => {
    const e = await refusal(() => new SecureNetwork('team', networkArgs));
    expect(e.requirement).toBe(requirement);
    expect(e.message).toBe(message);
  });

  it('nothing is registered for refused args', async () => {
    const resources = await record(() => {
      try {
        new SecureNetwork('team', args([{ from: Peer.internet(), to: 'web', ports: [Port.tcp(443)] }]));
      } catch {
        // refused
      }
    });
    expect(resources).toEqual([]);
  });
});

describe('SecureNetwork rejects malformed args', () => {
  it.each<[string, SecureNetworkArgs, string]>([
    ['an undeclared workload', args([{ from: 'web', to: 'db', ports: [Port.tcp(5432)] }]), "SecureNetwork 'team': connection 0 (web → db) names workload 'db', which is not declared in workloads."],
    [
      'tags joined with service accounts',
      args([{ from: 'cron', to: 'app', ports: [Port.tcp(8443)] }]),
      "SecureNetwork 'team': connection 0 (cron → app) joins a workload named by tags with one named by service account; a GCP firewall rule cannot mix the two.",
    ],
    ['no workload at either end', args([{ from: Peer.iapTunnel(), to: Peer.internet(), ports: [Port.tcp(22)] }]), "SecureNetwork 'team': connection 0 (iap → internet) needs a workload at one end at least."],
    [
      'private services without a range',
      args([{ from: 'app', to: Peer.privateServices(), ports: [Port.tcp(5432)] }], { privateServicesRange: undefined }),
      "SecureNetwork 'team': connection 0 (app → private-services) names Peer.privateServices(), but privateServicesRange is not set.",
    ],
    ['a subnetwork range that is no CIDR', args([], { subnetworks: [{ name: 'web', region: 'europe-west1', ipCidrRange: '10.10.0.0' }] }), "SecureNetwork 'team': subnetwork 'web' has ipCidrRange '10.10.0.0', which is no CIDR."],
    ['a public private-services range', args([], { privateServicesRange: '8.8.0.0/16' }), "SecureNetwork 'team': privateServicesRange '8.8.0.0/16' is a public range; reserve a private one."],
    ['egress to the load balancer', args([{ from: 'web', to: Peer.loadBalancer(), ports: [Port.tcp(443)] }]), "SecureNetwork 'team': connection 0 (web → lb): the load balancer is only ever a source."],
  ])('%s', async (_name, networkArgs, message) => {
    const e = await failure(() => new SecureNetwork('team', networkArgs));
    expect(e.message).toBe(message);
  });
});
