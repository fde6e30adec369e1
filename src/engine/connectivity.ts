/**
 * Every allowed connection between workloads and external IPv4/IPv6 ranges, in the netpol-analyzer
 * connlist form (see test/fixtures/conformance/README.md).
 *
 * Dense clusters make this a large computation (n² pairs, each the union of many rules' ports), so:
 * - workloads that no policy, no rule peer and no named port tells apart answer alike: the pair
 *   matrix is computed per equivalence class (workload-classes.ts) and expanded only when read;
 * - port sets are bitsets over the atoms of the ports the rules mention (port-atoms.ts): each
 *   direction (ingress per destination, egress per source) ORs its rules' bitsets over the peers
 *   they admit, then the two are ANDed per pair and interned once to a small integer id;
 * - the result is a compact table that callers walk (`forEach`), in connlist line order or in the
 *   engine's order, so a writer can stream it without building every connection first.
 * What a rule admits (its peers, its ports toward a destination, its ipBlocks) is decided by
 * compile.ts (rulePorts, ruleAdmitsAddress); this file only combines the answers.
 */
import { applyAdminTiers, isolateNetworks } from './admin-connectivity';
import { adminPortSets } from './admin-tiers';
import type { AnalysisOptions } from './analysis-options';
import {
  compileSnapshot,
  isCompiled,
  podAddressList,
  ruleAdmitsAddress,
  rulePorts,
  type CompiledPolicy,
  type CompiledRule,
  type CompiledSnapshot,
  type Direction,
} from './compile';
import { formatRange, partitionFamily, type IpAddress } from './ip-ranges';
import type { Connection, Conns, ConnectivityReport, Snapshot } from './model';
import { PortAtoms } from './port-atoms';
import { PortSet } from './port-set';
import { workloadClasses, type WorkloadClasses } from './workload-classes';

/** External ranges a side distinguishes: pieces of 0.0.0.0/0 cut by every ipBlock of that side. */
export interface ExternalPeers {
  readonly asSource: readonly string[];
  readonly asDestination: readonly string[];
}

/** One piece of the external address space: its connlist name and any address inside it. */
interface ExternalAtom {
  readonly name: string;
  readonly address: IpAddress;
}

/**
 * The pieces external peers come in on one side: ingress pieces are sources, egress pieces are
 * destinations. Only this function knows how the address space is cut: per family (IPv4 always,
 * IPv6 when some policy names an IPv6 CIDR, see `CompiledSnapshot.families`), by every ipBlock
 * written on that side, and under `podIps: match` with the pod IPs cut out (they stand for pods).
 */
function externalAtoms(c: CompiledSnapshot, direction: Direction): ExternalAtom[] {
  const cuts = c.policies.flatMap((p) => p.ipCuts[direction]);
  // ANP/BANP `networks` and `nodes` egress peers cut the destinations too (admin-tiers.ts).
  if (direction === 'egress') cuts.push(...c.admin.egressCuts);
  const pods = podAddressList(c);
  return c.families.flatMap((family) =>
    partitionFamily(family, cuts, pods).map((range) => ({
      name: formatRange(range),
      address: { family: range.family, value: range.first },
    })),
  );
}

function compiledOf(snapshot: Snapshot | CompiledSnapshot, options: AnalysisOptions | undefined): CompiledSnapshot {
  return isCompiled(snapshot) ? snapshot : compileSnapshot(snapshot, options);
}

export function externalPeers(snapshot: Snapshot | CompiledSnapshot, options?: AnalysisOptions): ExternalPeers {
  const c = compiledOf(snapshot, options);
  return {
    asSource: externalAtoms(c, 'ingress').map((a) => a.name),
    asDestination: externalAtoms(c, 'egress').map((a) => a.name),
  };
}

/** Which peers to visit; a predicate gets a workload id or an external range name. */
export interface ConnectionFilter {
  readonly src?: (peer: string) => boolean;
  readonly dst?: (peer: string) => boolean;
}

/**
 * `connlist`: the byte order of the connlist lines (`SRC => DST : CONNS`, ranges suffixed
 * `[External]`), which is how the CLI and the API print them; `engine`: workload pairs by snapshot
 * index, then external sources, then external destinations.
 */
export type ConnectionOrder = 'connlist' | 'engine';

/** Connectivity kept per class; `forEach` expands it. Conns objects are shared: do not mutate them. */
export interface ConnectivityTable {
  /** Workload ids in snapshot order. */
  readonly workloads: readonly string[];
  readonly externalPeers: ExternalPeers;
  forEach(
    visit: (src: string, dst: string, conns: Conns) => void,
    options?: { readonly order?: ConnectionOrder; readonly filter?: ConnectionFilter },
  ): void;
}

