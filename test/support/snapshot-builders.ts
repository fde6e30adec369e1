/** Small builders of engine snapshots for the engine's unit and property specs. */
import type { NetworkPolicy, Snapshot, Workload } from '../../src/engine';

export const workload = (
  name: string,
  labels: Record<string, string>,
  ns = 'default',
  ports: Workload['ports'] = [],
): Workload => ({
  id: `${ns}/${name}[Deployment]`,
  namespace: ns,
  name,
  kind: 'Deployment',
  labels,
  ports,
});

export const policy = (name: string, spec: Record<string, unknown>, ns = 'default'): NetworkPolicy =>
  ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: ns },
    spec,
  }) as NetworkPolicy;

/** A snapshot whose namespaces are those its workloads use, each with its name label (rule 9). */
export const snapshot = (workloads: Workload[], policies: NetworkPolicy[]): Snapshot => ({
  namespaces: [...new Set(workloads.map((w) => w.namespace))].map((name) => ({
    name,
    labels: { 'kubernetes.io/metadata.name': name },
  })),
  workloads,
  policies,
  warnings: [],
});
