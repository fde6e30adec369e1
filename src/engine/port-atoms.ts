/**
 * Port sets as bitsets over the atoms of the ports a snapshot mentions. The atoms are the coarsest
 * pieces of (protocol, 1..65535) that every given PortSet is a union of, so connectivity can OR and
 * AND a few machine words per pair instead of merging interval lists. Distinct bitsets are interned:
 * a port set is then a small integer id, and conns are built once per id.
 */
import type { Conns, ProtocolPorts } from './model';
import { MAX_PORT, MIN_PORT, OUTPUT_PROTOCOLS, PortSet } from './port-set';
import type { Protocol } from './topology';

export class PortAtoms {
  /**
   * An instance as long-lived as the class, so V8 keeps its hidden class between analyses. When the
   * last instance dies, a full collection frees the hidden class, and the optimised code of every
   * loop that inlined these methods (connectivity's table) is thrown away (deopt "weak objects") and
   * compiled again by the next analysis: in a service that computes a table per published version,
   * or in the bench, which collects before each run.
   */
  static readonly shapeAnchor = new PortAtoms([]);
  /** First port of every atom, protocol by protocol (OUTPUT_PROTOCOLS order). */
  private readonly starts: Record<Protocol, number[]>;
  private readonly offsets: Record<Protocol, number>;
  /** Atoms in all, and 32-bit words per bitset. */
  readonly size: number;
  readonly words: number;
  /** Interned bitsets, `words` words each, back to back. */
  private store: Uint32Array;
  private interned = 0;
  private slots = new Int32Array(256).fill(-1);
  private readonly connsById: Conns[] = [];
  /** Words handed to `add` by `internWords`. */
  private readonly scratch = new Uint32Array(4);
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