/** `options` apply when `snapshot` is not compiled yet (a compiled snapshot carries its own). */
export function connectivity(snapshot: Snapshot | CompiledSnapshot, options?: AnalysisOptions): ConnectivityReport {
  const t = computeTable(compiledOf(snapshot, options));
  return { workloads: t.ids, connections: engineOrderConnections(t) };
}

/**
 * Every connection in the engine's order, as `forEach(..., { order: 'engine' })` without a filter
 * visits them, built by one loop over the class table: no visitor call and no closure per
 * connection, and the conns of each id looked up in an array.
 */
function engineOrderConnections(t: TableParts): Connection[] {
  const { ids, of, nc, pairs, fromOutside, toOutside, atoms } = t;
  const n = ids.length;
  const NONE = atoms.NONE;
  const connsOf: Conns[] = [];
  const conns = (id: number): Conns => (connsOf[id] ??= atoms.conns(id));
  const out: Connection[] = [];
  for (let s = 0; s < n; s++) {
    const src = ids[s]!;
    const row = of[s]! * nc;
    for (let d = 0; d < n; d++) {
      const id = pairs[row + of[d]!]!;
      // Self pairs are not reported (rule 15).
      if (id !== NONE && d !== s) out.push({ src, dst: ids[d]!, conns: conns(id) });
    }
  }
  for (let a = 0; a < t.sources.length; a++) {
    const src = t.sources[a]!.name;
    for (let d = 0; d < n; d++) {
      const id = fromOutside[a * nc + of[d]!]!;
      if (id !== NONE) out.push({ src, dst: ids[d]!, conns: conns(id) });
    }
  }
  for (let a = 0; a < t.destinations.length; a++) {
    const dst = t.destinations[a]!.name;
    for (let s = 0; s < n; s++) {
      const id = toOutside[a * nc + of[s]!]!;
      if (id !== NONE) out.push({ src: ids[s]!, dst, conns: conns(id) });
    }
  }
  return out;
}

function rulesOf(policies: readonly CompiledPolicy[], direction: Direction): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const p of policies) for (const rule of (direction === 'ingress' ? p.ingress : p.egress) ?? []) out.push(rule);
  return out;
}

/** The connlist label a line is sorted by: external ranges carry `[External]`. */
export function connlistLabel(peer: string): string {
  return peer.includes('/') ? peer : `${peer}[External]`;
}

export function connectivityTable(snapshot: Snapshot | CompiledSnapshot, options?: AnalysisOptions): ConnectivityTable {
  return tableOf(computeTable(compiledOf(snapshot, options)));
}

/** The class table: what `forEach` and `connectivity()` expand. */
interface TableParts {
  /** Workload ids in snapshot order. */
  readonly ids: readonly string[];
  /** Class of each workload, and the number of classes. */
  readonly of: Int32Array;
  readonly nc: number;
  /** Port set id per class pair: pairs[source class * nc + destination class]. */
  readonly pairs: Int32Array;
  /** Per external piece and class: fromOutside[source piece * nc + class], toOutside[piece * nc + class]. */
  readonly fromOutside: Int32Array;
  readonly toOutside: Int32Array;
  readonly sources: readonly ExternalAtom[];
  readonly destinations: readonly ExternalAtom[];
  readonly atoms: PortAtoms;
}

