/**
 * The engine's one module for IP arithmetic, IPv4 and IPv6 alike: addresses as bigints in their
 * family, CIDRs (minus excepts) as ranges, and the partition of each family's address space into the
 * coarsest pieces a set of ipBlocks distinguishes (as netpol-analyzer reports external peers).
 *
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address a.b.c.d, and a CIDR inside
 * ::ffff:0:0/96 is the IPv4 CIDR it maps: a dual-stack socket sees IPv4 peers in that form.
 */
import ipaddr from 'ipaddr.js';

export type IpFamily = 'ipv4' | 'ipv6';
/** IPv4 first: the order in which families are reported. */
export const IP_FAMILIES: readonly IpFamily[] = ['ipv4', 'ipv6'];

const BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };
const MAPPED_PREFIX = 96; // ::ffff:0:0/96

export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** An inclusive range of addresses of one family. */
export interface IpRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

export function maxAddress(family: IpFamily): bigint {
  return (1n << BigInt(BITS[family])) - 1n;
}

export function wholeFamily(family: IpFamily): IpRange {
  return { family, first: 0n, last: maxAddress(family) };
}

function toBigInt(bytes: readonly number[]): bigint {
  return bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}

function toBytes(family: IpFamily, value: bigint): number[] {
  const bytes: number[] = [];
  for (let i = 0, n = value; i < BITS[family] / 8; i++, n >>= 8n) bytes.unshift(Number(n & 0xffn));
  return bytes;
}

/**
 * ipaddr.js reads "::a.b.c.d" (an IPv4-compatible address, RFC 4291 2.5.5.1) as ::ffff:a.b.c.d;
 * Go's net.ParseIP, and so Kubernetes, reads it as ::hhhh:hhhh, an IPv6 address. Written in hex
 * first, it parses as Kubernetes reads it. Any other text is returned unchanged.
 */
export function ipaddrText(text: string): string {
  const m = /^::(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d+)?$/.exec(text);
  if (!m) return text;
  const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
  if ([a, b, c, d].some((n) => n > 255)) return text;
  return `::${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}${m[5] ?? ''}`;
}

function fromParsed(addr: ipaddr.IPv4 | ipaddr.IPv6): IpAddress {
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return fromParsed((addr as ipaddr.IPv6).toIPv4Address());
  }
  return { family: addr.kind(), value: toBigInt(addr.toByteArray()) };
}

/**
 * Whether ipaddr.js would read `text` as Kubernetes (Go's net.ParseIP) does: IPv4 only as four decimal
 * parts without leading zeros, the dotted end of an IPv6 address too, and no IPv6 zone. ipaddr.js
 * alone also reads "010.0.0.1" as octal (8.0.0.1), "0x0a.0.0.1" and "167772161" as 10.0.0.1, and
 * "fe80::1%eth0" as fe80::1: each another address than the one Kubernetes would refuse.
 */
function writtenAsKubernetesReads(text: string): boolean {
  const colon = text.lastIndexOf(':');
  if (colon >= 0 && text.includes('%')) return false;
  const dotted = text.slice(colon + 1);
  return (colon >= 0 && !dotted.includes('.')) || ipaddr.IPv4.isValidFourPartDecimal(dotted);
}

/** Whether `text` is an IPv4 or IPv6 address as Kubernetes reads one (writtenAsKubernetesReads). */
export function isIpAddress(text: string): boolean {
  return writtenAsKubernetesReads(text) && ipaddr.isValid(ipaddrText(text));
}

/** Throws on an invalid address; callers validate first (isIpAddress, k8s-syntax). */
export function parseAddress(text: string): IpAddress {
  return fromParsed(ipaddr.parse(ipaddrText(text)));
}

/**
 * The address, or undefined when the text is none: one parse where isIpAddress and then parseAddress
 * make two (ipaddr.parse validates before it parses, and throws exactly when isValid is false).
 */
export function tryParseAddress(text: string): IpAddress | undefined {
  if (!writtenAsKubernetesReads(text)) return undefined;
  try {
    return fromParsed(ipaddr.parse(ipaddrText(text)));
  } catch {
    return undefined;
  }
}

/** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as `::`). */
export function addressText({ family, value }: IpAddress): string {
  return ipaddr.fromByteArray(toBytes(family, value)).toString();
}

/** A CIDR as its range; host bits are masked as Go's net.ParseCIDR does. */
export function cidrRange(cidr: string): IpRange {
  const [addr, bits] = ipaddr.parseCIDR(ipaddrText(cidr));
  if (addr.kind() === 'ipv6' && bits >= MAPPED_PREFIX && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return prefixRange(fromParsed(addr), bits - MAPPED_PREFIX);
  }
  return prefixRange(fromParsed(addr), bits);
}

/**
 * The CIDR as a policy should carry it: an IPv4-mapped one (inside ::ffff:0:0/96) as the IPv4 CIDR
 * it means, any other unchanged. The engine reads both alike, but a network plugin that parses
 * ::ffff:10.0.0.0/104 as an IPv6 prefix (Go's netip does) never matches an IPv4 packet with it.
 */
