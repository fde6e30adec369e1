import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Requester } from '../common/access/request-context';
import { AppError, ErrorCode } from '../common/errors/app-error';
import {
  COMPONENT_KIND,
  EndpointError,
  allowedFlows,
  allowedPeerName,
  assertPeerName,
  compileSnapshot,
  connectivityTable,
  evaluate,
  resolveEndpoint,
  resolvePort,
  snapshotFromTopology,
  withAdminPolicies,
  toEngineEndpoint,
  type AllowedFlow,
  type Connection,
  type ConnectivityReport,
  type Protocol,
  type ResolvedEndpoint,
  type Verdict,
} from '../engine';
import type { GuardrailRef, ResolvedGuardrails } from '../guardrails/guardrail.model';
import { GuardrailsService } from '../guardrails/guardrails.service';
import { MetricsService } from '../metrics/metrics.service';
import type { ResolvedVersion } from '../versions/version.model';
import { VersionsService } from '../versions/versions.service';
import { LRUCache } from 'lru-cache';
import {
  ANSWERS_PER_VERSION,
  CompiledVersionCache,
  type CompiledVersion,
  type EvaluatedQuestion,
} from './compiled-version.cache';
import { connectionFilter } from './connectivity-filter';
import { DecisionLog } from './decision-log';
import type { VersionSelector } from './dto/reachability.dto';

export interface VersionId {
  readonly number: number | null;
  readonly digest: string;
}

/** Which guardrails an answer was evaluated under (src/guardrails): a published version, or none (null). */
export interface GuardrailsId {
  readonly guardrailVersion: number | null;
}

export interface ReachabilityAnswer {
  /** Names this answer in the decision log (one line per answer, see ReachabilityService). */
  readonly decisionId: string;
  readonly verdict: Verdict;
  readonly from: ResolvedEndpoint;
  readonly to: ResolvedEndpoint;
  readonly port: number;
  readonly portName: string | null;
  readonly protocol: Protocol;
  readonly version: VersionId;
  readonly guardrails: GuardrailsId;
  /**
   * The evaluated question this answer was made from: the same object for every answer to the same
   * question on the same compiled version, so what is made of an answer but its decision id can be
   * kept with it (reachability.response.ts).
   */
  readonly question: EvaluatedQuestion;
}

export interface ApplicationConnectivity {
  /** Connections in connlist line order, only those the `from`/`to` filters keep. */
  readonly report: ConnectivityReport;
  readonly externalPeers: { readonly asSource: readonly string[]; readonly asDestination: readonly string[] };
  /** Workload id -> component name, for every component of the version. */
  readonly components: Readonly<Record<string, string>>;
  readonly version: VersionId;
  readonly guardrails: GuardrailsId;
}

/**
 * Reachability and connectivity of one version of an application's policies. A published version is
 * compiled once and kept in CompiledVersionCache; a query on a version number costs no query (the
 * version is in VersionsService's memory), on the latest one small query (application -> latest
 * number and digest), and the engine's evaluation. The draft is compiled once per source (the
 * topology's ETag and the settings), read on every query since it changes with every topology write.
 */
@Injectable()
export class ReachabilityService {
  constructor(
    /**
     * One info line per reachability answer: which caller asked what of which version, and the
     * verdict, under the id the answer carries. So a "may web reach db?" that a pipeline acted on can
     * be found and replayed later.
     */
    private readonly decisions: DecisionLog,
    private readonly versions: VersionsService,
    private readonly cache: CompiledVersionCache,
    private readonly metrics: MetricsService,
    private readonly guardrails: GuardrailsService,
  ) {}

  async reachability({
    app,
    from,
    to,
    port,
    protocol = 'TCP',
    version,
    guardrails,
    by,
  }: {
    app: string;
    from: string;
    to: string;
    port: number | string;
    protocol?: Protocol;
    version?: VersionSelector;
    guardrails?: GuardrailRef;
    /** Who asks, for the decision log. */
    by: Requester;
  }): Promise<ReachabilityAnswer> {
    const compiled = await this.compiledVersion({ app, version, guardrails });
    const question = this.evaluated(compiled, { from, to, port, protocol });
    const { source, destination, resolvedPort, verdict } = question;
    const answer: ReachabilityAnswer = {
      decisionId: randomUUID(),
      verdict,
      from: source,
      to: destination,
      port: resolvedPort.number,
      portName: resolvedPort.name,
      protocol,
      version: { number: compiled.number, digest: compiled.digest },
      guardrails: { guardrailVersion: compiled.guardrailVersion },
      question,
    };
    const selector = version ?? 'latest';
    this.decisions.record(
      question,
      `${app}\u0000${selector}`,
      () => ({
        application: app,
        version: answer.version,
        query: { from, to, port, protocol, version: selector },
        guardrailVersion: compiled.guardrailVersion,
        verdict: {
          allowed: verdict.allowed,
          tier: verdict.tier,
          egress: verdict.egress.allowed,
          ingress: verdict.ingress.allowed,
        },
      }),
      { decisionId: answer.decisionId, requestId: by.requestId, tokenId: by.principal?.id ?? null },
    );
    return answer;
  }