function computeTable(c: CompiledSnapshot): TableParts {
  const sources = externalAtoms(c, 'ingress');
  const destinations = externalAtoms(c, 'egress');
  const classes = workloadClasses(c);
  const { atoms, ports } = rulePortIds(c, classes);
  const nc = classes.representatives.length;
  const words = atoms.words;
  const ingressOf = classes.representatives.map((w) => rulesOf(c.ingressPolicies[w]!, 'ingress'));
  const egressOf = classes.representatives.map((w) => rulesOf(c.egressPolicies[w]!, 'egress'));
  // `enforcement: none`: no plugin enforces the policies, so no workload is isolated and every
  // connection is allowed (see NOT_ENFORCED_REASON for the sources).
  const enforced = c.options.enforcement !== 'none';
  const isolatedIn = classes.representatives.map((w) => enforced && c.ingressPolicies[w]!.length > 0);
  const isolatedOut = classes.representatives.map((w) => enforced && c.egressPolicies[w]!.length > 0);
  const peerClasses = new ClassLists(classes);
  const pairs = new Int32Array(nc * nc);

  // Each direction is computed on its own, as port bitsets (`words` words per pair), then combined:
  // pairs[s * nc + d] = id of (what d's ingress admits from s) AND (what s's egress admits to d).
  // Ingress is computed for a block of sources at a time, so its bitsets take a bounded buffer.
  const block = Math.max(1, Math.min(nc, Math.floor(connectivityTuning.blockWords / (nc * words))));
  const ingress = new Uint32Array(block * nc * words);
  const egress = new EgressRow(nc, words);
  // With admin tiers, each direction's NetworkPolicy answer per class pair is kept (as an id; -1 when
  // no NetworkPolicy isolates that side), so applyAdminTiers combines the tiers without recomputing it.
  const admin = enforced && !c.admin.empty;
  const npIn = admin ? new Int32Array(nc * nc) : undefined;
  const npOut = admin ? new Int32Array(nc * nc).fill(-1) : undefined;
  for (let s0 = 0; s0 < nc; s0 += block) {
    const s1 = Math.min(nc, s0 + block);
    ingressBlock(ingress, s0, s1, {
      nc,
      atoms,
      isolated: isolatedIn,
      rulesOf: ingressOf,
      ports,
      peerClasses,
    });

    // Destination d's slot for source s is at (d * width + s - s0) * words.
    const stride = (s1 - s0) * words;
    for (let s = s0; s < s1; s++) {
      const at = (s - s0) * words;
      if (npIn !== undefined)
        for (let d = 0; d < nc; d++) npIn[s * nc + d] = isolatedIn[d] ? atoms.intern(ingress, at + d * stride) : -1;
      if (!isolatedOut[s]) {
        // The ingress side alone decides (rule 1).
        for (let d = 0; d < nc; d++) pairs[s * nc + d] = atoms.intern(ingress, at + d * stride);
        continue;
      }
      egress.compute(egressOf[s]!, atoms, ports, peerClasses);
      if (npOut !== undefined) egress.ids(atoms, npOut, s * nc);
      egress.andInto(ingress, at, stride, atoms, pairs, s * nc);
    }
  }

  // External peers are never isolated, so only the workload's side decides.
  // (The admin tiers rewrite toOutside below; fromOutside stands: see admin-connectivity.ts.)
  const fromOutside = externalRows(sources, nc, atoms, (d, admit) => {
    if (!isolatedIn[d]) return admit(undefined, atoms.ALL);
    for (const rule of ingressOf[d]!) {
      if (rule.anyPeer) admit(undefined, ports.of(rule, d));
      else if (rule.ipBlocks.length > 0) admit(rule, ports.of(rule, d));
    }
  });
  const toOutside = externalRows(destinations, nc, atoms, (s, admit) => {
    if (!isolatedOut[s]) return admit(undefined, atoms.ALL);
    for (const rule of egressOf[s]!) {
      if (rule.anyPeer) admit(undefined, ports.of(rule, undefined));
      else if (rule.ipBlocks.length > 0) admit(rule, ports.of(rule, undefined));
    }
  });

  // Admin tiers (ANP, BANP): one hook over the NetworkPolicy tables, per direction.
  if (admin) {
    const portSets: PortSet[] = [];
    applyAdminTiers(c, classes.representatives, atoms, {
      pairs,
      toOutside,
      destinations,
      networkPolicy: (direction, s, d) => (direction === 'ingress' ? npIn : npOut)![s * nc + d]!,
      networkPolicyOutside: (k, a) => (isolatedOut[k] ? toOutside[a * nc + k]! : -1),
      portSet: (id) => (portSets[id] ??= PortSet.fromConns(atoms.conns(id))),
      profiles: classes.portProfiles.of,
    });
  }
  isolateNetworks(c, classes.representatives, pairs, atoms.NONE);
  const ids = c.workloads.map((w) => w.id);
  return { ids, of: classes.of, nc, pairs, fromOutside, toOutside, sources, destinations, atoms };
}

