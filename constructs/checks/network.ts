/**
 * NET-1..NET-5, "Security Groups": what other services does this actually need to connect to?
 */
import type { DataEndpointFact, NetworkBoundaryFact, NetworkFact, NetworkRule, PlacementFact } from '../facts/network';
import type { Finding } from '../finding';
import { formatPorts, hasPorts, PortRange, portsOverlap, protocolName, TCP } from '../net/ports';
import { isCoveredBy, WorldOpening, worldOpenings } from '../net/openings';
import { isUnknown, Unknown } from '../unknown';
import type { CheckContext } from './context';

/**
 * NET-1, NET-2 and NET-3 over one security group, network ACL or firewall: world ingress to
 * admin and data ports or to everything (NET-1), world ingress anywhere but 80/443 on a public
 * entry point (NET-2), allow-all egress to the world (NET-3).
 *
 * @example
 * checkNetworkBoundary(fact, checkContext()) // [] when the group admits only its declared peers
 */
export function checkNetworkBoundary(fact: NetworkBoundaryFact, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  // Without unknown parts, the worst case is what is known: computed once, and nothing to add.
  const unknownParts = fact.rules.some(hasUnknownPart);
  for (const direction of ['ingress', 'egress'] as const) {
    const known = worldOpenings(fact.rules, direction, false);
    const worst = unknownParts ? worldOpenings(fact.rules, direction, true) : [];
    for (const o of known) findings.push(...judgeOpening(fact, direction, o, undefined, ctx));
    for (const o of worst) {
      if (isCoveredBy(o, known)) continue;
      const unknownRules = o.rules.filter(hasUnknownPart);
      findings.push(...judgeOpening(fact, direction, o, unknownRules, ctx));
    }
  }
  return findings;
}

function judgeOpening(
  fact: NetworkBoundaryFact,
  direction: 'ingress' | 'egress',
  o: WorldOpening,
  unknownRules: readonly NetworkRule[] | undefined,
  ctx: CheckContext,
): Finding[] {
  const status = unknownRules ? 'unknown' : 'fail';
  const resource = o.rules[0]?.declaredBy ?? fact.subject;
  const traffic = describeTraffic(o);
  const peers = describePeers(o);
  const rules = describeRules(o.rules);
  const why = unknownRules ? ` ${unknownRules.map((r) => `${r.where}: ${unknownReason(r)}`).join('; ')}.` : '';
  const verb = unknownRules ? 'may allow' : 'allows';

  if (direction === 'egress') {
    if (fact.stateless || !isAllTraffic(o)) return [];
    return [
      ctx.finding('NET-3', resource, {
        status,
        message: `${fact.label} ${verb} ${traffic} out to ${peers} (${rules}).${why}`,
        detail: `egress ${traffic} to ${peers}`,
      }),
    ];
  }

  const detail = `ingress ${traffic} from ${peers}`;
  const admin = o.ports ? adminPortsIn(o.ports, ctx.options.adminPorts) : [];
  const returnPath = fact.stateless && o.ports !== undefined && isEphemeralRange(o.ports);
  if (isAllTraffic(o) || (admin.length > 0 && !returnPath)) {
    const onlyAdmin = o.ports !== undefined && admin.reduce((n, a) => n + a.to - a.from + 1, 0) === o.ports.to - o.ports.from + 1;
    const which = isAllTraffic(o) || onlyAdmin ? '' : `, which includes admin or data ports ${summarizePorts(admin)}`;
    return [
      ctx.finding('NET-1', resource, {
        status,
        message: `${fact.label} ${verb} ${traffic} from ${peers}${which} (${rules}).${why}`,
        detail,
      }),
    ];
  }
  // Network ACLs are stateless: they must admit return traffic, so NET-2 is the groups' job.
  if (fact.stateless) return [];

  const entryPorts = ctx.options.publicEntryPorts;
  const toEntryPort = o.protocol === TCP && o.ports !== undefined && isWithinPorts(o.ports, entryPorts);
  if (!toEntryPort) {
    return [
      ctx.finding('NET-2', resource, {
        status,
        message: `${fact.label} ${verb} ${traffic} from ${peers} (${rules}); the internet may reach only tcp/${entryPorts.join(', ')} on a load balancer or CDN.${why}`,
        detail,
      }),
    ];
  }
  if (fact.publicEntry === true) return [];
  if (isUnknown(fact.publicEntry)) {
    return [
      ctx.finding('NET-2', resource, {
        status: 'unknown',
        message: `${fact.label} allows ${traffic} from ${peers}, and whether it fronts only internet-facing load balancers could not be verified: ${fact.publicEntry.reason}.`,
        detail,
      }),
    ];
  }
  return [
    ctx.finding('NET-2', resource, {
      status,
      message: `${fact.label} ${verb} ${traffic} from ${peers} (${rules}) but is not attached only to internet-facing load balancers.${why}`,
      detail,
    }),
  ];
}

