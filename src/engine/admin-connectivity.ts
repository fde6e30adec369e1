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
  // Arguments, not closures, and keys kept small: nothing is allocated per class pair on a hit.
  const memo = new Map<number, Map<number, number>>();
  const K = keys.size + 1;
  const side = (
    direction: Direction,
    self: number,
    selfKey: number,
    peer: AdminPeerRef | number,
    peerKeyOf: number,
    destination: number | undefined,
    profile: number,
    npId: number,
  ): number => {
    const outer = selfKey * K + peerKeyOf;
    let inner = memo.get(outer);
    if (inner === undefined) memo.set(outer, (inner = new Map()));
    const key = (profile + 1) * 2 ** 21 + npId + 1;
    let id = npId + 1 < 2 ** 21 ? inner.get(key) : undefined; // beyond the key's room: not memoised
    if (id === undefined) {
      const ref = typeof peer === 'number' ? { workload: peer } : peer;
      const np = npId === -1 ? undefined : portSet(npId);
      const dst = destination === undefined ? undefined : c.workloads[destination];
      id = atoms.idOf(directionPorts(c.admin, direction, self, ref, dst, np));
      inner.set(key, id);
    }
    return id;
  };
  // Per egress id: ingress id -> id of their intersection.
  const both: Map<number, number>[] = [];
  for (let s = 0; s < nc; s++) {
    for (let d = 0; d < nc; d++) {
      if (!outAdmin[s] && !inAdmin[d]) continue;
      const src = representatives[s]!;
      const dst = representatives[d]!;
      const profile = profiles[d]!;
      const egress = side(
        'egress',
        src,
        self.egress[s]!,
        dst,
        peer.egress[d]!,
        dst,
        profile,
        networkPolicy('egress', s, d),
      );
      const ingress = side(
        'ingress',
        dst,
        self.ingress[d]!,
        src,
        peer.ingress[s]!,
        dst,
        profile,
        networkPolicy('ingress', s, d),
      );
      const byIngress = (both[egress] ??= new Map());
      let id = byIngress.get(ingress);
      if (id === undefined) byIngress.set(ingress, (id = atoms.idOf(portSet(egress).intersect(portSet(ingress)))));
      pairs[s * nc + d] = id;
    }
  }
  destinations.forEach(({ address }, a) => {
    const pk = peerKey('egress', { address });
    for (let k = 0; k < nc; k++) {
      if (!outAdmin[k]) continue;
      const w = representatives[k]!;
      toOutside[a * nc + k] = side(
        'egress',
        w,
        self.egress[k]!,
        { address },
        pk,
        undefined,
        -1,
        networkPolicyOutside(k, a),
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
