/** The engine's one public entry. Nothing outside src/engine imports its files directly. */
export * from './topology';
export * from './model';
export * from './k8s-syntax';
export * from './validate-topology';
// Analysis: load manifests, compile, evaluate one query, list all connections.
export * from './errors';
export { loadSnapshot, loadAdminPolicies, withAdminPolicies, type ManifestFile } from './loader';
// Cluster guardrails: AdminNetworkPolicy / BaselineAdminNetworkPolicy (see admin-policy.ts for the API).
export {
  ADMIN_NETWORK_POLICY,
  BASELINE_ADMIN_NETWORK_POLICY,
  BASELINE_NAME,
  MIN_PRIORITY,
  MAX_PRIORITY,
  ANP_ACTIONS,
  BANP_ACTIONS,
  EMPTY_ADMIN_POLICY_SET,
  AdminPolicyError,
  adminPolicySet,
  parseAdminPolicy,
  validateAdminPolicySet,
  mergeAdminPolicySets,
  isAdminKind,
  isEmptyAdminPolicySet,
  type AdminKind,
  type AdminPolicy,
  type AdminPolicySet,
  type AdminRule,
  type AdminPeer,
  type AdminPort,
  type AdminSubject,
} from './admin-policy';
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
  rangeContains,
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
export { allowedFlows, allowedPeerName, externalContains, type AllowedFlow, type AllowedPeer } from './allowed-flows';
export {
  EndpointError,
  assertPeerName,
  looksLikeIp,
  representativeIp,
  resolveEndpoint,
  resolvePort,
  toEngineEndpoint,
  type ResolvedEndpoint,
} from './endpoints';
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
export {
  toYaml,
  toYamlByLibrary,
  toList,
  toListJson,
  digestOf,
  renderManifests,
  policiesOfManifests,
  listJsonOf,
} from './manifests';
export { canonicalJson, isPlainObject, sha256Hex } from './canonical';
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
export {
  checkFlowsAgainstGuardrails,
  UNDECLARED_CHECK_MAX_COMPONENTS,
  type GuardrailCheck,
  type GuardrailDenial,
  type GuardrailHit,
} from './guardrail-check';
export { drift, type BlockedFlow, type DriftReport, type UndeclaredConnection } from './drift';
