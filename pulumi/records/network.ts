/**
 * GCP network resources -> network facts: firewalls, networks (auto mode, the implied
 * allow-all egress rule), external forwarding rules, and Cloud SQL public endpoints.
 */
import type { DataEndpointFact, NetworkBoundaryFact, NetworkFact, NetworkRule, Peer, PlacementFact } from '../../constructs/facts/network';
import type { ResourceRef } from '../../constructs/finding';
import { coveredInternets, parseCidr } from '../../constructs/net/cidr';
import { ALL_PORTS, hasPorts, parsePortRange, parseProtocol, PortRange, Protocol } from '../../constructs/net/ports';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { ProgramContext } from './program';
import { at, isObject, readBoolean, readList, readNumber, readString } from './read';
import type { PulumiResource, PulumiValue } from './resource';
import { GCP } from './types';

/** The GCP types this file reads, and what it judges them for. */
export const GCP_NETWORK_BINDINGS = {
  [GCP.firewall]: ['NET-1', 'NET-2', 'NET-3', 'NET-4'],
  [GCP.instance]: ['NET-4'],
  [GCP.instanceTemplate]: ['NET-4'],
  [GCP.regionInstanceTemplate]: ['NET-4'],
  [GCP.network]: ['NET-3', 'NET-4'],
  [GCP.forwardingRule]: ['NET-1', 'NET-2'],
  [GCP.globalForwardingRule]: ['NET-1', 'NET-2'],
  [GCP.sqlDatabaseInstance]: ['NET-5'],
} as const;

type Out = NetworkBoundaryFact | NetworkFact | DataEndpointFact | PlacementFact;

/** Hosts and host templates, placed in a network by their network interfaces. */
const HOSTS = [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate];

const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';
/** GCP evaluates its implied rules last, at priority 65535. */
const IMPLIED_PRIORITY = 65535;

/**
 * Every network fact of a program.
 *
 * @example
 * gcpNetworkFacts(new ProgramContext(resources))
 */
export function gcpNetworkFacts(program: ProgramContext): Out[] {
  const egress = program.complete ? egressDenies(program) : undefined;
  return [
    ...program.ofType(GCP.firewall).map((f) => firewallFact(program, f)),
    ...program.ofType(GCP.network).flatMap((n) => networkFacts(program, n, egress)),
    ...[...program.ofType(GCP.forwardingRule), ...program.ofType(GCP.globalForwardingRule)].flatMap((r) => forwardingRuleFacts(program, r)),
    ...program.ofType(GCP.sqlDatabaseInstance).flatMap((d) => sqlEndpointFacts(program, d)),
    ...program.ofTypes(HOSTS).flatMap((h) => hostPlacement(program, h)),
    ...program.ofType(GCP.firewall).flatMap((f) => (isDefaultNetwork(f.inputs.network) ? [placement(program, f, true, `network is '${String(f.inputs.network)}'`)] : [])),
  ];
}

/** `default`, or a URL or path ending in `/networks/default`. */
function isDefaultNetwork(v: PulumiValue | undefined): boolean {
  return typeof v === 'string' && /(^|\/networks\/)default$/.test(v.trim());
}

function placement(program: ProgramContext, r: PulumiResource, usesDefault: Maybe<boolean>, why: string): PlacementFact {
  return { kind: 'placement', subject: program.ref(r), label: program.label(r), usesDefault, why };
}

/**
 * NET-4: a network interface in the default network: named so, or naming neither a network nor
 * a subnetwork (GCP then uses `default`). A reference not known yet points at a network being
 * created, never the default network, which exists already.
 */
function hostPlacement(program: ProgramContext, host: PulumiResource): PlacementFact[] {
  const nics = readList(host.inputs.networkInterfaces);
  if (nics === undefined) return [];
  if (isUnknown(nics)) return [placement(program, host, new Unknown(`networkInterfaces is ${nics.reason}`), '')];
  const reasons: string[] = [];
  nics.forEach((nic, i) => {
    if (!isObject(nic)) return;
    if (isDefaultNetwork(nic.network)) reasons.push(`networkInterfaces[${i}].network is '${String(nic.network)}'`);
    else if (nic.network === undefined && nic.subnetwork === undefined) reasons.push(`networkInterfaces[${i}] names no network or subnetwork, so GCP uses the default network`);
  });
  return reasons.length > 0 ? [placement(program, host, true, reasons.join('; '))] : [];
}