function tableOf(t: TableParts): ConnectivityTable {
  const { ids, of, nc, pairs, fromOutside, toOutside, sources, destinations, atoms } = t;
  return {
    workloads: ids,
    externalPeers: { asSource: sources.map((a) => a.name), asDestination: destinations.map((a) => a.name) },
    forEach(visit, { order = 'connlist', filter = {} } = {}) {
      const NONE = atoms.NONE;
      const externalNames = [sources.map((a) => a.name), destinations.map((a) => a.name)] as const;
      // Peers as numbers: a workload index w as w, external piece a as -(a + 1).
      const peersOf = (test: ((peer: string) => boolean) | undefined, externals: readonly string[]) => {
        const out: number[] = [];
        ids.forEach((id, w) => (test === undefined || test(id)) && out.push(w));
        externals.forEach((name, a) => (test === undefined || test(name)) && out.push(-(a + 1)));
        return out;
      };
      const nameOf = (peer: number, externals: readonly string[]) => (peer >= 0 ? ids[peer]! : externals[-peer - 1]!);
      let srcPeers = peersOf(filter.src, externalNames[0]);
      let dstPeers = peersOf(filter.dst, externalNames[1]);
      if (order === 'connlist') {
        // Lines sort by source label, then destination label: no label contains " => " or " : ", so
        // comparing the labels (with what follows them) orders the lines without building them.
        const sorted = (peers: number[], externals: readonly string[], suffix: string) =>
          peers
            .map((p) => [connlistLabel(nameOf(p, externals)) + suffix, p] as const)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, p]) => p);
        srcPeers = sorted(srcPeers, externalNames[0], ' => ');
        dstPeers = sorted(dstPeers, externalNames[1], ' : ');
      }
      const dstNames = dstPeers.map((p) => nameOf(p, externalNames[1]));
      const pair = (s: number, d: number): number => {
        if (s < 0) return d < 0 ? NONE : fromOutside[(-s - 1) * nc + of[d]!]!;
        if (d < 0) return toOutside[(-d - 1) * nc + of[s]!]!;
        return s === d ? NONE : pairs[of[s]! * nc + of[d]!]!; // self pairs are not reported (rule 15)
      };
      // Per destination, where its column starts: a workload's class, an external piece's row.
      const dst = Int32Array.from(dstPeers);
      const column = Int32Array.from(dstPeers, (d) => (d >= 0 ? of[d]! : (-d - 1) * nc));
      // `pair` unrolled over one source's row, the hot loop of every walk.
      const walk = (sources: readonly number[], workloadsOnly: boolean) => {
        for (const s of sources) {
          const src = nameOf(s, externalNames[0]);
          if (s >= 0) {
            const k = of[s]!;
            const row = k * nc;
            for (let j = 0; j < dst.length; j++) {
              const d = dst[j]!;
              let id: number;
              if (d >= 0) {
                if (d === s) continue; // self pairs are not reported (rule 15)
                id = pairs[row + column[j]!]!;
              } else if (workloadsOnly) continue;
              else id = toOutside[column[j]! + k]!;
              if (id !== NONE) visit(src, dstNames[j]!, atoms.conns(id));
            }
          } else {
            const row = (-s - 1) * nc;
            for (let j = 0; j < dst.length; j++) {
              if (dst[j]! < 0) continue;
              const id = fromOutside[row + column[j]!]!;
              if (id !== NONE) visit(src, dstNames[j]!, atoms.conns(id));
            }
          }
        }
      };
      if (order === 'connlist') return walk(srcPeers, false);
      // Engine order: workload pairs, then external sources, then external destinations by piece.
      walk(
        srcPeers.filter((p) => p >= 0),
        true,
      );
      walk(
        srcPeers.filter((p) => p < 0),
        false,
      );
      for (const [j, d] of dstPeers.entries()) {
        if (d >= 0) continue;
        for (const s of srcPeers) {
          const id = s >= 0 ? pair(s, d) : NONE;
          if (id !== NONE) visit(ids[s]!, dstNames[j]!, atoms.conns(id));
        }
      }
    },
  };
}

/**
 * Per external atom and workload class (atom-major): the ports between them. `rulesFor(k, admit)`
 * reports class k's rules: `admit(undefined, id)` for a rule admitting every peer, `admit(rule, id)`
 * for one admitting the atoms its ipBlocks contain.
 */
function externalRows(
  pieces: readonly ExternalAtom[],
  nc: number,
  atoms: PortAtoms,
  rulesFor: (k: number, admit: (rule: CompiledRule | undefined, id: number) => void) => void,
): Int32Array {
  const out = new Int32Array(pieces.length * nc);
  if (pieces.length === 0) return out;
  const words = atoms.words;
  const buffer = new Uint32Array(pieces.length * words);
  const admitted = new Map<CompiledRule, number[]>();
  const piecesOf = (rule: CompiledRule) => {
    let hit = admitted.get(rule);
    if (hit === undefined) {
      hit = [];
      for (let a = 0; a < pieces.length; a++) if (ruleAdmitsAddress(rule, pieces[a]!.address)) hit.push(a);
      admitted.set(rule, hit);
    }
    return hit;
  };
  for (let k = 0; k < nc; k++) {
    buffer.fill(0);
    rulesFor(k, (rule, id) => {
      if (id === atoms.NONE) return;
      if (rule === undefined) for (let a = 0; a < pieces.length; a++) atoms.orId(id, buffer, a * words);
      else for (const a of piecesOf(rule)) atoms.orId(id, buffer, a * words);
    });
    for (let a = 0; a < pieces.length; a++) out[a * nc + k] = atoms.intern(buffer, a * words);
  }
  return out;
}

