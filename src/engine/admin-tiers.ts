/**
 * The admin tiers around NetworkPolicies, per direction and per (protocol, port), as KEP-2091 and
 * the network-policy-api reference order them:
 *   1. AdminNetworkPolicies whose subject selects the pod, by ascending spec.priority ("the lower
 *      the value the higher the precedence"); within one, rules in order ("rules are evaluated in
 *      the order in which they are written; the first rule that matches decides"). Allow and Deny
 *      are final; Pass "skips all further ANP rules" and hands the traffic to NetworkPolicies.
 *      An ANP isolates nothing by itself: traffic no rule matches goes on, as after a Pass.
 *   2. NetworkPolicies, as before: when one selects the pod in this direction, it decides the rest.
 *   3. The BaselineAdminNetworkPolicy: rules in order, first match decides (Allow or Deny).
 *   4. The default: allowed.
 * Subjects and peers are pods (`namespaces`, `pods`); an egress peer may also be `networks` (CIDRs,
 * IPv4 and IPv6, reference AdminNetworkPolicyEgressPeer.networks) or `nodes` (the IPs of the Node
 * objects its selector matches). Ingress peers never match an address outside the cluster.
 * `namespaces: {}` selects every pod and no external address (reference: "Namespaces defines a way
 * to select all pods within a set of Namespaces").
 * A namedPort resolves on the destination pod's container ports by name, with the protocol of that
 * container port (reference, AdminNetworkPolicyPort.namedPort); toward an external address it
 * matches nothing.
 */
import type { AdminAction, AdminPolicy, AdminPolicySet, AdminRule, AdminSubject } from './admin-policy';
import { cidrRange, parseAddress, rangesContain, type IpAddress, type IpRange } from './ip-ranges';
import type { ClusterNode, TierDecision, Workload } from './model';
import { PortSet } from './port-set';
import { matchesSelector } from './selectors';
import type { LabelSelector, Protocol } from './topology';

export type Direction = 'ingress' | 'egress';

export interface CompiledAdminRule {
  readonly policy: string;
  readonly baseline: boolean;
  readonly direction: Direction;
  readonly index: number;
  readonly name?: string;
  readonly action: AdminAction;
  /** Workload indices the pod peers select, sorted. */
  readonly workloads: readonly number[];
  readonly workloadSet: ReadonlySet<number>;
  /** Addresses the `networks` and `nodes` peers match (egress only). */
  readonly ranges: readonly IpRange[];
  readonly numericPorts: PortSet;
  readonly namedPorts: readonly string[];
}

export interface CompiledAdminPolicy {
  readonly name: string;
  readonly baseline: boolean;
  readonly priority?: number;
  readonly subject: readonly number[];
  readonly subjectSet: ReadonlySet<number>;
  readonly ingress: readonly CompiledAdminRule[];
  readonly egress: readonly CompiledAdminRule[];
}

export interface CompiledAdmin {
  /** By ascending priority. */
  readonly anps: readonly CompiledAdminPolicy[];
  readonly banp?: CompiledAdminPolicy;
  /** Per workload index and direction: the ANPs selecting it that have rules in that direction, in order. */
  readonly ingressAnps: readonly (readonly CompiledAdminPolicy[])[];
  readonly egressAnps: readonly (readonly CompiledAdminPolicy[])[];
  /** Every address range a `networks`/`nodes` egress peer names: external destinations are cut by them. */
  readonly egressCuts: readonly IpRange[];
  readonly empty: boolean;
}

export interface PodSelection {
  readonly list: readonly number[];
  readonly set: ReadonlySet<number>;
}

/** The selector machinery of compileSnapshot, shared so equal selectors share one list. */
export interface AdminSelectors {
  selectPods(namespaces: readonly string[], podSelector: LabelSelector | undefined): PodSelection;
  selectNamespaces(selector: LabelSelector): readonly string[];
}