/**
 * NET-4 for a network: its default security group must deny all, and it must not create
 * subnetworks everywhere by itself (GCP auto mode).
 *
 * @example
 * checkNetwork({ kind: 'network', subject, label: "VPC 'Main'", defaultGroupRestricted: false }, ctx) // one NET-4 finding
 */
export function checkNetwork(fact: NetworkFact, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const restricted = fact.defaultGroupRestricted;
  if (restricted === false) {
    out.push(
      ctx.finding('NET-4', fact.subject, {
        message: `${fact.label} keeps the allow rules of its default security group (nothing in the template strips them).`,
        fix: "Strip the default security group's rules (CDK: restrictDefaultSecurityGroup: true) and use groups you declare.",
        detail: 'default security group',
      }),
    );
  } else if (isUnknown(restricted)) {
    out.push(ctx.finding('NET-4', fact.subject, { status: 'unknown', message: `whether ${fact.label} restricts its default security group: ${restricted.reason}.`, detail: 'default security group' }));
  }
  const auto = fact.autoCreateSubnetworks;
  if (auto === true) {
    out.push(
      ctx.finding('NET-4', fact.subject, {
        message: `${fact.label} creates subnetworks in every region by itself (auto mode), like the default network.`,
        fix: 'Set autoCreateSubnetworks: false and declare the subnetworks you need.',
        detail: 'auto-create subnetworks',
      }),
    );
  } else if (isUnknown(auto)) {
    out.push(ctx.finding('NET-4', fact.subject, { status: 'unknown', message: `whether ${fact.label} is in auto mode: ${auto.reason}.`, detail: 'auto-create subnetworks' }));
  }
  return out;
}

/**
 * NET-4 for a resource placed in a network: not the default network, not its default group.
 *
 * @example
 * checkPlacement({ kind: 'placement', subject, label: "Security group 'Web'", usesDefault: true, why: 'it has no VpcId' }, ctx)
 */
export function checkPlacement(fact: PlacementFact, ctx: CheckContext): Finding[] {
  if (fact.usesDefault === false) return [];
  const status = isUnknown(fact.usesDefault) ? 'unknown' : 'fail';
  const message = status === 'unknown'
    ? `whether ${fact.label} uses the default network: ${(fact.usesDefault as Unknown).reason}.`
    : `${fact.label} uses the default network: ${fact.why}.`;
  return [ctx.finding('NET-4', fact.subject, { status, message, detail: 'default network' })];
}

/**
 * NET-5: databases, caches and search clusters have no endpoint on the internet.
 *
 * @example
 * checkDataEndpoint({ kind: 'data-endpoint', subject, label: "DB instance 'Db'", publicEndpoint: true, why: 'PubliclyAccessible is true' }, ctx)
 */