/**
 * Per rule (by its peer list): the classes it admits, ascending. A class with methods rather than a
 * closure: the optimised code of a module's functions lives as long as the module, a closure's
 * only as long as the closure (one per analysis).
 */
class ClassLists {
  /** Keeps the hidden class alive between analyses: see PortAtoms.shapeAnchor. */
  static readonly shapeAnchor = new ClassLists({ of: new Int32Array(0), representatives: [] });
  private readonly memo = new Map<readonly number[], Int32Array>();
  private readonly seen: Int32Array;
  private mark = 0;

  constructor(private readonly classes: Pick<WorkloadClasses, 'of' | 'representatives'>) {
    this.seen = new Int32Array(classes.representatives.length).fill(-1);
  }

  of(rule: CompiledRule): Int32Array {
    let hit = this.memo.get(rule.workloads);
    if (hit === undefined) {
      const list: number[] = [];
      const mark = ++this.mark;
      const { seen } = this;
      for (const w of rule.workloads) {
        const k = this.classes.of[w]!;
        if (seen[k] !== mark) {
          seen[k] = mark;
          list.push(k);
        }
      }
      hit = Int32Array.from(list).sort();
      this.memo.set(rule.workloads, hit);
    }
    return hit;
  }
}

/**
 * Words of ingress bitsets buffered at a time (a block of sources times every destination, 32 MiB:
 * one block up to about 1,600 classes at 3 words, so each destination's rules are set up once).
 * Not part of the engine's API: the differential test lowers it so that blocks split small snapshots.
 */
export const connectivityTuning = { blockWords: 1 << 23 };

interface IngressInputs {
  readonly nc: number;
  readonly atoms: PortAtoms;
  /** Per destination class: whether some policy isolates it for ingress (enforced). */
  readonly isolated: readonly boolean[];
  /** Per destination class: its ingress rules. */
  readonly rulesOf: readonly (readonly CompiledRule[])[];
  readonly ports: RulePortTable;
  readonly peerClasses: ClassLists;
}

/**
 * What each destination class's ingress admits from the source classes s0..s1-1, as port bitsets:
 * out[(d * (s1 - s0) + s - s0) * words ...] (a destination's slots side by side, so its rules write
 * into one short stretch of memory rather than one slot per source row). A destination no policy
 * isolates admits everything (rule 1); an isolated one, the union of its rules' ports over the peers
 * each rule admits.
 */
function ingressBlock(out: Uint32Array, s0: number, s1: number, input: IngressInputs): void {
  const { nc, atoms, isolated, rulesOf, ports, peerClasses } = input;
  const words = atoms.words;
  const width = s1 - s0;
  const base = new Uint32Array(words);
  const ids: number[] = [];
  const lists: Int32Array[] = [];
  out.fill(0, 0, width * nc * words);
  for (let d = 0; d < nc; d++) {
    base.fill(0);
    ids.length = 0;
    lists.length = 0;
    if (!isolated[d]) atoms.orId(atoms.ALL, base, 0);
    else {
      // Toward a fixed destination a rule's ports do not depend on the peer, so every-peer rules
      // make the base that every source starts from.
      for (const rule of rulesOf[d]!) {
        const id = ports.of(rule, d);
        if (id === atoms.NONE) continue;
        if (rule.anyPeer) atoms.orId(id, base, 0);
        else {
          ids.push(id);
          lists.push(peerClasses.of(rule));
        }
      }
    }
    // A destination's slots are side by side: (d * width + s - s0) * words.
    const column = d * width * words;
    const stride = words;
    let any = 0;
    for (let w = 0; w < words; w++) any |= base[w]!;
    // The block starts zeroed: only a non-empty base is written to every slot.
    if (any !== 0)
      for (let o = column; o < column + width * stride; o += stride)
        for (let w = 0; w < words; w++) out[o + w] = base[w]!;
    const bits = atoms.bits; // no interning below
    for (let r = 0; r < ids.length; r++) {
      const from = ids[r]! * words;
      const list = lists[r]!;
      const start = lowerBound(list, s0);
      if (words > 4) {
        for (let j = start; j < list.length && list[j]! < s1; j++) {
          const o = column + (list[j]! - s0) * stride;
          for (let w = 0; w < words; w++) out[o + w]! |= bits[from + w]!;
        }
        continue;
      }
      // The common case (up to 128 atoms): the rule's words in locals, OR-ed without a loop.
      const b0 = bits[from]!;
      const b1 = words > 1 ? bits[from + 1]! : 0;
      const b2 = words > 2 ? bits[from + 2]! : 0;
      const b3 = words > 3 ? bits[from + 3]! : 0;
      for (let j = start; j < list.length; j++) {
        const s = list[j]!;
        if (s >= s1) break;
        const o = column + (s - s0) * stride;
        out[o]! |= b0;
        if (words > 1) {
          out[o + 1]! |= b1;
          if (words > 2) {
            out[o + 2]! |= b2;
            if (words > 3) out[o + 3]! |= b3;
          }
        }
      }
    }
  }
}

