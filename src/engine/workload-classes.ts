/**
 * Workloads that no policy can tell apart: the same policies select them (so the same rules isolate
 * them), every rule's peer list holds all of them or none, and every named port of the rules
 * resolves alike on them. Two such workloads have the same connections to and from everything
 * (except each other and themselves, which rule 15 and the pair order settle), so connectivity is
 * computed once per class.
 */
import { adminDistinctions } from './admin-tiers';
import type { CompiledRule, CompiledSnapshot } from './compile';

export interface WorkloadClasses {
  /** Class of each workload index. */
  readonly of: Int32Array;
  /** The first workload of each class, in snapshot order. */
  readonly representatives: readonly number[];
  /**
   * Rules whose ports depend on the destination (named ports, rule 12), grouped by their port list:
   * `specs[k]` is one rule of group k, `specOf` maps every such rule to its group.
   */
  readonly namedPortSpecs: {
    readonly specs: readonly CompiledRule[];
    readonly specOf: ReadonlyMap<CompiledRule, number>;
  };
  /**
   * Workloads with the same container ports under the names the rules use: `of[class]` is the
   * profile of a class, `representatives[profile]` its first workload.
   */
  readonly portProfiles: { readonly of: Int32Array; readonly representatives: readonly number[] };
}

export function workloadClasses(c: CompiledSnapshot): WorkloadClasses {
  const n = c.workloads.length;
  const rules = c.policies.flatMap((p) => [...(p.ingress ?? []), ...(p.egress ?? [])]);

  // Every distinct list of workloads that a policy selects or a rule admits (compile memoises
  // equal selectors to one list, so identity dedupes most of them).
  const lists = new Set<readonly number[]>();
  for (const p of c.policies) lists.add(p.selects);
  for (const r of rules) if (!r.anyPeer) lists.add(r.workloads);
  // The admin tiers (ANP/BANP subjects and pod peers) tell workloads apart too.
  const admin = adminDistinctions(c.admin);
  for (const list of admin.lists) lists.add(list);
  // So do primary networks (Workload.network): pods on different ones are isolated.
  const byNetwork = new Map<string, number[]>();
  c.workloads.forEach((w, i) => {
    if (w.network === undefined) return;
    byNetwork.set(w.network, [...(byNetwork.get(w.network) ?? []), i]);
  });
  for (const list of byNetwork.values()) lists.add(list);

  const specs: CompiledRule[] = [];
  const specOf = new Map<CompiledRule, number>();
  const specKeys = new Map<string, number>();
  for (const r of rules) {
    if (r.namedPorts.length === 0) continue;
    const key = JSON.stringify([r.namedPorts, r.numericPorts.toConns()]);
    let spec = specKeys.get(key);
    if (spec === undefined) {
      specKeys.set(key, (spec = specs.length));
      specs.push(r);
    }
    specOf.set(r, spec);
  }
  // Rule 12: a named port resolves on the destination's container ports by name and protocol, so
  // workloads with the same container ports under the names the rules use resolve every rule alike.
  const names = new Set([...specs.flatMap((r) => r.namedPorts.map((p) => p.name)), ...admin.names]);
  const profileKeys = new Map<string, number>();
  const portProfileOf = new Int32Array(n);
  const profileRepresentatives: number[] = [];
  for (let w = 0; w < n; w++) {
    const named = c.workloads[w]!.ports.filter((p) => p.name !== undefined && names.has(p.name));
    const key = JSON.stringify(named.map((p) => [p.name, p.protocol, p.containerPort]).sort());
    let profile = profileKeys.get(key);
    if (profile === undefined) {
      profileKeys.set(key, (profile = profileRepresentatives.length));
      profileRepresentatives.push(w);
    }
    portProfileOf[w] = profile;
  }

  // Partition refinement: start from the named-port profiles, then split every class by each list
  // (the members it holds move to a new class, one per class and list). Linear in the lists' sizes;
  // two workloads end in one class exactly when their profiles and their memberships are equal.
  const total = [...lists].reduce((sum, list) => sum + list.length, 0);
  const refined = Int32Array.from(portProfileOf);
  const splitTo = new Int32Array(profileRepresentatives.length + total).fill(-1);
  const splitAt = new Int32Array(splitTo.length).fill(-1);
  let next = profileRepresentatives.length;
  let round = 0;
  for (const list of lists) {
    for (const w of list) {
      const from = refined[w]!;
      if (splitAt[from] !== round) {
        splitAt[from] = round;
        splitTo[from] = next++;
      }
      refined[w] = splitTo[from]!;
    }
    round++;
  }
  const of = new Int32Array(n);
  const representatives: number[] = [];
  const dense = new Int32Array(next).fill(-1);
  for (let w = 0; w < n; w++) {
    const id = refined[w]!;
    if (dense[id] === -1) {
      dense[id] = representatives.length;
      representatives.push(w);
    }
    of[w] = dense[id]!;
  }
  return {
    of,
    representatives,
    namedPortSpecs: { specs, specOf },
    portProfiles: {
      of: Int32Array.from(representatives, (w) => portProfileOf[w]!),
      representatives: profileRepresentatives,
    },
  };
}
