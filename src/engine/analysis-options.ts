/**
 * How to read a cluster where the Kubernetes API leaves the answer to the network plugin. Both
 * defaults give netpol-analyzer's answers; `analyze --pod-ips/--enforcement` and /v1/analysis/*
 * pass the others.
 */
export const POD_IPS_MODES = ['ignore', 'match'] as const;
export const ENFORCEMENT_MODES = ['standard', 'none'] as const;

export interface AnalysisOptions {
  /**
   * `ignore` (default): an ipBlock matches external addresses only. `match`: an ipBlock also matches
   * a pod whose status.podIP/podIPs it contains (except ranges included), and pod IPs are no longer
   * external addresses. The API reference leaves this to the plugin; the Kubernetes e2e test "should
   * allow egress access to server in CIDR block" expects `match`.
   */
  readonly podIps?: (typeof POD_IPS_MODES)[number];
  /**
   * `standard` (default): the network plugin enforces NetworkPolicy as the API reference defines it.
   * `none`: it does not enforce NetworkPolicy at all (Flannel alone), so every connection is allowed.
   */
  readonly enforcement?: (typeof ENFORCEMENT_MODES)[number];
}

export const DEFAULT_ANALYSIS_OPTIONS: Required<AnalysisOptions> = { podIps: 'ignore', enforcement: 'standard' };

export function analysisOptions(options: AnalysisOptions = {}): Required<AnalysisOptions> {
  return { ...DEFAULT_ANALYSIS_OPTIONS, ...options };
}

/**
 * Why everything is allowed under `enforcement: none`. Sources: the concept page ("Network policies
 * are implemented by the network plugin ... Creating a NetworkPolicy resource without a controller
 * that implements it will have no effect",
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#prerequisites) and
 * Flannel's documentation, which enforces policies only with an added controller
 * (https://github.com/flannel-io/flannel/blob/master/Documentation/netpol.md: kube-network-policies,
 * from v0.25.5).
 */
export const NOT_ENFORCED_REASON =
  'NetworkPolicy is not enforced (enforcement: none): the network plugin does not implement it (Flannel alone does not), so every connection is allowed';

/** Warnings an answer carries because of its options. */
export function optionWarnings(options: AnalysisOptions): string[] {
  return analysisOptions(options).enforcement === 'none' ? [NOT_ENFORCED_REASON] : [];
}
