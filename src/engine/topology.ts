/**
 * The desired state of one application, as platform teams register it. This is the engine's input
 * for generation; the service layer maps stored rows to it and never hands the engine Prisma types.
 */

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
export type SelectorOperator = (typeof SELECTOR_OPERATORS)[number];

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values?: readonly string[];
}

/** A Kubernetes metav1.LabelSelector: matchLabels AND matchExpressions; `{}` selects everything. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** A port a component's pods listen on (a containerPort). */
export interface ComponentPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** A workload of the application: its pods are the ones matching `labels` in `namespace`. */
export interface Component {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ComponentPort[];
}

/** A network outside the cluster: `cidr` minus every range in `except`. */
export interface External {
  readonly name: string;
  readonly cidr: string;
  readonly except: readonly string[];
}

/**
 * Pods outside the application (an ingress controller, Prometheus). As in a NetworkPolicy peer:
 * podSelector AND namespaceSelector when both are given; a podSelector alone means pods in the
 * namespace of the component at the other end of the flow.
 */
export interface SelectorPeer {
  readonly namespaceSelector?: LabelSelector;
  readonly podSelector?: LabelSelector;
}

export type FlowPeer =
  { readonly component: string } | { readonly external: string } | { readonly selector: SelectorPeer };

/**
 * A port of a flow. `port` is a number or the name of a port of the destination component;
 * no `port` means every port of `protocol`. `endPort` (inclusive) needs a numeric `port`.
 */
export interface FlowPort {
  readonly port?: number | string;
  readonly endPort?: number;
  readonly protocol: Protocol;
}

/** A connection the application wants, named by who opens it. No ports means all ports. */
export interface Flow {
  readonly id?: string;
  readonly from: FlowPeer;
  readonly to: FlowPeer;
  readonly ports: readonly FlowPort[];
  readonly description?: string;
}

export type Isolation = 'both' | 'ingress';

export interface GenerationSettings {
  /** `both` (default) isolates ingress and egress of every component with flows; `ingress` only ingress. */
  readonly isolation?: Isolation;
  /** Allow UDP+TCP 53 to kube-dns whenever egress is isolated (default true). */
  readonly dnsEgress?: boolean;
}

export interface Topology {
  /** The application's DNS-1123 name; it labels every generated policy. */
  readonly name: string;
  readonly components: readonly Component[];
  readonly externals: readonly External[];
  readonly flows: readonly Flow[];
  readonly settings?: GenerationSettings;
}
