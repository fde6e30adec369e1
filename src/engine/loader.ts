/**
 * Kubernetes manifests -> Snapshot. Pure: the caller reads the files and hands over their contents.
 * Workload naming follows netpol-analyzer (see test/fixtures/conformance/README.md): a Pod belongs to
 * its controller owner, every pod of one workload is represented by one pod.
 */
import {
  adminPolicySet,
  isAdminKind,
  isEmptyAdminPolicySet,
  mergeAdminPolicySets,
  type AdminPolicySet,
} from './admin-policy';
import { EngineInputError } from './errors';
import { addressText, isIpAddress, parseAddress } from './ip-ranges';
import type { ClusterNode, ContainerPort, Namespace, NetworkPolicy, Snapshot, Workload } from './model';
import { validateNetworkPolicy } from './policy-validation';
import { PROTOCOLS, type Protocol } from './topology';
import { matchesSelector } from './selectors';
import type { LabelSelector } from './topology';
import { parseYamlDocuments, YamlLimitError, yamlToValue } from './yaml-limits';

export { EngineInputError } from './errors';

export interface ManifestFile {
  readonly name: string;
  readonly content: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const NAME_LABEL = 'kubernetes.io/metadata.name';
const TEMPLATE_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  // KubeVirt: a VirtualMachine's pod template is spec.template (its virt-launcher pods are skipped).
  'VirtualMachine',
]);
/**
 * OVN-Kubernetes user-defined networks: a namespace labelled with this key and holding a
 * UserDefinedNetwork of role Primary has its pods on that network, isolated from the pods of every
 * other network (netpol-analyzer names them `ns[udn]/name[Kind]`).
 */
const PRIMARY_UDN_LABEL = 'k8s.ovn.org/primary-user-defined-network';
const SKIPPED_REASON =
  'only Namespaces, Nodes, Pods, workload controllers, NetworkPolicies, AdminNetworkPolicies and BaselineAdminNetworkPolicies are analysed';

interface Located {
  readonly obj: Obj;
  readonly where: string;
}

