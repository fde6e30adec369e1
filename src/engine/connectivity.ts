/**
 * Every allowed connection between workloads and external IPv4 ranges, in the netpol-analyzer
 * connlist form (see test/fixtures/conformance/README.md). Port sets are combined with interval
 * arithmetic, per row of the pair matrix, never port by port.
 */
import {
  compileSnapshot,
  isCompiled,
  rulePorts,
  type CompiledPolicy,
  type CompiledRule,
  type CompiledSnapshot,
} from './compile';
import { formatInterval, partitionIpv4, type Interval } from './ip-ranges';
import type { Connection, ConnectivityReport, Snapshot } from './model';
import { PortSet } from './port-set';

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

export function externalPeers(snapshot: Snapshot | CompiledSnapshot): ExternalPeers {
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
  readonly entries: (PortSet | undefined)[];
}

function row(c: CompiledSnapshot, rules: readonly CompiledRule[], fixedDestination: number | undefined): Row {
  const entries: (PortSet | undefined)[] = new Array(c.workloads.length);
  const touched: number[] = [];
  let base = PortSet.NONE;
  const add = (peer: number, ports: PortSet) => {
    const current = entries[peer];
    if (current === undefined) touched.push(peer);
    entries[peer] = current === undefined ? ports : current.union(ports);
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
  if (base !== PortSet.NONE) for (const peer of touched) entries[peer] = entries[peer]!.union(base);
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

export function connectivity(snapshot: Snapshot | CompiledSnapshot): ConnectivityReport {
  const c = isCompiled(snapshot) ? snapshot : compileSnapshot(snapshot);
  const n = c.workloads.length;
  const connections: Connection[] = [];
  const push = (src: string, dst: string, ports: PortSet) => {
    if (!ports.isEmpty()) connections.push({ src, dst, conns: ports.toConns() });
  };

  // ingress[d]: what destination d admits per source; undefined = not isolated (rule 1).
  const ingress = c.workloads.map((_, d) =>
    c.ingressPolicies[d]!.length === 0 ? undefined : row(c, rulesOf(c.ingressPolicies[d]!, 'ingress'), d),
  );
  for (let s = 0; s < n; s++) {
    const egress =
      c.egressPolicies[s]!.length === 0 ? undefined : row(c, rulesOf(c.egressPolicies[s]!, 'egress'), undefined);
    for (let d = 0; d < n; d++) {
      if (d === s) continue; // self pairs are not reported (rule 15 allows them anyway)
      const out = egress === undefined ? PortSet.ALL : (egress.entries[d] ?? egress.base);
      if (out === PortSet.NONE) continue;
      const inRow = ingress[d];
      const inn = inRow === undefined ? PortSet.ALL : (inRow.entries[s] ?? inRow.base);
      if (inn === PortSet.NONE) continue;
      push(c.workloads[s]!.id, c.workloads[d]!.id, out.intersect(inn));
    }
  }

  // External peers are never isolated, so only the workload's side decides.
  for (const atom of ipAtoms(c, 'ingress')) {
    const name = formatInterval(atom);
    c.workloads.forEach((w, d) => {
      const policies = c.ingressPolicies[d]!;
      push(name, w.id, policies.length === 0 ? PortSet.ALL : ipPorts(rulesOf(policies, 'ingress'), atom[0], w));
    });
  }
  for (const atom of ipAtoms(c, 'egress')) {
    const name = formatInterval(atom);
    c.workloads.forEach((w, s) => {
      const policies = c.egressPolicies[s]!;
      push(w.id, name, policies.length === 0 ? PortSet.ALL : ipPorts(rulesOf(policies, 'egress'), atom[0], undefined));
    });
  }
  return { workloads: c.workloads.map((w) => w.id), connections };
}