export function cidrText(cidr: string): string {
  const [addr, bits] = ipaddr.parseCIDR(ipaddrText(cidr));
  if (addr.kind() !== 'ipv6' || bits < MAPPED_PREFIX || !(addr as ipaddr.IPv6).isIPv4MappedAddress()) return cidr;
  const { first } = cidrRange(cidr);
  return `${addressText({ family: 'ipv4', value: first })}/${bits - MAPPED_PREFIX}`;
}

function prefixRange({ family, value }: IpAddress, bits: number): IpRange {
  const size = 1n << BigInt(BITS[family] - bits);
  const first = (value / size) * size;
  return { family, first, last: first + size - 1n };
}

/** `ranges` minus `cut` (a range of another family leaves them as they are). */
export function subtractRange(ranges: readonly IpRange[], cut: IpRange): IpRange[] {
  const out: IpRange[] = [];
  for (const r of ranges) {
    if (r.family !== cut.family || cut.last < r.first || cut.first > r.last) {
      out.push(r);
      continue;
    }
    if (r.first < cut.first) out.push({ family: r.family, first: r.first, last: cut.first - 1n });
    if (cut.last < r.last) out.push({ family: r.family, first: cut.last + 1n, last: r.last });
  }
  return out;
}

/** An ipBlock's addresses: its CIDR minus its except ranges (an except of the other family removes nothing). */
export function ipBlockRanges(cidr: string, except: readonly string[]): IpRange[] {
  return except.reduce((left, x) => subtractRange(left, cidrRange(x)), [cidrRange(cidr)]);
}

export function rangesContain(ranges: readonly IpRange[], addr: IpAddress): boolean {
  return ranges.some((r) => r.family === addr.family && r.first <= addr.value && addr.value <= r.last);
}

const compareBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Splits the whole address space of `family` into maximal contiguous pieces such that every address
 * of a piece lies in exactly the same set of the given ranges (ranges of the other family are
 * ignored). Addresses in `excluded` belong to no piece (pod IPs under `podIps: match`), so a piece
 * never spans one. A sweep over the range ends.
 */
export function partitionFamily(
  family: IpFamily,
  ranges: readonly IpRange[],
  excluded: readonly IpAddress[] = [],
): IpRange[] {
  const max = maxAddress(family);
  const events = new Map<bigint, { open: number[]; close: number[] }>();
  const at = (p: bigint) => {
    let e = events.get(p);
    if (e === undefined) events.set(p, (e = { open: [], close: [] }));
    return e;
  };
  const mark = (first: bigint, last: bigint, key: number) => {
    at(first).open.push(key);
    if (last < max) at(last + 1n).close.push(key);
  };
  at(0n);
  const own = ranges.filter((r) => r.family === family);
  own.forEach((r, k) => mark(r.first, r.last, k));
  // Excluded addresses get keys after the ranges'; a piece holding one is dropped below.
  const firstExcluded = own.length;
  excluded.filter((a) => a.family === family).forEach((a, k) => mark(a.value, a.value, firstExcluded + k));
  const points = [...events.keys()].sort(compareBig);
  const active = new Set<number>();
  const pieces: { first: bigint; last: bigint; excluded: boolean }[] = [];
  let previous: string | undefined;
  points.forEach((p, i) => {
    const e = events.get(p)!;
    for (const k of e.close) active.delete(k);
    for (const k of e.open) active.add(k);
    const last = i + 1 < points.length ? points[i + 1]! - 1n : max;
    const keys = [...active].sort((x, y) => x - y);
    const signature = keys.join(',');
    if (signature === previous) pieces[pieces.length - 1]!.last = last;
    else pieces.push({ first: p, last, excluded: keys.some((k) => k >= firstExcluded) });
    previous = signature;
  });
  return pieces.filter((piece) => !piece.excluded).map(({ first, last }) => ({ family, first, last }));
}

/** `first-last`, each in canonical text: the connlist name of an external range. */
export function formatRange({ family, first, last }: IpRange): string {
  return `${addressText({ family, value: first })}-${addressText({ family, value: last })}`;
}

/** The inverse of formatRange; undefined for anything else (a workload id, say). */
export function parseRange(text: string): IpRange | undefined {
  const dash = text.indexOf('-');
  if (dash < 0) return undefined;
  const [a, b] = [text.slice(0, dash), text.slice(dash + 1)];
  if (!isIpAddress(a) || !isIpAddress(b)) return undefined;
  const [first, last] = [parseAddress(a), parseAddress(b)];
  if (first.family !== last.family) return undefined;
  return { family: first.family, first: first.value, last: last.value };
}

/** Whether the address `ip` lies in a connectivity range `first-last` (IPv4 or IPv6). */
export function rangeContains(range: string, ip: string): boolean {
  const parsed = parseRange(range);
  return parsed !== undefined && rangesContain([parsed], parseAddress(ip));
}
