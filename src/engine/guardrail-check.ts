/**
 * An application's declared flows against the cluster's guardrails (AdminNetworkPolicies and the
 * BaselineAdminNetworkPolicy), for publishing:
 * - `denied`: a declared flow that a guardrail denies. Generation allows exactly the declared flows
 *   (generate.property.spec), so a denial can only come from an ANP Deny (evaluated before every
 *   NetworkPolicy) or from the BANP where no NetworkPolicy isolates the pod in that direction
 *   (isolation `ingress` leaves egress to the baseline). KEP-2091's order, as evaluate() applies it.
 * - `undeclared`: a connection between two components that the guardrails allow and the application's
 *   own policies would not (an ANP Allow above a NetworkPolicy that isolates the pod).
 * Each flow is probed per protocol on its ports: a number, both ends of a range, a name resolved on
 * the destination component, and for "all ports" the destination component's ports (port 1 when it
 * has none, or the destination is an external). An external stands for its representative address
 * (representativeIp, as in reachability and drift); a selector peer (pods outside the application) is
 * not probed.
 */
import { isEmptyAdminPolicySet, type AdminPolicySet } from './admin-policy';
import { compileSnapshot, type CompiledSnapshot } from './compile';
import { evaluate } from './evaluate';
import { componentWorkloadId, snapshotFromTopology } from './from-topology';
import { representativeIp } from './endpoints';
import { withAdminPolicies } from './loader';
import type { DirectionVerdict, Endpoint, NetworkPolicy, TierDecision, Verdict } from './model';
import {
  PROTOCOLS,
  type Component,
  type Flow,
  type FlowPeer,
  type FlowPort,
  type Protocol,
  type Topology,
} from './topology';

/** Pairs of components probed for `undeclared` at most: beyond it the check would cost too much. */
export const UNDECLARED_CHECK_MAX_COMPONENTS = 200;

export interface GuardrailHit {
  /** Component or external names. */
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** The side the guardrail decided. */
  readonly direction: 'egress' | 'ingress';
  readonly tier: 'admin' | 'baseline';
  /** The ANP or BANP name, and the index of its rule in ingress[]/egress[]. */
  readonly policy: string;
  readonly rule: number;
  readonly ruleName?: string;
}

export interface GuardrailDenial extends GuardrailHit {
  /** Index of the declared flow in topology.flows. */
  readonly flow: number;
}

export interface GuardrailCheck {
  readonly denied: readonly GuardrailDenial[];
  readonly undeclared: readonly GuardrailHit[];
}

export function checkFlowsAgainstGuardrails({
  topology,
  policies,
  admin,
}: {
  readonly topology: Topology;
  readonly policies: readonly NetworkPolicy[];
  readonly admin: AdminPolicySet;
}): GuardrailCheck {
  if (isEmptyAdminPolicySet(admin)) return { denied: [], undeclared: [] };
  const snapshot = snapshotFromTopology(topology, { policies: [...policies] });
  const guarded = compileSnapshot(withAdminPolicies(snapshot, admin));
  const denied: GuardrailDenial[] = [];
  topology.flows.forEach((flow, index) => {
    const from = endpointOf(topology, flow.from);
    const to = endpointOf(topology, flow.to);
    if (from === undefined || to === undefined) return;
    for (const { protocol, port } of probes(topology, flow)) {
      const verdict = evaluate(guarded, { from: from.endpoint, to: to.endpoint, protocol, port });
      const hit = guardrailSide(verdict, 'Deny');
      if (hit) denied.push({ flow: index, from: from.name, to: to.name, protocol, port, ...hit });
    }
  });
  return { denied: dedupe(denied), undeclared: undeclared(topology, snapshot, guarded, admin) };
}

function undeclared(
  topology: Topology,
  snapshot: ReturnType<typeof snapshotFromTopology>,
  guarded: CompiledSnapshot,
  admin: AdminPolicySet,
): GuardrailHit[] {
  const allows = [...admin.anps, ...(admin.banp ? [admin.banp] : [])].some((p) =>
    [...p.ingress, ...p.egress].some((r) => r.action === 'Allow'),
  );
  if (!allows || topology.components.length > UNDECLARED_CHECK_MAX_COMPONENTS) return [];
  const own = compileSnapshot(snapshot);
  const hits: GuardrailHit[] = [];
  for (const a of topology.components) {
    for (const b of topology.components) {
      if (a === b) continue;
      for (const { port, protocol } of b.ports) {
        const query = { from: workload(a), to: workload(b), protocol, port };
        const verdict = evaluate(guarded, query);
        if (!verdict.allowed || evaluate(own, query).allowed) continue;
        const hit = guardrailSide(verdict, 'Allow');
        if (hit) hits.push({ from: a.name, to: b.name, protocol, port, ...hit });
      }
    }
  }
  return hits;
}

/** The side a guardrail decided with `action` (egress first, as a connection is checked). */
function guardrailSide(
  verdict: Verdict,
  action: 'Allow' | 'Deny',
): Pick<GuardrailHit, 'direction' | 'tier' | 'policy' | 'rule' | 'ruleName'> | undefined {
  const sides: ['egress' | 'ingress', DirectionVerdict][] = [
    ['egress', verdict.egress],
    ['ingress', verdict.ingress],
  ];
  for (const [direction, side] of sides) {
    const d: TierDecision = side.decision;
    if ((d.tier === 'admin' || d.tier === 'baseline') && d.action === action && d.policy !== undefined) {
      return {
        direction,
        tier: d.tier,
        policy: d.policy,
        rule: d.rule ?? 0,
        ...(d.ruleName !== undefined ? { ruleName: d.ruleName } : {}),
      };
    }
  }
  return undefined;
}

function workload(component: Component): Endpoint {
  return { workload: componentWorkloadId(component) };
}

function endpointOf(topology: Topology, peer: FlowPeer): { name: string; endpoint: Endpoint } | undefined {
  if ('component' in peer) {
    const component = topology.components.find((c) => c.name === peer.component);
    return component && { name: component.name, endpoint: workload(component) };
  }
  if ('external' in peer) {
    const external = topology.externals.find((e) => e.name === peer.external);
    // The address reachability and drift check an external at (engine/endpoints.ts).
    const ip = external && representativeIp(external);
    return ip === undefined ? undefined : { name: external!.name, endpoint: { ip } };
  }
  return undefined;
}

function probes(topology: Topology, flow: Flow): { protocol: Protocol; port: number }[] {
  const destination =
    'component' in flow.to
      ? topology.components.find((c) => c.name === (flow.to as { component: string }).component)
      : undefined;
  const ports: readonly FlowPort[] = flow.ports.length > 0 ? flow.ports : PROTOCOLS.map((protocol) => ({ protocol }));
  const out: { protocol: Protocol; port: number }[] = [];
  for (const { port, endPort, protocol } of ports) {
    if (typeof port === 'number') {
      out.push({ protocol, port });
      if (endPort !== undefined && endPort !== port) out.push({ protocol, port: endPort });
    } else if (typeof port === 'string') {
      const named = destination?.ports.find((p) => p.name === port && p.protocol === protocol);
      if (named) out.push({ protocol, port: named.port });
    } else {
      const own = destination?.ports.filter((p) => p.protocol === protocol) ?? [];
      if (own.length === 0 && (flow.ports.length > 0 || protocol === 'TCP')) out.push({ protocol, port: 1 });
      for (const p of own) out.push({ protocol, port: p.port });
    }
  }
  return out;
}

function dedupe<T>(hits: T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = JSON.stringify(hit);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