function podsOf(
  sel: AdminSelectors,
  target: AdminSubject | { readonly pods: { namespaceSelector: LabelSelector; podSelector: LabelSelector } },
): PodSelection {
  if ('namespaces' in target) return sel.selectPods(sel.selectNamespaces(target.namespaces), undefined);
  return sel.selectPods(sel.selectNamespaces(target.pods.namespaceSelector), target.pods.podSelector);
}

function compileRule(
  sel: AdminSelectors,
  nodes: readonly ClusterNode[],
  policy: AdminPolicy,
  direction: Direction,
  rule: AdminRule,
): CompiledAdminRule {
  const workloads = new Set<number>();
  const ranges: IpRange[] = [];
  for (const peer of rule.peers) {
    if ('networks' in peer) ranges.push(...peer.networks.map(cidrRange));
    else if ('nodes' in peer) {
      for (const node of nodes) {
        if (!matchesSelector(peer.nodes, node.labels)) continue;
        for (const a of node.addresses) {
          const addr = parseAddress(a);
          ranges.push({ family: addr.family, first: addr.value, last: addr.value });
        }
      }
    } else for (const w of podsOf(sel, peer).list) workloads.add(w);
  }
  let numericPorts = rule.ports === undefined ? PortSet.ALL : PortSet.NONE;
  const namedPorts: string[] = [];
  for (const p of rule.ports ?? []) {
    if ('namedPort' in p) namedPorts.push(p.namedPort);
    else if ('portNumber' in p)
      numericPorts = numericPorts.union(PortSet.range(p.portNumber.protocol, p.portNumber.port, p.portNumber.port));
    else numericPorts = numericPorts.union(PortSet.range(p.portRange.protocol, p.portRange.start, p.portRange.end));
  }
  const list = [...workloads].sort((a, b) => a - b);
  return {
    policy: policy.name,
    baseline: policy.kind === 'BaselineAdminNetworkPolicy',
    direction,
    index: rule.index,
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    action: rule.action,
    workloads: list,
    workloadSet: new Set(list),
    ranges,
    numericPorts,
    namedPorts,
  };
}

function compilePolicy(sel: AdminSelectors, nodes: readonly ClusterNode[], p: AdminPolicy): CompiledAdminPolicy {
  const subject = podsOf(sel, p.subject);
  return {
    name: p.name,
    baseline: p.kind === 'BaselineAdminNetworkPolicy',
    ...(p.priority !== undefined ? { priority: p.priority } : {}),
    subject: subject.list,
    subjectSet: subject.set,
    ingress: p.ingress.map((r) => compileRule(sel, nodes, p, 'ingress', r)),
    egress: p.egress.map((r) => compileRule(sel, nodes, p, 'egress', r)),
  };
}

export function compileAdmin(
  set: AdminPolicySet | undefined,
  nodes: readonly ClusterNode[],
  workloadCount: number,
  sel: AdminSelectors,
): CompiledAdmin {
  const anps = (set?.anps ?? []).map((p) => compilePolicy(sel, nodes, p));
  const banp = set?.banp !== undefined ? compilePolicy(sel, nodes, set.banp) : undefined;
  const ingressAnps: CompiledAdminPolicy[][] = Array.from({ length: workloadCount }, () => []);
  const egressAnps: CompiledAdminPolicy[][] = Array.from({ length: workloadCount }, () => []);
  for (const p of anps) {
    for (const w of p.subject) {
      if (p.ingress.length > 0) ingressAnps[w]!.push(p);
      if (p.egress.length > 0) egressAnps[w]!.push(p);
    }
  }
  const egressCuts = [...anps, ...(banp !== undefined ? [banp] : [])].flatMap((p) => p.egress.flatMap((r) => r.ranges));
  return {
    anps,
    ...(banp !== undefined ? { banp } : {}),
    ingressAnps,
    egressAnps,
    egressCuts,
    empty: anps.length === 0 && banp === undefined,
  };
}

/** The other end of a direction: a workload index, or an address outside the cluster. */
export type AdminPeerRef = { readonly workload: number } | { readonly address: IpAddress };

