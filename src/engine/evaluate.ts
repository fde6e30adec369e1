/**
 * One reachability question: may `from` open a connection to `to` on (protocol, port)?
 * Rule 3: the source's egress AND the destination's ingress must both allow it.
 */
import { anpTier, baselineTier, passedByRef, type AdminPeerRef } from './admin-tiers';
import { NOT_ENFORCED_REASON, type AnalysisOptions } from './analysis-options';
import {
  compileSnapshot,
  ipBlockContains,
  isCompiled,
  rulePorts,
  type CompiledPolicy,
  type CompiledSnapshot,
  type Direction,
} from './compile';
import { EngineInputError } from './errors';
import { addressText, tryParseAddress, type IpAddress } from './ip-ranges';
import type {
  DirectionVerdict,
  Endpoint,
  ReachabilityQuery,
  RuleRef,
  Snapshot,
  Tier,
  TierDecision,
  Verdict,
  Workload,
} from './model';
import { PROTOCOLS, type Protocol } from './topology';

type Resolved =
  | { readonly kind: 'workload'; readonly index: number; readonly workload: Workload }
  | { readonly kind: 'ip'; readonly addr: IpAddress; readonly text: string };

function resolveEndpoint(c: CompiledSnapshot, e: Endpoint, role: string): Resolved {
  if ('workload' in e) {
    const index = c.workloadIndex.get(e.workload);
    if (index === undefined) throw new EngineInputError(`${role}: unknown workload ${JSON.stringify(e.workload)}`);
    return { kind: 'workload', index, workload: c.workloads[index]! };
  }
  const resolved = resolveAddress(c, e.ip);
  if (resolved === undefined) throw new EngineInputError(`${role}: invalid IP address ${JSON.stringify(e.ip)}`);
  return resolved;
}

/**
 * What an IP endpoint stands for in a snapshot, kept per snapshot for the first IP_MEMO_SIZE addresses
 * asked: the same address is asked about for every peer, port and protocol (a connectivity table, a
 * property run), and parsing it costs more than the rest of the question.
 */
const IP_MEMO_SIZE = 1024;
const ipMemo = new WeakMap<CompiledSnapshot, Map<string, Resolved | undefined>>();

function resolveAddress(c: CompiledSnapshot, ip: string): Resolved | undefined {
  let memo = ipMemo.get(c);
  if (memo?.has(ip)) return memo.get(ip);
  // An IPv4-mapped IPv6 address is its IPv4 address (parseAddress).
  const addr = tryParseAddress(ip);
  // Under `podIps: match` a pod's IP is the pod, not an external address.
  const pod = addr === undefined || c.podAddresses.size === 0 ? undefined : c.podAddresses.get(addressText(addr));
  const resolved: Resolved | undefined =
    addr === undefined
      ? undefined
      : pod !== undefined
        ? { kind: 'workload', index: pod, workload: c.workloads[pod]! }
        : { kind: 'ip', addr, text: ip };
  if (memo === undefined) ipMemo.set(c, (memo = new Map()));
  if (memo.size < IP_MEMO_SIZE) memo.set(ip, resolved);
  return resolved;
}

const label = (r: Resolved) => (r.kind === 'workload' ? r.workload.id : r.text);

function resolvePort(query: ReachabilityQuery, to: Resolved): number {
  if (typeof query.port === 'number') {
    if (!Number.isInteger(query.port) || query.port < 1 || query.port > 65535)
      throw new EngineInputError(`port must be 1-65535 (got ${query.port})`);
    return query.port;
  }
  // Rule 12: a port name means the destination's container port of that name and protocol.
  if (to.kind === 'workload') {
    const cp = to.workload.ports.find((p) => p.name === query.port && p.protocol === query.protocol);
    if (cp !== undefined) return cp.containerPort;
  }
  throw new EngineInputError(
    `port ${JSON.stringify(query.port)} is not a ${query.protocol} container port of ${label(to)}`,
  );
}

