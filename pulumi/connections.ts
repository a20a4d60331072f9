/**
 * Declared connections, the vocabulary of `SecureNetwork`: "the load balancer reaches web on
 * 443", "web reaches app on 8443", "app reaches the database range on 5432". Firewall rules are
 * generated from them, in both directions, so that egress is an allow-list too (aws-cdk-lib's
 * `Port` and `Peer` are the model).
 */
import { ALL_PORTS, formatPorts, PortRange } from '../constructs/net/ports';

/** Google's front ends and health checkers: where a global external load balancer's traffic comes from. */
export const LOAD_BALANCER_RANGES: readonly string[] = ['130.211.0.0/22', '35.191.0.0/16'];
/** Identity-Aware Proxy TCP forwarding: how people reach hosts without public addresses. */
export const IAP_TCP_RANGES: readonly string[] = ['35.235.240.0/20'];
/** The whole IPv4 internet. */
export const INTERNET_RANGES: readonly string[] = ['0.0.0.0/0'];

/**
 * A protocol and its ports.
 *
 * @example
 * Port.tcp(443).toString() // 'tcp/443'
 */
export class Port {
  /** One TCP port. */
  static tcp(port: number): Port {
    return new Port('tcp', checkedRange(port, port));
  }

  /** A range of TCP ports. */
  static tcpRange(from: number, to: number): Port {
    return new Port('tcp', checkedRange(from, to));
  }

  /** One UDP port. */
  static udp(port: number): Port {
    return new Port('udp', checkedRange(port, port));
  }

  /** A range of UDP ports. */
  static udpRange(from: number, to: number): Port {
    return new Port('udp', checkedRange(from, to));
  }

  /** ICMP (ping, path MTU discovery). */
  static icmp(): Port {
    return new Port('icmp', undefined);
  }

  private constructor(
    readonly protocol: 'tcp' | 'udp' | 'icmp',
    /** Undefined for ICMP. */
    readonly range: PortRange | undefined,
  ) {}

  /** Whether the port spec covers every port of its protocol. */
  get allPorts(): boolean {
    // Port 0 is reserved: 1-65535 is every port.
    return this.range !== undefined && this.range.from <= 1 && this.range.to >= ALL_PORTS.to;
  }

  /** `'443'`, `'8000-8080'`: how a firewall rule writes it. */
  get firewallPorts(): string | undefined {
    if (!this.range) return undefined;
    return this.range.from === this.range.to ? `${this.range.from}` : `${this.range.from}-${this.range.to}`;
  }

  toString(): string {
    return this.range ? `${this.protocol}/${formatPorts(this.range)}` : this.protocol;
  }
}

function checkedRange(from: number, to: number): PortRange {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 65535 || from > to) {
    throw new Error(`Port range ${from}-${to} is not a range of ports 1-65535.`);
  }
  return { from, to };
}

/** What kind of thing a peer is. */
export type PeerKind = 'workload' | 'load-balancer' | 'iap' | 'cidr' | 'internet' | 'private-services';

/**
 * One end of a connection: a workload of the network, or a set of address ranges.
 *
 * @example
 * Peer.loadBalancer() // Google's front ends, the only world-facing source a workload accepts
 */
export class Peer {
  /** A workload declared in the network's `workloads`. A plain string in a connection means the same. */
  static workload(name: string): Peer {
    return new Peer('workload', name, [], name);
  }

  /** The global external load balancer (its front ends and health checkers). */
  static loadBalancer(): Peer {
    return new Peer('load-balancer', 'lb', LOAD_BALANCER_RANGES);
  }

  /** Identity-Aware Proxy TCP forwarding, for administration over OS Login. */
  static iapTunnel(): Peer {
    return new Peer('iap', 'iap', IAP_TCP_RANGES);
  }

  /** Address ranges (a partner's, another network's). A range that covers the internet is refused as a source. */
  static cidr(...ranges: string[]): Peer {
    if (ranges.length === 0) throw new Error('Peer.cidr needs at least one range.');
    return new Peer('cidr', 'cidr', ranges);
  }

  /** The internet, as an egress destination only (package mirrors, Google APIs, partners' APIs). */
  static internet(): Peer {
    return new Peer('internet', 'internet', INTERNET_RANGES);
  }

  /** The network's private services range (Cloud SQL and other private service access producers). */
  static privateServices(): Peer {
    return new Peer('private-services', 'private-services', []);
  }

  private constructor(
    readonly kind: PeerKind,
    /** A short name for resource names and messages. */
    readonly label: string,
    readonly ranges: readonly string[],
    readonly workload?: string,
  ) {}

  /** `'web'`, `'lb'`, `'203.0.113.0/24'`: how messages name it. */
  toString(): string {
    return this.kind === 'cidr' ? this.ranges.join(', ') : this.label;
  }
}

/**
 * A declared connection: `from` opens connections to `to` on `ports`.
 *
 * @example
 * const c: Connection = { from: 'web', to: 'app', ports: [Port.tcp(8443)], description: 'The web tier calls the app API' };
 */
export interface Connection {
  /** A workload name, or a peer. */
  readonly from: string | Peer;
  /** A workload name, or a peer. */
  readonly to: string | Peer;
  readonly ports: readonly Port[];
  /** Why the connection exists; becomes the firewall rules' description. */
  readonly description?: string;
}

/**
 * A peer from a connection end.
 *
 * @example
 * peerOf('web').kind // 'workload'
 */
export function peerOf(end: string | Peer): Peer {
  return typeof end === 'string' ? Peer.workload(end) : end;
}