function firewallFact(program: ProgramContext, fw: PulumiResource): NetworkBoundaryFact {
  const subject = program.ref(fw);
  return {
    kind: 'network-boundary',
    subject,
    label: program.label(fw),
    boundary: 'firewall',
    stateless: false,
    rules: firewallRules(fw, subject),
    // External HTTP(S) load balancers reach backends from Google's front ends, never straight
    // from the internet: a firewall open to the world exposes the instances themselves.
    publicEntry: false,
  };
}

/** The rules of one firewall resource, judged as GCP applies them. */
export function firewallRules(fw: PulumiResource, declaredBy: ResourceRef): NetworkRule[] {
  const inputs = fw.inputs;
  const disabled = readBoolean(inputs.disabled);
  if (disabled === true) return [];
  const direction = readString(inputs.direction) ?? 'INGRESS';
  const order: Maybe<number> = isUnknown(disabled) ? disabled : (readNumber(inputs.priority) ?? 1000);
  const directions: Array<'ingress' | 'egress'> = isUnknown(direction) ? ['ingress', 'egress'] : [direction.toUpperCase() === 'EGRESS' ? 'egress' : 'ingress'];
  const rules: NetworkRule[] = [];
  for (const dir of directions) {
    const peers = firewallPeers(inputs, dir);
    const ruleOrder = isUnknown(direction) ? direction : order;
    for (const [key, action] of [['allows', 'allow'], ['denies', 'deny']] as const) {
      const entries = readList(inputs[key]);
      if (entries === undefined) continue;
      if (isUnknown(entries)) {
        rules.push(...peers.map((peer) => ({ where: key, declaredBy, direction: dir, action, protocol: entries, ports: entries, peer, order: ruleOrder })));
        continue;
      }
      entries.forEach((entry, i) => {
        for (const { protocol, ports } of protocolEntry(entry)) {
          for (const peer of peers) rules.push({ where: `${key}[${i}]`, declaredBy, direction: dir, action, protocol, ports, peer, order: ruleOrder });
        }
      });
    }
  }
  return rules;
}

function protocolEntry(entry: PulumiValue): Array<{ protocol: Maybe<Protocol>; ports: Maybe<PortRange> }> {
  if (!isObject(entry)) {
    const u = entry instanceof Unknown ? entry : new Unknown(`a rule entry ${JSON.stringify(entry)}`);
    return [{ protocol: u, ports: u }];
  }
  const text = readString(entry.protocol);
  const protocol: Maybe<Protocol> = text === undefined ? new Unknown('no protocol') : isUnknown(text) ? text : (parseProtocol(text) ?? new Unknown(`'${text}', which is no protocol`));
  const ports = readList(entry.ports);
  // No ports means every port (GCP semantics).
  if (ports === undefined || (Array.isArray(ports) && ports.length === 0)) return [{ protocol, ports: ALL_PORTS }];
  if (isUnknown(ports)) return [{ protocol, ports }];
  if (!isUnknown(protocol) && !hasPorts(protocol)) return [{ protocol, ports: ALL_PORTS }];
  return ports.map((p) => {
    const t = readString(p);
    if (t === undefined || isUnknown(t)) return { protocol, ports: t ?? new Unknown('an empty port') };
    return { protocol, ports: parsePortRange(t) ?? new Unknown(`'${t}', which is no port range`) };
  });
}

