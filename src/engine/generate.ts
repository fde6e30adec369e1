/**
 * Generation: a Topology's declared flows become Kubernetes NetworkPolicies that allow exactly
 * those flows (plus DNS, when asked) for every component that takes part in a flow.
 *
 * Decisions, each following the Kubernetes rules in DESIGN.md:
 * - One policy per component with at least one flow, named `policyName(app, component)`, in the
 *   component's namespace, selecting the component's labels (matchLabels).
 * - A component without any flow gets no policy and so stays open in both directions (rule 1);
 *   `lint` reports it (`component-unisolated`).
 * - `both` isolation lists [Ingress, Egress] for every such component, so a component with only
 *   outgoing flows denies all ingress (and one with only incoming flows denies all egress but DNS):
 *   the declared flows are exactly what is allowed. `ingress` lists [Ingress] only, no egress rules.
 * - Peers: a component in the same namespace is a podSelector of its labels (rule 7); in another
 *   namespace it adds a namespaceSelector on `kubernetes.io/metadata.name` (rule 9); an external is
 *   an ipBlock; a selector peer is copied as given (a podSelector alone means the policy's namespace).
 * - Ports: a numeric port keeps port/endPort/protocol; no port means the whole protocol; a flow with
 *   no ports gives a rule without ports (everything, rule 5). A named port names a port of the
 *   destination and is kept by name towards component and selector peers (Kubernetes resolves it on
 *   the destination pod for ingress and egress rules, rule 12). For ingress from an external the
 *   name is written as the destination component's number: Kubernetes would resolve the name on the
 *   selected pod too (rule 12), but the number says the same without depending on that, and keeps
 *   the generated output (and so version digests) as it was. An egress rule toward an ipBlock has no
 *   destination pod, so a name there would match nothing: validateTopology rejects a name the
 *   destination component does not define and a name towards anything but a component. (Should one
 *   get through, the port is dropped from an ipBlock rule, and a flow left with no ports adds no rule
 *   at all: never widened to "all ports".)
 * - Output is deterministic: policies sorted by namespace and name, peers and ports merged and
 *   sorted, rules grouped by identical port lists and sorted, keys in a fixed order.
 */
import { canonicalJson, compareStrings, sha256Hex, sortKeysDeep } from './canonical';
import { cidrText } from './ip-ranges';
import type { NetworkPolicy } from './model';
import type { Component, External, Flow, FlowPeer, FlowPort, GenerationSettings, Protocol, Topology } from './topology';
import { TopologyError, type TopologyProblem } from './topology-error';
import { validateTopology } from './validate-topology';

type PolicySpec = NonNullable<NetworkPolicy['spec']>;
export type IngressRule = NonNullable<PolicySpec['ingress']>[number];
export type EgressRule = NonNullable<PolicySpec['egress']>[number];
export type PolicyPeer = NonNullable<IngressRule['from']>[number];
export type PolicyPort = NonNullable<IngressRule['ports']>[number];

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'flowpolicy';
export const APPLICATION_LABEL = 'flowpolicy.io/application';
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The cluster resolver that DNS egress allows (rule 17): kube-dns pods in kube-system. */
export const KUBE_DNS_NAMESPACE = 'kube-system';
export const KUBE_DNS_LABELS: Readonly<Record<string, string>> = {
  'k8s-app': 'kube-dns',
};
export const DNS_PORTS: readonly PolicyPort[] = [
  { protocol: 'TCP', port: 53 },
  { protocol: 'UDP', port: 53 },
];

export const DEFAULT_GENERATION_SETTINGS: Required<GenerationSettings> = {
  isolation: 'both',
  dnsEgress: true,
};

/** Settings in force: defaults, then `topology.settings`, then `options` (undefined never overrides). */
export function resolveSettings(topology: Topology, options?: GenerationSettings): Required<GenerationSettings> {
  const pick = <K extends keyof GenerationSettings>(key: K): Required<GenerationSettings>[K] =>
    (options?.[key] ?? topology.settings?.[key] ?? DEFAULT_GENERATION_SETTINGS[key]) as Required<GenerationSettings>[K];
  return { isolation: pick('isolation'), dnsEgress: pick('dnsEgress') };
}

