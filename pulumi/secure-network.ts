/**
 * A VPC network that admits only declared connections: custom-mode subnetworks with flow logs,
 * firewall rules generated from "who talks to whom on which port" (by service account or tag),
 * a logged low-priority deny-all for egress and for ingress, Cloud NAT where workloads declare
 * internet egress, and private service access for Cloud SQL.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { coveredInternets, isPublicRange, parseCidr } from '../constructs/net/cidr';
import { portsOverlap } from '../constructs/net/ports';
import { ADMIN_AND_DATA_PORTS } from '../constructs/options';
import { Connection, Peer, peerOf, Port } from './connections';
import type { ServiceAccountRef } from './iam-rules';
import { componentLabel, invalid, refuse, slug } from './refuse';

/** One subnetwork. */
export interface SubnetworkSpec {
  /** A short name, unique in the network (`app`). */
  readonly name: string;
  readonly region: string;
  /** Its primary range (`10.10.0.0/20`). */
  readonly ipCidrRange: string;
  /**
   * The share of flows the flow logs sample, above 0 and at most 1. 0 would turn the network
   * logs off and is refused (LOG-3).
   * @default 0.5
   */
  readonly flowSampling?: number;
}

/**
 * How firewall rules find a workload's instances: by service account (preferred: only who can
 * act as the account can join the workload) or by network tags.
 *
 * @example
 * const workloads: Record<string, WorkloadIdentity> = { app: { serviceAccount: appAccount }, batch: { tags: ['batch'] } };
 */
export type WorkloadIdentity = { readonly serviceAccount: ServiceAccountRef } | { readonly tags: readonly string[] };

/** Args of `SecureNetwork`. */
export interface SecureNetworkArgs {
  /** @default the project of the provider */
  readonly project?: pulumi.Input<string>;
  /** At least one. */
  readonly subnetworks: readonly SubnetworkSpec[];
  /**
   * The workloads that connections name, by the identity of their instances.
   * @default none
   */
  readonly workloads?: Readonly<Record<string, WorkloadIdentity>>;
  /**
   * Everything the network admits. A connection between two workloads opens ingress on the
   * target and egress on the source (to the network's subnetworks); from a peer, ingress only;
   * to a peer, egress only. A source that covers the internet is refused (NET-1 on admin and
   * data ports, NET-2 elsewhere: the internet reaches workloads only through a
   * `TlsLoadBalancer`, `Peer.loadBalancer()`); internet egress on every port of a protocol is
   * refused (NET-3).
   * @default none: nothing gets in or out
   */
  readonly connections?: readonly Connection[];
  /**
   * A private range reserved for private service access (Cloud SQL private IP), at most a /24
   * (`10.100.0.0/16`). `Peer.privateServices()` names it.
   * @default none
   */
  readonly privateServicesRange?: string;
}

/** A network that `PrivateDatabase` can place a private-IP-only instance in. */
export interface PrivateServicesNetwork {
  /** The network's id. */
  readonly networkId: pulumi.Input<string>;
  /** The private service access peering the instance must wait for. */
  readonly privateServicesConnection?: pulumi.Resource;
}

/** A firewall rule before it is declared. */
interface RuleSpec {
  readonly key: string;
  readonly args: RuleArgs;
}

/** A rule's args; the network is filled in when it is declared. */
type RuleArgs = Omit<gcp.compute.FirewallArgs, 'network'>;

/** Evaluated after every declared rule, before GCP's implied rules (65535). */
const DENY_ALL_PRIORITY = 65534;
const ALLOW_PRIORITY = 1000;
const FIREWALL_LOGS = { metadata: 'INCLUDE_ALL_METADATA' } as const;

/**
 * A VPC network built from declared connections.
 *
 * @example
 * const net = new SecureNetwork('team', {
 *   subnetworks: [{ name: 'app', region: 'europe-west1', ipCidrRange: '10.10.0.0/20' }],
 *   workloads: { web: { serviceAccount: webSa }, app: { serviceAccount: appSa } },
 *   connections: [
 *     { from: Peer.loadBalancer(), to: 'web', ports: [Port.tcp(443)] },
 *     { from: 'web', to: 'app', ports: [Port.tcp(8443)] },
 *     { from: 'app', to: Peer.privateServices(), ports: [Port.tcp(5432)] },
 *   ],
 *   privateServicesRange: '10.100.0.0/16',
 * });
 */
