/**
 * Port sets as bitsets over the atoms of the ports a snapshot mentions. The atoms are the coarsest
 * pieces of (protocol, 1..65535) that every given PortSet is a union of, so connectivity can OR and
 * AND a few machine words per pair instead of merging interval lists. Distinct bitsets are interned:
 * a port set is then a small integer id, and conns are built once per id.
 */
import type { Conns } from './model';
import { MAX_PORT, MIN_PORT, OUTPUT_PROTOCOLS, PortSet } from './port-set';
import type { Protocol } from './topology';

export class PortAtoms {
  /** First port of every atom, protocol by protocol (OUTPUT_PROTOCOLS order). */
  private readonly starts: Record<Protocol, number[]>;
  private readonly offsets: Record<Protocol, number>;
  /** Atoms in all, and 32-bit words per bitset. */
  readonly size: number;
  readonly words: number;
  /** Interned bitsets, `words` words each, back to back. */
  private store: Uint32Array;
  private count = 0;
  private readonly byHash = new Map<number, number[]>();
  private readonly intersections = new Map<number, number>();
  private readonly connsById: Conns[] = [];
  readonly NONE: number;
  readonly ALL: number;

  constructor(sets: Iterable<PortSet>) {
    const cuts: Record<Protocol, Set<number>> = {
      SCTP: new Set([MIN_PORT]),
      TCP: new Set([MIN_PORT]),
      UDP: new Set([MIN_PORT]),
    };
    for (const set of sets) {
      for (const protocol of OUTPUT_PROTOCOLS) {
        for (const [a, b] of set.ranges(protocol)) {
          cuts[protocol].add(a);
          if (b < MAX_PORT) cuts[protocol].add(b + 1);
        }
      }
    }
    let total = 0;
    const starts = {} as Record<Protocol, number[]>;
    const offsets = {} as Record<Protocol, number>;
    for (const protocol of OUTPUT_PROTOCOLS) {
      starts[protocol] = [...cuts[protocol]].sort((x, y) => x - y);
      offsets[protocol] = total;
      total += starts[protocol].length;
    }
    this.starts = starts;
    this.offsets = offsets;
    this.size = total;
    this.words = Math.max(1, Math.ceil(total / 32));
    this.store = new Uint32Array(this.words * 64);
    const scratch = new Uint32Array(this.words);
    this.NONE = this.intern(scratch, 0);
    for (let k = 0; k < total; k++) scratch[k >>> 5]! |= 1 << (k & 31);
    this.ALL = this.intern(scratch, 0);
  }

  /** The bitset of `set` written into `out` at `offset` (OR-ed into what is there). */
  orInto(set: PortSet, out: Uint32Array, offset: number): void {
    for (const protocol of OUTPUT_PROTOCOLS) {
      const starts = this.starts[protocol];
      for (const [a, b] of set.ranges(protocol)) {
        const first = this.offsets[protocol] + atomAt(starts, a);
        const last = this.offsets[protocol] + atomAt(starts, b);
        for (let k = first; k <= last; k++) out[offset + (k >>> 5)]! |= 1 << (k & 31);
      }
    }
  }

  idOf(set: PortSet): number {
    if (set === PortSet.NONE) return this.NONE;
    if (set === PortSet.ALL) return this.ALL;
    const scratch = new Uint32Array(this.words);
    this.orInto(set, scratch, 0);
    return this.intern(scratch, 0);
  }

  /** ORs the bitset of id `id` into `out` at `offset`. */
  orId(id: number, out: Uint32Array, offset: number): void {
    const from = id * this.words;
    for (let w = 0; w < this.words; w++) out[offset + w]! |= this.store[from + w]!;
  }

  /** The id of the bitset at `words[offset..]`, added to the table when new. */
  intern(words: Uint32Array, offset: number): number {
    const n = this.words;
    let hash = 0;
    for (let w = 0; w < n; w++) hash = (Math.imul(hash, 31) + words[offset + w]!) | 0;
    let bucket = this.byHash.get(hash);
    if (bucket !== undefined) {
      for (const id of bucket) {
        let same = true;
        for (let w = 0; w < n && same; w++) same = this.store[id * n + w] === words[offset + w];
        if (same) return id;
      }
    } else this.byHash.set(hash, (bucket = []));
    const id = this.count++;
    if ((id + 1) * n > this.store.length) {
      const grown = new Uint32Array(this.store.length * 2);
      grown.set(this.store);
      this.store = grown;
    }
    for (let w = 0; w < n; w++) this.store[id * n + w] = words[offset + w]!;
    bucket.push(id);
    return id;
  }

  intersect(a: number, b: number): number {
    if (a === b || b === this.ALL) return a;
    if (a === this.ALL) return b;
    if (a === this.NONE || b === this.NONE) return this.NONE;
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    let hit = this.intersections.get(key);
    if (hit === undefined) {
      const n = this.words;
      const scratch = new Uint32Array(n);
      for (let w = 0; w < n; w++) scratch[w] = this.store[a * n + w]! & this.store[b * n + w]!;
      hit = this.intern(scratch, 0);
      this.intersections.set(key, hit);
    }
    return hit;
  }

  /** The conformance form of id `id`, built once per id (callers must not mutate it). */
  conns(id: number): Conns {
    let hit = this.connsById[id];
    if (hit === undefined) this.connsById[id] = hit = this.portSet(id).toConns();
    return hit;
  }

  portSet(id: number): PortSet {
    let set = PortSet.NONE;
    const n = this.words;
    for (const protocol of OUTPUT_PROTOCOLS) {
      const starts = this.starts[protocol];
      const offset = this.offsets[protocol];
      for (let i = 0; i < starts.length; i++) {
        const k = offset + i;
        if ((this.store[id * n + (k >>> 5)]! & (1 << (k & 31))) === 0) continue;
        const end = i + 1 < starts.length ? starts[i + 1]! - 1 : MAX_PORT;
        set = set.union(PortSet.range(protocol, starts[i]!, end));
      }
    }
    return set;
  }
}

/** Index of the atom holding `port`: the last start <= port. */
function atomAt(starts: readonly number[], port: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= port) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