/** What generation takes beyond the settings: where the application may put policies. */
export interface GenerateOptions extends GenerationSettings {
  /**
   * The namespaces the application owns. Given, a component in any other namespace is refused
   * (TopologyError naming the component), so no policy of the application ever lands in a namespace
   * it does not own; peers in other namespaces stay allowed (they only appear inside rules).
   * Left out (the CLI), every namespace is allowed.
   */
  readonly ownedNamespaces?: readonly string[];
}

/** Components that live in a namespace outside `owned`, as problems naming each component. */
export function unownedNamespaceIssues(topology: Topology, owned: readonly string[]): TopologyProblem[] {
  const allowed = new Set(owned);
  return topology.components.flatMap((c, i) =>
    allowed.has(c.namespace)
      ? []
      : [
          {
            field: `components[${i}].namespace`,
            message: `component "${c.name}" is in namespace "${c.namespace}", which application "${topology.name}" does not own`,
          },
        ],
  );
}

const MAX_NAME = 253;

/**
 * The policy name for a component: `<app>-<component>`, lowercased, every character outside
 * [a-z0-9-] turned into `-`, runs of `-` collapsed, trimmed; a name over 253 characters is cut
 * and ends in 8 hex digits of the sha256 of the unsanitized pair, so it stays unique.
 */