export class SecureNetwork extends pulumi.ComponentResource implements PrivateServicesNetwork {
  readonly network: gcp.compute.Network;
  readonly networkId: pulumi.Output<string>;
  /** By the spec's name. */
  readonly subnetworks: Readonly<Record<string, gcp.compute.Subnetwork>>;
  /** The generated rules, the two deny-all rules last. */
  readonly firewalls: readonly gcp.compute.Firewall[];
  /** Cloud NAT per region, where some workload declares internet egress. */
  readonly nats: readonly gcp.compute.RouterNat[];
  readonly privateServicesConnection?: gcp.servicenetworking.Connection;

  constructor(name: string, args: SecureNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('SecureNetwork', name);
    const plan = planNetwork(label, args);
    const project = args.project !== undefined ? { project: args.project } : {};

    super('compliance:gcp:SecureNetwork', name, {}, opts);
    this.network = new gcp.compute.Network(
      name,
      { autoCreateSubnetworks: false, routingMode: 'REGIONAL', description: 'Custom-mode network managed by compliance-constructs', ...project },
      { parent: this },
    );
    this.networkId = this.network.id;

    const subnetworks: Record<string, gcp.compute.Subnetwork> = {};
    for (const s of args.subnetworks) {
      subnetworks[s.name] = new gcp.compute.Subnetwork(
        `${name}-${s.name}`,
        {
          network: this.network.id,
          region: s.region,
          ipCidrRange: s.ipCidrRange,
          privateIpGoogleAccess: true,
          stackType: 'IPV4_ONLY',
          logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: s.flowSampling ?? 0.5, metadata: 'INCLUDE_ALL_METADATA' },
          ...project,
        },
        { parent: this },
      );
    }
    this.subnetworks = subnetworks;

    if (args.privateServicesRange !== undefined) {
      const [address, prefix] = args.privateServicesRange.split('/');
      const range = new gcp.compute.GlobalAddress(
        `${name}-private-services`,
        { network: this.network.id, purpose: 'VPC_PEERING', addressType: 'INTERNAL', address, prefixLength: Number(prefix), ...project },
        { parent: this },
      );
      this.privateServicesConnection = new gcp.servicenetworking.Connection(
        `${name}-private-services`,
        { network: this.network.id, service: 'servicenetworking.googleapis.com', reservedPeeringRanges: [range.name] },
        { parent: this },
      );
    }

    this.firewalls = plan.rules.map(
      (r) => new gcp.compute.Firewall(`${name}-${r.key}`, { ...r.args, network: this.network.id, ...project }, { parent: this }),
    );

    const nats: gcp.compute.RouterNat[] = [];
    if (plan.internetEgress) {
      const regions = [...new Set(args.subnetworks.map((s) => s.region))];
      for (const region of regions) {
        const router = new gcp.compute.Router(`${name}-router-${region}`, { network: this.network.id, region, ...project }, { parent: this });
        nats.push(
          new gcp.compute.RouterNat(
            `${name}-nat-${region}`,
            {
              router: router.name,
              region,
              natIpAllocateOption: 'AUTO_ONLY',
              sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
              subnetworks: args.subnetworks
                .filter((s) => s.region === region)
                .map((s) => ({ name: subnetworks[s.name].id, sourceIpRangesToNats: ['ALL_IP_RANGES'] })),
              logConfig: { enable: true, filter: 'ALL' },
              ...project,
            },
            { parent: this },
          ),
        );
      }
    }
    this.nats = nats;
    this.registerOutputs({ networkId: this.networkId });
  }
}

interface NetworkPlan {
  readonly rules: RuleSpec[];
  readonly internetEgress: boolean;
}

