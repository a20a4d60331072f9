/**
 * IP protocols and port ranges, in every spelling the providers accept.
 */

/** An IANA protocol number, or `'all'` for every protocol (AWS `-1`, GCP `all`). */
export type Protocol = number | 'all';

/** An inclusive range of ports. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Every port. */
export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;

const PROTOCOL_NAMES: Readonly<Record<string, Protocol>> = {
  '-1': 'all', all: 'all', tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6, 'ipv6-icmp': ICMPV6,
  esp: 50, ah: 51, sctp: 132, ipip: 4, gre: 47,
};

/**
 * Reads a protocol as AWS (`-1`, `tcp`, `6`) or GCP (`all`, `tcp`, `17`) writes it.
 * Returns undefined for text that names no protocol.
 *
 * @example
 * parseProtocol('-1') // 'all'
 * parseProtocol('6') // 6
 * parseProtocol('TCP') // 6
 */
export function parseProtocol(value: string | number): Protocol | undefined {
  const text = String(value).trim().toLowerCase();
  if (text in PROTOCOL_NAMES) return PROTOCOL_NAMES[text];
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 0 && n <= 255 ? n : undefined;
  }
  return undefined;
}

/** Whether ports mean anything for the protocol (TCP, UDP, SCTP). */
export function hasPorts(p: Protocol): boolean {
  return p === TCP || p === UDP || p === 132;
}

/**
 * A protocol's name for messages.
 *
 * @example
 * protocolName(6) // 'tcp'
 * protocolName('all') // 'all protocols'
 */
export function protocolName(p: Protocol): string {
  if (p === 'all') return 'all protocols';
  const name = Object.entries(PROTOCOL_NAMES).find(([k, v]) => v === p && !/^-?\d+$/.test(k));
  return name ? name[0] : `protocol ${p}`;
}

/**
 * Parses a port or port range as the providers write it: `22`, `"22"`, `"8000-8080"`.
 * Returns undefined when the text is not a port range.
 *
 * @example
 * parsePortRange('9200-9300') // { from: 9200, to: 9300 }
 */
export function parsePortRange(value: string | number): PortRange | undefined {
  const text = String(value).trim();
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || from > to) return undefined;
  return { from, to };
}

/**
 * `22`, or `8000-8080`, for messages.
 *
 * @example
 * formatPorts({ from: 0, to: 65535 }) // 'all ports'
 */
export function formatPorts(r: PortRange): string {
  if (r.from === 0 && r.to === 65535) return 'all ports';
  return r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
}

/** Whether two port ranges share a port. */
export function portsOverlap(a: PortRange, b: PortRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** Whether `outer` contains every port of `inner`. */
export function portsContain(outer: PortRange, inner: PortRange): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}
