/**
 * Lint: findings about a topology (with the policies it generates) or about uploaded manifests
 * (a snapshot), each with a stable code. Lint never throws on a bad topology; it reports it.
 */
import { lintAdmin } from './admin-lint';
import { compareStrings } from './canonical';
import type { PolicyPeer, PolicyPort } from './generate';
import { resolveSettings } from './generate';
import { ipBlockRanges } from './ip-ranges';
import type { NetworkPolicy, Snapshot, Workload } from './model';
import { matchesSelector } from './selectors';
import type { Component, FlowPeer, GenerationSettings, LabelSelector, Topology } from './topology';
import { validateTopology } from './validate-topology';

/** Stable finding codes; clients may match on them. */
export const LINT_CODES = {
  /** A flow or rule names a port that no destination pod defines (for that protocol): it allows nothing. */
  namedPortUndefined: 'named-port-undefined',
  /** A flow targets a numeric port the destination component does not declare. */
  portNotDeclared: 'port-not-declared',
  /** Egress is isolated and DNS (UDP 53) is not allowed (rule 17). */
  dnsBlocked: 'dns-blocked',
  /** endPort is used; some CNIs ignore it (rule 11). */
  endPortUsed: 'end-port-used',
  /** A policy's podSelector selects no workload of its namespace. */
  policySelectsNothing: 'policy-selects-nothing',
  /** A rule's peer selects no workload. */
  peerSelectsNothing: 'peer-selects-nothing',
  /** An ipBlock whose except ranges cover its whole cidr matches no address. */
  ipBlockEmpty: 'ipblock-empty',
  /** A named port in an egress rule with an ipBlock peer: no destination pod, so it never matches that peer (rule 12). */
  namedPortWithIpBlock: 'named-port-with-ipblock',
  /** A component without flows gets no policy and stays open in both directions. */
  componentUnisolated: 'component-unisolated',
  /** A component's labels also select another component's pods in its namespace. */
  componentLabelsOverlap: 'component-labels-overlap',
  /** The topology fails validation; nothing can be generated. */
  topologyInvalid: 'topology-invalid',
  /** An AdminNetworkPolicy/BaselineAdminNetworkPolicy rule (or its subject) that can never match. */
  adminRuleNeverMatches: 'admin-rule-never-matches',
  /** An ANP Pass rule with no NetworkPolicy and no BANP rule below it: the default allows what it passes. */
  adminPassNothingBelow: 'admin-pass-nothing-below',
  /** A NetworkPolicy rule whose every connection an AdminNetworkPolicy Deny decides first. */
  networkPolicyRuleShadowed: 'networkpolicy-rule-shadowed',
  /** NetworkPolicy is enforced only by a CNI that implements it. */
  cniRequired: 'cni-required',
  /** Publishing: a declared flow that a guardrail (ANP Deny, or the BANP) denies, accepted as a warning. */
  guardrailDeniesFlow: 'guardrail-denies-flow',
  /** Publishing: a connection the application did not declare that a guardrail allows. */
  guardrailAllowsUndeclared: 'guardrail-allows-undeclared',
} as const;

export type LintCode = (typeof LINT_CODES)[keyof typeof LINT_CODES];
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly code: LintCode;
  readonly severity: Severity;
  /** What the finding is about: `component web`, `flows[2]`, `policy shop/shop-db ingress[0]`, ... */
  readonly object: string;
  readonly message: string;
}

export type LintInput =
  { readonly topology: Topology; readonly settings?: GenerationSettings } | { readonly snapshot: Snapshot };

const CNI_MESSAGE =
  'NetworkPolicies are enforced only by a CNI plugin that implements them (Calico, Cilium, kube-router, Weave Net); ' +
  'with one that does not (Flannel alone) every connection stays allowed';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings sorted by severity, then object, then code. */