/** Sources of an ingress rule or destinations of an egress rule, with GCP's defaults. */
function firewallPeers(inputs: PulumiResource['inputs'], direction: 'ingress' | 'egress'): Peer[] {
  const rangesKey = direction === 'ingress' ? 'sourceRanges' : 'destinationRanges';
  const ranges = readList(inputs[rangesKey]);
  const peers: Peer[] = [];
  if (isUnknown(ranges)) peers.push({ kind: 'unknown', reason: ranges.reason });
  else for (const r of ranges ?? []) peers.push(cidrPeer(r));
  if (direction === 'ingress') {
    for (const key of ['sourceTags', 'sourceServiceAccounts']) {
      const list = readList(inputs[key]);
      if (isUnknown(list)) peers.push({ kind: 'unknown', reason: list.reason });
      else for (const t of list ?? []) peers.push({ kind: 'group', label: String(readString(t) ?? '') });
    }
  }
  // An ingress rule with no source, or an egress rule with no destination, applies to 0.0.0.0/0.
  if (peers.length === 0) peers.push(cidrPeer(WORLD_V4));
  return peers;
}

function cidrPeer(v: PulumiValue): Peer {
  const text = readString(v);
  if (text === undefined) return { kind: 'unknown', reason: 'an empty range' };
  if (isUnknown(text)) return { kind: 'unknown', reason: text.reason };
  const range = parseCidr(text);
  return range ? { kind: 'cidr', text, range } : { kind: 'unknown', reason: `'${text}', which is no CIDR` };
}

/**
 * The deny-all-instances egress rules of every firewall, by the network they are on (read once
 * per program), and the firewalls whose network is not known yet.
 */
interface EgressDenies {
  readonly byNetwork: ReadonlyMap<PulumiResource, NetworkRule[]>;
  readonly undecided: readonly string[];
  /** Networks with an IPv6 subnetwork: their implied rule opens ::/0 too. */
  readonly ipv6: ReadonlySet<PulumiResource>;
}

function egressDenies(program: ProgramContext): EgressDenies {
  const byNetwork = new Map<PulumiResource, NetworkRule[]>();
  const undecided: string[] = [];
  for (const fw of program.ofType(GCP.firewall)) {
    // Only a deny that applies to every instance of the network closes the implied rule.
    if (fw.inputs.targetTags !== undefined || fw.inputs.targetServiceAccounts !== undefined) continue;
    const denies = firewallRules(fw, program.ref(fw)).filter((r) => r.direction === 'egress' && r.action === 'deny');
    if (denies.length === 0) continue;
    const target = program.target(fw, ['network'], GCP.network);
    if (isUnknown(target)) undecided.push(`${program.label(fw)} (its network is ${target.reason})`);
    else if (target !== undefined) byNetwork.set(target, [...(byNetwork.get(target) ?? []), ...denies]);
  }
  const ipv6 = new Set<PulumiResource>();
  for (const sub of program.ofType(GCP.subnetwork)) {
    const stack = readString(sub.inputs.stackType);
    if (typeof stack !== 'string' || stack.toUpperCase() === 'IPV4_ONLY') continue;
    const net = program.target(sub, ['network'], GCP.network);
    if (net !== undefined && !isUnknown(net)) ipv6.add(net);
  }
  return { byNetwork, undecided, ipv6 };
}

/** NET-4 (auto mode) and NET-3 (the implied allow-all egress rule, unless a deny comes first). */
function networkFacts(program: ProgramContext, net: PulumiResource, egress: EgressDenies | undefined): Out[] {
  const subject = program.ref(net);
  const label = program.label(net);
  const auto = readBoolean(net.inputs.autoCreateSubnetworks);
  const facts: Out[] = [{ kind: 'network', subject, label, autoCreateSubnetworks: auto ?? true }];
  if (!egress) return facts;

  const denies = egress.byNetwork.get(net) ?? [];
  // Deny firewalls whose network is not known yet (a preview) may be this network's: they may
  // close the implied rule, so it cannot be judged a fail.
  const undecided = egress.undecided;
  const order: Maybe<number> = undecided.length > 0 ? new Unknown(`decided by ${undecided.join(' and ')}, which may deny egress on this network first`) : IMPLIED_PRIORITY;
  const implied: NetworkRule[] = [impliedEgress(subject, WORLD_V4, order)];
  if (readBoolean(net.inputs.enableUlaInternalIpv6) === true || egress.ipv6.has(net)) implied.push(impliedEgress(subject, WORLD_V6, order));
  facts.push({
    kind: 'network-boundary',
    subject,
    label: `${label} (implied allow-all egress rule)`,
    boundary: 'firewall',
    stateless: false,
    rules: [...implied, ...denies],
    publicEntry: false,
  });
  return facts;
}