function listPolicies(policies: readonly CompiledPolicy[]): string {
  return policies.map((p) => p.id).join(', ');
}

const DEFAULT_ALLOW: TierDecision = { tier: 'default', action: 'Allow' };

function adminPeer(peer: Resolved): AdminPeerRef {
  return peer.kind === 'workload' ? { workload: peer.index } : { address: peer.addr };
}

function ruleText(d: TierDecision): string {
  const name = d.ruleName !== undefined ? ` (${JSON.stringify(d.ruleName)})` : '';
  return `${d.tier === 'admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy'} ${d.policy} ${d.rule}${name}`;
}

function side(
  c: CompiledSnapshot,
  direction: Direction,
  self: Resolved,
  peer: Resolved,
  destination: Resolved,
  protocol: Protocol,
  port: number,
  selfTraffic: boolean,
): DirectionVerdict {
  const dirWord = direction === 'egress' ? 'egress' : 'ingress';
  if (
    self.kind === 'workload' &&
    peer.kind === 'workload' &&
    (peer.workload.network ?? '') !== (self.workload.network ?? '')
  ) {
    // Pods on different primary networks (OVN-Kubernetes UserDefinedNetworks) are isolated from
    // each other whatever the policies say
    // and whether or not a plugin enforces them.
    return {
      decision: { tier: 'default', action: 'Deny' },
      isolated: true,
      allowed: false,
      allowedBy: [],
      reason: `${self.workload.id} and ${peer.workload.id} are on different primary networks`,
      policies: [],
    };
  }
  if (c.options.enforcement === 'none') {
    return {
      decision: DEFAULT_ALLOW,
      isolated: false,
      allowed: true,
      allowedBy: [],
      reason: NOT_ENFORCED_REASON,
      policies: [],
    };
  }
  if (self.kind === 'ip') {
    return {
      decision: DEFAULT_ALLOW,
      isolated: false,
      allowed: true,
      allowedBy: [],
      reason: `${self.text} is outside the cluster; NetworkPolicy never isolates an IP endpoint`,
      policies: [],
    };
  }
  const policies = (direction === 'egress' ? c.egressPolicies : c.ingressPolicies)[self.index]!;
  const ids = policies.map((p) => p.id);
  if (selfTraffic) {
    return {
      decision: DEFAULT_ALLOW,
      isolated: policies.length > 0,
      allowed: true,
      allowedBy: [],
      reason: `traffic from a pod to itself is always allowed (rule 15)`,
      policies: ids,
    };
  }
  const dstWorkload = destination.kind === 'workload' ? destination.workload : undefined;
  const what = `${protocol} ${port} ${direction === 'egress' ? 'to' : 'from'} ${label(peer)}`;
  // Tier 1 (KEP-2091): AdminNetworkPolicies by priority; Allow and Deny are final.
  const question = { direction, self: self.index, peer: adminPeer(peer), destination: dstWorkload, protocol, port };
  const anp = anpTier(c.admin, question);
  if (anp.kind === 'decided') {
    const d = anp.decision;
    return {
      decision: d,
      isolated: policies.length > 0,
      allowed: d.action === 'Allow',
      allowedBy: [],
      reason: `${what} ${d.action === 'Allow' ? 'allowed' : 'denied'} by ${ruleText(d)}`,
      policies: ids,
    };
  }
  const passedBy = anp.kind === 'passed' ? passedByRef(anp.by) : undefined;
  const passed = passedBy !== undefined ? { passedBy } : {};
  const passNote =
    passedBy !== undefined ? `; passed on by AdminNetworkPolicy ${passedBy.policy} ${direction}[${passedBy.rule}]` : '';
  // Rule 1: isolated only when some policy selects the pod for this direction. Otherwise the
  // baseline tier (the BANP) and then the default decide.
  if (policies.length === 0) {
    const d = {
      ...baselineTier(c.admin, question),
      ...passed,
    };
    const reason =
      d.tier === 'baseline'
        ? `${what} ${d.action === 'Allow' ? 'allowed' : 'denied'} by ${ruleText(d)}`
        : `no policy selects ${self.workload.id} for ${dirWord}`;
    return {
      decision: d,
      isolated: false,
      allowed: d.action === 'Allow',
      allowedBy: [],
      reason: reason + passNote,
      policies: [],
    };
  }
  const allowedBy: RuleRef[] = [];
  // Rule 4: every selecting policy's rules are OR-ed.
  for (const policy of policies) {
    for (const rule of (direction === 'egress' ? policy.egress : policy.ingress) ?? []) {
      let matched = rule.anyPeer;
      if (!matched && peer.kind === 'workload') matched = rule.workloadSet.has(peer.index);
      if (!matched && peer.kind === 'ip') matched = rule.ipBlocks.some((b) => ipBlockContains(b, peer.addr));
      // Rule 12: named ports resolve on the destination pod, whatever the peer; none toward an IP.
      if (matched && rulePorts(rule, dstWorkload).has(protocol, port)) {
        allowedBy.push({ policy: rule.policy, direction, rule: rule.index });
      }
    }
  }
  if (allowedBy.length > 0) {
    const rules = allowedBy.map((r) => `${r.policy} ${r.direction}[${r.rule}]`).join(', ');
    return {
      decision: {
        tier: 'networkpolicy',
        action: 'Allow',
        policy: allowedBy[0]!.policy,
        rule: allowedBy[0]!.rule,
        ...passed,
      },
      isolated: true,
      allowed: true,
      allowedBy,
      reason: `${what} allowed by ${rules}${passNote}`,
      policies: ids,
    };
  }
  return {
    decision: { tier: 'networkpolicy', action: 'Deny', policy: ids[0]!, ...passed },
    isolated: true,
    allowed: false,
    allowedBy: [],
    reason: `${self.workload.id} is isolated for ${dirWord} by ${listPolicies(policies)} and no rule allows ${what}${passNote}`,
    policies: ids,
  };
}

