/**
 * IPv4 ranges as integer intervals, and the partition of the address space into the coarsest pieces
 * a set of ipBlocks distinguishes (as netpol-analyzer reports external peers).
 */
import ipaddr from 'ipaddr.js';

export type Interval = readonly [number, number];
export const MAX_IPV4 = 2 ** 32 - 1;

export function ipv4ToInt(addr: ipaddr.IPv4): number {
  const [a, b, c, d] = addr.octets as [number, number, number, number];
  return ((a * 256 + b) * 256 + c) * 256 + d;
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** A CIDR as its interval; host bits are masked as Go's net.ParseCIDR does. */
export function cidrInterval(addr: ipaddr.IPv4, prefix: number): Interval {
  const size = 2 ** (32 - prefix);
  const start = Math.floor(ipv4ToInt(addr) / size) * size;
  return [start, start + size - 1];
}

export function subtractInterval(intervals: readonly Interval[], [s, e]: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of intervals) {
    if (e < a || s > b) {
      out.push([a, b]);
      continue;
    }
    if (a < s) out.push([a, s - 1]);
    if (e < b) out.push([e + 1, b]);
  }
  return out;
}

/**
 * Splits 0.0.0.0-255.255.255.255 into maximal contiguous pieces such that every address of a piece
 * lies in exactly the same set of the given intervals. Sweep over the interval ends.
 */
export function partitionIpv4(intervals: readonly Interval[]): Interval[] {
  const events = new Map<number, { open: number[]; close: number[] }>();
  const at = (p: number) => {
    let e = events.get(p);
    if (e === undefined) events.set(p, (e = { open: [], close: [] }));
    return e;
  };
  at(0);
  intervals.forEach(([a, b], k) => {
    at(a).open.push(k);
    if (b < MAX_IPV4) at(b + 1).close.push(k);
  });
  const points = [...events.keys()].sort((x, y) => x - y);
  const active = new Set<number>();
  const pieces: [number, number][] = [];
  let previous: string | undefined;
  points.forEach((p, i) => {
    const e = events.get(p)!;
    for (const k of e.close) active.delete(k);
    for (const k of e.open) active.add(k);
    const end = i + 1 < points.length ? points[i + 1]! - 1 : MAX_IPV4;
    const signature = [...active].sort((x, y) => x - y).join(',');
    if (signature === previous) pieces[pieces.length - 1]![1] = end;
    else pieces.push([p, end]);
    previous = signature;
  });
  return pieces;
}

export function formatInterval([a, b]: Interval): string {
  return `${intToIpv4(a)}-${intToIpv4(b)}`;
}
