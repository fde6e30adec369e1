/**
 * Sets of (protocol, port) as sorted, disjoint, non-touching inclusive ranges per protocol.
 * Ports run 1..65535 for TCP, UDP and SCTP, as netpol-analyzer models them. Interval arithmetic
 * keeps connectivity from enumerating ports.
 */
import type { Conns, PortRange, ProtocolPorts } from './model';
import type { Protocol } from './topology';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;
/** Protocols in output order: sorted as strings, as netpol-analyzer prints them. */
export const OUTPUT_PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

type Ranges = readonly PortRange[];

export class PortSet {
  private constructor(private readonly byProtocol: Readonly<Record<Protocol, Ranges>>) {}

  static readonly NONE = new PortSet({ TCP: [], UDP: [], SCTP: [] });
  static readonly ALL = new PortSet({
    TCP: [[MIN_PORT, MAX_PORT]],
    UDP: [[MIN_PORT, MAX_PORT]],
    SCTP: [[MIN_PORT, MAX_PORT]],
  });

  /** Canonical instances for the empty and the full set, so callers may compare by identity. */
  private static of(byProtocol: Readonly<Record<Protocol, Ranges>>): PortSet {
    const set = new PortSet(byProtocol);
    if (set.isEmpty()) return PortSet.NONE;
    if (set.isAll()) return PortSet.ALL;
    return set;
  }

  static range(protocol: Protocol, from: number, to: number): PortSet {
    const a = Math.max(from, MIN_PORT);
    const b = Math.min(to, MAX_PORT);
    if (a > b) return PortSet.NONE;
    return new PortSet({ ...PortSet.NONE.byProtocol, [protocol]: [[a, b]] });
  }

  static protocol(protocol: Protocol): PortSet {
    return PortSet.range(protocol, MIN_PORT, MAX_PORT);
  }

  ranges(protocol: Protocol): Ranges {
    return this.byProtocol[protocol];
  }

  isEmpty(): boolean {
    return this === PortSet.NONE || OUTPUT_PROTOCOLS.every((p) => this.byProtocol[p].length === 0);
  }

  isAll(): boolean {
    return (
      this === PortSet.ALL ||
      OUTPUT_PROTOCOLS.every((p) => {
        const r = this.byProtocol[p];
        return r.length === 1 && r[0]![0] === MIN_PORT && r[0]![1] === MAX_PORT;
      })
    );
  }

  has(protocol: Protocol, port: number): boolean {
    return this.byProtocol[protocol].some(([a, b]) => a <= port && port <= b);
  }

  union(other: PortSet): PortSet {
    if (this === PortSet.ALL || other === PortSet.NONE) return this;
    if (other === PortSet.ALL || this === PortSet.NONE) return other;
    return PortSet.of({
      TCP: unionRanges(this.byProtocol.TCP, other.byProtocol.TCP),
      UDP: unionRanges(this.byProtocol.UDP, other.byProtocol.UDP),
      SCTP: unionRanges(this.byProtocol.SCTP, other.byProtocol.SCTP),
    });
  }

  intersect(other: PortSet): PortSet {
    if (this === PortSet.ALL || other === PortSet.NONE) return other;
    if (other === PortSet.ALL || this === PortSet.NONE) return this;
    return PortSet.of({
      TCP: intersectRanges(this.byProtocol.TCP, other.byProtocol.TCP),
      UDP: intersectRanges(this.byProtocol.UDP, other.byProtocol.UDP),
      SCTP: intersectRanges(this.byProtocol.SCTP, other.byProtocol.SCTP),
    });
  }

  /** The ports of this set that are not in `other`. */
  subtract(other: PortSet): PortSet {
    if (other === PortSet.NONE || this === PortSet.NONE) return this;
    if (other === PortSet.ALL) return PortSet.NONE;
    return PortSet.of({
      TCP: subtractRanges(this.byProtocol.TCP, other.byProtocol.TCP),
      UDP: subtractRanges(this.byProtocol.UDP, other.byProtocol.UDP),
      SCTP: subtractRanges(this.byProtocol.SCTP, other.byProtocol.SCTP),
    });
  }

  /** Whether every port of `other` is in this set. */
  covers(other: PortSet): boolean {
    return other.subtract(this).isEmpty();
  }

  /** The inverse of toConns. */
  static fromConns(conns: Conns): PortSet {
    if (conns === 'All Connections') return PortSet.ALL;
    return conns.reduce(
      (set, group) => group.ports.reduce((s, [a, b]) => s.union(PortSet.range(group.protocol, a, b)), set),
      PortSet.NONE,
    );
  }

  /** The conformance form: "All Connections" for the full set, else sorted per-protocol ranges. */
  toConns(): Conns {
    if (this.isAll()) return 'All Connections';
    const out: ProtocolPorts[] = [];
    for (const protocol of OUTPUT_PROTOCOLS) {
      const ports = this.byProtocol[protocol];
      if (ports.length > 0) out.push({ protocol, ports: ports.map(([a, b]) => [a, b] as const) });
    }
    return out;
  }
}

function unionRanges(x: Ranges, y: Ranges): Ranges {
  if (x.length === 0) return y;
  if (y.length === 0) return x;
  const all = [...x, ...y].sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    // Touching ranges merge too, so the result is maximal (canonical form).
    if (last !== undefined && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function intersectRanges(x: Ranges, y: Ranges): Ranges {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a1, b1] = x[i]!;
    const [a2, b2] = y[j]!;
    const a = Math.max(a1, a2);
    const b = Math.min(b1, b2);
    if (a <= b) out.push([a, b]);
    if (b1 < b2) i++;
    else j++;
  }
  return out;
}

function subtractRanges(x: Ranges, y: Ranges): Ranges {
  let out: PortRange[] = [...x];
  for (const [s, e] of y) {
    const next: PortRange[] = [];
    for (const [a, b] of out) {
      if (e < a || s > b) next.push([a, b]);
      else {
        if (a < s) next.push([a, s - 1]);
        if (e < b) next.push([e + 1, b]);
      }
    }
    out = next;
  }
  return out;
}