export function adminRuleMatchesPeer(rule: CompiledAdminRule, peer: AdminPeerRef): boolean {
  if ('workload' in peer) return rule.workloadSet.has(peer.workload);
  return rangesContain(rule.ranges, peer.address);
}

/** The rule's ports toward `destination` (undefined: an external address, where named ports match nothing). */
export function adminRulePorts(rule: CompiledAdminRule, destination: Workload | undefined): PortSet {
  if (rule.namedPorts.length === 0 || destination === undefined) return rule.numericPorts;
  let set = rule.numericPorts;
  for (const cp of destination.ports) {
    if (cp.name !== undefined && rule.namedPorts.includes(cp.name))
      set = set.union(PortSet.range(cp.protocol, cp.containerPort, cp.containerPort));
  }
  return set;
}

const ref = (r: CompiledAdminRule) => ({
  policy: r.policy,
  rule: r.index,
  ...(r.name !== undefined ? { ruleName: r.name } : {}),
});

/** What the ANP tier says about one (protocol, port): a final decision, a Pass, or nothing. */
export type AnpOutcome =
  | { readonly kind: 'decided'; readonly decision: TierDecision }
  | { readonly kind: 'passed'; readonly by: CompiledAdminRule }
  | { readonly kind: 'none' };

/** One (protocol, port) question for one direction of a pod (`self`) and its peer. */
export interface PortQuestion {
  readonly direction: Direction;
  readonly self: number;
  readonly peer: AdminPeerRef;
  /** The pod receiving the connection (named ports resolve on it); undefined for an external address. */
  readonly destination: Workload | undefined;
  readonly protocol: Protocol;
  readonly port: number;
}

/** The first of `rules` matching the question: within one policy, rules are read in order. */
function firstMatch(rules: readonly CompiledAdminRule[], q: PortQuestion): CompiledAdminRule | undefined {
  return rules.find((r) => adminRuleMatchesPeer(r, q.peer) && adminRulePorts(r, q.destination).has(q.protocol, q.port));
}

export function anpTier(admin: CompiledAdmin, q: PortQuestion): AnpOutcome {
  for (const anp of (q.direction === 'ingress' ? admin.ingressAnps : admin.egressAnps)[q.self]!) {
    const rule = firstMatch(anp[q.direction], q);
    if (rule === undefined) continue;
    if (rule.action === 'Pass') return { kind: 'passed', by: rule };
    return { kind: 'decided', decision: { tier: 'admin', action: rule.action, ...ref(rule) } };
  }
  return { kind: 'none' };
}

/** The BANP's verdict on one (protocol, port) once no ANP and no NetworkPolicy decided; else the default. */
export function baselineTier(admin: CompiledAdmin, q: PortQuestion): TierDecision {
  const banp = admin.banp;
  const rule = banp !== undefined && banp.subjectSet.has(q.self) ? firstMatch(banp[q.direction], q) : undefined;
  if (rule !== undefined) return { tier: 'baseline', action: rule.action as 'Allow' | 'Deny', ...ref(rule) };
  return { tier: 'default', action: 'Allow' };
}

export const passedByRef = (rule: CompiledAdminRule) => ref(rule);

/**
 * The whole direction as a port set, for connectivity: what the ANPs allow, plus what reaches the
 * lower tiers (not matched, or passed) and the lower tier allows: the NetworkPolicies' union when
 * one isolates the pod (`networkPolicy`), else the BANP with the default allow.
 */
export function directionPorts(
  admin: CompiledAdmin,
  direction: Direction,
  self: number,
  peer: AdminPeerRef,
  destination: Workload | undefined,
  networkPolicy: PortSet | undefined,
): PortSet {
  const { allowed, lower } = anpPorts(admin, direction, self, peer, destination);
  if (lower.isEmpty()) return allowed;
  const below = networkPolicy ?? baselinePorts(admin, direction, self, peer, destination);
  return allowed.union(lower.intersect(below));
}

