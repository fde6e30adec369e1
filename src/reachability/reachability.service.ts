import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Requester } from '../common/access/request-context';
import { AppError, ErrorCode } from '../common/errors/app-error';
import {
  COMPONENT_KIND,
  PortSet,
  compileSnapshot,
  connectivityTable,
  evaluate,
  ipBlockRanges,
  parseRange,
  rangesContain,
  snapshotFromTopology,
  type Connection,
  type Conns,
  type ConnectivityReport,
  type External,
  type Protocol,
  type Verdict,
} from '../engine';
import { MetricsService } from '../metrics/metrics.service';
import type { ResolvedVersion } from '../versions/version.model';
import { VersionsService } from '../versions/versions.service';
import {
  CompiledVersionCache,
  type AllowedFlow,
  type AllowedPeer,
  type CompiledVersion,
} from './compiled-version.cache';
import { connectionFilter } from './connectivity-filter';
import type { VersionSelector } from './dto/reachability.dto';
import { resolveEndpoint, resolvePort, toEngineEndpoint, type ResolvedEndpoint } from './reachability.endpoints';
import { ReachabilityRepository } from './reachability.repository';

export interface VersionId {
  readonly number: number | null;
  readonly digest: string;
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
}

export interface ApplicationConnectivity {
  /** Connections in connlist line order, only those the `from`/`to` filters keep. */
  readonly report: ConnectivityReport;
  readonly externalPeers: { readonly asSource: readonly string[]; readonly asDestination: readonly string[] };
  /** Workload id -> component name, for every component of the version. */
  readonly components: Readonly<Record<string, string>>;
  readonly version: VersionId;
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
  /**
   * One info line per reachability answer, as policy servers keep decision logs (OPA's): which
   * caller asked what of which version, and the verdict, under the id the answer carries. So a
   * "may web reach db?" that a pipeline acted on can be found and replayed later.
   */
  private readonly decisions = new Logger('Decisions');

  constructor(
    private readonly versions: VersionsService,
    private readonly heads: ReachabilityRepository,
    private readonly cache: CompiledVersionCache,
    private readonly metrics: MetricsService,
  ) {}

  async reachability({
    app,
    from,
    to,
    port,
    protocol = 'TCP',
    version,
    by,
  }: {
    app: string;
    from: string;
    to: string;
    port: number | string;
    protocol?: Protocol;
    version?: VersionSelector;
    /** Who asks, for the decision log. */
    by: Requester;
  }): Promise<ReachabilityAnswer> {
    const compiled = await this.compiledVersion({ app, version });
    const source = resolveEndpoint(compiled.topology, from, 'from');
    const destination = resolveEndpoint(compiled.topology, to, 'to');
    const resolvedPort = resolvePort(compiled.topology, destination, port, protocol);
    const verdict = this.metrics.timeEngine('evaluate', () =>
      evaluate(compiled.compiled, {
        from: toEngineEndpoint(source),
        to: toEngineEndpoint(destination),
        protocol,
        port: resolvedPort.number,
      }),
    );
    const answer: ReachabilityAnswer = {
      decisionId: randomUUID(),
      verdict,
      from: source,
      to: destination,
      port: resolvedPort.number,
      portName: resolvedPort.name,
      protocol,
      version: { number: compiled.number, digest: compiled.digest },
    };
    this.decisions.log('decision', {
      decisionId: answer.decisionId,
      requestId: by.requestId,
      tokenId: by.principal?.id ?? null,
      application: app,
      version: answer.version,
      query: { from, to, port, protocol, version: version ?? 'latest' },
      verdict: { allowed: verdict.allowed, egress: verdict.egress.allowed, ingress: verdict.ingress.allowed },
    });
    return answer;
  }

  /**
   * The version's connections, optionally only those from / to one component, namespace or workload
   * (connectivity-filter.ts); an unknown one is a 422 naming the field.
   */
  async connectivity({
    app,
    version,
    from,
    to,
  }: {
    app: string;
    version?: VersionSelector;
    from?: string;
    to?: string;
  }): Promise<ApplicationConnectivity> {
    return this.connectivityOf(await this.compiledVersion({ app, version }), from, to);
  }

  /**
   * Connections between components and externals, from the connectivity. An external is allowed
   * the ports allowed from (or to) every address range inside it, so a port open to only part of an
   * external is not claimed for all of it. Ranges outside every external are left out.
   */
  async allowedFlows({
    app,
    from,
    to,
    version,
  }: {
    app: string;
    from?: string;
    to?: string;
    version?: VersionSelector;
  }): Promise<AllowedFlow[]> {
    const compiled = await this.compiledVersion({ app, version });
    // A version's flows never change: worked out once, like its connectivity.
    compiled.allowedFlows ??= this.allowedFlowsOf(compiled);
    return compiled.allowedFlows.filter(
      (f) => (from === undefined || nameOf(f.from) === from) && (to === undefined || nameOf(f.to) === to),
    );
  }

