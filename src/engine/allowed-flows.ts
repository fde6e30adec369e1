/**
 * The connections a version's policies allow between the names a topology uses (components and
 * externals), from its connectivity: what a portal shows. An external is allowed a port only when
 * every address range inside it is, so a port open to only part of an external is not claimed for
 * all of it; ranges outside every external are left out.
 */
import type { CompiledSnapshot } from './compile';
import type { ConnectivityTable } from './connectivity';
import { COMPONENT_KIND } from './from-topology';
import { ipBlockRanges, parseRange, rangesContain } from './ip-ranges';
import type { Conns } from './model';
import { PortSet } from './port-set';
import type { External, Topology } from './topology';

/** One end of an allowed connection, named as the topology names it. */
export type AllowedPeer = { readonly component: string } | { readonly external: string };

/** Ports allowed from one component or external to another, as the version's policies decide. */
export interface AllowedFlow {
  readonly from: AllowedPeer;
  readonly to: AllowedPeer;
  readonly conns: Conns;
}

export function allowedPeerName(peer: AllowedPeer): string {
  return 'component' in peer ? peer.component : peer.external;
}

/** `table` is `compiled`'s connectivity; `topology` the one it was compiled from (its externals). */
export function allowedFlows(
  compiled: CompiledSnapshot,
  table: ConnectivityTable,
  topology: Pick<Topology, 'externals'>,
): AllowedFlow[] {
  const componentOf = new Map<string, string>();
  const workloadOf = new Map<string, string>();
  for (const w of compiled.workloads) {
    if (w.kind !== COMPONENT_KIND) continue;
    componentOf.set(w.id, w.name);
    workloadOf.set(w.name, w.id);
  }
  const atomsOf = (atoms: readonly string[]) =>
    new Map(topology.externals.map((e) => [e.name, atoms.filter((atom) => externalContains(e, atom))]));
  const sourceAtoms = atomsOf(table.externalPeers.asSource);
  const destinationAtoms = atomsOf(table.externalPeers.asDestination);
  const peersOf = (id: string, atoms: Map<string, string[]>): AllowedPeer[] => {
    const component = componentOf.get(id);
    if (component !== undefined) return [{ component }];
    return [...atoms].filter(([, list]) => list.includes(id)).map(([external]) => ({ external }));
  };
  const pairs = new Map<string, { from: AllowedPeer; to: AllowedPeer; parts: Map<string, PortSet> }>();
  table.forEach((src, dst, conns) => {
    for (const from of peersOf(src, sourceAtoms))
      for (const to of peersOf(dst, destinationAtoms)) {
        const key = JSON.stringify([from, to]);
        const entry = pairs.get(key) ?? { from, to, parts: new Map<string, PortSet>() };
        entry.parts.set(`${src}>${dst}`, PortSet.fromConns(conns));
        pairs.set(key, entry);
      }
  });
  const flows: AllowedFlow[] = [];
  for (const { from, to, parts } of pairs.values()) {
    // Every atom of an external end must allow a port for the external as a whole to be allowed it.
    const srcAtoms = 'external' in from ? sourceAtoms.get(from.external)! : [workloadOf.get(from.component)!];
    const dstAtoms = 'external' in to ? destinationAtoms.get(to.external)! : [workloadOf.get(to.component)!];
    let ports = PortSet.ALL;
    for (const a of srcAtoms) for (const b of dstAtoms) ports = ports.intersect(parts.get(`${a}>${b}`) ?? PortSet.NONE);
    if (!ports.isEmpty()) flows.push({ from, to, conns: ports.toConns() });
  }
  return flows;
}

/** Whether a connectivity range `first-last` (IPv4 or IPv6) lies in the external (its CIDR minus excepts). */
export function externalContains(external: Pick<External, 'cidr' | 'except'>, atom: string): boolean {
  const range = parseRange(atom);
  // Atoms are cut at every ipBlock edge, so testing one address of the atom decides the whole atom.
  return (
    range !== undefined &&
    rangesContain(ipBlockRanges(external.cidr, external.except), { family: range.family, value: range.first })
  );
}