export function policyName(app: string, component: string): string {
  const base = `${app}-${component}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (base.length <= MAX_NAME && base.length > 0) return base;
  const hash = sha256Hex(`${app}\u0000${component}`).slice(0, 8);
  return `${base.slice(0, MAX_NAME - 9).replace(/-$/, '')}-${hash}`;
}

function matchLabels(labels: Readonly<Record<string, string>>): {
  matchLabels: Record<string, string>;
} {
  return { matchLabels: sortKeysDeep({ ...labels }) };
}

/** The peer that stands for `peer` in a policy living in `policyNamespace`. */
function peerFor(peer: FlowPeer, policyNamespace: string, names: TopologyNames): PolicyPeer {
  if ('component' in peer) {
    const component = names.components.get(peer.component)!;
    if (component.namespace === policyNamespace) return { podSelector: matchLabels(component.labels) };
    return {
      namespaceSelector: matchLabels({
        [NAMESPACE_NAME_LABEL]: component.namespace,
      }),
      podSelector: matchLabels(component.labels),
    };
  }
  if ('external' in peer) {
    const external = names.externals.get(peer.external)!;
    const except = [...new Set(external.except.map(cidrText))].sort(compareStrings);
    const cidr = cidrText(external.cidr);
    return {
      ipBlock: except.length > 0 ? { cidr, except } : { cidr },
    };
  }
  return sortKeysDeep({ ...peer.selector }) as PolicyPeer;
}

interface TopologyNames {
  readonly components: ReadonlyMap<string, Component>;
  readonly externals: ReadonlyMap<string, External>;
}

/** A policy peer and its canonical JSON: the key that buildRules merges and sorts peers by. */
interface KeyedPeer {
  readonly peer: PolicyPeer;
  readonly key: string;
}

/**
 * The peers of one generation, each component or external worked out once per policy namespace: a
 * component that many others talk to is the same peer in each of their policies, and a peer's
 * canonical JSON costs more than the rest of its rule (5,000 flows give 10,000 contributions). The
 * peer objects are shared between policies, so they are frozen: a caller that edits one policy's peer
 * (kubernetes-models' types are not readonly) gets a TypeError instead of editing every policy's.
 */
class PeerTable {
  private readonly known = new Map<string, KeyedPeer>();

  /** `names` of a validated topology: its names are unique. */
  constructor(private readonly names: TopologyNames) {}

  of(peer: FlowPeer, policyNamespace: string): KeyedPeer {
    const id =
      'component' in peer
        ? `component\u0000${peer.component}\u0000${policyNamespace}`
        : 'external' in peer
          ? `external\u0000${peer.external}`
          : undefined;
    if (id === undefined) return keyedPeer(peerFor(peer, policyNamespace, this.names));
    let keyed = this.known.get(id);
    if (keyed === undefined) this.known.set(id, (keyed = keyedPeer(peerFor(peer, policyNamespace, this.names))));
    return keyed;
  }
}

function keyedPeer(peer: PolicyPeer): KeyedPeer {
  return { peer: deepFrozen(peer), key: canonicalJson(peer) };
}

function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFrozen(member);
    Object.freeze(value);
  }
  return value;
}

type PortSet = readonly PolicyPort[] | 'all';

function toPolicyPort(port: FlowPort, number: number | string | undefined): PolicyPort {
  if (number === undefined) return { protocol: port.protocol };
  if (port.endPort !== undefined && typeof number === 'number')
    return { protocol: port.protocol, port: number, endPort: port.endPort };
  return { protocol: port.protocol, port: number };
}

/**
 * The policy ports of a flow. `destination` is the component at the receiving end, if any;
 * `ipBlockPeer` says the rule's peer is an ipBlock, where a name must become a number.
 * Returns `undefined` when the flow has ports but none of them can ever match.
 */
function portsFor(
  ports: readonly FlowPort[],
  destination: Component | undefined,
  ipBlockPeer: boolean,
): PortSet | undefined {
  if (ports.length === 0) return 'all';
  const out: PolicyPort[] = [];
  for (const port of ports) {
    if (typeof port.port === 'string' && ipBlockPeer) {
      const defined = destination?.ports.find((p) => p.name === port.port && p.protocol === port.protocol);
      if (defined) out.push(toPolicyPort(port, defined.port));
      continue;
    }
    out.push(toPolicyPort(port, port.port));
  }
  return out.length > 0 ? out : undefined;
}

const PROTOCOL_ORDER: Record<Protocol, number> = { SCTP: 0, TCP: 1, UDP: 2 };

function comparePorts(a: PolicyPort, b: PolicyPort): number {
  const byProtocol =
    PROTOCOL_ORDER[(a.protocol ?? 'TCP') as Protocol] - PROTOCOL_ORDER[(b.protocol ?? 'TCP') as Protocol];
  if (byProtocol !== 0) return byProtocol;
  const rank = (p: PolicyPort): number => (p.port === undefined ? 0 : typeof p.port === 'number' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a.port === 'number' && typeof b.port === 'number')
    return a.port - b.port || (a.endPort ?? a.port) - (b.endPort ?? b.port);
  return compareStrings(String(a.port ?? ''), String(b.port ?? ''));
}

/**
 * canonicalJson of a policy port, written out: a port has at most the members endPort, port and
 * protocol (in that sorted order), and canonicalJson's copy-and-sort costs more than the port
 * (generate.spec.ts holds the two equal).
 */
export function portKey(port: PolicyPort): string {
  let members = '';
  if (port.endPort !== undefined) members += `,"endPort":${JSON.stringify(port.endPort)}`;
  if (port.port !== undefined) members += `,"port":${JSON.stringify(port.port)}`;
  if (port.protocol !== undefined) members += `,"protocol":${JSON.stringify(port.protocol)}`;
  return `{${members.slice(1)}}`;
}

/** canonicalJson of a rule's port list (or of 'all'), from portKey. */
function portsKeyOf(ports: readonly PolicyPort[] | 'all'): string {
  return ports === 'all' ? '"all"' : `[${ports.map(portKey).join(',')}]`;
}

/** Deduplicates and drops ports covered by another entry of the same protocol; sorted. */
function normalizePorts(ports: readonly PolicyPort[]): PolicyPort[] {
  const unique = [...new Map(ports.map((p) => [portKey(p), p])).values()];
  const covers = (outer: PolicyPort, inner: PolicyPort): boolean => {
    if (outer === inner || outer.protocol !== inner.protocol) return false;
    if (outer.port === undefined) return true;
    if (typeof outer.port !== 'number' || typeof inner.port !== 'number') return false;
    return outer.port <= inner.port && (inner.endPort ?? inner.port) <= (outer.endPort ?? outer.port);
  };
  const kept = unique.filter((p) => !unique.some((q) => covers(q, p) && !(covers(p, q) && portKey(q) > portKey(p))));
  return kept.sort(comparePorts);
}

interface Contribution {
  readonly peer: KeyedPeer;
  readonly ports: PortSet;
}

/**
 * Rules for one direction: the ports allowed to each peer are merged, then peers with identical
 * port lists share one rule, so each rule is exactly peers × ports and the union of the rules is
 * exactly the union of the contributions.
 */
function buildRules(contributions: readonly Contribution[]): { peers: PolicyPeer[]; ports?: PolicyPort[] }[] {
  const byPeer = new Map<string, { peer: PolicyPeer; ports: PolicyPort[] | 'all' }>();
  for (const { peer: keyed, ports } of contributions) {
    const { key, peer } = keyed;
    const entry = byPeer.get(key) ?? { peer, ports: [] };
    entry.ports = entry.ports === 'all' || ports === 'all' ? 'all' : [...entry.ports, ...ports];
    byPeer.set(key, entry);
  }
  const byPorts = new Map<string, { portsKey: string; peers: Keyed<PolicyPeer>[]; ports: PolicyPort[] | 'all' }>();
  for (const [peerKey, { peer, ports }] of byPeer) {
    const normalized = ports === 'all' ? 'all' : normalizePorts(ports);
    const portsKey = portsKeyOf(normalized);
    const entry = byPorts.get(portsKey) ?? { portsKey, peers: [], ports: normalized };
    entry.peers.push({ key: peerKey, value: peer });
    byPorts.set(portsKey, entry);
  }
  // Sorted by canonical JSON, each worked out once (a comparator would serialise both sides per
  // comparison): a peer's is its byPeer key, a rule's is put together from its parts (ruleKey).
  const rules = [...byPorts.values()].map(({ portsKey, peers, ports }) => {
    const sorted = sortedByKey(peers);
    const peerList = sorted.map((p) => p.value);
    const rule = ports === 'all' ? { peers: peerList } : { peers: peerList, ports };
    return {
      key: ruleKey(
        sorted.map((p) => p.key),
        ports === 'all' ? undefined : portsKey,
      ),
      value: rule,
    };
  });
  return sortedByKey(rules).map((r) => r.value);
}

interface Keyed<T> {
  readonly key: string;
  readonly value: T;
}

function sortedByKey<T>(items: readonly Keyed<T>[]): Keyed<T>[] {
  return [...items].sort((a, b) => compareStrings(a.key, b.key));
}

/**
 * canonicalJson of a rule `{ peers, ports? }`, from the canonical JSON of each peer (in the rule's
 * order) and of its ports: JSON.stringify writes an object's members and an array's items one after
 * the other with no space, and `peers` sorts before `ports`, so this is the same text.
 */
export function ruleKey(peerKeys: readonly string[], portsKey: string | undefined): string {
  const peers = `"peers":[${peerKeys.join(',')}]`;
  return portsKey === undefined ? `{${peers}}` : `{${peers},"ports":${portsKey}}`;
}

/**
 * What generation itself needs beyond validateTopology's cross-reference checks: a component
 * without labels would become `podSelector: {}`, selecting every pod of its namespace (rule 8),
 * and endPort needs a numeric port it is not below (rule 11).
 */
function generationIssues(topology: Topology): TopologyProblem[] {
  const issues: TopologyProblem[] = [];
  topology.components.forEach((c, i) => {
    if (Object.keys(c.labels).length === 0) {
      issues.push({
        field: `components[${i}].labels`,
        message: 'a component needs at least one label; an empty podSelector selects every pod of the namespace',
      });
    }
  });
  topology.flows.forEach((flow, i) =>
    flow.ports.forEach((p, j) => {
      if (p.endPort === undefined) return;
      if (typeof p.port !== 'number')
        issues.push({
          field: `flows[${i}].ports[${j}].endPort`,
          message: 'endPort needs a numeric port',
        });
      else if (p.endPort < p.port)
        issues.push({
          field: `flows[${i}].ports[${j}].endPort`,
          message: `endPort must not be below port ${p.port}`,
        });
    }),
  );
  return issues;
}

function flowsByComponent(flows: readonly Flow[], end: 'from' | 'to'): Map<string, Flow[]> {
  const byName = new Map<string, Flow[]>();
  for (const flow of flows) {
    const peer = flow[end];
    if (!('component' in peer)) continue;
    const list = byName.get(peer.component);
    if (list === undefined) byName.set(peer.component, [flow]);
    else list.push(flow);
  }
  return byName;
}

/**
 * Generates one NetworkPolicy per component that has at least one flow. `options` override
 * `topology.settings`; defaults are `isolation: 'both'` and `dnsEgress: true`; with
 * `options.ownedNamespaces`, every component must live in one of them.
 * Throws TopologyError when the topology is structurally invalid (see validateTopology).
 */
export function generateNetworkPolicies(topology: Topology, options?: GenerateOptions): NetworkPolicy[] {
  const issues = [
    ...validateTopology(topology),
    ...generationIssues(topology),
    ...(options?.ownedNamespaces ? unownedNamespaceIssues(topology, options.ownedNamespaces) : []),
  ];
  if (issues.length > 0) throw new TopologyError(issues);
  const settings = resolveSettings(topology, options);
  const isolateEgress = settings.isolation === 'both';
  const byName = new Map(topology.components.map((c) => [c.name, c] as const));
  const peers = new PeerTable({
    components: byName,
    externals: new Map(topology.externals.map((e) => [e.name, e] as const)),
  });

  // Each component's flows, in topology order, found in one pass over the flows.
  const incomingOf = flowsByComponent(topology.flows, 'to');
  const outgoingOf = flowsByComponent(topology.flows, 'from');
  const withFlows = topology.components.filter((c) => incomingOf.has(c.name) || outgoingOf.has(c.name));
  const names = uniqueNames(topology, withFlows);

  const policies: NetworkPolicy[] = [];
  for (const component of withFlows) {
    const incoming = incomingOf.get(component.name) ?? [];
    const outgoing = outgoingOf.get(component.name) ?? [];

    const ingress: Contribution[] = [];
    for (const flow of incoming) {
      const ports = portsFor(flow.ports, component, 'external' in flow.from);
      if (ports)
        ingress.push({
          peer: peers.of(flow.from, component.namespace),
          ports,
        });
    }
    const egress: Contribution[] = [];
    if (isolateEgress) {
      for (const flow of outgoing) {
        const destination = 'component' in flow.to ? byName.get(flow.to.component) : undefined;
        const ports = portsFor(flow.ports, destination, 'external' in flow.to);
        if (ports)
          egress.push({
            peer: peers.of(flow.to, component.namespace),
            ports,
          });
      }
      if (settings.dnsEgress) {
        egress.push({
          peer: keyedPeer({
            namespaceSelector: matchLabels({
              [NAMESPACE_NAME_LABEL]: KUBE_DNS_NAMESPACE,
            }),
            podSelector: matchLabels(KUBE_DNS_LABELS),
          }),
          ports: DNS_PORTS,
        });
      }
    }

    const spec: PolicySpec = {
      podSelector: matchLabels(component.labels),
      policyTypes: isolateEgress ? ['Ingress', 'Egress'] : ['Ingress'],
    };
    const ingressRules = buildRules(ingress).map(({ peers, ports }) =>
      ports ? { from: peers, ports } : { from: peers },
    );
    const egressRules = buildRules(egress).map(({ peers, ports }) => (ports ? { to: peers, ports } : { to: peers }));
    if (ingressRules.length > 0) spec.ingress = ingressRules;
    if (egressRules.length > 0) spec.egress = egressRules;

    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: names.get(component)!,
        namespace: component.namespace,
        labels: {
          [APPLICATION_LABEL]: topology.name,
          [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
        },
      },
      spec,
    });
  }
  return policies.sort(
    (a, b) =>
      compareStrings(a.metadata!.namespace!, b.metadata!.namespace!) ||
      compareStrings(a.metadata!.name!, b.metadata!.name!),
  );
}

/**
 * Two components whose names sanitize alike (`Web` and `web`) in one namespace would collide;
 * each colliding name gets 8 hex digits of its component name's sha256 appended.
 */
function uniqueNames(topology: Topology, components: readonly Component[]): Map<Component, string> {
  const base = new Map(components.map((c) => [c, policyName(topology.name, c.name)] as const));
  const counts = new Map<string, number>();
  for (const c of components)
    counts.set(`${c.namespace}/${base.get(c)}`, (counts.get(`${c.namespace}/${base.get(c)}`) ?? 0) + 1);
  return new Map(
    components.map((c) => {
      const name = base.get(c)!;
      if (counts.get(`${c.namespace}/${name}`)! < 2) return [c, name] as const;
      return [c, `${name.slice(0, MAX_NAME - 9).replace(/-$/, '')}-${sha256Hex(c.name).slice(0, 8)}`] as const;
    }),
  );
}