  private allowedFlowsOf(compiled: CompiledVersion): AllowedFlow[] {
    const result = this.connectivityOf(compiled);
    const { externals } = compiled.topology;
    const atomsOf = (atoms: readonly string[]) =>
      new Map(externals.map((e) => [e.name, atoms.filter((atom) => externalContains(e, atom))]));
    const sourceAtoms = atomsOf(result.externalPeers.asSource);
    const destinationAtoms = atomsOf(result.externalPeers.asDestination);
    const pairs = new Map<string, { from: AllowedPeer; to: AllowedPeer; parts: Map<string, PortSet> }>();
    const add = (src: AllowedPeer, dst: AllowedPeer, part: string, conns: Conns) => {
      const key = JSON.stringify([src, dst]);
      const entry = pairs.get(key) ?? { from: src, to: dst, parts: new Map<string, PortSet>() };
      entry.parts.set(part, PortSet.fromConns(conns));
      pairs.set(key, entry);
    };
    const peersOf = (id: string, atoms: Map<string, string[]>): AllowedPeer[] => {
      const component = result.components[id];
      if (component !== undefined) return [{ component }];
      return [...atoms].filter(([, list]) => list.includes(id)).map(([external]) => ({ external }));
    };
    for (const c of result.report.connections) {
      for (const src of peersOf(c.src, sourceAtoms))
        for (const dst of peersOf(c.dst, destinationAtoms)) add(src, dst, `${c.src}>${c.dst}`, c.conns);
    }
    const flows: AllowedFlow[] = [];
    for (const { from: src, to: dst, parts } of pairs.values()) {
      // Every atom of an external end must allow a port for the external as a whole to be allowed it.
      const srcAtoms = 'external' in src ? sourceAtoms.get(src.external)! : [undefined];
      const dstAtoms = 'external' in dst ? destinationAtoms.get(dst.external)! : [undefined];
      let ports = PortSet.ALL;
      for (const a of srcAtoms)
        for (const b of dstAtoms) {
          const key = `${a ?? workloadOf(result, src)}>${b ?? workloadOf(result, dst)}`;
          ports = ports.intersect(parts.get(key) ?? PortSet.NONE);
        }
      if (!ports.isEmpty()) flows.push({ from: src, to: dst, conns: ports.toConns() });
    }
    return flows;
  }

  /** Cache hits and misses (tests, metrics). */
  cacheStats(): { hits: number; misses: number; size: number } {
    return this.cache.stats();
  }

  private async compiledVersion({
    app,
    version,
  }: {
    app: string;
    version?: VersionSelector;
  }): Promise<CompiledVersion> {
    if (version === 'draft') return this.compiledDraft(app);
    if (typeof version === 'number') {
      // A number names an immutable version, which VersionsService keeps in memory: no query at all.
      const found = await this.versions.get({ app, version });
      return this.compiledOf(CompiledVersionCache.key(found.applicationId, found.number, found.digest), () =>
        this.versions.resolve({ app, version }),
      );
    }
    const head = await this.heads.latestHead(app);
    if (head === undefined) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', app);
    if (head.number === null || head.digest === null) {
      // Nothing published: the default reads the draft; `latest` is a 404 from versions.
      if (version === 'latest') return this.compile(await this.versions.resolve({ app, version }));
      return this.compiledDraft(app);
    }
    const { number } = head;
    return this.compiledOf(CompiledVersionCache.key(head.applicationId, number, head.digest), () =>
      this.versions.resolve({ app, version: number }),
    );
  }

  /**
   * The draft, compiled once per source (the topology's ETag and the settings, read on every query):
   * a portal asking again about an unchanged draft costs the topology read, not a generation, a
   * compilation and a connectivity.
   */
  private async compiledDraft(app: string): Promise<CompiledVersion> {
    const draft = await this.versions.resolve({ app, version: 'draft' });
    return this.compiledOf(CompiledVersionCache.draftKey(draft.source!), () => Promise.resolve(draft));
  }

  private async compiledOf(key: string, resolve: () => Promise<ResolvedVersion>): Promise<CompiledVersion> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const entry = this.compile(await resolve());
    this.cache.set(key, entry);
    return entry;
  }

  private connectivityOf(compiled: CompiledVersion, from?: string, to?: string): ApplicationConnectivity {
    const table = (compiled.connectivity ??= this.metrics.timeEngine('connectivity', () =>
      connectivityTable(compiled.compiled),
    ));
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
    };
  }

  private compile(version: ResolvedVersion): CompiledVersion {
    const snapshot = snapshotFromTopology(version.topology, { policies: version.policies });
    return {
      number: version.number,
      digest: version.digest,
      topology: version.topology,
      compiled: this.metrics.timeEngine('load', () => compileSnapshot(snapshot)),
    };
  }
}

function nameOf(peer: AllowedPeer): string {
  return 'component' in peer ? peer.component : peer.external;
}

function workloadOf(result: ApplicationConnectivity, peer: AllowedPeer): string {
  const name = nameOf(peer);
  return Object.keys(result.components).find((id) => result.components[id] === name)!;
}

/** Whether a range `first-last` (IPv4 or IPv6) of the connectivity lies in the external (its CIDR minus excepts). */
function externalContains(external: External, atom: string): boolean {
  const range = parseRange(atom);
  // Atoms are cut at every ipBlock edge, so testing one address of the atom decides the whole atom.
  return (
    range !== undefined &&
    rangesContain(ipBlockRanges(external.cidr, external.except), { family: range.family, value: range.first })
  );
}