  /**
   * The version's connections, optionally only those from / to one component, namespace or workload
   * (connectivity-filter.ts); an unknown one is a 422 naming the field.
   */
  async connectivity({
    app,
    version,
    guardrails,
    from,
    to,
  }: {
    app: string;
    version?: VersionSelector;
    guardrails?: GuardrailRef;
    from?: string;
    to?: string;
  }): Promise<ApplicationConnectivity> {
    return this.connectivityOf(await this.compiledVersion({ app, version, guardrails }), from, to);
  }

  /**
   * Connections between components and externals (engine allowedFlows), worked out once per
   * version; `from`/`to` keep those of one component or external, and a name the version does not
   * have is a 422 naming the field, as in reachability. Unfiltered, the answer is the version's own
   * array (the same object for every query on it), so a transport may keep what it makes of it.
   */
  async allowedFlows({
    app,
    from,
    to,
    version,
    guardrails,
  }: {
    app: string;
    from?: string;
    to?: string;
    version?: VersionSelector;
    guardrails?: GuardrailRef;
  }): Promise<readonly AllowedFlow[]> {
    const compiled = await this.compiledVersion({ app, version, guardrails });
    answerEndpointErrors(() => {
      if (from !== undefined) assertPeerName(compiled.topology, from, 'from');
      if (to !== undefined) assertPeerName(compiled.topology, to, 'to');
    });
    const flows = (compiled.allowedFlows ??= allowedFlows(
      compiled.compiled,
      this.tableOf(compiled),
      compiled.topology,
    ));
    if (from === undefined && to === undefined) return flows;
    return flows.filter(
      (f) =>
        (from === undefined || allowedPeerName(f.from) === from) && (to === undefined || allowedPeerName(f.to) === to),
    );
  }

  /**
   * A question's answer on a compiled version: the same question on the same version always has the
   * same endpoints, port and verdict (the version is immutable, a draft's entry is keyed by its
   * source), so it is worked out once and kept with the version (ANSWERS_PER_VERSION). Only the
   * decision id and the log line are made per answer. The engine is timed when it runs.
   */
  private evaluated(
    compiled: CompiledVersion,
    { from, to, port, protocol }: { from: string; to: string; port: number | string; protocol: Protocol },
  ): EvaluatedQuestion {
    const answers = (compiled.answers ??= new LRUCache({ max: ANSWERS_PER_VERSION }));
    // JSON keeps port 80 and port name "80" apart.
    const key = JSON.stringify([from, to, port, protocol]);
    const known = answers.get(key);
    if (known !== undefined) return known;
    const { source, destination, resolvedPort } = answerEndpointErrors(() => {
      const source = resolveEndpoint(compiled.topology, from, 'from');
      const destination = resolveEndpoint(compiled.topology, to, 'to');
      return { source, destination, resolvedPort: resolvePort(compiled.topology, destination, port, protocol) };
    });
    const verdict = this.metrics.timeEngine('evaluate', () =>
      evaluate(compiled.compiled, {
        from: toEngineEndpoint(source),
        to: toEngineEndpoint(destination),
        protocol,
        port: resolvedPort.number,
      }),
    );
    const evaluated = { source, destination, resolvedPort, verdict };
    answers.set(key, evaluated);
    return evaluated;
  }

  /** Cache hits and misses (tests, metrics). */
  cacheStats(): { hits: number; misses: number; size: number } {
    return this.cache.stats();
  }

