/** The engine's one public entry. Nothing outside src/engine imports its files directly. */
export * from './topology';
export * from './model';
export * from './k8s-syntax';
export * from './validate-topology';
// Analysis: load manifests, compile, evaluate one query, list all connections.
export * from './errors';
export { loadSnapshot, type ManifestFile } from './loader';
export { parseYamlDocuments, yamlToValue, YamlLimitError, YAML_LIMITS, type YamlLimits } from './yaml-limits';
export { matchesSelector, matchesRequirement, selectsEverything } from './selectors';
export { compileSnapshot, type CompiledSnapshot } from './compile';
export {
  POD_IPS_MODES,
  ENFORCEMENT_MODES,
  DEFAULT_ANALYSIS_OPTIONS,
  NOT_ENFORCED_REASON,
  optionWarnings,
  type AnalysisOptions,
} from './analysis-options';
export {
  addressText,
  cidrRange,
  formatRange,
  ipBlockRanges,
  isIpAddress,
  parseAddress,
  parseRange,
  rangesContain,
  type IpAddress,
  type IpFamily,
  type IpRange,
} from './ip-ranges';
export { evaluate } from './evaluate';
export {
  connectivity,
  connectivityTable,
  connlistLabel,
  externalPeers,
  type ConnectionFilter,
  type ConnectionOrder,
  type ConnectivityTable,
  type ExternalPeers,
} from './connectivity';
export { PortSet } from './port-set';
export {
  OUTPUT_FORMATS,
  connectionLine,
  connsText,
  formatDot,
  formatJson,
  formatMd,
  formatTxt,
  sortedConnections,
  writeConnectivity,
  type OutputFormat,
} from './connlist-format';
export { diffVersions, type DiffConnection, type VersionDiff } from './version-diff';
// Generation: topology -> policies -> manifests; lint; topology as a snapshot.
export {
  generateNetworkPolicies,
  unownedNamespaceIssues,
  type GenerateOptions,
  policyName,
  resolveSettings,
  DEFAULT_GENERATION_SETTINGS,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  APPLICATION_LABEL,
  KUBE_DNS_NAMESPACE,
  KUBE_DNS_LABELS,
  type PolicyPeer,
  type PolicyPort,
  type IngressRule,
  type EgressRule,
} from './generate';
export { toYaml, toList, toListJson, digestOf, renderManifests, policiesOfManifests, listJsonOf } from './manifests';
export { canonicalJson, sha256Hex } from './canonical';
export { canonicalTopologyDocument, topologyDigest } from './topology-digest';
export {
  snapshotFromTopology,
  componentWorkloadId,
  COMPONENT_KIND,
  KUBE_DNS_WORKLOAD,
  type SnapshotFromTopologyOptions,
} from './from-topology';
export { lint, LINT_CODES, type LintCode, type LintInput, type Finding, type Severity } from './lint';
export { TopologyError, type TopologyProblem } from './topology-error';
export * from './topology-document';
