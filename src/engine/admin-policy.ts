/**
 * Cluster guardrails: AdminNetworkPolicy (ANP) and BaselineAdminNetworkPolicy (BANP) of
 * `policy.networking.k8s.io/v1alpha1`, parsed and validated into an `AdminPolicySet`.
 *
 * API (all exported through src/engine/index.ts):
 * - `loadAdminPolicies(files)` (loader.ts): a guardrails document (YAML or JSON, one or many
 *   documents, `kind: List` allowed) -> AdminPolicySet. Refuses any kind other than ANP/BANP.
 * - `loadSnapshot(files)` also accepts ANP/BANP (and Node) objects among the manifests: they land in
 *   `snapshot.admin` (and `snapshot.nodes`).
 * - `adminPolicySet(objects)`: already parsed objects `{ obj, where }` -> AdminPolicySet.
 * - `withAdminPolicies(snapshot, set)`: the snapshot evaluated under these guardrails (merged with
 *   any ANP/BANP the snapshot already carries; the merge is validated like one upload).
 * - Every refusal is an `AdminPolicyError` (an EngineInputError) whose message names the file and
 *   document, the object (`AdminNetworkPolicy "x"`) and the field, and which carries `policy`,
 *   `field` and `reason` for a 4xx body.
 * - evaluate() verdicts carry `tier` ('admin' | 'networkpolicy' | 'baseline' | 'default'), and per
 *   direction `decision` { tier, action, policy, rule, ruleName, passedBy } (see model.ts).
 *
 * Sources: the API reference of network-policy-api v1alpha1 (AdminNetworkPolicySpec,
 * BaselineAdminNetworkPolicySpec) and KEP-2091 "Add support for cluster-scoped network policies"
 * (https://network-policy-api.sigs.k8s.io/reference/spec/, https://network-policy-api.sigs.k8s.io/api-overview/).
 */
import ipaddr from 'ipaddr.js';
import { EngineInputError } from './errors';
import { cidrText, ipaddrText } from './ip-ranges';
import { validateSelector } from './policy-validation';
import { PROTOCOLS, type LabelSelector, type Protocol } from './topology';

export const ADMIN_NETWORK_POLICY = 'AdminNetworkPolicy';
export const BASELINE_ADMIN_NETWORK_POLICY = 'BaselineAdminNetworkPolicy';
export type AdminKind = typeof ADMIN_NETWORK_POLICY | typeof BASELINE_ADMIN_NETWORK_POLICY;
/** Reference, AdminNetworkPolicySpec.priority: "0-1000"; "the lower the value the higher the precedence". */
export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 1000;
/** Reference, BaselineAdminNetworkPolicy: "a singleton cluster-scoped object ... named default". */
export const BASELINE_NAME = 'default';

export type AdminAction = 'Allow' | 'Deny' | 'Pass';
/** Reference: ANP rules Allow, Deny or Pass; BANP rules Allow or Deny only. */
export const ANP_ACTIONS: readonly AdminAction[] = ['Allow', 'Deny', 'Pass'];
export const BANP_ACTIONS: readonly AdminAction[] = ['Allow', 'Deny'];

/** Pods in `namespaces` (a namespace selector), or pods matching podSelector in namespaceSelector's namespaces. */
export type AdminSubject =
  | { readonly namespaces: LabelSelector }
  | { readonly pods: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector } };

/** One peer: exactly one field set. `networks` and `nodes` exist for egress only. */
export type AdminPeer =
  | { readonly namespaces: LabelSelector }
  | { readonly pods: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector } }
  | { readonly networks: readonly string[] }
  | { readonly nodes: LabelSelector };

/** One port entry: exactly one field set. Protocol defaults to TCP (reference, Port/PortRange). */
export type AdminPort =
  | { readonly portNumber: { readonly protocol: Protocol; readonly port: number } }
  | { readonly namedPort: string }
  | { readonly portRange: { readonly protocol: Protocol; readonly start: number; readonly end: number } };

export interface AdminRule {
  /** The rule's index in spec.ingress[] / spec.egress[]. */
  readonly index: number;
  readonly name?: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  /** Absent: every protocol and port (reference: "If Ports is not set then the rule does not filter traffic via port"). */
  readonly ports?: readonly AdminPort[];
}

