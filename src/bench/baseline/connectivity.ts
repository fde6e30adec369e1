/**
 * BASELINE FOR THE BENCHMARK AND THE DIFFERENTIAL TEST ONLY: src/engine/connectivity.ts as it was
 * before the per-class rewrite (commit 8b076d6), so `npm run bench:engine` measures the old and the new
 * algorithm on the same input in one run. It keeps using the engine's compile step and rulePorts, so
 * rule semantics stay those of the engine and only the algorithm differs. Never imported by src/engine.
 */
import {
  compileSnapshot,
  isCompiled,
  rulePorts,
  type CompiledPolicy,
  type CompiledRule,
  type CompiledSnapshot,
} from '../../engine/compile';
import { formatInterval, partitionIpv4, type Interval } from '../../engine/ip-ranges';
import type { Connection, ConnectivityReport, Snapshot } from '../../engine/model';
import { PortSet } from '../../engine/port-set';

/** External ranges a side distinguishes: pieces of 0.0.0.0/0 cut by every ipBlock of that side. */
export interface ExternalPeers {
  readonly asSource: readonly string[];
  readonly asDestination: readonly string[];
}

function rulesOf(policies: readonly CompiledPolicy[], direction: 'ingress' | 'egress'): CompiledRule[] {
  return policies.flatMap((p) => (direction === 'ingress' ? p.ingress : p.egress) ?? []);
}

function ipAtoms(c: CompiledSnapshot, direction: 'ingress' | 'egress'): Interval[] {
  return partitionIpv4(c.policies.flatMap((p) => p.ipv4Cuts[direction]));
}

export function baselineExternalPeers(snapshot: Snapshot | CompiledSnapshot): ExternalPeers {
  const c = isCompiled(snapshot) ? snapshot : compileSnapshot(snapshot);
  return {
    asSource: ipAtoms(c, 'ingress').map(formatInterval),
    asDestination: ipAtoms(c, 'egress').map(formatInterval),
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
      base = base.union(rulePorts(rule, fixed, false));
      continue;
    }
    const peers = rule.anyPeer ? c.workloads.map((_, i) => i) : rule.workloads;
    for (const peer of peers) add(peer, rulePorts(rule, c.workloads[fixedDestination ?? peer], false));
  }
  if (base !== PortSet.NONE) for (const [peer, ports] of entries) entries.set(peer, ports.union(base));
  return { base, entries };
}

/** Ports the rules admit to/from the external address `first` (any address of an atom will do). */
function ipPorts(
  rules: readonly CompiledRule[],
  first: number,
  destination: CompiledSnapshot['workloads'][number] | undefined,
): PortSet {
  let set = PortSet.NONE;
  for (const rule of rules) {
    if (rule.anyPeer) set = set.union(rulePorts(rule, destination, false));
    else if (rule.ipBlocks.some((b) => b.ipv4.some(([a, z]) => a <= first && first <= z)))
      set = set.union(rulePorts(rule, destination, true));
    if (set === PortSet.ALL) break;
  }
  return set;
}

export function baselineConnectivity(snapshot: Snapshot | CompiledSnapshot): ConnectivityReport {
  const c = isCompiled(snapshot) ? snapshot : compileSnapshot(snapshot);
  const n = c.workloads.length;
  const connections: Connection[] = [];
  const push = (src: string, dst: string, ports: PortSet) => {
    if (!ports.isEmpty()) connections.push({ src, dst, conns: ports.toConns() });
  };

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
    const name = formatInterval(atom);
    c.workloads.forEach((w, d) => {
      push(name, w.id, c.ingressPolicies[d]!.length === 0 ? PortSet.ALL : ipPorts(ingressRules[d]!, atom[0], w));
    });
  }
  for (const atom of ipAtoms(c, 'egress')) {
    const name = formatInterval(atom);
    c.workloads.forEach((w, s) => {
      push(w.id, name, c.egressPolicies[s]!.length === 0 ? PortSet.ALL : ipPorts(egressRules[s]!, atom[0], undefined));
    });
  }
  return { workloads: c.workloads.map((w) => w.id), connections };
}