/** The ANP tier as port sets: what it allows, denies (and by which ANPs), and hands down (`lower`). */
export function anpPorts(
  admin: CompiledAdmin,
  direction: Direction,
  self: number,
  peer: AdminPeerRef,
  destination: Workload | undefined,
): { allowed: PortSet; denied: PortSet; lower: PortSet; deniedBy: Set<string> } {
  let allowed = PortSet.NONE;
  let denied = PortSet.NONE;
  let open = PortSet.ALL; // not decided by an ANP rule yet
  let passed = PortSet.NONE;
  const deniedBy = new Set<string>();
  for (const anp of (direction === 'ingress' ? admin.ingressAnps : admin.egressAnps)[self]!) {
    for (const rule of anp[direction]) {
      if (open.isEmpty()) break;
      if (!adminRuleMatchesPeer(rule, peer)) continue;
      const ports = adminRulePorts(rule, destination).intersect(open);
      if (ports.isEmpty()) continue;
      if (rule.action === 'Allow') allowed = allowed.union(ports);
      else if (rule.action === 'Pass') passed = passed.union(ports);
      else {
        denied = denied.union(ports);
        deniedBy.add(rule.policy);
      }
      open = open.subtract(ports);
    }
  }
  return { allowed, denied, lower: passed.union(open), deniedBy };
}

function baselinePorts(
  admin: CompiledAdmin,
  direction: Direction,
  self: number,
  peer: AdminPeerRef,
  destination: Workload | undefined,
): PortSet {
  const banp = admin.banp;
  if (banp === undefined || !banp.subjectSet.has(self)) return PortSet.ALL;
  let allowed = PortSet.NONE;
  let open = PortSet.ALL;
  for (const rule of banp[direction]) {
    if (!adminRuleMatchesPeer(rule, peer)) continue;
    const ports = adminRulePorts(rule, destination).intersect(open);
    if (rule.action === 'Allow') allowed = allowed.union(ports);
    open = open.subtract(ports);
  }
  return allowed.union(open); // the default allows what the BANP does not match
}

/** Whether any admin policy can decide something in this direction for this pod. */
export function adminApplies(admin: CompiledAdmin, direction: Direction, self: number): boolean {
  if ((direction === 'ingress' ? admin.ingressAnps : admin.egressAnps)[self]!.length > 0) return true;
  return admin.banp !== undefined && admin.banp.subjectSet.has(self) && admin.banp[direction].length > 0;
}

/**
 * Every port set the admin tiers can yield, for cutting connectivity's port atoms: the rules'
 * numeric ports and, for named ports, each container port of that name.
 */
export function adminPortSets(c: {
  readonly admin: CompiledAdmin;
  readonly workloads: readonly Workload[];
}): PortSet[] {
  const rules = [...c.admin.anps, ...(c.admin.banp !== undefined ? [c.admin.banp] : [])].flatMap((p) => [
    ...p.ingress,
    ...p.egress,
  ]);
  const names = new Set(rules.flatMap((r) => r.namedPorts));
  const out = rules.map((r) => r.numericPorts);
  if (names.size === 0) return out;
  for (const w of c.workloads)
    for (const cp of w.ports)
      if (cp.name !== undefined && names.has(cp.name))
        out.push(PortSet.range(cp.protocol, cp.containerPort, cp.containerPort));
  return out;
}

/** Workload lists the admin tiers tell apart (subjects and pod peers), and the port names they resolve. */
export function adminDistinctions(admin: CompiledAdmin): { lists: (readonly number[])[]; names: string[] } {
  const policies = [...admin.anps, ...(admin.banp !== undefined ? [admin.banp] : [])];
  const rules = policies.flatMap((p) => [...p.ingress, ...p.egress]);
  return {
    lists: [...policies.map((p) => p.subject), ...rules.map((r) => r.workloads)],
    names: rules.flatMap((r) => r.namedPorts),
  };
}
