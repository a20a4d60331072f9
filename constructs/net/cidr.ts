/**
 * Address-range maths for IPv4 and IPv6: parsing any spelling of a CIDR (through ipaddr.js,
 * the parser most Node networking code relies on) and deciding whether a set of ranges
 * together covers the public internet.
 */
import * as ipaddr from 'ipaddr.js';

/** An inclusive range of addresses of one family, as integers. */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
}

const V4_BITS = 32;
const V6_BITS = 128;

/**
 * Parses a CIDR (`10.0.0.0/8`, `::/0`, `0:0:0:0:0:0:0:0/0`) or a bare address (a /32 or /128).
 * Host bits are masked off. An IPv4-mapped IPv6 range (`::ffff:0:0/96`) is read as the IPv4
 * range it maps. Returns undefined for text that is no address.
 *
 * @example
 * parseCidr('::/00') // { family: 6, start: 0n, end: 2n ** 128n - 1n }
 */
export function parseCidr(text: string): AddressRange | undefined {
  // The same few ranges recur in every rule of a template: parse each spelling once (within bounds).
  const cached = CIDR_CACHE.get(text);
  if (cached !== undefined || CIDR_CACHE.has(text)) return cached;
  const range = parseCidrText(text);
  if (CIDR_CACHE.size >= 10_000) CIDR_CACHE.clear();
  CIDR_CACHE.set(text, range);
  return range;
}

const CIDR_CACHE = new Map<string, AddressRange | undefined>();

function parseCidrText(text: string): AddressRange | undefined {
  const trimmed = text.trim();
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (trimmed.includes('/')) {
      [addr, prefix] = ipaddr.parseCIDR(trimmed);
    } else {
      addr = ipaddr.parse(trimmed);
      prefix = addr.kind() === 'ipv4' ? V4_BITS : V6_BITS;
    }
  } catch {
    return undefined;
  }
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress() && prefix >= 96) {
      return rangeOf(4, bytesToBigInt(v6.toIPv4Address().toByteArray()), prefix - 96);
    }
    return rangeOf(6, bytesToBigInt(v6.toByteArray()), prefix);
  }
  return rangeOf(4, bytesToBigInt(addr.toByteArray()), prefix);
}

function rangeOf(family: 4 | 6, address: bigint, prefix: number): AddressRange {
  const bits = BigInt(family === 4 ? V4_BITS : V6_BITS);
  const hostBits = bits - BigInt(prefix);
  const size = 1n << hostBits;
  const start = (address >> hostBits) << hostBits;
  return { family, start, end: start + size - 1n };
}

function bytesToBigInt(bytes: number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/**
 * Merges ranges of one family into sorted, disjoint, non-adjacent ranges.
 *
 * @example
 * mergeRanges([parseCidr('0.0.0.0/1')!, parseCidr('128.0.0.0/1')!]) // one range: all of IPv4
 */
export function mergeRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => (a.family - b.family) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.start <= last.end + 1n) {
      if (r.end > last.end) out[out.length - 1] = { ...last, end: r.end };
    } else {
      out.push(r);
    }
  }
  return out;
}

/**
 * Whether the union of `ranges` contains every address of `target`.
 *
 * @example
 * coversRange([parseCidr('0.0.0.0/1')!, parseCidr('128.0.0.0/1')!], parseCidr('8.8.8.0/24')!) // true
 */
export function coversRange(ranges: readonly AddressRange[], target: AddressRange): boolean {
  return coversMerged(mergeRanges(ranges.filter((x) => x.family === target.family)), target);
}

/** Whether two ranges share at least one address. */
export function overlaps(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/**
 * Ranges that are not reachable from the internet: private, shared, loopback, link-local,
 * documentation, benchmarking, multicast and reserved (IANA special-purpose registries).
 */
const NON_PUBLIC_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
  '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
].map((c) => parseCidr(c) as AddressRange);

/** The IPv6 internet is the global unicast space 2000::/3 (documentation range aside). */
const GLOBAL_UNICAST_V6 = parseCidr('2000::/3') as AddressRange;
const DOCUMENTATION_V6 = parseCidr('2001:db8::/32') as AddressRange;

const PUBLIC_V4: readonly AddressRange[] = complement(
  { family: 4, start: 0n, end: (1n << 32n) - 1n },
  NON_PUBLIC_V4,
);
const PUBLIC_V6: readonly AddressRange[] = complement(GLOBAL_UNICAST_V6, [DOCUMENTATION_V6]);

function complement(whole: AddressRange, holes: readonly AddressRange[]): AddressRange[] {
  const out: AddressRange[] = [];
  let next = whole.start;
  for (const h of mergeRanges(holes)) {
    if (h.start > next) out.push({ family: whole.family, start: next, end: h.start - 1n });
    if (h.end + 1n > next) next = h.end + 1n;
  }
  if (next <= whole.end) out.push({ family: whole.family, start: next, end: whole.end });
  return out;
}

/**
 * Which internets a set of source ranges covers whole: all public IPv4 space, all global
 * unicast IPv6 space. `0.0.0.0/0` covers IPv4; `0.0.0.0/1` with `128.0.0.0/1` does too, and so
 * does every public range listed one by one with the private ones left out.
 *
 * @example
 * coveredInternets([parseCidr('::/0')!]) // { v4: false, v6: true }
 */
export function coveredInternets(ranges: readonly AddressRange[]): { v4: boolean; v6: boolean } {
  if (ranges.length === 0) return { v4: false, v6: false };
  // Merged once for every public range (merging never joins ranges of two families).
  const merged = mergeRanges(ranges);
  return {
    v4: PUBLIC_V4.every((p) => coversMerged(merged, p)),
    v6: PUBLIC_V6.every((p) => coversMerged(merged, p)),
  };
}

/** `coversRange` over ranges `mergeRanges` returned. */
function coversMerged(merged: readonly AddressRange[], target: AddressRange): boolean {
  let next = target.start;
  for (const r of merged) {
    if (r.family !== target.family || r.end < next) continue;
    if (r.start > next) return false;
    next = r.end + 1n;
    if (next > target.end) return true;
  }
  return next > target.end;
}

/**
 * Whether a range contains any address reachable from the internet.
 *
 * @example
 * isPublicRange(parseCidr('10.0.0.0/8')!) // false
 * isPublicRange(parseCidr('0.0.0.0/0')!) // true
 */
export function isPublicRange(range: AddressRange): boolean {
  return (range.family === 4 ? PUBLIC_V4 : PUBLIC_V6).some((p) => overlaps(p, range));
}
