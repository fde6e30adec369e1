/**
 * A topology as a snapshot, so reachability and connectivity answer questions about the desired
 * state exactly as they do about uploaded YAML.
 *
 * - Each component becomes one workload: id `<namespace>/<component name>[Component]`, kind
 *   `Component`, its labels and its ports as container ports (one representative pod, as for YAML).
 * - Namespaces are the components' namespaces, labelled `kubernetes.io/metadata.name` (rule 9).
 * - Policies are the given ones, or else `generateNetworkPolicies(topology)`.
 * - Guardrails (`admin`: ANPs and the BANP) apply when given, as for YAML that carries them.
 * - kube-dns is not invented: the topology does not declare it. `includeKubeDns` adds it
 *   (`kube-system/kube-dns[Deployment]`, `k8s-app: kube-dns`, UDP+TCP 53) for checking the DNS
 *   allowance; it is reported as an extra workload like any other.
 */
import { KUBE_DNS_LABELS, KUBE_DNS_NAMESPACE, NAMESPACE_NAME_LABEL, generateNetworkPolicies } from './generate';
import { isEmptyAdminPolicySet, type AdminPolicySet } from './admin-policy';
import type { Namespace, NetworkPolicy, Snapshot, Workload } from './model';
import type { Component, GenerationSettings, Topology } from './topology';

export const COMPONENT_KIND = 'Component';

export interface SnapshotFromTopologyOptions {
  /** The policies in force; default: generated from the topology with `generation`. */
  readonly policies?: readonly NetworkPolicy[];
  /** Settings for generation when `policies` is not given (override `topology.settings`). */
  readonly generation?: GenerationSettings;
  /** Add a kube-dns workload in kube-system (default false). */
  readonly includeKubeDns?: boolean;
  /** Cluster guardrails (ANPs and the BANP) the policies are evaluated under; default none. */
  readonly admin?: AdminPolicySet;
}

/** The workload id of a component: `<namespace>/<name>[Component]`. */
export function componentWorkloadId(component: Pick<Component, 'name' | 'namespace'>): string {
  return `${component.namespace}/${component.name}[${COMPONENT_KIND}]`;
}

export const KUBE_DNS_WORKLOAD: Workload = {
  id: `${KUBE_DNS_NAMESPACE}/kube-dns[Deployment]`,
  namespace: KUBE_DNS_NAMESPACE,
  name: 'kube-dns',
  kind: 'Deployment',
  labels: KUBE_DNS_LABELS,
  ports: [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  ],
};

function componentWorkload(component: Component): Workload {
  return {
    id: componentWorkloadId(component),
    namespace: component.namespace,
    name: component.name,
    kind: COMPONENT_KIND,
    labels: { ...component.labels },
    ports: component.ports.map((p) =>
      p.name === undefined
        ? { containerPort: p.port, protocol: p.protocol }
        : { name: p.name, containerPort: p.port, protocol: p.protocol },
    ),
  };
}

export function snapshotFromTopology(topology: Topology, options: SnapshotFromTopologyOptions = {}): Snapshot {
  const workloads = topology.components.map(componentWorkload);
  if (options.includeKubeDns) workloads.push(KUBE_DNS_WORKLOAD);
  const names = [...new Set(workloads.map((w) => w.namespace))].sort();
  const namespaces: Namespace[] = names.map((name) => ({ name, labels: { [NAMESPACE_NAME_LABEL]: name } }));
  const policies = options.policies ?? generateNetworkPolicies(topology, options.generation);
  return {
    namespaces,
    workloads: workloads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    policies: [...policies],
    ...(options.admin !== undefined && !isEmptyAdminPolicySet(options.admin) ? { admin: options.admin } : {}),
    warnings: [],
  };
}
