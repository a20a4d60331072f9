/**
 * Reads a CDK security group rule (peer and port) into typed traffic, and says what the policy
 * thinks of it before it is added: the construction-time face of NET-1, NET-2 and NET-3.
 */
import { Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { RequirementId } from '../constructs/requirements';
import { coveredInternets, parseCidr } from '../constructs/net/cidr';
import { formatPorts, hasPorts, parseProtocol, PortRange, portsOverlap, Protocol, protocolName, TCP } from '../constructs/net/ports';
import { ADMIN_AND_DATA_PORTS } from '../constructs/options';

/** A rule's traffic, where the construct knows it (no tokens). */
export interface DeclaredTraffic {
  readonly protocol: Protocol;
  readonly ports: PortRange;
  /** `tcp/443`, `all traffic`. */
  readonly text: string;
}

/**
 * The traffic of a CDK `Port`, or undefined when a token hides it.
 *
 * @example
 * trafficOf(ec2.Port.tcp(443)) // { protocol: 6, ports: { from: 443, to: 443 }, text: 'tcp/443' }
 */
export function trafficOf(port: ec2.Port): DeclaredTraffic | undefined {
  const json: unknown = port.toRuleJson();
  if (typeof json !== 'object' || json === null) return undefined;
  const { ipProtocol, fromPort, toPort } = json as Record<string, unknown>;
  if (typeof ipProtocol !== 'string' && typeof ipProtocol !== 'number') return undefined;
  if (Token.isUnresolved(ipProtocol) || Token.isUnresolved(fromPort) || Token.isUnresolved(toPort)) return undefined;
  const protocol = parseProtocol(ipProtocol);
  if (protocol === undefined) return undefined;
  if (protocol === 'all' || !hasPorts(protocol)) {
    return { protocol, ports: { from: 0, to: 65535 }, text: protocol === 'all' ? 'all traffic' : protocolName(protocol) };
  }
  const from = typeof fromPort === 'number' && fromPort >= 0 ? fromPort : 0;
  const to = typeof toPort === 'number' && toPort >= 0 ? toPort : 65535;
  const ports = { from, to };
  return { protocol, ports, text: `${protocolName(protocol)}/${formatPorts(ports)}` };
}

/**
 * The CIDR of a peer when it covers a whole internet (all public IPv4 or IPv6 space), else
 * undefined: a partner's /24 is not the world.
 *
 * @example
 * worldCidrOf(ec2.Peer.anyIpv6()) // '::/0'
 * worldCidrOf(ec2.Peer.ipv4('10.0.0.0/8')) // undefined
 */
export function worldCidrOf(peer: ec2.IPeer, direction: 'ingress' | 'egress'): string | undefined {
  const config = direction === 'ingress' ? peer.toIngressRuleConfig() : peer.toEgressRuleConfig();
  for (const cidr of [config.cidrIp, config.cidrIpv6]) {
    if (cidr === undefined || Token.isUnresolved(cidr)) continue;
    const range = parseCidr(cidr);
    if (!range) continue;
    const covered = coveredInternets([range]);
    if (covered.v4 || covered.v6) return cidr;
  }
  return undefined;
}

/** What the policy says about a rule: nothing, or the requirement and the reason. */
export interface RuleVerdict {
  readonly requirement: RequirementId;
  readonly problem: string;
}

/** TCP ports the internet may reach on a public entry point (NET-2). */
export const PUBLIC_ENTRY_PORTS: readonly number[] = [443, 80];

/**
 * Judges world ingress: all traffic or an admin/data port is NET-1; anything else is NET-2
 * unless the group is a public entry point and the traffic is tcp/443 or tcp/80.
 *
 * @example
 * judgeWorldIngress("Security group 'Api'", false, traffic, '0.0.0.0/0') // NET-2: not a public entry point
 */
export function judgeWorldIngress(label: string, publicEntry: boolean, traffic: DeclaredTraffic, cidr: string): RuleVerdict | undefined {
  const admits = `${label} would admit ${traffic.text} from ${cidr}`;
  if (traffic.protocol === 'all' || (hasPorts(traffic.protocol) && traffic.ports.from === 0 && traffic.ports.to === 65535)) {
    return { requirement: 'NET-1', problem: `${admits}; nothing may admit all traffic from the internet.` };
  }
  if (hasPorts(traffic.protocol) && ADMIN_AND_DATA_PORTS.some((p) => portsOverlap(p, traffic.ports))) {
    return { requirement: 'NET-1', problem: `${admits}; admin and data ports must never be reachable from the internet.` };
  }
  const entryPort = traffic.protocol === TCP && traffic.ports.from === traffic.ports.to && PUBLIC_ENTRY_PORTS.includes(traffic.ports.from);
  if (!entryPort) {
    return { requirement: 'NET-2', problem: `${admits}; the internet may reach only tcp/443 (and tcp/80 to redirect) on a load balancer.` };
  }
  if (!publicEntry) {
    return { requirement: 'NET-2', problem: `${admits}, but it is not a public entry point; only an internet-facing load balancer takes traffic from the internet.` };
  }
  return undefined;
}

/**
 * Judges egress to the world: all traffic is NET-3 (declared ports are fine).
 *
 * @example
 * judgeWorldEgress("Security group 'Api'", allTraffic, '0.0.0.0/0') // NET-3
 */
export function judgeWorldEgress(label: string, traffic: DeclaredTraffic, cidr: string): RuleVerdict | undefined {
  if (traffic.protocol === 'all' || (hasPorts(traffic.protocol) && traffic.ports.from === 0 && traffic.ports.to === 65535)) {
    return { requirement: 'NET-3', problem: `${label} would allow ${traffic.text} out to ${cidr}; declare the destinations and ports it needs.` };
  }
  return undefined;
}