export function lint(input: LintInput): Finding[] {
  const findings = 'topology' in input ? lintTopology(input.topology, input.settings) : lintSnapshot(input.snapshot);
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareStrings(a.object, b.object) ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

// ---- topology ---------------------------------------------------------------------------------

function peerText(peer: FlowPeer): string {
  if ('component' in peer) return peer.component;
  if ('external' in peer) return `external ${peer.external}`;
  return 'selector';
}

function lintTopology(topology: Topology, options?: GenerationSettings): Finding[] {
  const out: Finding[] = [];
  for (const issue of validateTopology(topology)) {
    const named = issue.code === 'flow/unknown_port';
    out.push({
      code: named ? LINT_CODES.namedPortUndefined : LINT_CODES.topologyInvalid,
      severity: 'error',
      object: issue.field,
      message: issue.message,
    });
  }
  const settings = resolveSettings(topology, options);
  const byName = new Map(topology.components.map((c) => [c.name, c] as const));
  const involved = new Set(
    topology.flows.flatMap((f) => [f.from, f.to].flatMap((peer) => ('component' in peer ? [peer.component] : []))),
  );
  // Components by namespace and label: a component's labels can only all be found on the
  // components that carry its first label, so only those are compared with it.
  const carrying = new Map<string, Component[]>();
  for (const c of topology.components) {
    for (const [k, v] of Object.entries(c.labels)) {
      const key = JSON.stringify([c.namespace, k, v]);
      const list = carrying.get(key);
      if (list === undefined) carrying.set(key, [c]);
      else list.push(c);
    }
  }

  for (const c of topology.components) {
    if (!involved.has(c.name)) {
      out.push({
        code: LINT_CODES.componentUnisolated,
        severity: 'warning',
        object: `component ${c.name}`,
        message:
          'component has no flows, gets no policy and stays unisolated: every connection to and from it is allowed',
      });
    }
    const labels = Object.entries(c.labels);
    const candidates = labels.length === 0 ? [] : (carrying.get(JSON.stringify([c.namespace, ...labels[0]!])) ?? []);
    for (const other of candidates) {
      if (other === c) continue;
      if (labels.every(([k, v]) => Object.hasOwn(other.labels, k) && other.labels[k] === v)) {
        out.push({
          code: LINT_CODES.componentLabelsOverlap,
          severity: 'warning',
          object: `component ${c.name}`,
          message: `its labels also select the pods of component ${other.name}, so its policy and every rule naming it apply to ${other.name} too`,
        });
      }
    }
  }

  topology.flows.forEach((flow, i) => {
    const object = `flows[${i}] (${peerText(flow.from)} -> ${peerText(flow.to)})`;
    const destination = 'component' in flow.to ? byName.get(flow.to.component) : undefined;
    for (const port of flow.ports) {
      if (port.endPort !== undefined) {
        out.push({
          code: LINT_CODES.endPortUsed,
          severity: 'info',
          object,
          message: `port range ${port.port}-${port.endPort}/${port.protocol} uses endPort, which some CNIs do not enforce`,
        });
      }
      if (destination && typeof port.port === 'number') {
        const from = port.port;
        const to = port.endPort ?? port.port;
        const declared = destination.ports.some((p) => p.protocol === port.protocol && p.port >= from && p.port <= to);
        if (!declared) {
          out.push({
            code: LINT_CODES.portNotDeclared,
            severity: 'warning',
            object,
            message: `component ${destination.name} declares no ${port.protocol} port ${from === to ? from : `in ${from}-${to}`}`,
          });
        }
      }
    }
  });

  for (const e of topology.externals) {
    if (ipBlockIsEmpty(e.cidr, e.except)) {
      out.push({
        code: LINT_CODES.ipBlockEmpty,
        severity: 'warning',
        object: `external ${e.name}`,
        message: `its except ranges cover all of ${e.cidr}, so it matches no address`,
      });
    }
  }

  if (settings.isolation === 'both' && !settings.dnsEgress && topology.components.some((c) => involved.has(c.name))) {
    out.push({
      code: LINT_CODES.dnsBlocked,
      severity: 'warning',
      object: `application ${topology.name}`,
      message:
        'egress is isolated and dnsEgress is off: components cannot resolve names unless a flow allows UDP and TCP 53 to kube-dns',
    });
  }
  out.push({
    code: LINT_CODES.cniRequired,
    severity: 'info',
    object: `application ${topology.name}`,
    message: CNI_MESSAGE,
  });
  return out;
}

// ---- snapshot ---------------------------------------------------------------------------------

/** Whether the except ranges cover the whole cidr, IPv4 or IPv6 alike. */
function ipBlockIsEmpty(cidr: string, except: readonly string[]): boolean {
  try {
    return ipBlockRanges(cidr, except).length === 0;
  } catch {
    return false; // the loader reports malformed CIDRs
  }
}

type Direction = 'ingress' | 'egress';

function policyTypes(policy: NetworkPolicy): Direction[] {
  // Rule 2: without policyTypes, Ingress always and Egress only when there are egress rules.
  const types = policy.spec?.policyTypes ?? ['Ingress', ...((policy.spec?.egress?.length ?? 0) > 0 ? ['Egress'] : [])];
  return types.map((t) => (t === 'Egress' ? 'egress' : 'ingress'));
}

/** The loader has validated operators, so a manifest's selector is our LabelSelector. */
const asSelector = (selector: unknown): LabelSelector => selector as LabelSelector;

function lintSnapshot(snapshot: Snapshot): Finding[] {
  const out: Finding[] = [];
  const nsLabels = (ns: string) =>
    snapshot.namespaces.find((n) => n.name === ns)?.labels ?? { 'kubernetes.io/metadata.name': ns };
  const selectedBy = (policy: NetworkPolicy): Workload[] => {
    const ns = policy.metadata?.namespace ?? 'default';
    return snapshot.workloads.filter(
      (w) => w.namespace === ns && matchesSelector(asSelector(policy.spec?.podSelector ?? {}), w.labels),
    );
  };
  /** Workloads a selector peer matches (rules 6 and 7); undefined for an ipBlock peer. */
  const peerWorkloads = (peer: PolicyPeer, policyNs: string): Workload[] | undefined => {
    if (peer.ipBlock) return undefined;
    return snapshot.workloads.filter((w) => {
      const nsOk = peer.namespaceSelector
        ? matchesSelector(asSelector(peer.namespaceSelector), nsLabels(w.namespace))
        : w.namespace === policyNs;
      return nsOk && (peer.podSelector === undefined || matchesSelector(asSelector(peer.podSelector), w.labels));
    });
  };
  const defines = (workloads: readonly Workload[], port: PolicyPort) =>
    workloads.some((w) => w.ports.some((p) => p.name === port.port && p.protocol === (port.protocol ?? 'TCP')));

  const egressIsolated = new Map<string, NetworkPolicy[]>();
  for (const policy of snapshot.policies) {
    const ns = policy.metadata?.namespace ?? 'default';
    const id = `policy ${ns}/${policy.metadata?.name}`;
    const selected = selectedBy(policy);
    if (selected.length === 0) {
      out.push({
        code: LINT_CODES.policySelectsNothing,
        severity: 'warning',
        object: id,
        message: `its podSelector selects no workload in namespace ${ns}`,
      });
    }
    if (policyTypes(policy).includes('egress')) {
      for (const w of selected) egressIsolated.set(w.id, [...(egressIsolated.get(w.id) ?? []), policy]);
    }
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = (direction === 'ingress' ? policy.spec?.ingress : policy.spec?.egress) ?? [];
      rules.forEach((rule, r) => {
        const object = `${id} ${direction}[${r}]`;
        const peers: readonly PolicyPeer[] | undefined =
          direction === 'ingress' ? (rule as { from?: PolicyPeer[] }).from : (rule as { to?: PolicyPeer[] }).to;
        const matched: Workload[] = [];
        const anyPeer = peers === undefined || peers.length === 0;
        let hasIpBlock = false;
        (peers ?? []).forEach((peer, k) => {
          if (peer.ipBlock) {
            hasIpBlock = true;
            if (ipBlockIsEmpty(peer.ipBlock.cidr, peer.ipBlock.except ?? [])) {
              out.push({
                code: LINT_CODES.ipBlockEmpty,
                severity: 'warning',
                object,
                message: `peer ${k}: except ranges cover all of ${peer.ipBlock.cidr}, so it matches no address`,
              });
            }
            return;
          }
          const ws = peerWorkloads(peer, ns) ?? [];
          if (ws.length === 0) {
            out.push({
              code: LINT_CODES.peerSelectsNothing,
              severity: 'warning',
              object,
              message: `peer ${k} selects no workload in the snapshot`,
            });
          }
          matched.push(...ws);
        });
        if (anyPeer) matched.push(...snapshot.workloads);
        for (const port of rule.ports ?? []) {
          if (port.endPort !== undefined) {
            out.push({
              code: LINT_CODES.endPortUsed,
              severity: 'info',
              object,
              message: `port range ${port.port}-${port.endPort}/${port.protocol ?? 'TCP'} uses endPort, which some CNIs do not enforce`,
            });
          }
          if (typeof port.port !== 'string') continue;
          // Rule 12: in an ingress rule the name resolves on the selected pod, whatever the peer; an
          // egress rule's ipBlock peer has no destination pod to resolve it on.
          if (hasIpBlock && direction === 'egress') {
            out.push({
              code: LINT_CODES.namedPortWithIpBlock,
              severity: 'warning',
              object,
              message: `named port "${port.port}" never matches an egress ipBlock peer (no destination pod to resolve it on); use a number`,
            });
          }
          // Rule 12: the name resolves on the destination: the selected pods for ingress, the peers for egress.
          const destinations = direction === 'ingress' ? selected : matched;
          if ((direction === 'ingress' || anyPeer || matched.length > 0) && !defines(destinations, port)) {
            out.push({
              code: LINT_CODES.namedPortUndefined,
              severity: 'error',
              object,
              message: `no ${direction === 'ingress' ? 'selected' : 'destination'} workload defines a ${port.protocol ?? 'TCP'} port named "${port.port}"`,
            });
          }
        }
      });
    }
  }

  for (const [workload, policies] of [...egressIsolated.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const allowsDns = policies.some((p) =>
      (p.spec?.egress ?? []).some(
        (rule) =>
          rule.ports === undefined ||
          rule.ports.length === 0 ||
          rule.ports.some(
            (port) =>
              (port.protocol ?? 'TCP') === 'UDP' &&
              (port.port === undefined ||
                port.port === 53 ||
                (typeof port.port === 'number' && port.port <= 53 && 53 <= (port.endPort ?? port.port))),
          ),
      ),
    );
    if (!allowsDns) {
      out.push({
        code: LINT_CODES.dnsBlocked,
        severity: 'warning',
        object: `workload ${workload}`,
        message: `egress is isolated by ${policies.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).join(', ')} and no egress rule allows UDP 53, so it cannot resolve names`,
      });
    }
  }
  out.push(...lintAdmin(snapshot));
  if (snapshot.policies.length > 0) {
    out.push({ code: LINT_CODES.cniRequired, severity: 'info', object: 'cluster', message: CNI_MESSAGE });
  }
  return out;
}