/** First index of `list` (ascending) holding a value >= `value`. */
function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What one isolated source class's egress admits toward each destination class: a base (the rules
 * admitting every peer with ports that do not depend on it) plus the slots that the other rules
 * touch, each OR-ed with those rules' ports toward that destination.
 */
class EgressRow {
  /** Keeps the hidden class alive between analyses: see PortAtoms.shapeAnchor. */
  static readonly shapeAnchor = new EgressRow(1, 1);
  private readonly base: Uint32Array;
  private readonly buffer: Uint32Array;
  private readonly stamp: Int32Array;
  private round = 0;
  private baseEmpty = true;

  constructor(
    private readonly nc: number,
    private readonly words: number,
  ) {
    this.base = new Uint32Array(words);
    this.buffer = new Uint32Array(nc * words);
    this.stamp = new Int32Array(nc);
  }

  compute(rules: readonly CompiledRule[], atoms: PortAtoms, ports: RulePortTable, peerClasses: ClassLists): void {
    const { nc, words, base, buffer, stamp } = this;
    const round = ++this.round;
    base.fill(0);
    for (const rule of rules) {
      const fixed = ports.fixed(rule);
      if (rule.anyPeer && fixed !== undefined) atoms.orId(fixed, base, 0);
    }
    let any = 0;
    for (let w = 0; w < words; w++) any |= base[w]!;
    this.baseEmpty = any === 0;
    for (const rule of rules) {
      const fixed = ports.fixed(rule);
      if (fixed === atoms.NONE || (rule.anyPeer && fixed !== undefined)) continue;
      const list = rule.anyPeer ? undefined : peerClasses.of(rule);
      const size = list === undefined ? nc : list.length;
      // Named ports (rule 12) resolve per destination: resolve them all first (that may intern),
      // then OR with the store as it stands.
      const perClass = fixed === undefined ? ports.resolved(rule, list) : undefined;
      const bits = atoms.bits;
      if (perClass === undefined && words <= 4) {
        // The common case: one bitset of up to 4 words for every peer, kept in locals.
        const from = fixed! * words;
        const r0 = bits[from]!;
        const r1 = words > 1 ? bits[from + 1]! : 0;
        const r2 = words > 2 ? bits[from + 2]! : 0;
        const r3 = words > 3 ? bits[from + 3]! : 0;
        const b0 = base[0]!;
        const b1 = words > 1 ? base[1]! : 0;
        const b2 = words > 2 ? base[2]! : 0;
        const b3 = words > 3 ? base[3]! : 0;
        for (let j = 0; j < size; j++) {
          const d = list === undefined ? j : list[j]!;
          const o = d * words;
          if (stamp[d] !== round) {
            stamp[d] = round;
            buffer[o] = b0 | r0;
            if (words > 1) buffer[o + 1] = b1 | r1;
            if (words > 2) buffer[o + 2] = b2 | r2;
            if (words > 3) buffer[o + 3] = b3 | r3;
          } else {
            buffer[o]! |= r0;
            if (words > 1) buffer[o + 1]! |= r1;
            if (words > 2) buffer[o + 2]! |= r2;
            if (words > 3) buffer[o + 3]! |= r3;
          }
        }
        continue;
      }
      for (let j = 0; j < size; j++) {
        const d = list === undefined ? j : list[j]!;
        const from = (perClass === undefined ? fixed! : perClass[d]!) * words;
        const o = d * words;
        if (stamp[d] !== round) {
          stamp[d] = round;
          for (let w = 0; w < words; w++) buffer[o + w] = base[w]! | bits[from + w]!;
        } else for (let w = 0; w < words; w++) buffer[o + w]! |= bits[from + w]!;
      }
    }
  }

