/**
 * Precomputation for evaluation and connectivity: which workloads each policy selects, which
 * workloads and IP blocks each rule admits, and per workload the policies isolating it in each
 * direction, so a query only visits the rules that can matter.
 */
import { compileAdmin, type AdminSelectors, type CompiledAdmin } from './admin-tiers';
import { analysisOptions, type AnalysisOptions } from './analysis-options';
import type { NetworkPolicy, Snapshot, Workload } from './model';
import {
  IP_FAMILIES,
  addressText,
  ipBlockRanges,
  parseAddress,
  rangesContain,
  type IpAddress,
  type IpFamily,
  type IpRange,
} from './ip-ranges';
import { PortSet } from './port-set';
import { matchesSelector, selectorPredicate, type Labels } from './selectors';
import type { LabelSelector, Protocol } from './topology';

export type Direction = 'ingress' | 'egress';

export interface CompiledIpBlock {
  /** The block's addresses: its CIDR minus its except ranges (rule 14), IPv4 or IPv6. */
  readonly ranges: readonly IpRange[];
}

export interface NamedPort {
  readonly name: string;
  readonly protocol: Protocol;
}

/** Whether a workload index is among a rule's peers. */
export interface WorkloadLookup {
  has(workload: number): boolean;
}

export interface CompiledRule {
  readonly policy: string;
  readonly direction: Direction;
  readonly index: number;
  /** No `from`/`to`: every peer, in-cluster or external (rule 5). */
  readonly anyPeer: boolean;
  /** Workload indices the selector peers admit (and, under `podIps: match`, the ipBlocks), sorted. */
  readonly workloads: readonly number[];
  /** Membership in `workloads` (evaluate's lookups). */
  readonly workloadSet: WorkloadLookup;
  readonly ipBlocks: readonly CompiledIpBlock[];
  /** Numeric ports (and whole protocols); ALL when the rule has no `ports` (rule 5). */
  readonly numericPorts: PortSet;
  /** Named ports, resolved on the destination workload (rule 12). */
  readonly namedPorts: readonly NamedPort[];
}

export interface CompiledPolicy {
  readonly id: string;
  readonly namespace: string;
  readonly policy: NetworkPolicy;
  /** Workload indices selected by spec.podSelector (rule 8). */
  readonly selects: readonly number[];
  /** Rules per direction; undefined when the policy does not affect that direction (rules 1-2). */
  readonly ingress?: readonly CompiledRule[];
  readonly egress?: readonly CompiledRule[];
  /**
   * Ranges of every ipBlock written in spec.ingress[].from / spec.egress[].to, whether or not
   * policyTypes makes the direction count: netpol-analyzer cuts external ranges with all of them.
   */
  readonly ipCuts: { readonly ingress: readonly IpRange[]; readonly egress: readonly IpRange[] };
}

