import { toDirectionResponse } from '../reachability/reachability.response';
import type { DriftReport } from '../engine';
import type { ManifestsConnectivity, ManifestsReachability } from './analysis.service';

/** The CLI's `analyze --output json` document, plus the loader's warnings. */
export function toManifestsConnectivityResponse(result: ManifestsConnectivity) {
  return {
    workloads: [...result.report.workloads].sort(),
    externalPeers: {
      asSource: [...result.externalPeers.asSource],
      asDestination: [...result.externalPeers.asDestination],
    },
    connections: result.report.connections.map((c) => ({ src: c.src, dst: c.dst, conns: c.conns })),
    warnings: [...result.warnings],
  };
}

export function toManifestsReachabilityResponse(result: ManifestsReachability) {
  return {
    allowed: result.verdict.allowed,
    tier: result.verdict.tier,
    egress: toDirectionResponse(result.verdict.egress),
    ingress: toDirectionResponse(result.verdict.ingress),
    from: result.from,
    to: result.to,
    port: result.port,
    protocol: result.protocol,
    warnings: [...result.warnings],
  };
}

export function toDriftResponse(
  report: DriftReport & {
    version: { number: number | null; digest: string };
    guardrailVersion: number | null;
    warnings: readonly string[];
  },
) {
  return {
    blocked: report.blocked.map((b) => ({ id: b.id, from: b.from, to: b.to, blocked: b.blocked, reason: b.reason })),
    undeclared: report.undeclared.map((u) => ({ from: u.from, to: u.to, conns: u.conns })),
    unchecked: report.unchecked.map((u) => ({ id: u.id, reason: u.reason })),
    version: { ...report.version },
    guardrailVersion: report.guardrailVersion,
    warnings: [...report.warnings],
  };
}
