/**
 * BASELINE FOR THE BENCHMARK AND THE DIFFERENTIAL TEST ONLY: src/engine/connectivity.ts as it was
 * before the per-class rewrite (commit 8b076d6, with main's later semantics: IPv6 pieces, pod IPs,
 * named ports from ipBlock peers, enforcement none), so `npm run bench:engine` measures the old and
 * the new algorithm on the same input in one run. It keeps using the engine's compile step and
 * rulePorts, so rule semantics stay those of the engine and only the algorithm differs. Never
 * imported by src/engine.
 */
import type { AnalysisOptions } from '../../engine/analysis-options';
import {
  compileSnapshot,
  ipBlockContains,
  isCompiled,
  podAddressList,
  rulePorts,
  type CompiledPolicy,
  type CompiledRule,
  type CompiledSnapshot,
} from '../../engine/compile';
import { formatRange, partitionFamily, type IpAddress, type IpRange } from '../../engine/ip-ranges';
import type { Connection, ConnectivityReport, Snapshot, Workload } from '../../engine/model';
import { PortSet } from '../../engine/port-set';

/**
 * External ranges a side distinguishes: pieces of 0.0.0.0/0 (and of ::/0 when some policy names an
 * IPv6 CIDR) cut by every ipBlock of that side; under `podIps: match`, pod IPs are cut out.
 */
export interface ExternalPeers {
  readonly asSource: readonly string[];
  readonly asDestination: readonly string[];
}

function rulesOf(policies: readonly CompiledPolicy[], direction: 'ingress' | 'egress'): CompiledRule[] {
  return policies.flatMap((p) => (direction === 'ingress' ? p.ingress : p.egress) ?? []);
}

function ipAtoms(c: CompiledSnapshot, direction: 'ingress' | 'egress'): IpRange[] {
  const cuts = c.policies.flatMap((p) => p.ipCuts[direction]);
  const pods = podAddressList(c);
  return c.families.flatMap((family) => partitionFamily(family, cuts, pods));
}

function compiledOf(snapshot: Snapshot | CompiledSnapshot, options: AnalysisOptions | undefined): CompiledSnapshot {
  return isCompiled(snapshot) ? snapshot : compileSnapshot(snapshot, options);
}

export function baselineExternalPeers(snapshot: Snapshot | CompiledSnapshot, options?: AnalysisOptions): ExternalPeers {
  const c = compiledOf(snapshot, options);
  return {
    asSource: ipAtoms(c, 'ingress').map(formatRange),
    asDestination: ipAtoms(c, 'egress').map(formatRange),
  };
}

/**
 * What `rules` admit per peer workload index: `entries[peer] ?? base`. Rules matching every peer
 * go to `base` (when their ports do not depend on the peer), so a row costs the number of peers
 * the rules name, not the number of workloads.
 */
interface Row {
  readonly base: PortSet;
  readonly entries: Map<number, PortSet>;
}

function row(c: CompiledSnapshot, rules: readonly CompiledRule[], fixedDestination: number | undefined): Row {
  // A Map keeps a row as small as the peers its rules name (an array would cost n slots per row).
  const entries = new Map<number, PortSet>();
  let base = PortSet.NONE;
  const add = (peer: number, ports: PortSet) => {
    const current = entries.get(peer);
    entries.set(peer, current === undefined ? ports : current.union(ports));
  };
  for (const rule of rules) {
    const fixed = fixedDestination !== undefined ? c.workloads[fixedDestination] : undefined;
    if (rule.anyPeer && (fixed !== undefined || rule.namedPorts.length === 0)) {
      base = base.union(rulePorts(rule, fixed));
      continue;
    }
    const peers = rule.anyPeer ? c.workloads.map((_, i) => i) : rule.workloads;
    for (const peer of peers) add(peer, rulePorts(rule, c.workloads[fixedDestination ?? peer]));
  }
  if (base !== PortSet.NONE) for (const [peer, ports] of entries) entries.set(peer, ports.union(base));
  return { base, entries };
}

/**
 * Ports the rules admit to/from the external address `first` (any address of an atom will do).
 * `destination` is the workload for ingress (named ports resolve on it, rule 12) and undefined for
 * egress toward an external address, where named ports match nothing.
 */