const TIER_ORDER: readonly Tier[] = ['admin', 'networkpolicy', 'baseline', 'default'];

/** The denying side's tier (egress first), else the higher-precedence tier of the two. */
function decidingTier(egress: DirectionVerdict, ingress: DirectionVerdict): Tier {
  if (!egress.allowed) return egress.decision.tier;
  if (!ingress.allowed) return ingress.decision.tier;
  const e = TIER_ORDER.indexOf(egress.decision.tier);
  const i = TIER_ORDER.indexOf(ingress.decision.tier);
  return TIER_ORDER[Math.min(e, i)]!;
}

export function evaluate(
  snapshot: Snapshot | CompiledSnapshot,
  query: ReachabilityQuery,
  options?: AnalysisOptions,
): Verdict {
  const c = isCompiled(snapshot) ? snapshot : compileSnapshot(snapshot, options);
  const protocol = query.protocol ?? 'TCP';
  if (!(PROTOCOLS as readonly string[]).includes(protocol))
    throw new EngineInputError(`protocol must be one of ${PROTOCOLS.join(', ')}`);
  const from = resolveEndpoint(c, query.from, 'from');
  const to = resolveEndpoint(c, query.to, 'to');
  const port = resolvePort({ ...query, protocol }, to);
  // Rule 15: a pod may always talk to itself.
  const selfTraffic = from.kind === 'workload' && to.kind === 'workload' && from.index === to.index;
  const egress = side(c, 'egress', from, to, to, protocol, port, selfTraffic);
  const ingress = side(c, 'ingress', to, from, to, protocol, port, selfTraffic);
  return { allowed: egress.allowed && ingress.allowed, tier: decidingTier(egress, ingress), egress, ingress };
}
