/**
 * Every allowed connection between workloads and external IPv4/IPv6 ranges, in the netpol-analyzer
 * connlist form (see test/fixtures/conformance/README.md).
 *
 * Dense clusters make this a large computation (n² pairs, each the union of many rules' ports), so:
 * - workloads that no policy, no rule peer and no named port tells apart answer alike: the pair
 *   matrix is computed per equivalence class (workload-classes.ts) and expanded only when read;
 * - port sets are bitsets over the atoms of the ports the rules mention (port-atoms.ts), interned to
 *   small integer ids, so a union is an OR of a few words and an intersection a memoised lookup;
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
  const table = connectivityTable(snapshot, options);
  const connections: Connection[] = [];
  table.forEach((src, dst, conns) => connections.push({ src, dst, conns }), { order: 'engine' });
  return { workloads: table.workloads, connections };
}

function rulesOf(policies: readonly CompiledPolicy[], direction: Direction): CompiledRule[] {
  return policies.flatMap((p) => (direction === 'ingress' ? p.ingress : p.egress) ?? []);
}

/** The connlist label a line is sorted by: external ranges carry `[External]`. */
export function connlistLabel(peer: string): string {
  return peer.includes('/') ? peer : `${peer}[External]`;
}

export function connectivityTable(snapshot: Snapshot | CompiledSnapshot, options?: AnalysisOptions): ConnectivityTable {
  const c = compiledOf(snapshot, options);
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
  const peerClasses = classListsOf(classes);
  const everyClass = Array.from({ length: nc }, (_, k) => k);

  // pairs[s * nc + d]: first what d's ingress admits from s, then (below) that AND s's egress to d.
  const pairs = new Int32Array(nc * nc);
  const buffer = new Uint32Array(nc * words);
  // A row is a base (the rules admitting every peer) plus the slots that rules naming their peers
  // touch: only those are initialised from the base, OR-ed and interned; the others are the base.
  const base = new Uint32Array(words);
  const touched = new Int32Array(nc);
  const stamp = new Int32Array(nc);
  let round = 0;
  let count = 0;
  const touch = (k: number) => {
    if (stamp[k] === round) return;
    stamp[k] = round;
    touched[count++] = k;
    for (let w = 0; w < words; w++) buffer[k * words + w] = base[w]!;
  };
  const startRow = () => {
    round++;
    count = 0;
    base.fill(0);
  };
  for (let d = 0; d < nc; d++) {
    if (!isolatedIn[d]) {
      for (let s = 0; s < nc; s++) pairs[s * nc + d] = atoms.ALL; // rule 1: not isolated
      continue;
    }
    startRow();
    // Toward a fixed destination a rule's ports do not depend on the peer, so every-peer rules are base.
    for (const rule of ingressOf[d]!) if (rule.anyPeer) atoms.orId(ports(rule, d), base, 0);
    const baseId = atoms.intern(base, 0);
    for (const rule of ingressOf[d]!) {
      if (rule.anyPeer) continue;
      const id = ports(rule, d);
      if (id === atoms.NONE) continue;
      for (const s of peerClasses(rule)) {
        touch(s);
        atoms.orId(id, buffer, s * words);
      }
    }
    for (let s = 0; s < nc; s++) pairs[s * nc + d] = baseId;
    for (let t = 0; t < count; t++) pairs[touched[t]! * nc + d] = atoms.intern(buffer, touched[t]! * words);
  }

  // An isolated source's egress, ANDed into its row of pairs.
  const kept = new Int32Array(nc);
  for (let s = 0; s < nc; s++) {
    if (!isolatedOut[s]) continue; // the ingress side alone decides
    startRow();
    const row = s * nc;
    // An every-peer rule with named ports differs per destination: no base then, every slot is touched.
    const perDestination = egressOf[s]!.some((rule) => rule.anyPeer && ports.fixed(rule) === undefined);
    for (const rule of egressOf[s]!) if (rule.anyPeer && !perDestination) atoms.orId(ports.fixed(rule)!, base, 0);
    const baseId = atoms.intern(base, 0);
    for (const rule of egressOf[s]!) {
      if (rule.anyPeer && !perDestination) continue;
      const fixed = ports.fixed(rule);
      if (fixed === atoms.NONE) continue;
      for (const d of rule.anyPeer ? everyClass : peerClasses(rule)) {
        touch(d);
        atoms.orId(fixed ?? ports(rule, d), buffer, d * words);
      }
    }
    for (let t = 0; t < count; t++)
      kept[t] = atoms.intersectWords(pairs[row + touched[t]!]!, buffer, touched[t]! * words);
    if (baseId === atoms.NONE)
      pairs.fill(atoms.NONE, row, row + nc); // only the classes its rules name
    else for (let d = 0; d < nc; d++) pairs[row + d] = atoms.intersect(baseId, pairs[row + d]!);
    for (let t = 0; t < count; t++) pairs[row + touched[t]!] = kept[t]!;
  }

  // External peers are never isolated, so only the workload's side decides.
  // (The admin tiers rewrite toOutside below; fromOutside stands: see admin-connectivity.ts.)
  const fromOutside = externalRows(sources, nc, atoms, (d, admit) => {
    if (!isolatedIn[d]) return admit(undefined, atoms.ALL);
    for (const rule of ingressOf[d]!) {
      if (rule.anyPeer) admit(undefined, ports(rule, d));
      else if (rule.ipBlocks.length > 0) admit(rule, ports(rule, d));
    }
  });
  const toOutside = externalRows(destinations, nc, atoms, (s, admit) => {
    if (!isolatedOut[s]) return admit(undefined, atoms.ALL);
    for (const rule of egressOf[s]!) {
      if (rule.anyPeer) admit(undefined, ports(rule, undefined));
      else if (rule.ipBlocks.length > 0) admit(rule, ports(rule, undefined));
    }
  });

  // Admin tiers (ANP, BANP): one hook over the NetworkPolicy tables, per direction.
  applyAdminTiers(c, classes.representatives, atoms, { pairs, toOutside, destinations });
  isolateNetworks(c, classes.representatives, pairs, atoms.NONE);

  const ids = c.workloads.map((w) => w.id);
  const of = classes.of;
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
      const walk = (sources: readonly number[], keep: (d: number) => boolean) => {
        for (const s of sources) {
          const src = nameOf(s, externalNames[0]);
          for (let j = 0; j < dstPeers.length; j++) {
            const d = dstPeers[j]!;
            if (!keep(d)) continue;
            const id = pair(s, d);
            if (id !== NONE) visit(src, dstNames[j]!, atoms.conns(id));
          }
        }
      };
      if (order === 'connlist') return walk(srcPeers, () => true);
      // Engine order: workload pairs, then external sources, then external destinations by piece.
      walk(
        srcPeers.filter((p) => p >= 0),
        (d) => d >= 0,
      );
      walk(
        srcPeers.filter((p) => p < 0),
        () => true,
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

/** Per rule (by its peer list): the classes it admits, sorted. */
function classListsOf(classes: WorkloadClasses): (rule: CompiledRule) => readonly number[] {
  const memo = new Map<readonly number[], number[]>();
  const seen = new Int32Array(classes.representatives.length).fill(-1);
  let mark = 0;
  return (rule) => {
    let hit = memo.get(rule.workloads);
    if (hit === undefined) {
      hit = [];
      mark++;
      for (const w of rule.workloads) {
        const k = classes.of[w]!;
        if (seen[k] !== mark) {
          seen[k] = mark;
          hit.push(k);
        }
      }
      memo.set(rule.workloads, hit);
    }
    return hit;
  };
}

/**
 * The atoms of every port set a rule can yield, and `ports(rule, class)`: the id of
 * rulePorts toward the class's representative (or toward an external address when class is
 * undefined). Rules without named ports do not depend on the destination; the others are resolved
 * on first use, once per distinct port list and named-port profile of the destination.
 */
function rulePortIds(
  c: CompiledSnapshot,
  classes: WorkloadClasses,
): {
  atoms: PortAtoms;
  ports: RulePorts;
} {
  const rules = c.policies.flatMap((p) => [...(p.ingress ?? []), ...(p.egress ?? [])]);
  const { specOf, specs } = classes.namedPortSpecs;
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
  const ports: RulePorts = Object.assign(
    (rule: CompiledRule, k: number | undefined) => {
      const spec = specOf.get(rule);
      if (spec === undefined) return numeric.get(rule)!;
      const profile = k === undefined ? np : profiles.of[k]!;
      const row = ids[spec]!;
      if (row[profile] === -1) {
        row[profile] = atoms.idOf(rulePorts(specs[spec]!, c.workloads[profiles.representatives[profile]!]));
      }
      return row[profile]!;
    },
    { fixed: (rule: CompiledRule) => (specOf.has(rule) ? undefined : numeric.get(rule)!) },
  );
  return { atoms, ports };
}

/** Ports of a rule toward a class (or an external address); `fixed` when they do not depend on it. */
interface RulePorts {
  (rule: CompiledRule, k: number | undefined): number;
  fixed(rule: CompiledRule): number | undefined;
}
