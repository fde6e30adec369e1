/**
 * The admin tiers in connectivity: a hook run after the NetworkPolicy tables are built. Each
 * direction's NetworkPolicy answer (per class pair, or per class and external destination) is
 * combined with the ANPs and the BANP (admin-tiers.ts directionPorts), then both directions are
 * intersected again (rule 3). Only pairs where an admin policy can decide something are rewritten.
 * External sources need no rewrite: no ANP/BANP ingress peer matches an address outside the
 * cluster, so the NetworkPolicy answer (or the default allow) stands.
 */
import { adminApplies, adminRuleMatchesPeer, directionPorts, type AdminPeerRef, type Direction } from './admin-tiers';
import type { CompiledSnapshot } from './compile';
import type { IpAddress } from './ip-ranges';
import type { PortAtoms } from './port-atoms';
import type { PortSet } from './port-set';

export interface AdminTables {
  /** pairs[s * nc + d] over classes: the allowed port set id, rewritten in place. */
  readonly pairs: Int32Array;
  /** toOutside[a * nc + k]: egress of class k toward external destination atom a, rewritten in place. */
  readonly toOutside: Int32Array;
  readonly destinations: readonly { readonly address: IpAddress }[];
  /**
   * What the NetworkPolicies allow in one direction between classes s and d (ingress: d's policies
   * admitting s; egress: s's policies toward d), as an id of `atoms`; -1 when none isolates that
   * side (rule 1). Connectivity has computed these already.
   */
  readonly networkPolicy: (direction: Direction, s: number, d: number) => number;
  /** The same for class k's egress toward external destination atom a. */
  readonly networkPolicyOutside: (k: number, a: number) => number;
  /** The port set of an id of `atoms`. */
  readonly portSet: (id: number) => PortSet;
  /** Per class, its named-port profile (workload-classes.ts): named ports resolve alike within one. */
  readonly profiles: Int32Array;
}

export function applyAdminTiers(
  c: CompiledSnapshot,
  representatives: readonly number[],
  atoms: PortAtoms,
  { pairs, toOutside, destinations, networkPolicy, networkPolicyOutside, portSet, profiles }: AdminTables,
): void {
  if (c.admin.empty || c.options.enforcement === 'none') return;
  const nc = representatives.length;
  const inAdmin = representatives.map((w) => adminApplies(c.admin, 'ingress', w));
  const outAdmin = representatives.map((w) => adminApplies(c.admin, 'egress', w));
  // directionPorts depends on the pod only through the admin policies selecting it, on the peer only
  // through the admin rules matching it, on the destination only through its named-port profile,
  // and on the NetworkPolicy answer: keyed by those four small numbers, it runs once per distinct key.
  const keys = new Map<string, number>();
  const keyOf = (text: string) => {
    let k = keys.get(text);
    if (k === undefined) keys.set(text, (k = keys.size));
    return k;
  };
  const policies = [...c.admin.anps, ...(c.admin.banp !== undefined ? [c.admin.banp] : [])];
  const selfKey = (direction: Direction, w: number) =>
    keyOf(
      `${direction}:${policies
        .map((p, i) => ((p.baseline ? p.subjectSet.has(w) : p.subjectSet.has(w) && p[direction].length > 0) ? i : ''))
        .join(',')}`,
    );
  const rules = { ingress: policies.flatMap((p) => p.ingress), egress: policies.flatMap((p) => p.egress) };
  const peerKey = (direction: Direction, peer: AdminPeerRef) =>
    keyOf(
      `${'workload' in peer ? 'w' : 'a'}${rules[direction].map((r, i) => (adminRuleMatchesPeer(r, peer) ? i : '')).join(',')}`,
    );
  const self = {
    ingress: representatives.map((w) => selfKey('ingress', w)),
    egress: representatives.map((w) => selfKey('egress', w)),
  };
  const peer = {
    ingress: representatives.map((w) => peerKey('ingress', { workload: w })),
    egress: representatives.map((w) => peerKey('egress', { workload: w })),
  };
  // Memo: (self key * K + peer key) -> ((profile + 1) * 2^21 + NetworkPolicy id + 1) -> result id.
  const memo = new Map<number, Map<number, number>>();
  const K = keys.size + 1;
  const np = (id: number) => (id === -1 ? undefined : portSet(id));
  const side = (sk: number, pk: number, profile: number, npId: number, compute: () => PortSet): number => {
    if (npId + 1 >= 2 ** 21) return atoms.idOf(compute()); // beyond the key's room: not memoised
    const outer = sk * K + pk;
    let inner = memo.get(outer);
    if (inner === undefined) memo.set(outer, (inner = new Map()));
    const key = (profile + 1) * 2 ** 21 + npId + 1;
    let id = inner.get(key);
    if (id === undefined) inner.set(key, (id = atoms.idOf(compute())));
    return id;
  };
  const both = new Map<number, number>();
  for (let s = 0; s < nc; s++) {
    for (let d = 0; d < nc; d++) {
      if (!outAdmin[s] && !inAdmin[d]) continue;
      const src = representatives[s]!;
      const dst = representatives[d]!;
      const destination = c.workloads[dst];
      const npEgress = networkPolicy('egress', s, d);
      const npIngress = networkPolicy('ingress', s, d);
      const egress = side(self.egress[s]!, peer.egress[d]!, profiles[d]!, npEgress, () =>
        directionPorts(c.admin, 'egress', src, { workload: dst }, destination, np(npEgress)),
      );
      const ingress = side(self.ingress[d]!, peer.ingress[s]!, profiles[d]!, npIngress, () =>
        directionPorts(c.admin, 'ingress', dst, { workload: src }, destination, np(npIngress)),
      );
      const pairKey = ingress < 2 ** 21 ? egress * 2 ** 21 + ingress : -1;
      let id = pairKey === -1 ? undefined : both.get(pairKey);
      if (id === undefined) both.set(pairKey, (id = atoms.idOf(portSet(egress).intersect(portSet(ingress)))));
      pairs[s * nc + d] = id;
    }
  }
  destinations.forEach(({ address }, a) => {
    const pk = peerKey('egress', { address });
    for (let k = 0; k < nc; k++) {
      if (!outAdmin[k]) continue;
      const npId = networkPolicyOutside(k, a);
      toOutside[a * nc + k] = side(self.egress[k]!, pk, -1, npId, () =>
        directionPorts(c.admin, 'egress', representatives[k]!, { address }, undefined, np(npId)),
      );
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