function ipPorts(rules: readonly CompiledRule[], first: IpAddress, destination: Workload | undefined): PortSet {
  let set = PortSet.NONE;
  for (const rule of rules) {
    if (rule.anyPeer || rule.ipBlocks.some((b) => ipBlockContains(b, first)))
      set = set.union(rulePorts(rule, destination));
    if (set === PortSet.ALL) break;
  }
  return set;
}

const firstAddress = (atom: IpRange): IpAddress => ({ family: atom.family, value: atom.first });

export function baselineConnectivity(
  snapshot: Snapshot | CompiledSnapshot,
  options?: AnalysisOptions,
): ConnectivityReport {
  const c = compiledOf(snapshot, options);
  const n = c.workloads.length;
  const connections: Connection[] = [];
  const push = (src: string, dst: string, ports: PortSet) => {
    if (!ports.isEmpty()) connections.push({ src, dst, conns: ports.toConns() });
  };
  if (c.options.enforcement === 'none') return unenforced(c);

  const ingressRules = c.ingressPolicies.map((policies) => rulesOf(policies, 'ingress'));
  const egressRules = c.egressPolicies.map((policies) => rulesOf(policies, 'egress'));
  const everyone = c.workloads.map((_, i) => i);

  // ingress[d]: what destination d admits per source; undefined = not isolated (rule 1).
  const ingress = c.workloads.map((_, d) =>
    c.ingressPolicies[d]!.length === 0 ? undefined : row(c, ingressRules[d]!, d),
  );
  for (let s = 0; s < n; s++) {
    const egress = c.egressPolicies[s]!.length === 0 ? undefined : row(c, egressRules[s]!, undefined);
    // An isolated source with no rule matching every peer can only reach the peers its rules name.
    const candidates =
      egress === undefined || egress.base !== PortSet.NONE
        ? everyone
        : [...egress.entries.keys()].sort((a, b) => a - b);
    for (const d of candidates) {
      if (d === s) continue; // self pairs are not reported (rule 15 allows them anyway)
      const out = egress === undefined ? PortSet.ALL : (egress.entries.get(d) ?? egress.base);
      if (out === PortSet.NONE) continue;
      const inRow = ingress[d];
      const inn = inRow === undefined ? PortSet.ALL : (inRow.entries.get(s) ?? inRow.base);
      if (inn === PortSet.NONE) continue;
      push(c.workloads[s]!.id, c.workloads[d]!.id, out.intersect(inn));
    }
  }

  // External peers are never isolated, so only the workload's side decides.
  for (const atom of ipAtoms(c, 'ingress')) {
    const name = formatRange(atom);
    c.workloads.forEach((w, d) => {
      push(
        name,
        w.id,
        c.ingressPolicies[d]!.length === 0 ? PortSet.ALL : ipPorts(ingressRules[d]!, firstAddress(atom), w),
      );
    });
  }
  for (const atom of ipAtoms(c, 'egress')) {
    const name = formatRange(atom);
    c.workloads.forEach((w, s) => {
      push(
        w.id,
        name,
        c.egressPolicies[s]!.length === 0 ? PortSet.ALL : ipPorts(egressRules[s]!, firstAddress(atom), undefined),
      );
    });
  }
  return { workloads: c.workloads.map((w) => w.id), connections };
}

/**
 * `enforcement: none`: the plugin implements no NetworkPolicy, so every pair of workloads and every
 * external range is connected on every port (see NOT_ENFORCED_REASON for the sources).
 */
function unenforced(c: CompiledSnapshot): ConnectivityReport {
  const conns = PortSet.ALL.toConns();
  const connections: Connection[] = [];
  for (const s of c.workloads)
    for (const d of c.workloads) if (s !== d) connections.push({ src: s.id, dst: d.id, conns });
  for (const atom of ipAtoms(c, 'ingress'))
    for (const w of c.workloads) connections.push({ src: formatRange(atom), dst: w.id, conns });
  for (const atom of ipAtoms(c, 'egress'))
    for (const w of c.workloads) connections.push({ src: w.id, dst: formatRange(atom), conns });
  return { workloads: c.workloads.map((w) => w.id), connections };
}