/** Validates the args and turns the connections into firewall rules, before anything is declared. */
function planNetwork(label: string, args: SecureNetworkArgs): NetworkPlan {
  if (args.subnetworks.length === 0) invalid(label, 'declare at least one subnetwork.');
  const names = new Set<string>();
  for (const s of args.subnetworks) {
    if (names.has(s.name)) invalid(label, `subnetwork name '${s.name}' is used twice.`);
    names.add(s.name);
    if (!parseCidr(s.ipCidrRange) || !s.ipCidrRange.includes('/')) invalid(label, `subnetwork '${s.name}' has ipCidrRange '${s.ipCidrRange}', which is no CIDR.`);
    const sampling = s.flowSampling ?? 0.5;
    if (!(sampling > 0)) {
      refuse('LOG-3', label, `subnetwork '${s.name}' sets flowSampling ${sampling}, which turns its flow logs off; sample above 0 (the default is 0.5).`);
    }
    if (sampling > 1) invalid(label, `subnetwork '${s.name}' sets flowSampling ${sampling}; it is a share, at most 1.`);
  }
  const psa = args.privateServicesRange;
  if (psa !== undefined) {
    const r = parseCidr(psa);
    const prefix = Number(psa.split('/')[1]);
    if (!r || r.family !== 4 || !psa.includes('/') || !(prefix <= 24)) invalid(label, `privateServicesRange '${psa}' must be an IPv4 CIDR of at most /24.`);
    if (isPublicRange(r)) invalid(label, `privateServicesRange '${psa}' is a public range; reserve a private one.`);
  }

  const workloads = args.workloads ?? {};
  for (const [w, identity] of Object.entries(workloads)) {
    if ('tags' in identity && identity.tags.length === 0) invalid(label, `workload '${w}' has no tags.`);
  }
  const internal = args.subnetworks.map((s) => s.ipCidrRange);
  const rules: RuleSpec[] = [];
  const keys = new Map<string, number>();
  const keyFor = (base: string): string => {
    const n = keys.get(base) ?? 0;
    keys.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  };
  let internetEgress = false;

  (args.connections ?? []).forEach((c, i) => {
    const from = peerOf(c.from);
    const to = peerOf(c.to);
    const where = `connection ${i} (${from} → ${to})`;
    if (c.ports.length === 0) invalid(label, `${where} names no port.`);
    if (from.kind !== 'workload' && to.kind !== 'workload') invalid(label, `${where} needs a workload at one end at least.`);
    for (const end of [from, to]) {
      if (end.kind === 'workload' && !Object.hasOwn(workloads, end.label)) invalid(label, `${where} names workload '${end.label}', which is not declared in workloads.`);
    }
    const key = keyFor(`${slug(from.label)}-to-${slug(to.label)}`);
    const description = c.description ?? `${from} to ${to} on ${c.ports.join(', ')}`;
    const allows = allowsOf(c.ports);

    if (to.kind === 'workload') {
      let sources: RuleArgs;
      if (from.kind === 'workload') {
        const a = workloads[from.label];
        const b = workloads[to.label];
        if (('tags' in a) !== ('tags' in b)) {
          invalid(label, `${where} joins a workload named by tags with one named by service account; a GCP firewall rule cannot mix the two.`);
        }
        sources = 'tags' in a ? { sourceTags: [...a.tags] } : { sourceServiceAccounts: [a.serviceAccount.email] };
      } else {
        const ranges = rangesOf(label, where, from, psa);
        checkWorldIngress(label, where, from, ranges, c.ports, to);
        sources = { sourceRanges: [...ranges] };
      }
      rules.push({
        key: `${key}-in`,
        args: { direction: 'INGRESS', priority: ALLOW_PRIORITY, allows, ...sources, ...targetsOf(workloads[to.label]), logConfig: FIREWALL_LOGS, description },
      });
    }
    if (from.kind === 'workload') {
      let destinations: readonly string[];
      if (to.kind === 'workload') destinations = internal;
      else if (to.kind === 'load-balancer' || to.kind === 'iap') invalid(label, `${where}: ${to.kind === 'iap' ? 'IAP' : 'the load balancer'} is only ever a source.`);
      else {
        destinations = rangesOf(label, where, to, psa);
        if (to.kind === 'internet' || isInternet(destinations)) {
          internetEgress = true;
          const every = c.ports.find((p) => p.allPorts);
          if (every) {
            refuse('NET-3', label, `${where} allows every ${every.protocol} port out to the internet; declare the ports '${from.label}' needs (443 for HTTPS APIs, 80 for package mirrors).`);
          }
        }
      }
      rules.push({
        key: `${key}-out`,
        args: {
          direction: 'EGRESS',
          priority: ALLOW_PRIORITY,
          allows,
          destinationRanges: [...destinations],
          ...targetsOf(workloads[from.label]),
          logConfig: FIREWALL_LOGS,
          description,
        },
      });
    }
  });

  rules.push(
    {
      key: 'deny-all-egress',
      args: { direction: 'EGRESS', priority: DENY_ALL_PRIORITY, denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], logConfig: FIREWALL_LOGS, description: 'Egress is an allow-list: everything not declared is denied (NET-3).' },
    },
    {
      key: 'deny-all-ingress',
      args: { direction: 'INGRESS', priority: DENY_ALL_PRIORITY, denies: [{ protocol: 'all' }], sourceRanges: ['0.0.0.0/0'], logConfig: FIREWALL_LOGS, description: 'Ingress is an allow-list; this rule logs what is denied (LOG-3).' },
    },
  );
  return { rules, internetEgress };
}