  /**
   * The bitset of `set` written into `out` at `offset` (OR-ed into what is there). A set whose ranges
   * do not fall on atom boundaries was not among those the atoms were built from: a bug, not input.
   */
  orInto(set: PortSet, out: Uint32Array, offset: number): void {
    for (const protocol of OUTPUT_PROTOCOLS) {
      const starts = this.starts[protocol];
      for (const [a, b] of set.ranges(protocol)) {
        const i = atomAt(starts, a);
        const j = atomAt(starts, b);
        if (starts[i] !== a || (b < MAX_PORT && starts[j + 1] !== b + 1))
          throw new Error(`port atoms: ${protocol} ${a}-${b} is not a union of atoms`);
        const first = this.offsets[protocol] + i;
        const last = this.offsets[protocol] + j;
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

  /**
   * The interned bitsets back to back (`words` words per id), for loops that OR many of them: valid
   * until the next `intern` adds a bitset (the store may then be reallocated). Do not write to it.
   */
  get bits(): Uint32Array {
    return this.store;
  }

  /** ORs the bitset of id `id` into `out` at `offset`. */
  orId(id: number, out: Uint32Array, offset: number): void {
    const from = id * this.words;
    for (let w = 0; w < this.words; w++) out[offset + w]! |= this.store[from + w]!;
  }

  /** The id of the bitset at `words[offset..]`, added to the table when new. */
  intern(words: Uint32Array, offset: number): number {
    const n = this.words;
    if (n <= 4) return this.internSmall(words, offset);
    let hash = 0;
    let any = 0;
    for (let w = 0; w < n; w++) {
      const v = words[offset + w]!;
      any |= v;
      hash = (Math.imul(hash, 0x9e3779b1) ^ v) | 0;
    }
    if (any === 0 && this.interned > 0) return this.NONE;
    // Open addressing over a power-of-two table of ids (-1 = free), kept at most half full.
    const mask = this.slots.length - 1;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id === -1) return this.add(words, offset, slot);
      let same = true;
      for (let w = 0; w < n && same; w++) same = this.store[id * n + w] === words[offset + w];
      if (same) return id;
    }
  }

  /**
   * `intern` for up to 4 words (up to 128 atoms, the common case): the words in locals, no loops.
   * Same hash and table as `intern`, so the two agree on every id.
   */
  private internSmall(words: Uint32Array, offset: number): number {
    const n = this.words;
    return this.internWords(
      words[offset]! | 0,
      n > 1 ? words[offset + 1]! | 0 : 0,
      n > 2 ? words[offset + 2]! | 0 : 0,
      n > 3 ? words[offset + 3]! | 0 : 0,
    );
  }

  /**
   * The id of the bitset whose words are v0..v3, for bitsets of up to 4 words (`words <= 4`; the
   * words past `words` must be 0): loops over small bitsets keep them in locals and intern from there.
   */
  internWords(v0: number, v1: number, v2: number, v3: number): number {
    const n = this.words;
    if ((v0 | v1 | v2 | v3) === 0 && this.interned > 0) return this.NONE;
    let hash = v0 | 0;
    if (n > 1) hash = (Math.imul(hash, 0x9e3779b1) ^ v1) | 0;
    if (n > 2) hash = (Math.imul(hash, 0x9e3779b1) ^ v2) | 0;
    if (n > 3) hash = (Math.imul(hash, 0x9e3779b1) ^ v3) | 0;
    const slots = this.slots;
    const store = this.store;
    const mask = slots.length - 1;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot]!;
      if (id === -1) {
        const scratch = this.scratch;
        scratch[0] = v0;
        if (n > 1) scratch[1] = v1;
        if (n > 2) scratch[2] = v2;
        if (n > 3) scratch[3] = v3;
        return this.add(scratch, 0, slot);
      }
      // Compared as int32: callers pass words straight from a Uint32Array or out of `&` / `|`.
      const at = id * n;
      if (
        (store[at]! | 0) === (v0 | 0) &&
        (n < 2 || (store[at + 1]! | 0) === (v1 | 0)) &&
        (n < 3 || (store[at + 2]! | 0) === (v2 | 0)) &&
        (n < 4 || (store[at + 3]! | 0) === (v3 | 0))
      )
        return id;
    }
  }

  private add(words: Uint32Array, offset: number, slot: number): number {
    const n = this.words;
    const id = this.interned++;
    if ((id + 1) * n > this.store.length) {
      const grown = new Uint32Array(this.store.length * 2);
      grown.set(this.store);
      this.store = grown;
    }
    for (let w = 0; w < n; w++) this.store[id * n + w] = words[offset + w]!;
    this.slots[slot] = id;
    if (this.interned * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const n = this.words;
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let id = 0; id < this.interned; id++) {
      let hash = 0;
      for (let w = 0; w < n; w++) hash = (Math.imul(hash, 0x9e3779b1) ^ this.store[id * n + w]!) | 0;
      let slot = (hash ^ (hash >>> 15)) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = id;
    }
  }

  /** The conformance form of id `id` (PortSet.toConns), built once per id; callers must not mutate it. */
  conns(id: number): Conns {
    let hit = this.connsById[id];
    if (hit === undefined) this.connsById[id] = hit = this.buildConns(id);
    return hit;
  }

  private buildConns(id: number): Conns {
    if (id === this.ALL) return 'All Connections';
    const n = this.words;
    const out: ProtocolPorts[] = [];
    for (const protocol of OUTPUT_PROTOCOLS) {
      const starts = this.starts[protocol];
      const offset = this.offsets[protocol];
      const ranges: [number, number][] = [];
      for (let i = 0; i < starts.length; i++) {
        const k = offset + i;
        if ((this.store[id * n + (k >>> 5)]! & (1 << (k & 31))) === 0) continue;
        const end = i + 1 < starts.length ? starts[i + 1]! - 1 : MAX_PORT;
        // Atoms are contiguous, so set neighbours merge into the maximal ranges PortSet would print.
        const last = ranges[ranges.length - 1];
        if (last !== undefined && last[1] + 1 === starts[i]) last[1] = end;
        else ranges.push([starts[i]!, end]);
      }
      if (ranges.length > 0) out.push({ protocol, ports: ranges });
    }
    return out;
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
