/**
 * Which traffic a boundary lets in from (or out to) the internet, computed from all of its rules
 * together: ranges that only together cover the internet, port ranges split across rules, and
 * deny rules that come first in ordered boundaries.
 */
import type { NetworkRule } from '../facts/network';
import { isUnknown } from '../unknown';
import { AddressRange, coveredInternets, mergeRanges, parseCidr } from './cidr';
import { ALL_PORTS, hasPorts, PortRange, portsContain, Protocol } from './ports';

/** Traffic of one protocol (and port range) that the internet can send or receive. */
export interface WorldOpening {
  readonly protocol: Protocol;
  /** For TCP/UDP/SCTP. */
  readonly ports?: PortRange;
  /** Which internets are covered. */
  readonly internets: { readonly v4: boolean; readonly v6: boolean };
  /** The rules that together open it, in declaration order. */
  readonly rules: readonly NetworkRule[];
}

const ANYWHERE: readonly AddressRange[] = [parseCidr('0.0.0.0/0') as AddressRange, parseCidr('::/0') as AddressRange];

/** A rule reduced to what the analysis needs, with unknowns either dropped or made worst-case. */
interface PlainRule {
  readonly rule: NetworkRule;
  readonly allow: boolean;
  readonly protocol: Protocol;
  readonly ports: PortRange;
  readonly ranges: readonly AddressRange[];
  readonly order: number;
}

/**
 * The traffic a boundary opens to the internet in one direction.
 *
 * With `worstCase`, rules with unknown parts count as if the unknown part were the widest value
 * (any source, all protocols, all ports); without it they count for nothing. Comparing the two
 * tells a violation from a value that could not be verified.
 *
 * @example
 * worldOpenings(group.rules, 'ingress', false) // [{ protocol: 6, ports: { from: 22, to: 22 }, ... }]
 */
export function worldOpenings(
  rules: readonly NetworkRule[],
  direction: 'ingress' | 'egress',
  worstCase: boolean,
): WorldOpening[] {
  const plain = rules.filter((r) => r.direction === direction).flatMap((r) => toPlain(r, worstCase));
  if (plain.length === 0) return [];
  // What every allow rule admits together bounds every opening: when that covers no internet
  // (the common case: sources are groups and private ranges), there is nothing to split by port.
  const reach = coveredInternets(plain.filter((p) => p.allow).flatMap((p) => p.ranges));
  if (!reach.v4 && !reach.v6) return [];

  const openings: WorldOpening[] = [];
  const all = openingFor(plain, 'all', undefined);
  if (all) openings.push(all);
  // All traffic already open to every internet the rules reach (an allow-all egress): any
  // opening of one protocol would be reported as that one.
  if (all && all.internets.v4 === reach.v4 && all.internets.v6 === reach.v6) return openings;

  const protocols = new Set<Protocol>([6, 17]);
  for (const p of plain) if (p.protocol !== 'all') protocols.add(p.protocol);

  for (const protocol of protocols) {
    const found = hasPorts(protocol) ? portOpenings(plain, protocol) : [openingFor(plain, protocol, undefined)];
    for (const o of found) {
      // Traffic already open for every protocol is reported once, as "all traffic".
      if (o && !(all && (!o.internets.v4 || all.internets.v4) && (!o.internets.v6 || all.internets.v6))) {
        openings.push(o);
      }
    }
  }
  return openings;
}

function toPlain(rule: NetworkRule, worstCase: boolean): PlainRule[] {
  const allow = rule.action === 'allow';
  // An unknown deny is left out either way: it can only hide traffic, never open it.
  const unknownParts = isUnknown(rule.protocol) || isUnknown(rule.ports) || rule.peer.kind === 'unknown' || isUnknown(rule.order);
  if (unknownParts && (!worstCase || !allow)) return [];
  if (rule.peer.kind === 'group') return [];
  const protocol: Protocol = isUnknown(rule.protocol) ? 'all' : rule.protocol;
  const ports: PortRange = isUnknown(rule.ports) || !hasPorts(protocol) ? ALL_PORTS : rule.ports;
  const ranges = rule.peer.kind === 'cidr' ? [rule.peer.range] : ANYWHERE;
  const order = rule.order === undefined || isUnknown(rule.order) ? (allow ? -Infinity : Infinity) : rule.order;
  return [{ rule, allow, protocol, ports, ranges, order }];
}