function targetsOf(identity: WorkloadIdentity): RuleArgs {
  return 'tags' in identity ? { targetTags: [...identity.tags] } : { targetServiceAccounts: [identity.serviceAccount.email] };
}

/** `allows` entries, one per protocol. */
function allowsOf(ports: readonly Port[]): gcp.types.input.compute.FirewallAllow[] {
  const byProtocol = new Map<string, string[]>();
  for (const p of ports) {
    const list = byProtocol.get(p.protocol) ?? [];
    const text = p.firewallPorts;
    if (text !== undefined && !list.includes(text)) list.push(text);
    byProtocol.set(p.protocol, list);
  }
  return [...byProtocol].map(([protocol, list]) => (list.length > 0 ? { protocol, ports: list } : { protocol }));
}

function rangesOf(label: string, where: string, peer: Peer, psa: string | undefined): readonly string[] {
  if (peer.kind === 'private-services') {
    if (psa === undefined) invalid(label, `${where} names Peer.privateServices(), but privateServicesRange is not set.`);
    return [psa];
  }
  for (const r of peer.ranges) if (!parseCidr(r) || !r.includes('/')) invalid(label, `${where} names '${r}', which is no CIDR.`);
  return peer.ranges;
}

function isInternet(ranges: readonly string[]): boolean {
  const parsed = ranges.map((r) => parseCidr(r)).filter((r): r is NonNullable<typeof r> => r !== undefined);
  const covered = coveredInternets(parsed);
  return covered.v4 || covered.v6;
}

/** NET-1 / NET-2: the internet reaches workloads only through the load balancer. */
function checkWorldIngress(label: string, where: string, from: Peer, ranges: readonly string[], ports: readonly Port[], to: Peer): void {
  if (from.kind !== 'internet' && !isInternet(ranges)) return;
  const admin = ports.filter((p) => {
    const range = p.range;
    return range !== undefined && ADMIN_AND_DATA_PORTS.some((a) => portsOverlap(a, range));
  });
  const source = from.kind === 'internet' ? 'the internet' : `${ranges.join(', ')}, which covers the internet`;
  if (admin.length > 0) {
    refuse('NET-1', label, `${where} opens ${admin.join(', ')} on '${to.label}' to ${source}; admin and data ports are never reachable from the internet (administer through Peer.iapTunnel() and OS Login).`);
  }
  refuse('NET-2', label, `${where} opens ${ports.join(', ')} on '${to.label}' to ${source}; the internet reaches workloads only through a TlsLoadBalancer on 443, so use Peer.loadBalancer() as the source.`);
}
