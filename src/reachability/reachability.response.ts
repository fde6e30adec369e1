import type { AllowedFlow, Conns, DirectionVerdict, ResolvedEndpoint, Tier, TierDecision } from '../engine';
import type { EvaluatedQuestion } from './compiled-version.cache';
import type { ApplicationConnectivity, ReachabilityAnswer, VersionId } from './reachability.service';

export interface EndpointResponse {
  kind: 'component' | 'external' | 'ip';
  name: string | null;
  workload: string | null;
  ip: string | null;
}

export interface DecisionResponse {
  tier: Tier;
  action: 'Allow' | 'Deny';
  policy: string | null;
  rule: number | null;
  ruleName: string | null;
  passedBy: { policy: string; rule: number; ruleName: string | null } | null;
}

export interface DirectionResponse {
  decision: DecisionResponse;
  isolated: boolean;
  allowed: boolean;
  allowedBy: { policy: string; direction: 'ingress' | 'egress'; rule: number }[];
  reason: string;
  policies: string[];
}

export interface ReachabilityResponse {
  decisionId: string;
  allowed: boolean;
  tier: Tier;
  egress: DirectionResponse;
  ingress: DirectionResponse;
  from: EndpointResponse;
  to: EndpointResponse;
  port: number;
  portName: string | null;
  protocol: string;
  version: VersionId;
  /** The guardrail version the answer was evaluated under; null: none. */
  guardrailVersion: number | null;
}

export function toEndpointResponse(endpoint: ResolvedEndpoint): EndpointResponse {
  return {
    kind: endpoint.kind,
    name: endpoint.kind === 'ip' ? null : endpoint.name,
    workload: endpoint.kind === 'component' ? endpoint.workload : null,
    ip: endpoint.kind === 'component' ? null : endpoint.ip,
  };
}

/** The tier, policy, rule and action that decided one side (admin, networkpolicy, baseline, default). */
export function toDecisionResponse(d: TierDecision): DecisionResponse {
  return {
    tier: d.tier,
    action: d.action,
    policy: d.policy ?? null,
    rule: d.rule ?? null,
    ruleName: d.ruleName ?? null,
    passedBy:
      d.passedBy === undefined
        ? null
        : { policy: d.passedBy.policy, rule: d.passedBy.rule, ruleName: d.passedBy.ruleName ?? null },
  };
}

export function toDirectionResponse(side: DirectionVerdict): DirectionResponse {
  return {
    decision: toDecisionResponse(side.decision),
    isolated: side.isolated,
    allowed: side.allowed,
    allowedBy: side.allowedBy.map((r) => ({ policy: r.policy, direction: r.direction, rule: r.rule })),
    reason: side.reason,
    policies: [...side.policies],
  };
}

export function toReachabilityResponse(answer: ReachabilityAnswer): ReachabilityResponse {
  return {
    decisionId: answer.decisionId,
    allowed: answer.verdict.allowed,
    tier: answer.verdict.tier,
    egress: toDirectionResponse(answer.verdict.egress),
    ingress: toDirectionResponse(answer.verdict.ingress),
    from: toEndpointResponse(answer.from),
    to: toEndpointResponse(answer.to),
    port: answer.port,
    portName: answer.portName,
    protocol: answer.protocol,
    version: { ...answer.version },
    guardrailVersion: answer.guardrails.guardrailVersion,
  };
}

/** An evaluated question's answer serialized without its decision id (reachabilityResponseJson). */
const serializedAnswers = new WeakMap<EvaluatedQuestion, string>();

/**
 * JSON.stringify(toReachabilityResponse(answer)), with everything but the decision id serialized once
 * per evaluated question: the same question on the same compiled version gives the same endpoints, port,
 * verdict and version, so only the id differs between its answers (a pipeline asks the same few
 * questions thousands of times, and serializing the answer cost more than finding it).
 */
export function reachabilityResponseJson(answer: ReachabilityAnswer): string {
  let rest = serializedAnswers.get(answer.question);
  if (rest === undefined) {
    const { decisionId: _decisionId, ...others } = toReachabilityResponse(answer);
    // '{"allowed":...}' without its opening brace: the decision id goes first, as in the object.
    rest = JSON.stringify(others).slice(1);
    serializedAnswers.set(answer.question, rest);
  }
  return `{"decisionId":${JSON.stringify(answer.decisionId)},${rest}`;
}

export interface ConnectivityResponse {
  workloads: string[];
  externalPeers: { asSource: string[]; asDestination: string[] };
  connections: { src: string; dst: string; conns: Conns }[];
  components: Record<string, string>;
  version: VersionId;
  guardrailVersion: number | null;
}

/** The conformance (connlist) format, in the CLI's order (the report's), with the component name of each workload. */
export function toConnectivityResponse(result: ApplicationConnectivity): ConnectivityResponse {
  return {
    workloads: [...result.report.workloads].sort(),
    externalPeers: {
      asSource: [...result.externalPeers.asSource],
      asDestination: [...result.externalPeers.asDestination],
    },
    connections: result.report.connections.map((c) => ({ src: c.src, dst: c.dst, conns: c.conns })),
    components: { ...result.components },
    version: { ...result.version },
    guardrailVersion: result.guardrails.guardrailVersion,
  };
}

/** GraphQL form of a connection's ports: all connections, or per-protocol inclusive ranges. */
export function toAllowedFlowResponse(flow: AllowedFlow) {
  return {
    from: flow.from,
    to: flow.to,
    allConnections: flow.conns === 'All Connections',
    ports:
      flow.conns === 'All Connections'
        ? []
        : flow.conns.map((g) => ({ protocol: g.protocol, ranges: g.ports.map(([start, end]) => ({ start, end })) })),
  };
}
