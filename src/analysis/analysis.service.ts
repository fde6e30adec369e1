import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { validationFailed } from '../common/validation/validation.pipe';
import {
  EngineInputError,
  compileSnapshot,
  connectivityTable,
  drift,
  evaluate,
  ipAddressError,
  loadSnapshot,
  looksLikeIp,
  optionWarnings,
  type AnalysisOptions,
  YamlLimitError,
  type CompiledSnapshot,
  type Connection,
  type ConnectivityReport,
  type DriftReport,
  type Endpoint,
  type ExternalPeers,
  type Protocol,
  type Verdict,
} from '../engine';
import { MetricsService } from '../metrics/metrics.service';
import type { ResolvedVersion } from '../versions/version.model';
import { VersionsService } from '../versions/versions.service';
import type { VersionSelector } from '../reachability/dto/reachability.dto';
import { connectionFilter } from '../reachability/connectivity-filter';
import type { GuardrailRef } from '../guardrails/guardrail.model';
import { GuardrailsService } from '../guardrails/guardrails.service';

/** The name manifests from a request body carry in loader messages ("request body: document 2: ..."). */
const BODY_NAME = 'request body';

export interface ManifestsConnectivity {
  readonly report: ConnectivityReport;
  readonly externalPeers: ExternalPeers;
  readonly warnings: readonly string[];
}

export interface ManifestsReachability {
  readonly verdict: Verdict;
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly warnings: readonly string[];
}

/** The CLI's analyses (`flowpolicy analyze`) over uploaded manifests, and drift against live policies. */
@Injectable()
export class AnalysisService {
  constructor(
    private readonly versions: VersionsService,
    private readonly metrics: MetricsService,
    private readonly guardrails: GuardrailsService,
  ) {}

  /**
   * Connections in connlist order, only those from / to `from` and `to` (namespace:<name> or
   * workload:<id>), read under `options` (podIps, enforcement).
   */
  connectivity({
    manifests,
    options = {},
    from,
    to,
  }: {
    manifests: string;
    options?: AnalysisOptions;
    from?: string;
    to?: string;
  }): ManifestsConnectivity {
    const { compiled, warnings } = this.metrics.timeEngine('load', () => load(manifests, options));
    const filter = connectionFilter({ workloads: compiled.workloads }, from, to);
    const table = this.metrics.timeEngine('connectivity', () => connectivityTable(compiled));
    const connections: Connection[] = [];
    table.forEach((src, dst, conns) => connections.push({ src, dst, conns }), { filter });
    return { report: { workloads: table.workloads, connections }, externalPeers: table.externalPeers, warnings };
  }

  reachability({
    manifests,
    from,
    to,
    port,
    protocol = 'TCP',
    options = {},
  }: {
    manifests: string;
    from?: string;
    to?: string;
    port?: number | string;
    protocol?: Protocol;
    options?: AnalysisOptions;
  }): ManifestsReachability {
    const missing = (['from', 'to', 'port'] as const).filter((f) => ({ from, to, port })[f] === undefined);
    if (missing.length > 0) throw validationFailed(missing.map((field) => ({ field, reason: 'is required' })));
    const { compiled, warnings } = this.metrics.timeEngine('load', () => load(manifests, options));
    const source = endpoint(compiled, from!, 'from');
    const destination = endpoint(compiled, to!, 'to');
    let verdict: Verdict;
    try {
      verdict = this.metrics.timeEngine('evaluate', () =>
        evaluate(compiled, { from: source, to: destination, protocol, port: port! }),
      );
    } catch (error) {
      // The endpoints are known; what is left for the engine to refuse is a port name the destination lacks.
      if (!(error instanceof EngineInputError)) throw error;
      throw new AppError(ErrorCode.ReachabilityUnknownPort, `port: ${error.message}`, [
        { field: 'port', reason: error.message },
      ]);
    }
    return { verdict, from: from!, to: to!, port: port!, protocol, warnings };
  }

  /** Declared flows of a version against the live policies (see drift.ts for the exact rule). */
  async drift({
    app,
    manifests,
    version,
    guardrails,
  }: {
    app: string;
    manifests: string;
    version?: VersionSelector;
    guardrails?: GuardrailRef;
  }): Promise<
    DriftReport & {
      version: { number: number | null; digest: string };
      guardrailVersion: number | null;
      warnings: readonly string[];
    }
  > {
    const loaded = this.metrics.timeEngine('load', () => loadOrReject(manifests));
    const resolved = await this.resolve(app, version);
    // Guardrails (src/guardrails): the stored version, unless the live manifests carry their own.
    const rails = loaded.admin === undefined ? await this.guardrails.resolve(guardrails) : undefined;
    const workloads = loaded.workloads.length;
    const warnings = [
      ...loaded.warnings,
      ...(workloads > 0
        ? [`${workloads} workload(s) in the live manifests ignored: the components are the workloads`]
        : []),
      ...(rails === undefined
        ? [
            'the live manifests carry AdminNetworkPolicies or a BaselineAdminNetworkPolicy: drift is evaluated under them, not under a stored guardrail version',
          ]
        : []),
    ];
    const admin = rails?.set ?? loaded.admin;
    return {
      ...this.metrics.timeEngine('connectivity', () => drift(resolved.topology, loaded.policies, admin)),
      version: { number: resolved.number, digest: resolved.digest },
      guardrailVersion: rails?.version ?? null,
      warnings,
    };
  }

  /** The default version: the latest published, or the draft while nothing is published. */
  private async resolve(app: string, version: VersionSelector): Promise<ResolvedVersion> {
    if (version !== undefined) return this.versions.resolve({ app, version });
    try {
      return await this.versions.resolve({ app, version: 'latest' });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.VersionNotFound) {
        return this.versions.resolve({ app, version: 'draft' });
      }
      throw error;
    }
  }
}

function loadOrReject(manifests: string) {
  try {
    return loadSnapshot([{ name: BODY_NAME, content: manifests }]);
  } catch (error) {
    if (!(error instanceof EngineInputError)) throw error;
    if (error instanceof YamlLimitError && error.tooLarge) {
      throw new AppError(
        ErrorCode.PayloadTooLarge,
        `Manifests too large: ${error.message.replace(`${BODY_NAME}: `, '')}`,
      );
    }
    throw new AppError(ErrorCode.ManifestsInvalid, `Invalid manifests: ${error.message}`, [
      { field: 'manifests', reason: error.message.replace(`${BODY_NAME}: `, '') },
    ]);
  }
}

function load(
  manifests: string,
  options: AnalysisOptions,
): { compiled: CompiledSnapshot; warnings: readonly string[] } {
  const snapshot = loadOrReject(manifests);
  return {
    compiled: compileSnapshot(snapshot, options),
    warnings: [...snapshot.warnings, ...optionWarnings(options)],
  };
}

/** A workload id (`namespace/name[Kind]`) of the manifests, or an IP address. */
function endpoint(compiled: CompiledSnapshot, value: string, field: 'from' | 'to'): Endpoint {
  if (value.includes('/')) {
    if (compiled.workloadIndex.has(value)) return { workload: value };
    const reason = `no workload "${value}" in the manifests (ids look like namespace/name[Kind])`;
    throw new AppError(ErrorCode.ReachabilityUnknownEndpoint, `${field}: ${reason}`, [{ field, reason }]);
  }
  const problem = looksLikeIp(value)
    ? ipAddressError(value)
    : 'must be a workload id such as default/web[Deployment] or an IP address';
  if (problem) throw validationFailed([{ field, reason: problem }]);
  return { ip: value };
}