  /** out[at + d] = id of this row's slot d (what the egress admits toward class d). */
  ids(atoms: PortAtoms, out: Int32Array, at: number): void {
    const { nc, words, base, buffer, stamp, round } = this;
    const baseId = atoms.intern(base, 0);
    for (let d = 0; d < nc; d++) out[at + d] = stamp[d] === round ? atoms.intern(buffer, d * words) : baseId;
  }

  /**
   * pairs[at + d] = id of (ingress bitset toward d, at ingress[offset + d * stride]) AND this row's
   * slot d. The ingress bitsets are overwritten.
   */
  andInto(ingress: Uint32Array, offset: number, stride: number, atoms: PortAtoms, pairs: Int32Array, at: number): void {
    const { nc, words, base, buffer, stamp, round } = this;
    if (words <= 4) {
      // Up to 128 atoms: AND into locals and intern from them (no loops over words, no write-back).
      const b0 = base[0]!;
      const b1 = words > 1 ? base[1]! : 0;
      const b2 = words > 2 ? base[2]! : 0;
      const b3 = words > 3 ? base[3]! : 0;
      for (let d = 0, o = offset; d < nc; d++, o += stride) {
        let v0 = ingress[o]!;
        let v1 = words > 1 ? ingress[o + 1]! : 0;
        let v2 = words > 2 ? ingress[o + 2]! : 0;
        let v3 = words > 3 ? ingress[o + 3]! : 0;
        if (stamp[d] === round) {
          const e = d * words;
          v0 &= buffer[e]!;
          if (words > 1) v1 &= buffer[e + 1]!;
          if (words > 2) v2 &= buffer[e + 2]!;
          if (words > 3) v3 &= buffer[e + 3]!;
        } else if (this.baseEmpty) {
          pairs[at + d] = atoms.NONE;
          continue;
        } else {
          v0 &= b0;
          v1 &= b1;
          v2 &= b2;
          v3 &= b3;
        }
        pairs[at + d] = atoms.internWords(v0, v1, v2, v3);
      }
      return;
    }
    for (let d = 0, o = offset; d < nc; d++, o += stride) {
      if (stamp[d] === round) for (let w = 0; w < words; w++) ingress[o + w]! &= buffer[d * words + w]!;
      else if (this.baseEmpty) {
        pairs[at + d] = atoms.NONE;
        continue;
      } else for (let w = 0; w < words; w++) ingress[o + w]! &= base[w]!;
      pairs[at + d] = atoms.intern(ingress, o);
    }
  }
}

/**
 * The atoms of every port set a rule can yield, and `ports.of(rule, class)`: the id of
 * rulePorts toward the class's representative (or toward an external address when class is
 * undefined). Rules without named ports do not depend on the destination; the others are resolved
 * on first use, once per distinct port list and named-port profile of the destination.
 */
function rulePortIds(
  c: CompiledSnapshot,
  classes: WorkloadClasses,
): {
  atoms: PortAtoms;
  ports: RulePortTable;
} {
  const rules = c.policies.flatMap((p) => [...(p.ingress ?? []), ...(p.egress ?? [])]);
  const { specs } = classes.namedPortSpecs;
  const profiles = classes.portProfiles;
  const np = profiles.representatives.length;
  // Rule 12: a named port resolves to a container port of the destination, so the container ports
  // of the profiles cut the atoms along with the rules' numeric ports.
  const containerPorts = profiles.representatives.flatMap((w) =>
    c.workloads[w]!.ports.map((p) => PortSet.range(p.protocol, p.containerPort, p.containerPort)),
  );
  const atoms = new PortAtoms([...rules.map((r) => r.numericPorts), ...containerPorts, ...adminPortSets(c)]);
  const numeric = new Map(rules.map((r) => [r, atoms.idOf(r.numericPorts)] as const));
  // Per spec: [profile] toward a workload of that named-port profile, [np] toward an external
  // address (no destination pod there: the numeric ports alone, rule 12).
  const ids = specs.map((spec) => {
    const row = new Int32Array(np + 1).fill(-1);
    row[np] = atoms.idOf(rulePorts(spec, undefined));
    return row;
  });
  const nc = classes.representatives.length;
  // Per spec and class, the same ids (-1 until asked), so loops over classes read an array.
  const byClass = specs.map(() => new Int32Array(nc).fill(-1));
  // A spec's ports toward a profile depend only on the profile's container ports under the spec's
  // names: per profile and name, those ports get a small signature number, and rulePorts runs once
  // per spec and distinct signatures (profiles differ mostly in names the spec does not use).
  const signatureIds = new Map<string, number>();
  const signatures = profiles.representatives.map((w) => {
    const byName = new Map<string, string[]>();
    for (const p of c.workloads[w]!.ports) {
      if (p.name === undefined) continue;
      const list = byName.get(p.name) ?? [];
      list.push(`${p.protocol}/${p.containerPort}`);
      byName.set(p.name, list);
    }
    const out = new Map<string, number>();
    for (const [name, list] of byName) {
      const key = list.sort().join(',');
      let id = signatureIds.get(key);
      if (id === undefined) signatureIds.set(key, (id = signatureIds.size));
      out.set(name, id);
    }
    return out;
  });
  const ports = new RulePortTable({ workloads: c.workloads, classes, atoms, numeric, ids, byClass, signatures });
  return { atoms, ports };
}