function impliedEgress(subject: ResourceRef, world: string, order: Maybe<number>): NetworkRule {
  return {
    where: 'implied egress rule (no deny-all egress firewall with a lower priority)',
    declaredBy: subject,
    direction: 'egress',
    action: 'allow',
    protocol: 'all',
    ports: ALL_PORTS,
    peer: cidrPeer(world),
    order,
  };
}

/** An external forwarding rule is a public entry point: the internet reaches its ports. */
function forwardingRuleFacts(program: ProgramContext, rule: PulumiResource): Out[] {
  const scheme = readString(rule.inputs.loadBalancingScheme) ?? 'EXTERNAL';
  if (typeof scheme === 'string' && !scheme.toUpperCase().startsWith('EXTERNAL')) return [];
  const subject = program.ref(rule);
  const protocolText = readString(rule.inputs.ipProtocol) ?? 'TCP';
  const protocol: Maybe<Protocol> = isUnknown(protocolText) ? protocolText : (parseProtocol(protocolText) ?? 'all');
  const ports = forwardingPorts(rule);
  const unknownScheme = isUnknown(scheme) ? scheme : undefined;
  const rules: NetworkRule[] = ports.map((p) => ({
    where: 'portRange',
    declaredBy: subject,
    direction: 'ingress',
    action: 'allow',
    protocol,
    ports: p,
    peer: cidrPeer(WORLD_V4),
    ...(unknownScheme ? { order: unknownScheme } : {}),
  }));
  return [{ kind: 'network-boundary', subject, label: program.label(rule), boundary: 'firewall', stateless: false, rules, publicEntry: true }];
}

function forwardingPorts(rule: PulumiResource): Array<Maybe<PortRange>> {
  if (readBoolean(rule.inputs.allPorts) === true) return [ALL_PORTS];
  const range = readString(rule.inputs.portRange);
  if (isUnknown(range)) return [range];
  if (range !== undefined) return [parsePortRange(range) ?? new Unknown(`'${range}', which is no port range`)];
  const ports = readList(rule.inputs.ports);
  if (isUnknown(ports)) return [ports];
  if (ports && ports.length > 0) {
    return ports.map((p) => {
      const t = readString(p);
      return t === undefined || isUnknown(t) ? (t ?? new Unknown('an empty port')) : (parsePortRange(t) ?? new Unknown(`'${t}', which is no port`));
    });
  }
  return [ALL_PORTS];
}

/** NET-5: a Cloud SQL instance with a public IP that authorizes the internet. */
function sqlEndpointFacts(program: ProgramContext, db: PulumiResource): DataEndpointFact[] {
  const subject = program.ref(db);
  const label = program.label(db);
  const ipConfig = at(db.inputs, 'settings', 'ipConfiguration');
  const ipv4 = readBoolean(at(ipConfig, 'ipv4Enabled'));
  const fact = (publicEndpoint: Maybe<boolean>, why: string): DataEndpointFact => ({ kind: 'data-endpoint', subject, label, publicEndpoint, why });
  if (ipv4 === false) return [fact(false, '')];
  if (isUnknown(ipv4)) return [fact(ipv4, '')];
  const networks = readList(at(ipConfig, 'authorizedNetworks'));
  if (isUnknown(networks)) return [fact(networks, '')];
  const ranges = [];
  for (const n of networks ?? []) {
    const value = readString(isObject(n) ? n.value : n);
    if (value === undefined) continue;
    if (isUnknown(value)) return [fact(value, '')];
    const r = parseCidr(value);
    if (!r) return [fact(new Unknown(`the authorized network '${value}', which is no CIDR`), '')];
    ranges.push(r);
  }
  const world = coveredInternets(ranges);
  const publicIp = ipv4 === undefined ? 'ipv4Enabled is not set (public IP on by default)' : 'ipv4Enabled is true';
  return [fact(world.v4 || world.v6, `${publicIp} and settings.ipConfiguration.authorizedNetworks admit the whole internet`)];
}
