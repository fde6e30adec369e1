/**
 * The snapshot model: what the engine reasons about. A snapshot comes either from uploaded
 * Kubernetes YAML (loader) or from a stored topology (components become workloads).
 * Kubernetes API types come from kubernetes-models, never a hand-written copy.
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { AdminAction, AdminPolicySet } from './admin-policy';
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
  /**
   * The primary network when it is not the cluster's pod network: an OVN-Kubernetes primary
   * UserDefinedNetwork, e.g. `green[UDN]`. Pods on different primary networks never reach each other.
   */
  readonly network?: string;
}

/** A Node object of the manifests: what an AdminNetworkPolicy `nodes` egress peer selects by label. */
export interface ClusterNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** status.addresses[].address that are IP addresses (InternalIP, ExternalIP), canonical text. */
  readonly addresses: readonly string[];
}

export interface Snapshot {
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
  readonly policies: readonly NetworkPolicy[];
  /** Cluster guardrails (ANPs and the BANP); absent or empty: NetworkPolicies alone decide. */
  readonly admin?: AdminPolicySet;
  /** Node objects of the manifests, for `nodes` peers. */
  readonly nodes?: readonly ClusterNode[];
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

/**
 * The tier that decided a direction, in evaluation order (KEP-2091): AdminNetworkPolicies by
 * priority, then NetworkPolicies, then the BaselineAdminNetworkPolicy, then the cluster default
 * (allow).
 */
export type Tier = 'admin' | 'networkpolicy' | 'baseline' | 'default';
export const TIERS: readonly Tier[] = ['admin', 'networkpolicy', 'baseline', 'default'];

/** The ANP/BANP rule that matched: `policy` is its name, `rule` its index in ingress[] or egress[]. */
export interface AdminRuleRef {
  readonly policy: string;
  readonly rule: number;
  readonly ruleName?: string;
}

export interface TierDecision {
  readonly tier: Tier;
  readonly action: 'Allow' | 'Deny';
  /**
   * admin/baseline: the ANP/BANP name; networkpolicy: the first allowing policy (`namespace/name`)
   * or, when denied, the first isolating one; default: absent.
   */
  readonly policy?: string;
  /** Index of the deciding rule in ingress[]/egress[] (absent for an isolation deny or the default). */
  readonly rule?: number;
  readonly ruleName?: string;
  /** Set when an ANP rule with action Pass sent the connection down to the lower tiers. */
  readonly passedBy?: AdminRuleRef;
}

/** An ANP/BANP rule action as written. */
export type { AdminAction };

export interface DirectionVerdict {
  /** Which tier decided this direction, with its policy, rule and action. */
  readonly decision: TierDecision;
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
  /**
   * The tier that decided: the denying direction's (egress first) when denied, else the
   * higher-precedence tier of the two directions.
   */
  readonly tier: Tier;
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