/** What RulePortTable starts from (see rulePortIds). */
interface RulePortInputs {
  readonly workloads: CompiledSnapshot['workloads'];
  readonly classes: Pick<WorkloadClasses, 'namedPortSpecs' | 'portProfiles'>;
  readonly atoms: PortAtoms;
  /** Per rule without named ports: its id. */
  readonly numeric: ReadonlyMap<CompiledRule, number>;
  /** Per spec: ids per profile (-1 until asked), then the id toward an external address. */
  readonly ids: readonly Int32Array[];
  /** Per spec: ids per class (-1 until asked). */
  readonly byClass: readonly Int32Array[];
  /** Per profile: the signature number of the container ports under each name. */
  readonly signatures: readonly ReadonlyMap<string, number>[];
}

/**
 * Ports of a rule toward a class (or an external address); `fixed` when they do not depend on it.
 * A class rather than closures made per table: the optimised code of its methods, which the hot
 * loops inline, outlives each table (see PortAtoms.shapeAnchor).
 */
class RulePortTable {
  /** Keeps the hidden class alive between analyses: see PortAtoms.shapeAnchor. */
  static readonly shapeAnchor = new RulePortTable({
    workloads: [],
    classes: {
      namedPortSpecs: { specs: [], specOf: new Map() },
      portProfiles: { of: new Int32Array(0), representatives: [] },
    },
    atoms: PortAtoms.shapeAnchor,
    numeric: new Map(),
    ids: [],
    byClass: [],
    signatures: [],
  });
  private readonly bySignature: Map<string, number>[];

  constructor(private readonly input: RulePortInputs) {
    this.bySignature = input.classes.namedPortSpecs.specs.map(() => new Map<string, number>());
  }

  of(rule: CompiledRule, k: number | undefined): number {
    const { specOf } = this.input.classes.namedPortSpecs;
    const spec = specOf.get(rule);
    if (spec === undefined) return this.input.numeric.get(rule)!;
    if (k === undefined) return this.input.ids[spec]![this.input.classes.portProfiles.representatives.length]!;
    const row = this.input.byClass[spec]!;
    if (row[k] === -1) row[k] = this.resolve(spec, this.input.classes.portProfiles.of[k]!);
    return row[k]!;
  }

  fixed(rule: CompiledRule): number | undefined {
    return this.input.classes.namedPortSpecs.specOf.has(rule) ? undefined : this.input.numeric.get(rule)!;
  }

  /**
   * For a rule with named ports, its ids per class (indexed by class), resolved at least for
   * `classes` (every class when undefined); undefined for a rule whose ports are fixed. Resolving
   * may intern new port sets.
   */
  resolved(rule: CompiledRule, classes: Int32Array | undefined): Int32Array | undefined {
    const spec = this.input.classes.namedPortSpecs.specOf.get(rule);
    if (spec === undefined) return undefined;
    const row = this.input.byClass[spec]!;
    const profileOf = this.input.classes.portProfiles.of;
    const size = classes === undefined ? row.length : classes.length;
    for (let j = 0; j < size; j++) {
      const k = classes === undefined ? j : classes[j]!;
      if (row[k] === -1) row[k] = this.resolve(spec, profileOf[k]!);
    }
    return row;
  }

  /** The id of spec's ports toward a workload of `profile`: rulePorts once per distinct signature. */
  private resolve(spec: number, profile: number): number {
    const { workloads, classes, atoms, ids, signatures } = this.input;
    const { specs } = classes.namedPortSpecs;
    const row = ids[spec]!;
    if (row[profile] === -1) {
      const key = specs[spec]!.namedPorts.map((p) => signatures[profile]!.get(p.name) ?? -1).join(',');
      let id = this.bySignature[spec]!.get(key);
      if (id === undefined) {
        id = atoms.idOf(rulePorts(specs[spec]!, workloads[classes.portProfiles.representatives[profile]!]));
        this.bySignature[spec]!.set(key, id);
      }
      row[profile] = id;
    }
    return row[profile]!;
  }
}
