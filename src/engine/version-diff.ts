import { createTwoFilesPatch } from 'diff';
import type { AdminPolicySet } from './admin-policy';
import { connectivity } from './connectivity';
import { componentWorkloadId, snapshotFromTopology } from './from-topology';
import { toYaml } from './manifests';
import type { Conns, NetworkPolicy } from './model';
import type { Topology } from './topology';

/** One allowed connection, with components by name and outside addresses as IPv4 or IPv6 ranges. */
export interface DiffConnection {
  readonly from: string;
  readonly to: string;
  readonly conns: Conns;
}

export interface VersionDiff {
  readonly from: number;
  readonly to: number;
  readonly policies: {
    readonly added: string[];
    readonly removed: string[];
    readonly changed: { name: string; diff: string }[];
  };
  readonly connections: { readonly added: DiffConnection[]; readonly removed: DiffConnection[] };
}

interface DiffSide {
  readonly number: number;
  readonly topology: Topology;
  readonly policies: readonly NetworkPolicy[];
  /** The guardrails (ANPs, BANP) this side is evaluated under; none when absent. */
  readonly admin?: AdminPolicySet;
}

/**
 * What changed from one version to another: policies by `namespace/name` (a unified diff of the
 * canonical YAML of each changed one) and the allowed connections the engine computes for each
 * version's own topology and policies, under each side's guardrails (`admin`) when given.
 */
export type { DiffSide };

export function diffVersions(from: DiffSide, to: DiffSide): VersionDiff {
  const before = byName(from.policies);
  const after = byName(to.policies);
  const changed: { name: string; diff: string }[] = [];
  for (const [name, policy] of after) {
    const old = before.get(name);
    if (old === undefined) continue;
    const [a, b] = [toYaml([old]), toYaml([policy])];
    if (a !== b) {
      changed.push({ name, diff: createTwoFilesPatch(`v${from.number}/${name}`, `v${to.number}/${name}`, a, b) });
    }
  }
  const [was, is] = [connectionsOf(from), connectionsOf(to)];
  return {
    from: from.number,
    to: to.number,
    policies: {
      added: [...after.keys()].filter((name) => !before.has(name)),
      removed: [...before.keys()].filter((name) => !after.has(name)),
      changed,
    },
    connections: {
      added: [...is].filter(([key]) => !was.has(key)).map(([, c]) => c),
      removed: [...was].filter(([key]) => !is.has(key)).map(([, c]) => c),
    },
  };
}

function byName(policies: readonly NetworkPolicy[]): Map<string, NetworkPolicy> {
  const entries = policies.map((p) => [`${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`, p] as const);
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Connections keyed by their JSON, in the engine's order. */
function connectionsOf(side: DiffSide): Map<string, DiffConnection> {
  const names = new Map(side.topology.components.map((c) => [componentWorkloadId(c), c.name] as const));
  const report = connectivity(
    snapshotFromTopology(side.topology, {
      policies: side.policies,
      ...(side.admin !== undefined ? { admin: side.admin } : {}),
    }),
  );
  const out = new Map<string, DiffConnection>();
  for (const c of report.connections) {
    const connection = { from: names.get(c.src) ?? c.src, to: names.get(c.dst) ?? c.dst, conns: c.conns };
    out.set(JSON.stringify(connection), connection);
  }
  return out;
}