function parseDocuments(file: ManifestFile): Located[] {
  const out: Located[] = [];
  if (/\.json$/i.test(file.name)) {
    let value: unknown;
    try {
      value = JSON.parse(file.content);
    } catch (e) {
      throw new EngineInputError(`${file.name}: document 1: invalid JSON: ${(e as Error).message}`);
    }
    flatten(value, `${file.name}: document 1`, undefined, out);
    return out;
  }
  let list;
  try {
    list = parseYamlDocuments(file.content, { uniqueKeys: false });
  } catch (e) {
    // A billion-laughs or deeply nested file stops here, before its tree is built or expanded.
    if (e instanceof YamlLimitError) throw new YamlLimitError(`${file.name}: ${e.message}`, e.tooLarge);
    throw e;
  }
  list.forEach((doc, i) => {
    const where = `${file.name}: document ${i + 1}`;
    if (doc.errors.length > 0) {
      throw new EngineInputError(`${where}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
    }
    let value: unknown;
    try {
      value = yamlToValue(doc);
    } catch (e) {
      if (e instanceof YamlLimitError) throw new YamlLimitError(`${where}: ${e.message}`, e.tooLarge);
      throw new EngineInputError(`${where}: ${(e as Error).message.split('\n')[0]}`);
    }
    flatten(value, where, undefined, out);
  });
  return out;
}

/** `kind: List` and typed lists (PodList, ...) are flattened; items of a typed list may omit kind. */
function flatten(value: unknown, where: string, itemKind: string | undefined, out: Located[]): void {
  if (value === null || value === undefined) return; // an empty document
  if (!isObj(value))
    throw new EngineInputError(
      `${where}: expected a Kubernetes object, got ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
  const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : itemKind;
  if (kind !== undefined && kind.endsWith('List') && Array.isArray(value.items)) {
    const inner = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    value.items.forEach((item, i) => flatten(item, `${where}, item ${i}`, inner, out));
    return;
  }
  out.push({ obj: kind === value.kind ? value : { ...value, kind }, where });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function labelsOf(meta: unknown): Record<string, string> {
  const labels = isObj(meta) && isObj(meta.labels) ? meta.labels : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

function portsOf(podSpec: unknown, where: string, warnings: string[]): ContainerPort[] {
  const out: ContainerPort[] = [];
  const containers = isObj(podSpec) && Array.isArray(podSpec.containers) ? podSpec.containers : [];
  for (const c of containers) {
    if (!isObj(c) || !Array.isArray(c.ports)) continue;
    for (const p of c.ports) {
      if (!isObj(p)) continue;
      if (p.containerPort === undefined) {
        warnings.push(`${where}: container port ${JSON.stringify(p.name ?? '')} has no containerPort; ignored`);
        continue;
      }
      const number = typeof p.containerPort === 'string' ? Number(p.containerPort) : p.containerPort;
      if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) {
        throw new EngineInputError(`${where}: containerPort must be 1-65535 (got ${JSON.stringify(p.containerPort)})`);
      }
      const protocol = p.protocol ?? 'TCP';
      if (!(PROTOCOLS as readonly unknown[]).includes(protocol)) {
        throw new EngineInputError(`${where}: container port protocol must be one of ${PROTOCOLS.join(', ')}`);
      }
      const name = str(p.name);
      out.push({ ...(name !== undefined ? { name } : {}), containerPort: number, protocol: protocol as Protocol });
    }
  }
  return out;
}

/**
 * A pod's IPs: status.podIPs[].ip, and status.podIP ("IP address allocated to the pod. Routable at
 * least within the cluster"; podIPs "holds the IP addresses allocated to the pod. If this field is
 * specified, the 0th entry must match the podIP field. Pods may be allocated at most 1 value for
 * each of IPv4 and IPv6": Kubernetes API reference, core/v1 PodStatus). Canonical text, so an
 * IPv4-mapped IPv6 address is its IPv4 address.
 */
function podIpsOf(status: unknown, where: string): string[] {
  if (!isObj(status)) return [];
  const listed = Array.isArray(status.podIPs) ? status.podIPs.map((p) => (isObj(p) ? p.ip : p)) : [];
  const ips = new Set<string>();
  for (const ip of [status.podIP, ...listed]) {
    if (ip === undefined || ip === null || ip === '') continue;
    if (typeof ip !== 'string' || !isIpAddress(ip)) {
      throw new EngineInputError(`${where}: status.podIP(s) must be IP addresses (got ${JSON.stringify(ip)})`);
    }
    ips.add(addressText(parseAddress(ip)));
  }
  return [...ips];
}

interface Candidate {
  readonly workload: Workload;
  /** IPs of this pod (status.podIP/podIPs); none for a controller's template. */
  readonly podIps: readonly string[];
  /** Representative choice: manifests of the controller first, then the pod with the smallest name. */
  readonly rank: string;
}

function podWorkload(obj: Obj, where: string, warnings: string[]): Candidate | undefined {
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const podName = str(meta.name);
  if (podName === undefined) throw new EngineInputError(`${where}: Pod metadata.name is required`);
  if (podName.startsWith('virt-launcher-')) return undefined; // KubeVirt launcher pods are not analysed
  const namespace = str(meta.namespace) ?? 'default';
  const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
  const controller = owners.find((o): o is Obj => isObj(o) && o.controller === true);
  let name = podName;
  let kind = 'Pod';
  // A Node owner marks a static/mirror pod: the pod is its own workload. An owner without kind
  // yields kind Pod with the owner's name (netpol-analyzer's fallback).
  if (controller !== undefined && controller.kind !== 'Node' && str(controller.name) !== undefined) {
    name = str(controller.name)!;
    kind = str(controller.kind) ?? 'Pod';
  }
  const workload: Workload = {
    id: `${namespace}/${name}[${kind}]`,
    namespace,
    name,
    kind,
    labels: labelsOf(meta),
    ports: portsOf(obj.spec, where, warnings),
  };
  // A hostNetwork pod's IP is its node's, shared with every other such pod: the concept page leaves
  // policy behaviour for hostNetwork pods undefined ("NetworkPolicies and hostNetwork pods"), so its
  // IP never stands for the pod.
  const hostNetwork = isObj(obj.spec) && obj.spec.hostNetwork === true;
  return { workload, podIps: hostNetwork ? [] : podIpsOf(obj.status, where), rank: `1:${podName}` };
}

/** The name of the Deployment controlling a ReplicaSet object (metadata.ownerReferences), if any. */
function deploymentOwner(obj: Obj): string | undefined {
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
  const controller = owners.find((o): o is Obj => isObj(o) && o.controller === true);
  return controller?.kind === 'Deployment' ? str(controller.name) : undefined;
}

/**
 * The Deployment whose pods a ReplicaSet workload runs, when that Deployment is among the manifests:
 * the ReplicaSet's controller owner, or else the name the Deployment controller gives the
 * ReplicaSets it creates, `[DEPLOYMENT-NAME]-[HASH]` with the pod-template-hash label of its pods
 * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/, "Creating a Deployment"
 * and "Pod-template-hash label"). A Deployment read from git and its live ReplicaSet and pods from
 * `kubectl get -o yaml` are then one workload, the Deployment, carrying its pods' IPs.
 */
function owningDeployment(
  rs: Workload,
  owner: string | undefined,
  present: (id: string) => boolean,
): string | undefined {
  const hash = rs.labels['pod-template-hash'];
  const byName = hash !== undefined && rs.name.endsWith(`-${hash}`) ? rs.name.slice(0, -hash.length - 1) : undefined;
  for (const name of [owner, byName]) {
    if (name === undefined) continue;
    const id = `${rs.namespace}/${name}[Deployment]`;
    if (present(id)) return id;
  }
  return undefined;
}

function templateWorkload(obj: Obj, kind: string, where: string, warnings: string[]): Candidate {
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const name = str(meta.name);
  if (name === undefined) throw new EngineInputError(`${where}: ${kind} metadata.name is required`);
  const namespace = str(meta.namespace) ?? 'default';
  const spec = isObj(obj.spec) ? obj.spec : {};
  const jobSpec =
    kind === 'CronJob' && isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
  const template = kind === 'CronJob' ? jobSpec?.template : spec.template;
  const tmpl = isObj(template) ? template : {};
  const workload: Workload = {
    id: `${namespace}/${name}[${kind}]`,
    namespace,
    name,
    kind,
    labels: labelsOf(tmpl.metadata),
    ports: portsOf(tmpl.spec, where, warnings),
  };
  return { workload, podIps: [], rank: `0:${name}` };
}

function withPodIps(workload: Workload, ips: ReadonlySet<string> | undefined): Workload {
  return ips === undefined || ips.size === 0 ? workload : { ...workload, podIps: [...ips].sort() };
}

function byKey<T>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/** Parses manifests into a snapshot. Throws EngineInputError naming the file and document (1-based). */
export function loadSnapshot(files: readonly ManifestFile[]): Snapshot {
  const warnings: string[] = [];
  const workloads = new Map<string, Candidate>();
  // Kinds that are not analysed, counted per (file, kind): one warning each, not one per document.
  const skipped = new Map<string, number>();
  // Every pod of a workload contributes its IPs, whichever pod represents the workload.
  const podIps = new Map<string, Set<string>>();
  const declared = new Map<string, Record<string, string>>();
  const policies = new Map<string, { policy: NetworkPolicy; where: string }>();
  const admin: Located[] = [];
  // Labels of every pod of a workload: one pod represents them all, which is sound only while no
  // selector tells them apart (checked below).
  const podLabels = new Map<string, PodLabels[]>();
  const nodes = new Map<string, ClusterNode>();
  const primaryUdns = new Set<string>();
  // ReplicaSet objects' Deployment owners, by workload id.
  const replicaSetOwners = new Map<string, string>();

  for (const file of files) {
    for (const { obj, where } of parseDocuments(file)) {
      const kind = str(obj.kind);
      let candidate: Candidate | undefined;
      if (kind === undefined) {
        warnings.push(`${where}: object without kind skipped`);
        continue;
      } else if (kind === 'Namespace') {
        const meta = isObj(obj.metadata) ? obj.metadata : {};
        const name = str(meta.name);
        if (name === undefined) throw new EngineInputError(`${where}: Namespace metadata.name is required`);
        declared.set(name, { ...declared.get(name), ...labelsOf(meta) });
        continue;
      } else if (kind === 'NetworkPolicy') {
        validateNetworkPolicy(where, obj);
        const meta = obj.metadata as Obj;
        const namespace = str(meta.namespace) ?? 'default';
        const id = `${namespace}/${String(meta.name)}`;
        const previous = policies.get(id);
        if (previous !== undefined) {
          throw new EngineInputError(`${where}: NetworkPolicy ${id} is defined twice (also in ${previous.where})`);
        }
        const policy = { ...obj, metadata: { ...meta, namespace } } as unknown as NetworkPolicy;
        policies.set(id, { policy, where });
        continue;
      } else if (isAdminKind(kind)) {
        admin.push({ obj, where });
        continue;
      } else if (kind === 'UserDefinedNetwork') {
        const spec = isObj(obj.spec) ? obj.spec : {};
        const roles = [spec.layer2, spec.layer3].map((l) => (isObj(l) ? l.role : undefined));
        const meta = isObj(obj.metadata) ? obj.metadata : {};
        if (roles.includes('Primary')) primaryUdns.add(str(meta.namespace) ?? 'default');
        continue;
      } else if (kind === 'Node') {
        const node = nodeOf(obj, where);
        nodes.set(node.name, node);
        continue;
      } else if (kind === 'Pod') {
        candidate = podWorkload(obj, where, warnings);
      } else if (TEMPLATE_KINDS.has(kind) || kind === 'CronJob') {
        candidate = templateWorkload(obj, kind, where, warnings);
        const owner = kind === 'ReplicaSet' ? deploymentOwner(obj) : undefined;
        if (owner !== undefined) replicaSetOwners.set(candidate.workload.id, owner);
      } else {
        const key = JSON.stringify([file.name, kind]);
        skipped.set(key, (skipped.get(key) ?? 0) + 1);
        continue;
      }
      if (candidate === undefined) continue;
      if (kind === 'Pod') {
        const pods = podLabels.get(candidate.workload.id) ?? [];
        pods.push({ labels: candidate.workload.labels, where, namespace: candidate.workload.namespace });
        podLabels.set(candidate.workload.id, pods);
      }
      const ips = podIps.get(candidate.workload.id) ?? new Set<string>();
      for (const ip of candidate.podIps) ips.add(ip);
      podIps.set(candidate.workload.id, ips);
      const existing = workloads.get(candidate.workload.id);
      if (existing === undefined || candidate.rank < existing.rank) workloads.set(candidate.workload.id, candidate);
    }
  }

  // A ReplicaSet run by a Deployment of the manifests is that Deployment: its pods' IPs go to it.
  for (const [id, { workload }] of workloads) {
    if (workload.kind !== 'ReplicaSet') continue;
    const deployment = owningDeployment(workload, replicaSetOwners.get(id), (d) => workloads.has(d));
    if (deployment === undefined) continue;
    const ips = podIps.get(deployment)!;
    for (const ip of podIps.get(id) ?? []) ips.add(ip);
    workloads.delete(id);
  }

  for (const [key, count] of skipped) {
    const [file, kind] = JSON.parse(key) as [string, string];
    const documents = count === 1 ? '1 document' : `${count} documents`;
    warnings.push(`${file}: kind ${kind} skipped (${documents}): ${SKIPPED_REASON}`);
  }

  // Rule 9: every namespace carries kubernetes.io/metadata.name; used-but-undeclared ones are created.
  const used = new Set<string>(declared.keys());
  for (const { workload } of workloads.values()) used.add(workload.namespace);
  for (const { policy } of policies.values()) used.add(policy.metadata!.namespace!);
  const namespaces: Namespace[] = [...used]
    .sort()
    .map((name) => ({ name, labels: { ...declared.get(name), [NAME_LABEL]: name } }));

  const adminSet = adminPolicySet(admin);
  const udnNamespaces = new Set(
    namespaces.filter((n) => PRIMARY_UDN_LABEL in n.labels && primaryUdns.has(n.name)).map((n) => n.name),
  );
  checkLabelGaps(
    podLabels,
    namespaces,
    [...policies.values()].map((p) => p.policy),
    adminSet,
  );
  return {
    namespaces,
    ...(isEmptyAdminPolicySet(adminSet) ? {} : { admin: adminSet }),
    ...(nodes.size > 0 ? { nodes: [...nodes.values()].sort(byKey((n) => n.name)) } : {}),
    workloads: [...workloads.values()]
      .map(({ workload }) => withPodIps(workload, podIps.get(workload.id)))
      .map((w) => (udnNamespaces.has(w.namespace) ? onPrimaryUdn(w) : w))
      .sort(byKey((w) => w.id)),
    policies: [...policies.entries()].sort(byKey(([id]) => id)).map(([, p]) => p.policy),
    warnings,
  };
}

/** A Node: its labels and IP addresses (status.addresses), what a `nodes` peer of an ANP matches. */
function nodeOf(obj: Obj, where: string): ClusterNode {
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const name = str(meta.name);
  if (name === undefined) throw new EngineInputError(`${where}: Node metadata.name is required`);
  const status = isObj(obj.status) ? obj.status : {};
  const addresses = Array.isArray(status.addresses) ? status.addresses : [];
  const ips = new Set<string>();
  for (const a of addresses) {
    const text = isObj(a) ? a.address : undefined;
    if (typeof text === 'string' && isIpAddress(text)) ips.add(addressText(parseAddress(text)));
  }
  return { name, labels: labelsOf(meta), addresses: [...ips].sort() };
}

/**
 * A guardrails document (YAML or JSON, several documents or a List) -> its validated ANPs and BANP.
 * Any other kind is refused: a guardrails document holds cluster admin policies only.
 */
export function loadAdminPolicies(files: readonly ManifestFile[]): AdminPolicySet {
  const objects: Located[] = [];
  for (const file of files) {
    for (const located of parseDocuments(file)) {
      const kind = located.obj.kind;
      if (!isAdminKind(kind)) {
        throw new EngineInputError(
          `${located.where}: kind ${JSON.stringify(kind ?? null)} is not AdminNetworkPolicy or BaselineAdminNetworkPolicy`,
        );
      }
      objects.push(located);
    }
  }
  return adminPolicySet(objects);
}

/**
 * The snapshot under these guardrails: its own ANP/BANP (from the manifests) and `set` are checked
 * together as one upload (unique names and priorities, one BANP).
 */
export function withAdminPolicies(snapshot: Snapshot, set: AdminPolicySet): Snapshot {
  const merged = snapshot.admin === undefined ? set : mergeAdminPolicySets(snapshot.admin, set);
  return isEmptyAdminPolicySet(merged) ? snapshot : { ...snapshot, admin: merged };
}

interface PodLabels {
  readonly labels: Readonly<Record<string, string>>;
  readonly where: string;
  readonly namespace: string;
}

/** A pod selector and the namespaces it applies in (a namespace selector, or one namespace). */
interface ScopedSelector {
  readonly pods: LabelSelector;
  readonly namespaces: LabelSelector | string;
}

function podSelectorsOf(policies: readonly NetworkPolicy[], admin: AdminPolicySet): ScopedSelector[] {
  const out: ScopedSelector[] = [];
  for (const policy of policies) {
    const ns = policy.metadata!.namespace!;
    const spec = (policy.spec ?? {}) as Obj;
    out.push({ pods: (spec.podSelector ?? {}) as LabelSelector, namespaces: ns });
    for (const [dir, field] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      for (const rule of Array.isArray(spec[dir]) ? (spec[dir] as unknown[]) : []) {
        const peers = isObj(rule) && Array.isArray(rule[field]) ? (rule[field] as unknown[]) : [];
        for (const peer of peers) {
          if (!isObj(peer) || !isObj(peer.podSelector)) continue;
          const nsSel = isObj(peer.namespaceSelector) ? (peer.namespaceSelector as LabelSelector) : ns;
          out.push({ pods: peer.podSelector as LabelSelector, namespaces: nsSel });
        }
      }
    }
  }
  for (const p of [...admin.anps, ...(admin.banp !== undefined ? [admin.banp] : [])]) {
    const targets = [p.subject, ...[...p.ingress, ...p.egress].flatMap((r) => r.peers)];
    for (const t of targets)
      if ('pods' in t) out.push({ pods: t.pods.podSelector, namespaces: t.pods.namespaceSelector });
  }
  return out;
}

/**
 * Pods of one owner are analysed through one of them. When they differ in labels and some policy
 * selector matches some of them but not the others, no single pod stands for the workload: the
 * input is refused (netpol-analyzer refuses it alike).
 */
function checkLabelGaps(
  podLabels: ReadonlyMap<string, readonly PodLabels[]>,
  namespaces: readonly Namespace[],
  policies: readonly NetworkPolicy[],
  admin: AdminPolicySet,
): void {
  let selectors: ScopedSelector[] | undefined;
  const nsLabels = new Map(namespaces.map((n) => [n.name, n.labels] as const));
  for (const [id, pods] of podLabels) {
    if (pods.length < 2) continue;
    const first = JSON.stringify(Object.entries(pods[0]!.labels).sort());
    if (pods.every((p) => JSON.stringify(Object.entries(p.labels).sort()) === first)) continue;
    selectors ??= podSelectorsOf(policies, admin);
    const namespace = pods[0]!.namespace;
    for (const sel of selectors) {
      const inScope =
        typeof sel.namespaces === 'string'
          ? sel.namespaces === namespace
          : matchesSelector(sel.namespaces, nsLabels.get(namespace) ?? {});
      if (!inScope) continue;
      const matched = pods.filter((p) => matchesSelector(sel.pods, p.labels));
      if (matched.length > 0 && matched.length < pods.length) {
        const other = pods.find((p) => !matchesSelector(sel.pods, p.labels))!;
        throw new EngineInputError(
          `${matched[0]!.where}: the pods of ${id} differ in labels that a policy selector reads (${JSON.stringify(sel.pods)} selects this pod but not the one in ${other.where}): pods of one owner are analysed as one workload, so their labels must agree wherever a selector looks`,
        );
      }
    }
  }
}

function onPrimaryUdn(w: Workload): Workload {
  return { ...w, id: `${w.namespace}[udn]/${w.name}[${w.kind}]`, network: `${w.namespace}[UDN]` };
}