export interface AdminPolicy {
  readonly kind: AdminKind;
  readonly name: string;
  /** ANP only. */
  readonly priority?: number;
  readonly subject: AdminSubject;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  /** Where it was read: `file: document N`. */
  readonly where: string;
}

export interface AdminPolicySet {
  /** Ascending priority: the first one has the highest precedence. */
  readonly anps: readonly AdminPolicy[];
  readonly banp?: AdminPolicy;
}

export const EMPTY_ADMIN_POLICY_SET: AdminPolicySet = { anps: [] };

/** A refused ANP/BANP: `policy` like `AdminNetworkPolicy "x"`, `field` like `spec.egress[0].action`. */
export class AdminPolicyError extends EngineInputError {
  constructor(
    readonly where: string,
    readonly policy: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${where}: ${policy}: ${field} ${reason}`);
    this.name = 'AdminPolicyError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isAdminKind = (kind: unknown): kind is AdminKind =>
  kind === ADMIN_NETWORK_POLICY || kind === BASELINE_ADMIN_NETWORK_POLICY;

class Reader {
  constructor(
    readonly where: string,
    readonly policy: string,
  ) {}
  fail(field: string, why: string): never {
    throw new AdminPolicyError(this.where, this.policy, field, why);
  }
  selector(field: string, v: unknown): LabelSelector {
    try {
      validateSelector(this.where, field, v);
    } catch (e) {
      if (e instanceof EngineInputError) this.fail(field, e.message.slice(`${this.where}: ${field} `.length));
      throw e;
    }
    return v as LabelSelector;
  }
  /** Reference: subject and peer types are "exactly one field must be set" unions. */
  oneOf(field: string, v: unknown, allowed: readonly string[], what: string): [string, unknown] {
    const obj = isObj(v) ? v : {};
    const set = Object.keys(obj).filter((k) => obj[k] !== undefined && obj[k] !== null);
    const unknown = set.filter((k) => !allowed.includes(k));
    if (set.length !== 1 || unknown.length > 0) {
      const got = set.length === 0 ? 'none' : set.join(' and ');
      this.fail(field, `must set exactly one field of ${what} (one of ${allowed.join(', ')}; got ${got})`);
    }
    return [set[0]!, obj[set[0]!]];
  }
  podsSelector(field: string, v: unknown) {
    if (!isObj(v)) this.fail(field, 'must be an object with namespaceSelector and podSelector');
    // Reference, NamespacedPod: both selectors are required, `{}` selecting everything. An absent
    // one is read as `{}` (its Go zero value), as netpol-analyzer reads it: its test inputs omit them.
    return {
      namespaceSelector: this.selector(`${field}.namespaceSelector`, v.namespaceSelector ?? {}),
      podSelector: this.selector(`${field}.podSelector`, v.podSelector ?? {}),
    };
  }
}

function portNumber(r: Reader, field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535)
    r.fail(field, `must be a port number 1-65535 (got ${JSON.stringify(v)})`);
  return v;
}

function protocolOf(r: Reader, field: string, v: unknown): Protocol {
  if (v === undefined || v === null) return 'TCP';
  if (!(PROTOCOLS as readonly unknown[]).includes(v))
    r.fail(field, `must be one of ${PROTOCOLS.join(', ')} (got ${JSON.stringify(v)})`);
  return v as Protocol;
}

function parsePort(r: Reader, field: string, v: unknown): AdminPort {
  // Reference, AdminNetworkPolicyPort: "Exactly one field must be set."
  const [key, value] = r.oneOf(field, v, ['portNumber', 'namedPort', 'portRange'], 'a port (AdminNetworkPolicyPort)');
  const f = `${field}.${key}`;
  if (key === 'namedPort') {
    if (typeof value !== 'string' || value === '') r.fail(f, 'must be a non-empty port name');
    return { namedPort: value };
  }
  if (!isObj(value)) r.fail(f, 'must be an object');
  if (key === 'portNumber') {
    return {
      portNumber: {
        protocol: protocolOf(r, `${f}.protocol`, value.protocol),
        port: portNumber(r, `${f}.port`, value.port),
      },
    };
  }
  const { start, end } = value;
  // Reference, PortRange: start and end are 1-65535, "End must be greater than or equal to Start".
  const inRange = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 65535;
  if (!inRange(start) || !inRange(end) || (end as number) < (start as number)) {
    r.fail(
      f,
      `${JSON.stringify(start)}-${JSON.stringify(end)} is not a valid port range: start and end must be ports 1-65535 and the end must not be below the start`,
    );
  }
  return {
    portRange: { protocol: protocolOf(r, `${f}.protocol`, value.protocol), start: start as number, end: end as number },
  };
}

function parsePeer(r: Reader, field: string, v: unknown, direction: 'ingress' | 'egress'): AdminPeer {
  // Reference: AdminNetworkPolicyIngressPeer (namespaces, pods) and EgressPeer (+ networks, nodes).
  const allowed = direction === 'ingress' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'networks', 'nodes'];
  const [key, value] = r.oneOf(field, v, allowed, 'a rule peer');
  const f = `${field}.${key}`;
  switch (key) {
    case 'namespaces':
      return { namespaces: r.selector(f, value) };
    case 'nodes':
      return { nodes: r.selector(f, value) };
    case 'pods':
      return { pods: r.podsSelector(f, value) };
    default: {
      // Reference, networks: "a list of CIDRs", IPv4 or IPv6, 1-25 items.
      if (!Array.isArray(value) || value.length === 0) r.fail(f, 'must list at least one CIDR');
      return {
        networks: value.map((cidr, i) => {
          if (typeof cidr !== 'string') r.fail(`${f}[${i}]`, 'must be a CIDR string');
          try {
            ipaddr.parseCIDR(ipaddrText(cidr));
            return cidrText(cidr);
          } catch {
            return r.fail(`${f}[${i}]`, `is not a valid CIDR address: ${JSON.stringify(cidr)}`);
          }
        }),
      };
    }
  }
}

function parseRules(r: Reader, kind: AdminKind, spec: Obj, direction: 'ingress' | 'egress'): AdminRule[] {
  const raw = spec[direction];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) r.fail(`spec.${direction}`, 'must be a list of rules');
  const peersField = direction === 'ingress' ? 'from' : 'to';
  const actions = kind === ADMIN_NETWORK_POLICY ? ANP_ACTIONS : BANP_ACTIONS;
  return raw.map((rule, index): AdminRule => {
    const f = `spec.${direction}[${index}]`;
    if (!isObj(rule)) r.fail(f, 'must be an object');
    if (!(actions as readonly unknown[]).includes(rule.action)) {
      r.fail(
        `${f}.action`,
        `is not a known action: ${JSON.stringify(rule.action ?? null)} (a ${kind} rule allows ${actions.join(', ')})`,
      );
    }
    const peers = rule[peersField];
    // Reference: from/to "+kubebuilder:validation:MinItems=1".
    if (!Array.isArray(peers) || peers.length === 0)
      r.fail(`${f}.${peersField}`, 'must be a list with at least one peer');
    const ports = rule.ports;
    if (ports !== undefined && ports !== null && !Array.isArray(ports)) r.fail(`${f}.ports`, 'must be a list');
    const name = typeof rule.name === 'string' && rule.name !== '' ? rule.name : undefined;
    return {
      index,
      ...(name !== undefined ? { name } : {}),
      action: rule.action as AdminAction,
      peers: peers.map((p, j) => parsePeer(r, `${f}.${peersField}[${j}]`, p, direction)),
      ...(Array.isArray(ports) ? { ports: ports.map((p, j) => parsePort(r, `${f}.ports[${j}]`, p)) } : {}),
    };
  });
}

/** One ANP or BANP object -> AdminPolicy; throws AdminPolicyError naming the field. */
export function parseAdminPolicy(obj: Readonly<Obj>, where: string): AdminPolicy {
  const kind = obj.kind;
  if (!isAdminKind(kind))
    throw new EngineInputError(`${where}: kind ${JSON.stringify(kind)} is not an admin network policy`);
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : undefined;
  const r: Reader = new Reader(where, `${kind} ${JSON.stringify(name ?? '')}`);
  if (name === undefined) r.fail('metadata.name', 'is required');
  const spec = obj.spec;
  if (!isObj(spec)) r.fail('spec', 'is required');
  let priority: number | undefined;
  if (kind === ADMIN_NETWORK_POLICY) {
    const p = spec.priority;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < MIN_PRIORITY || p > MAX_PRIORITY) {
      r.fail(
        'spec.priority',
        `${JSON.stringify(p ?? null)} is out of range: the priority of an AdminNetworkPolicy must be an integer between ${MIN_PRIORITY} and ${MAX_PRIORITY}`,
      );
    }
    priority = p;
  }
  // Reference, AdminNetworkPolicySubject: "Exactly one field must be set."
  const [key, value] = r.oneOf('spec.subject', spec.subject, ['namespaces', 'pods'], 'a subject');
  const subject: AdminSubject =
    key === 'namespaces'
      ? { namespaces: r.selector('spec.subject.namespaces', value) }
      : { pods: r.podsSelector('spec.subject.pods', value) };
  return {
    kind,
    name,
    ...(priority !== undefined ? { priority } : {}),
    subject,
    ingress: parseRules(r, kind, spec, 'ingress'),
    egress: parseRules(r, kind, spec, 'egress'),
    where,
  };
}

/**
 * Validates a whole set, the checks that span objects: unique names per kind; KEP-2091 "two policies
 * are considered to be conflicting if they are assigned the same priority" (refused, as
 * netpol-analyzer refuses them); at most one BANP, and it is named `default` (reference:
 * "BaselineAdminNetworkPolicy is a singleton ... must be named default").
 */
export function validateAdminPolicySet(policies: readonly AdminPolicy[]): AdminPolicySet {
  const anps: AdminPolicy[] = [];
  let banp: AdminPolicy | undefined;
  const byName = new Map<string, AdminPolicy>();
  const byPriority = new Map<number, AdminPolicy>();
  for (const p of policies) {
    const label = `${p.kind} ${JSON.stringify(p.name)}`;
    if (p.kind === BASELINE_ADMIN_NETWORK_POLICY) {
      if (banp !== undefined) {
        throw new AdminPolicyError(
          p.where,
          label,
          'kind',
          `is a second BaselineAdminNetworkPolicy (the first is in ${banp.where}): a cluster has at most one baseline`,
        );
      }
      if (p.name !== BASELINE_NAME) {
        throw new AdminPolicyError(
          p.where,
          label,
          'metadata.name',
          `must be "${BASELINE_NAME}": the only BaselineAdminNetworkPolicy a cluster may have is named "${BASELINE_NAME}"`,
        );
      }
      banp = p;
      continue;
    }
    const previous = byName.get(p.name);
    if (previous !== undefined) {
      throw new AdminPolicyError(
        p.where,
        label,
        'metadata.name',
        `is used twice (also in ${previous.where}): an object of a kind must have a unique name`,
      );
    }
    byName.set(p.name, p);
    const same = byPriority.get(p.priority!);
    if (same !== undefined) {
      throw new AdminPolicyError(
        p.where,
        label,
        'spec.priority',
        `${p.priority} is also the priority of AdminNetworkPolicy ${JSON.stringify(same.name)} (${same.where}): two AdminNetworkPolicies with the same priority conflict`,
      );
    }
    byPriority.set(p.priority!, p);
    anps.push(p);
  }
  anps.sort((a, b) => a.priority! - b.priority!);
  return banp === undefined ? { anps } : { anps, banp };
}

/** Parsed Kubernetes objects (ANP/BANP only) -> a validated set. */
export function adminPolicySet(
  objects: readonly { readonly obj: Readonly<Obj>; readonly where: string }[],
): AdminPolicySet {
  return validateAdminPolicySet(objects.map(({ obj, where }) => parseAdminPolicy(obj, where)));
}

export function isEmptyAdminPolicySet(set: AdminPolicySet | undefined): boolean {
  return set === undefined || (set.anps.length === 0 && set.banp === undefined);
}

/** Two sets as one upload (the guardrails and the ANP/BANP among an application's manifests). */
export function mergeAdminPolicySets(a: AdminPolicySet, b: AdminPolicySet): AdminPolicySet {
  const all = (s: AdminPolicySet) => [...s.anps, ...(s.banp !== undefined ? [s.banp] : [])];
  return validateAdminPolicySet([...all(a), ...all(b)]);
}