  private async compiledVersion({
    app,
    version,
    guardrails: ref,
  }: {
    app: string;
    version?: VersionSelector;
    guardrails?: GuardrailRef;
  }): Promise<CompiledVersion> {
    // Guardrails (src/guardrails): every key names the guardrail version the policies run under.
    const rails = await this.guardrails.resolve(ref);
    const keyOf = (key: string) => `${key}/guardrails:${rails.version ?? 'none'}`;
    if (version === 'draft') return this.compiledDraft(app, rails, keyOf);
    if (typeof version === 'number') {
      // A number names an immutable version, which VersionsService keeps in memory: no query at all.
      const found = await this.versions.get({ app, version });
      return this.compiledOf(
        keyOf(CompiledVersionCache.key(found.applicationId, found.number, found.digest)),
        rails,
        () => this.versions.resolve({ app, version }),
      );
    }
    const head = await this.versions.head({ app });
    if (head.number === null || head.digest === null) {
      // Nothing published: the default reads the draft; `latest` is a 404 from versions.
      if (version === 'latest') return this.compile(await this.versions.resolve({ app, version }), rails);
      return this.compiledDraft(app, rails, keyOf);
    }
    const { number } = head;
    return this.compiledOf(keyOf(CompiledVersionCache.key(head.applicationId, number, head.digest)), rails, () =>
      this.versions.resolve({ app, version: number }),
    );
  }

  /**
   * The draft, compiled once per source (the topology's ETag and the settings, read on every query):
   * a portal asking again about an unchanged draft costs the topology read, not a generation, a
   * compilation and a connectivity.
   */
  private async compiledDraft(
    app: string,
    rails: ResolvedGuardrails,
    keyOf: (key: string) => string,
  ): Promise<CompiledVersion> {
    const draft = await this.versions.resolve({ app, version: 'draft' });
    return this.compiledOf(keyOf(CompiledVersionCache.draftKey(draft.source!)), rails, () => Promise.resolve(draft));
  }

  private async compiledOf(
    key: string,
    rails: ResolvedGuardrails,
    resolve: () => Promise<ResolvedVersion>,
  ): Promise<CompiledVersion> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const entry = this.compile(await resolve(), rails);
    this.cache.set(key, entry);
    return entry;
  }

  private connectivityOf(compiled: CompiledVersion, from?: string, to?: string): ApplicationConnectivity {
    const table = this.tableOf(compiled);
    const components: Record<string, string> = {};
    for (const w of compiled.compiled.workloads) if (w.kind === COMPONENT_KIND) components[w.id] = w.name;
    const filter = connectionFilter(
      {
        workloads: compiled.compiled.workloads,
        components: new Map(Object.entries(components).map(([id, name]) => [name, id])),
      },
      from,
      to,
    );
    const connections: Connection[] = [];
    table.forEach((src, dst, conns) => connections.push({ src, dst, conns }), { filter });
    return {
      report: { workloads: table.workloads, connections },
      externalPeers: table.externalPeers,
      components,
      version: { number: compiled.number, digest: compiled.digest },
      guardrails: { guardrailVersion: compiled.guardrailVersion },
    };
  }

  private tableOf(compiled: CompiledVersion) {
    return (compiled.connectivity ??= this.metrics.timeEngine('connectivity', () =>
      connectivityTable(compiled.compiled),
    ));
  }

  private compile(version: ResolvedVersion, rails: ResolvedGuardrails): CompiledVersion {
    // Guardrails (src/guardrails): the cluster's ANPs and BANP around the version's own policies.
    const snapshot = withAdminPolicies(
      snapshotFromTopology(version.topology, { policies: version.policies }),
      rails.set,
    );
    return {
      number: version.number,
      digest: version.digest,
      topology: version.topology,
      guardrailVersion: rails.version,
      compiled: this.metrics.timeEngine('load', () => compileSnapshot(snapshot)),
    };
  }
}

/** The engine's EndpointError as our error model: the same code and field on REST and GraphQL. */
function answerEndpointErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof EndpointError)) throw error;
    const { field, reason } = error;
    const details = [{ field, reason }];
    switch (error.problem) {
      case 'invalid':
        throw new AppError(ErrorCode.ValidationFailed, `Invalid request: ${field}: ${reason}`, details);
      case 'unknown':
        throw new AppError(ErrorCode.ReachabilityUnknownEndpoint, `${field}: ${reason}`, details);
      case 'unknown-port':
        throw new AppError(ErrorCode.ReachabilityUnknownPort, `${field}: ${reason}`, details);
    }
  }
}