export function checkDataEndpoint(fact: DataEndpointFact, ctx: CheckContext): Finding[] {
  if (fact.publicEndpoint === false) return [];
  if (isUnknown(fact.publicEndpoint)) {
    return [ctx.finding('NET-5', fact.subject, { status: 'unknown', message: `whether ${fact.label} is reachable from the internet: ${fact.publicEndpoint.reason}.`, detail: 'public endpoint' })];
  }
  return [ctx.finding('NET-5', fact.subject, { message: `${fact.label} is reachable from the internet: ${fact.why}.`, detail: 'public endpoint' })];
}

function isAllTraffic(o: WorldOpening): boolean {
  return o.protocol === 'all' || (o.ports !== undefined && o.ports.from === 0 && o.ports.to === 65535);
}

/** A stateless boundary's return path: a span at least as wide as the smallest OS ephemeral range, above the well-known ports. */
function isEphemeralRange(p: PortRange): boolean {
  return p.from >= 1024 && p.to - p.from >= 16383;
}

function adminPortsIn(ports: PortRange, admin: readonly PortRange[]): PortRange[] {
  return admin
    .filter((a) => portsOverlap(a, ports))
    .map((a) => ({ from: Math.max(a.from, ports.from), to: Math.min(a.to, ports.to) }))
    .sort((a, b) => a.from - b.from);
}

function isWithinPorts(ports: PortRange, allowed: readonly number[]): boolean {
  for (let p = ports.from; p <= ports.to; p++) if (!allowed.includes(p)) return false;
  return true;
}

function summarizePorts(ranges: readonly PortRange[]): string {
  const shown = ranges.slice(0, 6).map(formatPorts).join(', ');
  return ranges.length > 6 ? `${shown} and ${ranges.length - 6} more` : shown;
}

function describeTraffic(o: WorldOpening): string {
  if (o.protocol === 'all') return 'all traffic';
  if (!hasPorts(o.protocol) || !o.ports) return protocolName(o.protocol);
  return `${protocolName(o.protocol)}/${formatPorts(o.ports)}`;
}

function describePeers(o: WorldOpening): string {
  const texts: string[] = [];
  for (const r of o.rules) {
    const t = r.peer.kind === 'cidr' ? r.peer.text : 'an unknown source';
    if (!texts.includes(t)) texts.push(t);
  }
  const shown = texts.length > 4 ? `${texts.slice(0, 4).join(', ')} and ${texts.length - 4} more` : texts.join(', ');
  const whole = texts.length > 1 && o.rules.every((r) => r.peer.kind === 'cidr');
  if (!whole) return shown;
  const nets = [o.internets.v4 ? 'IPv4' : '', o.internets.v6 ? 'IPv6' : ''].filter(Boolean).join(' and ');
  return `${shown} (together the whole ${nets} internet)`;
}

function describeRules(rules: readonly NetworkRule[]): string {
  const names = [...new Set(rules.map((r) => r.where))];
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return `${names.length > 1 ? 'rules' : 'rule'} ${shown}`;
}

function hasUnknownPart(r: NetworkRule): boolean {
  return isUnknown(r.protocol) || isUnknown(r.ports) || r.peer.kind === 'unknown' || isUnknown(r.order);
}

/** Why a rule may open traffic to the internet, in words that end the message. */
function unknownReason(r: NetworkRule): string {
  const internet = ', which may be the internet';
  if (r.peer.kind === 'unknown') return `the ${r.direction === 'ingress' ? 'source' : 'destination'} is ${r.peer.reason}${internet}`;
  if (isUnknown(r.protocol)) return `the protocol is ${r.protocol.reason}${internet}`;
  if (isUnknown(r.ports)) return `the ports are ${r.ports.reason}${internet}`;
  // An unknown order: whether the rule applies at all, or an earlier deny closes it, is open.
  if (isUnknown(r.order)) return `whether it applies is ${r.order.reason}`;
  return `a value is unknown${internet}`;
}
