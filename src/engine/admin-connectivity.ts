/**
 * The admin tiers in connectivity: a hook run after the NetworkPolicy tables are built. Each
 * direction's NetworkPolicy answer (per class pair, or per class and external destination) is
 * combined with the ANPs and the BANP (admin-tiers.ts directionPorts), then both directions are
 * intersected again (rule 3). Only pairs where an admin policy can decide something are rewritten.
 * External sources need no rewrite: no ANP/BANP ingress peer matches an address outside the
 * cluster, so the NetworkPolicy answer (or the default allow) stands.
 */
import { adminApplies, directionPorts, type AdminPeerRef, type Direction } from './admin-tiers';
import { rulePorts, ruleAdmitsAddress, type CompiledSnapshot } from './compile';
import type { IpAddress } from './ip-ranges';
import type { PortAtoms } from './port-atoms';
import { PortSet } from './port-set';

/** What the NetworkPolicies allow in one direction; undefined when none isolates `self` (rule 1). */
function networkPolicyPorts(
  c: CompiledSnapshot,
  direction: Direction,
  self: number,
  peer: AdminPeerRef,
  destination: number | undefined,
): PortSet | undefined {
  const policies = (direction === 'egress' ? c.egressPolicies : c.ingressPolicies)[self]!;
  if (policies.length === 0) return undefined;
  const dst = destination === undefined ? undefined : c.workloads[destination];
  let allowed = PortSet.NONE;
  for (const policy of policies) {
    for (const rule of (direction === 'egress' ? policy.egress : policy.ingress) ?? []) {
      const matched =
        rule.anyPeer ||
        ('workload' in peer ? rule.workloadSet.has(peer.workload) : ruleAdmitsAddress(rule, peer.address));
      if (matched) allowed = allowed.union(rulePorts(rule, dst));
    }
  }
  return allowed;
}

export interface AdminTables {
  /** pairs[s * nc + d] over classes: the allowed port set id, rewritten in place. */
  readonly pairs: Int32Array;
  /** toOutside[a * nc + k]: egress of class k toward external destination atom a, rewritten in place. */
  readonly toOutside: Int32Array;
  readonly destinations: readonly { readonly address: IpAddress }[];
}

export function applyAdminTiers(
  c: CompiledSnapshot,
  representatives: readonly number[],
  atoms: PortAtoms,
  { pairs, toOutside, destinations }: AdminTables,
): void {
  if (c.admin.empty || c.options.enforcement === 'none') return;
  const nc = representatives.length;
  const inAdmin = representatives.map((w) => adminApplies(c.admin, 'ingress', w));
  const outAdmin = representatives.map((w) => adminApplies(c.admin, 'egress', w));
  const side = (direction: Direction, self: number, peer: AdminPeerRef, destination: number | undefined) =>
    directionPorts(
      c.admin,
      direction,
      self,
      peer,
      destination === undefined ? undefined : c.workloads[destination],
      networkPolicyPorts(c, direction, self, peer, destination),
    );
  for (let s = 0; s < nc; s++) {
    for (let d = 0; d < nc; d++) {
      if (!outAdmin[s] && !inAdmin[d]) continue;
      const src = representatives[s]!;
      const dst = representatives[d]!;
      const egress = side('egress', src, { workload: dst }, dst);
      const ingress = side('ingress', dst, { workload: src }, dst);
      pairs[s * nc + d] = atoms.idOf(egress.intersect(ingress));
    }
  }
  destinations.forEach(({ address }, a) => {
    for (let k = 0; k < nc; k++) {
      if (!outAdmin[k]) continue;
      toOutside[a * nc + k] = atoms.idOf(side('egress', representatives[k]!, { address }, undefined));
    }
  });
}

/** Pods on different primary networks (OVN-Kubernetes UserDefinedNetworks) never reach each other. */
export function isolateNetworks(
  c: CompiledSnapshot,
  representatives: readonly number[],
  pairs: Int32Array,
  none: number,
): void {
  const networks = representatives.map((w) => c.workloads[w]!.network ?? '');
  if (networks.every((n) => n === '')) return;
  const nc = representatives.length;
  for (let s = 0; s < nc; s++) for (let d = 0; d < nc; d++) if (networks[s] !== networks[d]) pairs[s * nc + d] = none;
}