function applies(p: PlainRule, protocol: Protocol): boolean {
  return p.protocol === 'all' || p.protocol === protocol;
}

/** Splits the port space of a protocol at every rule boundary and tests each piece. */
function portOpenings(plain: readonly PlainRule[], protocol: Protocol): WorldOpening[] {
  const relevant = plain.filter((p) => applies(p, protocol));
  const cuts = new Set<number>([0, 65536]);
  for (const p of relevant) {
    cuts.add(p.ports.from);
    cuts.add(p.ports.to + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: WorldOpening[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const ports = { from: sorted[i], to: sorted[i + 1] - 1 };
    const o = openingFor(relevant, protocol, ports);
    if (!o) continue;
    const last = out[out.length - 1];
    // Adjacent pieces open to the same internets read as one range.
    if (last?.ports && last.ports.to + 1 === ports.from && sameInternets(last, o)) {
      out[out.length - 1] = { ...last, ports: { from: last.ports.from, to: ports.to }, rules: union(last.rules, o.rules) };
    } else {
      out.push(o);
    }
  }
  return out;
}

/**
 * Whether the rules open `protocol` (on `ports`) to a whole internet. An allow counts for the
 * addresses no earlier deny covers (first match wins in ordered boundaries).
 */
function openingFor(plain: readonly PlainRule[], protocol: Protocol, ports: PortRange | undefined): WorldOpening | undefined {
  const covering = plain.filter(
    (p) => (protocol === 'all' ? p.protocol === 'all' : applies(p, protocol)) && (!ports || portsContain(p.ports, ports)),
  );
  const allows = covering.filter((p) => p.allow);
  if (allows.length === 0) return undefined;
  const denies = covering.filter((p) => !p.allow);
  const effective: AddressRange[] = [];
  const contributing: NetworkRule[] = [];
  for (const a of allows) {
    const earlierDenies = denies.filter((d) => d.order < a.order).flatMap((d) => d.ranges);
    const left = a.ranges.flatMap((r) => subtract(r, earlierDenies));
    if (left.length > 0) {
      effective.push(...left);
      contributing.push(a.rule);
    }
  }
  const internets = coveredInternets(effective);
  if (!internets.v4 && !internets.v6) return undefined;
  return { protocol, ...(ports ? { ports } : {}), internets, rules: contributing };
}

function subtract(range: AddressRange, holes: readonly AddressRange[]): AddressRange[] {
  const out: AddressRange[] = [];
  let next = range.start;
  for (const h of mergeRanges(holes.filter((x) => x.family === range.family))) {
    if (h.end < next || h.start > range.end) continue;
    if (h.start > next) out.push({ family: range.family, start: next, end: h.start - 1n });
    next = h.end + 1n;
    if (next > range.end) return out;
  }
  if (next <= range.end) out.push({ family: range.family, start: next, end: range.end });
  return out;
}

function sameInternets(a: WorldOpening, b: WorldOpening): boolean {
  return a.internets.v4 === b.internets.v4 && a.internets.v6 === b.internets.v6;
}

function union(a: readonly NetworkRule[], b: readonly NetworkRule[]): NetworkRule[] {
  return [...a, ...b.filter((r) => !a.includes(r))];
}

/**
 * Whether `inner` is already reported by one of `openings` (same protocol, ports contained,
 * no internet that the other lacks).
 */
export function isCoveredBy(inner: WorldOpening, openings: readonly WorldOpening[]): boolean {
  return openings.some(
    (o) =>
      (o.protocol === 'all' || o.protocol === inner.protocol) &&
      (!inner.ports || !o.ports || portsContain(o.ports, inner.ports)) &&
      (!inner.internets.v4 || o.internets.v4) &&
      (!inner.internets.v6 || o.internets.v6),
  );
}
