/**
 * The snapshot model: what the engine reasons about. A snapshot comes either from uploaded
 * Kubernetes YAML (loader) or from a stored topology (components become workloads).
 * Kubernetes API types come from kubernetes-models, never a hand-written copy.
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { Protocol } from './topology';

export type NetworkPolicy = INetworkPolicy;

export interface Namespace {
  readonly name: string;
  /** Always carries `kubernetes.io/metadata.name: <name>` (Kubernetes rule 9). */
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  /** Defaults to TCP when the manifest omits it. */
  readonly protocol: Protocol;
}

/**
 * One workload, analysed through one representative pod (as netpol-analyzer does).
 * `id` is `namespace/name[Kind]`, e.g. `default/frontend[Deployment]`.
 */
export interface Workload {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  /**
   * IPs of the workload's pods from status.podIP / status.podIPs (manifests as `kubectl get pods -o
   * yaml` prints them), canonical text; absent or empty when the manifests carry none. Used only
   * under the `podIps: match` option.
   */
  readonly podIps?: readonly string[];
}

export interface Snapshot {
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
  readonly policies: readonly NetworkPolicy[];
  /** Non-fatal findings of loading (skipped kinds, and the like). */
  readonly warnings: readonly string[];
}

/** One end of a reachability question: a workload id or an IPv4/IPv6 address. */
export type Endpoint = { readonly workload: string } | { readonly ip: string };

export interface ReachabilityQuery {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly protocol: Protocol;
  /** A number, or a port name resolved on the destination workload's container ports. */
  readonly port: number | string;
}

/** A rule that admits a connection: `policy` is `namespace/name`, `rule` the index in ingress[] or egress[]. */
export interface RuleRef {
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly rule: number;
}

export interface DirectionVerdict {
  /** Whether the pod on this side is isolated in this direction (rule 1). IPs are never isolated. */
  readonly isolated: boolean;
  readonly allowed: boolean;
  /** Every rule that admits the connection; empty when not isolated or not allowed. */
  readonly allowedBy: readonly RuleRef[];
  /** Why it is allowed or denied, in words, e.g. "no policy selects default/web[Deployment] for egress". */
  readonly reason: string;
  /** Policies (namespace/name) selecting the pod in this direction. */
  readonly policies: readonly string[];
}

export interface Verdict {
  readonly allowed: boolean;
  /** The source side: may the source send? */
  readonly egress: DirectionVerdict;
  /** The destination side: may the destination receive? */
  readonly ingress: DirectionVerdict;
}

/** Connectivity in the conformance (netpol-analyzer connlist) JSON format. */
export type PortRange = readonly [number, number];
export interface ProtocolPorts {
  readonly protocol: Protocol;
  readonly ports: readonly PortRange[];
}
export type Conns = 'All Connections' | readonly ProtocolPorts[];
export interface Connection {
  readonly src: string;
  readonly dst: string;
  readonly conns: Conns;
}
export interface ConnectivityReport {
  readonly workloads: readonly string[];
  readonly connections: readonly Connection[];
}