export interface CompiledSnapshot {
  readonly kind: 'compiled';
  readonly snapshot: Snapshot;
  readonly workloads: readonly Workload[];
  readonly workloadIndex: ReadonlyMap<string, number>;
  readonly policies: readonly CompiledPolicy[];
  /** Per workload index: the policies isolating it for ingress / egress. */
  readonly ingressPolicies: readonly (readonly CompiledPolicy[])[];
  readonly egressPolicies: readonly (readonly CompiledPolicy[])[];
  readonly options: Required<AnalysisOptions>;
  /**
   * The address families external peers are reported in: IPv4 always (as netpol-analyzer does),
   * IPv6 only when some policy names an IPv6 CIDR.
   */
  readonly families: readonly IpFamily[];
  /** Under `podIps: match`, every pod IP with its workload index (keyed by canonical text); else empty. */
  readonly podAddresses: ReadonlyMap<string, number>;
  /** The ANPs and the BANP (snapshot.admin), compiled against the same workloads. */
  readonly admin: CompiledAdmin;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function isCompiled(s: Snapshot | CompiledSnapshot): s is CompiledSnapshot {
  return (s as CompiledSnapshot).kind === 'compiled';
}

export function compileSnapshot(snapshot: Snapshot, options: AnalysisOptions = {}): CompiledSnapshot {
  const resolved = analysisOptions(options);
  const workloads = snapshot.workloads;
  const podAddresses = resolved.podIps === 'match' ? podAddressIndex(workloads) : new Map<string, number>();
  const workloadIndex = new Map(workloads.map((w, i) => [w.id, i] as const));
  const byNamespace = new Map<string, number[]>();
  workloads.forEach((w, i) => {
    const list = byNamespace.get(w.namespace) ?? [];
    list.push(i);
    byNamespace.set(w.namespace, list);
  });
  const selection = new Selection(workloads, byNamespace, snapshot.namespaces);

  const podsInBlocks = (blocks: readonly CompiledIpBlock[]) => podsIn(blocks, podAddresses);
  const ipBlock = ipBlockCompiler();
  const policies = snapshot.policies.map((policy) => compilePolicy(policy, selection, podsInBlocks, ipBlock));
  const ingressPolicies: CompiledPolicy[][] = workloads.map(() => []);
  const egressPolicies: CompiledPolicy[][] = workloads.map(() => []);
  for (const p of policies) {
    for (const i of p.selects) {
      if (p.ingress !== undefined) ingressPolicies[i]!.push(p);
      if (p.egress !== undefined) egressPolicies[i]!.push(p);
    }
  }
  const families = IP_FAMILIES.filter(
    (family) =>
      family === 'ipv4' ||
      policies.some((p) => [...p.ipCuts.ingress, ...p.ipCuts.egress].some((r) => r.family === family)),
  );
  const admin = compileAdmin(snapshot.admin, snapshot.nodes ?? [], workloads.length, selection);
  return {
    kind: 'compiled',
    snapshot,
    workloads,
    workloadIndex,
    policies,
    ingressPolicies,
    egressPolicies,
    options: resolved,
    families,
    podAddresses,
    admin,
  };
}

/**
 * Pod IPs (status.podIP / status.podIPs) by canonical text. The Kubernetes API reference leaves it
 * to the network plugin whether an ipBlock matches a pod IP ("These should be cluster-external IPs,
 * since Pod IPs are ephemeral and unpredictable", concept page
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource),
 * so this index is built only when the caller asks for `podIps: match`.
 */
function podAddressIndex(workloads: readonly Workload[]): Map<string, number> {
  const index = new Map<string, number>();
  workloads.forEach((w, i) => {
    for (const ip of w.podIps ?? []) index.set(addressText(parseAddress(ip)), i);
  });
  return index;
}

/** Workload indices with a pod IP inside one of the blocks (CIDR minus except), sorted. */
function podsIn(blocks: readonly CompiledIpBlock[], podAddresses: ReadonlyMap<string, number>): number[] {
  if (blocks.length === 0 || podAddresses.size === 0) return [];
  const found = new Set<number>();
  for (const [ip, workload] of podAddresses) {
    const addr = parseAddress(ip);
    if (blocks.some((b) => rangesContain(b.ranges, addr))) found.add(workload);
  }
  return [...found].sort((a, b) => a - b);
}

/** Pod IPs as addresses, for cutting them out of the external ranges (`podIps: match`). */
export function podAddressList(c: CompiledSnapshot): IpAddress[] {
  return [...c.podAddresses.keys()].map(parseAddress);
}

function compilePolicy(
  policy: NetworkPolicy,
  selection: Selection,
  podsInBlocks: (blocks: readonly CompiledIpBlock[]) => readonly number[],
  ipBlock: (block: Obj) => CompiledIpBlock,
): CompiledPolicy {
  const namespace = policy.metadata?.namespace ?? 'default';
  const id = `${namespace}/${policy.metadata?.name ?? ''}`;
  const spec = (policy.spec ?? {}) as Obj;
  // Rule 8: spec.podSelector selects pods of the policy's own namespace; `{}` selects all of them.
  const selects = selection.selectPods([namespace], (spec.podSelector ?? {}) as LabelSelector).list;
  // Rule 2: without policyTypes, Ingress always, Egress only when egress rules are present.
  const types = Array.isArray(spec.policyTypes)
    ? new Set(spec.policyTypes as string[])
    : new Set(asArray(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);

  const compileRules = (direction: Direction): CompiledRule[] => {
    const peersField = direction === 'ingress' ? 'from' : 'to';
    return asArray(spec[direction]).map((raw, index) => {
      const rule = isObj(raw) ? raw : {};
      const peers = rule[peersField];
      const anyPeer = peers === undefined || peers === null || (Array.isArray(peers) && peers.length === 0);
      const matches: PeerMatch[] = [];
      const ipBlocks: CompiledIpBlock[] = [];
      for (const peer of asArray(peers)) {
        if (!isObj(peer)) continue;
        if (isObj(peer.ipBlock)) {
          ipBlocks.push(ipBlock(peer.ipBlock));
          continue;
        }
        // Rules 6-7: podSelector AND namespaceSelector; podSelector alone means the policy's namespace.
        const nsSelector = peer.namespaceSelector as LabelSelector | undefined;
        const namespaces = nsSelector === undefined ? [namespace] : selection.selectNamespaces(nsSelector);
        matches.push(selection.selectPods(namespaces, peer.podSelector as LabelSelector | undefined));
      }
      const { numericPorts, namedPorts } = compilePorts(rule.ports);
      // Under `podIps: match`, an ipBlock also admits the pods whose IP it contains (rule 14).
      const pods = podsInBlocks(ipBlocks);
      if (pods.length > 0) matches.push(new PeerMatch(pods));
      // One selector peer (the common case) shares the memoised match; several are merged.
      const matched = matches.length === 1 ? matches[0]! : mergeMatches(matches);
      return {
        policy: id,
        direction,
        index,
        anyPeer,
        workloads: matched.list,
        // A data property, not a getter: a getter in an object literal is a new closure per rule,
        // which puts every rule in dictionary mode (slow property reads in connectivity's loops).
        workloadSet: matched,
        ipBlocks,
        numericPorts,
        namedPorts,
      };
    });
  };

  const cuts = (direction: Direction): IpRange[] =>
    asArray(spec[direction]).flatMap((rule) =>
      asArray(isObj(rule) ? rule[direction === 'ingress' ? 'from' : 'to'] : undefined).flatMap((peer) =>
        isObj(peer) && isObj(peer.ipBlock) ? ipBlock(peer.ipBlock).ranges : [],
      ),
    );
  return {
    id,
    namespace,
    policy,
    selects,
    ipCuts: { ingress: cuts('ingress'), egress: cuts('egress') },
    ...(types.has('Ingress') ? { ingress: compileRules('ingress') } : {}),
    ...(types.has('Egress') ? { egress: compileRules('egress') } : {}),
  };
}

/**
 * Selector matching with memos. Policies tend to repeat selectors; memoising by value keeps compile
 * time and memory linear in the distinct selectors rather than in the rules. A selector is matched
 * at most once per namespace (peers name it with different namespace selectors), a namespace list
 * + selector once. A class rather than closures made per compile: the optimised code of methods
 * outlives each compile (see PortAtoms.shapeAnchor).
 */
class Selection implements AdminSelectors {
  /** Keeps the hidden class alive between analyses: see PortAtoms.shapeAnchor. */
  static readonly shapeAnchor = new Selection([], new Map(), []);
  private readonly nsLabels: Map<string, Labels>;
  private readonly allNamespaces: string[];
  private readonly perNamespace = new Map<
    string,
    { matches: (labels: Labels) => boolean; byNs: Map<string, number[]> }
  >();
  private readonly podMemo = new Map<string, PeerMatch>();
  private readonly nsMemo = new Map<string, string[]>();

  constructor(
    private readonly workloads: readonly Workload[],
    private readonly byNamespace: ReadonlyMap<string, number[]>,
    namespaces: Snapshot['namespaces'],
  ) {
    this.nsLabels = new Map(namespaces.map((n) => [n.name, n.labels] as const));
    this.allNamespaces = [...new Set([...this.nsLabels.keys(), ...byNamespace.keys()])];
  }

  /** Rule 9: a namespace nobody declared still has its name label. */
  private labelsOfNamespace(ns: string): Labels {
    return this.nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  }

  private matchIn(key: string, podSelector: LabelSelector | undefined, ns: string): readonly number[] {
    const members = this.byNamespace.get(ns) ?? [];
    if (podSelector === undefined) return members;
    let memo = this.perNamespace.get(key);
    if (memo === undefined)
      this.perNamespace.set(key, (memo = { matches: selectorPredicate(podSelector), byNs: new Map() }));
    let hit = memo.byNs.get(ns);
    if (hit === undefined) {
      const matches = memo.matches;
      const workloads = this.workloads;
      memo.byNs.set(ns, (hit = members.filter((i) => matches(workloads[i]!.labels))));
    }
    return hit;
  }

  selectPods(namespaces: readonly string[], podSelector: LabelSelector | undefined): PeerMatch {
    const selectorKey = JSON.stringify(podSelector ?? null);
    const key = `${namespaces.join(',')}|${selectorKey}`;
    let hit = this.podMemo.get(key);
    if (hit === undefined) {
      const list: number[] = [];
      for (const ns of namespaces) for (const i of this.matchIn(selectorKey, podSelector, ns)) list.push(i);
      list.sort((a, b) => a - b);
      hit = new PeerMatch(list);
      this.podMemo.set(key, hit);
    }
    return hit;
  }

  selectNamespaces(selector: LabelSelector): string[] {
    const key = JSON.stringify(selector);
    let hit = this.nsMemo.get(key);
    if (hit === undefined)
      this.nsMemo.set(
        key,
        (hit = this.allNamespaces.filter((ns) => matchesSelector(selector, this.labelsOfNamespace(ns)))),
      );
    return hit;
  }
}

/** Workload indices, sorted; the Set (for evaluate's lookups) is built on first use. */
class PeerMatch implements WorkloadLookup {
  /** Keeps the hidden class alive between analyses: see PortAtoms.shapeAnchor. */
  static readonly shapeAnchor = new PeerMatch([]);
  private lookup?: ReadonlySet<number>;
  constructor(readonly list: readonly number[]) {}
  get set(): ReadonlySet<number> {
    return (this.lookup ??= new Set(this.list));
  }
  has(workload: number): boolean {
    return this.set.has(workload);
  }
}

/** The union of sorted lists, sorted: merged pairwise, each merge linear. */
function mergeMatches(matches: readonly PeerMatch[]): PeerMatch {
  let out: readonly number[] = [];
  for (const m of matches) {
    const a = out;
    const b = m.list;
    const merged: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
      if (merged.length === 0 || merged[merged.length - 1] !== x) merged.push(x);
    }
    out = merged;
  }
  return new PeerMatch(out);
}

function compileIpBlock(block: Obj): CompiledIpBlock {
  return { ranges: ipBlockRanges(String(block.cidr), asArray(block.except).map(String)) };
}

/** compileIpBlock memoised by the block's text: policies repeat ipBlocks, and `ipCuts` reads each again. */
function ipBlockCompiler(): (block: Obj) => CompiledIpBlock {
  const memo = new Map<string, CompiledIpBlock>();
  return (block) => {
    const key = `${String(block.cidr)} ${asArray(block.except).map(String).join(' ')}`;
    let hit = memo.get(key);
    if (hit === undefined) memo.set(key, (hit = compileIpBlock(block)));
    return hit;
  };
}

/** Rule 10: no protocol means TCP; no port means the whole protocol. Rule 11: endPort inclusive. */
function compilePorts(ports: unknown): { numericPorts: PortSet; namedPorts: NamedPort[] } {
  if (ports === undefined || ports === null || (Array.isArray(ports) && ports.length === 0)) {
    return { numericPorts: PortSet.ALL, namedPorts: [] };
  }
  let numericPorts = PortSet.NONE;
  const namedPorts: NamedPort[] = [];
  for (const raw of asArray(ports)) {
    const p = isObj(raw) ? raw : {};
    const protocol = (p.protocol ?? 'TCP') as Protocol;
    if (typeof p.port === 'string') namedPorts.push({ name: p.port, protocol });
    else if (typeof p.port === 'number') {
      const end = typeof p.endPort === 'number' ? p.endPort : p.port;
      numericPorts = numericPorts.union(PortSet.range(protocol, p.port, end));
    } else numericPorts = numericPorts.union(PortSet.protocol(protocol));
  }
  return { numericPorts, namedPorts };
}

export function ipBlockContains(block: CompiledIpBlock, addr: IpAddress): boolean {
  return rangesContain(block.ranges, addr);
}

/** Whether one of the rule's ipBlock peers contains `addr` (rule 14); selector peers never do. */
export function ruleAdmitsAddress(rule: CompiledRule, addr: IpAddress): boolean {
  return rule.ipBlocks.some((b) => ipBlockContains(b, addr));
}

/**
 * The rule's ports toward `destination` (undefined for an external IP). Rule 12: a named port
 * resolves on the destination pod by name and protocol. In an ingress rule that is the selected pod,
 * whatever the peer (an ipBlock included); an egress rule toward an external address has no
 * destination pod, so its named ports match nothing there.
 */
export function rulePorts(rule: CompiledRule, destination: Workload | undefined): PortSet {
  if (rule.namedPorts.length === 0 || destination === undefined) return rule.numericPorts;
  let set = rule.numericPorts;
  for (const named of rule.namedPorts) {
    for (const cp of destination.ports) {
      if (cp.name === named.name && cp.protocol === named.protocol)
        set = set.union(PortSet.range(cp.protocol, cp.containerPort, cp.containerPort));
    }
  }
  return set;
}
