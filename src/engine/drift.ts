/**
 * Drift between an application's declared flows and the NetworkPolicies live in a cluster. Pure.
 *
 * The application's components are the workloads (snapshotFromTopology with the LIVE policies), and:
 * - blocked: a declared flow is blocked when some of its declared ports are not allowed by the live
 *   policies. Declared ports: each flow port (a number, a range to endPort, a port name resolved on
 *   the destination component, or a whole protocol); no ports means every port. A flow from or to an
 *   external is checked at the external's representative address (see representativeIp), against
 *   the connectivity of the IPv4 or IPv6 range that contains it. Flows with a selector end (pods
 *   outside the application) cannot be checked on components alone and are listed in `unchecked`.
 * - undeclared: for every ordered pair of distinct components, the ports the live policies allow
 *   minus the ports of every declared flow between those two components. Connections with
 *   externals, kube-dns (the DNS allowance) or workloads outside the application are not reported.
 */
import { EMPTY_ADMIN_POLICY_SET, type AdminPolicySet } from './admin-policy';
import { compileSnapshot } from './compile';
import { connectivity } from './connectivity';
import { representativeIp } from './endpoints';
import { evaluate } from './evaluate';
import { componentWorkloadId, snapshotFromTopology } from './from-topology';
import { rangeContains } from './ip-ranges';
import { withAdminPolicies } from './loader';
import type { Conns, NetworkPolicy } from './model';
import { PortSet } from './port-set';
import type { Flow, FlowPeer, Protocol, Topology } from './topology';

export interface BlockedFlow {
  readonly id: string;
  readonly from: FlowPeer;
  readonly to: FlowPeer;
  /** The declared ports the live policies do not allow. */
  readonly blocked: Conns;
  /** Why, for the first blocked port: the denying side's reason. */
  readonly reason: string;
}

export interface UndeclaredConnection {
  readonly from: string;
  readonly to: string;
  readonly conns: Conns;
}

export interface DriftReport {
  readonly blocked: readonly BlockedFlow[];
  readonly undeclared: readonly UndeclaredConnection[];
  readonly unchecked: readonly { readonly id: string; readonly reason: string }[];
}

export function drift(
  topology: Topology,
  live: readonly NetworkPolicy[],
  admin: AdminPolicySet = EMPTY_ADMIN_POLICY_SET,
): DriftReport {
  // Under the cluster's guardrails (ANPs and the BANP), as the cluster evaluates the live policies.
  const compiled = compileSnapshot(withAdminPolicies(snapshotFromTopology(topology, { policies: live }), admin));
  const report = connectivity(compiled);
  const allowed = new Map(report.connections.map((c) => [`${c.src}>${c.dst}`, PortSet.fromConns(c.conns)]));
  const components = new Map(topology.components.map((c) => [c.name, c]));
  const idOf = (flow: Flow, index: number) => flow.id ?? `flows[${index}]`;

  const declaredPorts = (flow: Flow): PortSet => {
    if (flow.ports.length === 0) return PortSet.ALL;
    const destination = 'component' in flow.to ? components.get(flow.to.component) : undefined;
    return flow.ports.reduce((set, p) => {
      if (p.port === undefined) return set.union(PortSet.protocol(p.protocol));
      if (typeof p.port === 'number') return set.union(PortSet.range(p.protocol, p.port, p.endPort ?? p.port));
      const named = destination?.ports.find((cp) => cp.name === p.port && cp.protocol === p.protocol);
      return named ? set.union(PortSet.range(p.protocol, named.port, named.port)) : set;
    }, PortSet.NONE);
  };

  /** The connectivity name of a flow end: a workload id, or the IPv4/IPv6 range holding the external's address. */
  const endOf = (
    peer: FlowPeer,
    atoms: readonly string[],
  ): { name: string; endpoint: { workload: string } | { ip: string } } | string => {
    if ('component' in peer) {
      const c = components.get(peer.component);
      if (!c) return `component "${peer.component}" is not in the topology`;
      const id = componentWorkloadId(c);
      return { name: id, endpoint: { workload: id } };
    }
    if ('external' in peer) {
      const e = topology.externals.find((x) => x.name === peer.external);
      const ip = e && representativeIp(e);
      if (!e || ip === undefined) return `external "${peer.external}" has no address to check`;
      const atom = atoms.find((a) => rangeContains(a, ip));
      return { name: atom ?? ip, endpoint: { ip } };
    }
    return 'a selector end names pods outside the application';
  };

  const sources = [...new Set(report.connections.map((c) => c.src).filter((s) => !s.includes('/')))];
  const destinations = [...new Set(report.connections.map((c) => c.dst).filter((s) => !s.includes('/')))];
  const blocked: BlockedFlow[] = [];
  const unchecked: { id: string; reason: string }[] = [];
  const declaredBetween = new Map<string, PortSet>();

  topology.flows.forEach((flow, index) => {
    const id = idOf(flow, index);
    const src = endOf(flow.from, sources);
    const dst = endOf(flow.to, destinations);
    if (typeof src === 'string' || typeof dst === 'string') {
      unchecked.push({ id, reason: typeof src === 'string' ? src : (dst as string) });
      return;
    }
    const declared = declaredPorts(flow);
    const key = `${src.name}>${dst.name}`;
    declaredBetween.set(key, (declaredBetween.get(key) ?? PortSet.NONE).union(declared));
    // Rule 15: a component may always reach itself.
    const open = src.name === dst.name ? PortSet.ALL : (allowed.get(key) ?? PortSet.NONE);
    const missing = declared.subtract(open);
    if (missing.isEmpty()) return;
    const conns = missing.toConns();
    const [protocol, port] = firstPort(conns);
    const verdict = evaluate(compiled, { from: src.endpoint, to: dst.endpoint, protocol, port });
    const denying = [verdict.egress, verdict.ingress].filter((side) => !side.allowed).map((side) => side.reason);
    blocked.push({ id, from: flow.from, to: flow.to, blocked: conns, reason: denying.join('; ') });
  });

  const names = new Map(topology.components.map((c) => [componentWorkloadId(c), c.name]));
  const undeclared: UndeclaredConnection[] = [];
  for (const c of report.connections) {
    const from = names.get(c.src);
    const to = names.get(c.dst);
    if (from === undefined || to === undefined) continue;
    const rest = PortSet.fromConns(c.conns).subtract(declaredBetween.get(`${c.src}>${c.dst}`) ?? PortSet.NONE);
    if (!rest.isEmpty()) undeclared.push({ from, to, conns: rest.toConns() });
  }
  undeclared.sort((a, b) => (`${a.from}>${a.to}` < `${b.from}>${b.to}` ? -1 : 1));
  return { blocked, undeclared, unchecked };
}

function firstPort(conns: Conns): [Protocol, number] {
  if (conns === 'All Connections') return ['TCP', 1];
  return [conns[0]!.protocol, conns[0]!.ports[0]![0]];
}
