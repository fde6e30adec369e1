import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ApplicationLifecycle } from '../applications/application-lifecycle';
import type { Application } from '../applications/application.model';
import { ApplicationsService } from '../applications/applications.service';
import { AuditRepository } from '../audit/audit.repository';
import { actorOf, type Requester } from '../common/access/request-context';
import { ReadCache } from '../common/cache/read-cache';
import { AppError, ErrorCode } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import {
  EngineInputError,
  generateNetworkPolicies,
  lint,
  LINT_CODES,
  TopologyError,
  renderManifests,
  policiesOfManifests,
  type Finding,
  type NetworkPolicy,
  type Topology,
  diffVersions,
  topologyDigest,
  type VersionDiff,
} from '../engine';
import { toEngineTopology, type StoredTopology } from '../topology/topology.model';
import { MetricsService } from '../metrics/metrics.service';
import type { GuardrailRef, PublishCheck } from '../guardrails/guardrail.model';
import { GuardrailsService } from '../guardrails/guardrails.service';
import { TopologyService } from '../topology/topology.service';
import type { PolicyVersion, ResolvedVersion, VersionHead, VersionRef } from './version.model';
import { PublishHooks } from './publish-hooks';
import { publishWithRetries, TOPOLOGY_CHANGED } from './publish-retry';
import { VersionsRepository } from './versions.repository';

export const DEFAULT_VERSION_PAGE_SIZE = 20;
/**
 * A publish runs again when the topology changed after it was read, or a concurrent publish took its
 * number; at most this many times in all.
 */
const PUBLISH_ATTEMPTS = 5;
/**
 * The commit transaction re-reads the topology and inserts the version (megabytes for thousands of
 * components): well under a second, but a loaded machine may take several. Prisma's default is 5 s.
 */
const PUBLISH_COMMIT_TIMEOUT_MS = 15_000;
/**
 * Published versions kept in memory: at most this many, and about this many bytes, counted as three
 * times their manifests (the topology and findings beside them take about twice as much again; a
 * 1,000-component version's manifests are 1.5 MB).
 */
const CACHED_VERSIONS_MAX = 1_000;
/** Latest heads kept in memory (a few dozen bytes each). */
const CACHED_HEADS_MAX = 10_000;
const CACHED_VERSIONS_BYTES = 96 * 1024 * 1024;
/** Drafts kept in memory, by what they were made from; counted like published versions. */
const CACHED_DRAFTS_MAX = 64;
const CACHED_DRAFTS_BYTES = 32 * 1024 * 1024;

/** What a publish would produce now: generated from the stored topology, not stored. */
export interface Draft {
  readonly application: Application;
  /** What it was made from: draftSource(application, topology). */
  readonly source: string;
  readonly topology: Topology;
  readonly policies: NetworkPolicy[];
  readonly manifests: string;
  readonly digest: string;
  readonly findings: readonly Finding[];
}

/**
 * Versions are immutable, numbered sets of generated policies; channels are named pointers to them.
 * Numbers come from the unique (application, number) constraint: a publish inserts latest+1 and,
 * when a concurrent publish took that number first (P2002), runs again.
 */
@Injectable()
export class VersionsService {
  /**
   * Published versions by application name and number, for CACHE_TTL_MS: a version never changes,
   * so a CI pipeline's pull (and its 304) or a reachability query on a number costs no database
   * round trip. What may change is the name: an application deleted (and created again) on another
   * replica is noticed within the TTL; deleted here, it is forgotten at once.
   */
  private readonly published: ReadCache<PolicyVersion>;
  /**
   * The same versions by application id and number, with no TTL: a version's row never changes and an
   * application id is never reused, so an entry can never be stale. When a `published` entry expires,
   * the refresh reads only the application by name (a small row: is the name still this application?),
   * not the version's manifests, topology and findings again, which on embedded PGlite blocked the
   * event loop for milliseconds every CACHE_TTL_MS under load (the p99 of pulls at 500 req/s).
   */
  private readonly rows = new LRUCache<string, PolicyVersion>({
    max: CACHED_VERSIONS_MAX,
    maxSize: CACHED_VERSIONS_BYTES,
    sizeCalculation: (version) => Math.max(1, 3 * version.manifests.length),
  });
  /**
   * Which version is each application's latest, by application name, for CACHE_TTL_MS: what
   * analysis of `latest` (reachability, connectivity, allowedFlows) needs to find its compiled
   * version without a query. A publish or delete here forgets the application's head at once; a
   * publish on another replica is seen here within the TTL. Pulls and metadata of `latest` read
   * the database (get), since a pipeline applies what they answer.
   */
  private readonly heads: ReadCache<VersionHead>;
  /**
   * Drafts by application id and source (the topology's ETag and the settings): generating one is
   * the expensive part of a draft query or a publish, and it changes only when the topology or the
   * settings do. The source is read from the database on every use, so an entry is never stale.
   */
  private readonly drafts = new LRUCache<string, Draft>({
    max: CACHED_DRAFTS_MAX,
    maxSize: CACHED_DRAFTS_BYTES,
    sizeCalculation: (draft) => 3 * draft.manifests.length + 1,
  });

  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsService,
    private readonly topologies: TopologyService,
    private readonly versions: VersionsRepository,
    private readonly audit: AuditRepository,
    private readonly metrics: MetricsService,
    private readonly hooks: PublishHooks,
    private readonly guardrails: GuardrailsService,
    lifecycle: ApplicationLifecycle,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.published = new ReadCache({
      ttlMs: config.cacheTtlMs,
      max: CACHED_VERSIONS_MAX,
      maxSize: CACHED_VERSIONS_BYTES,
      sizeOf: (version) => 3 * version.manifests.length,
    });
    this.heads = new ReadCache({ ttlMs: config.cacheTtlMs, max: CACHED_HEADS_MAX });
    lifecycle.onDeleted((name) => {
      this.published.deleteWhere((_, key) => key.startsWith(publishedKey(name, '')));
      this.heads.deleteWhere((_, key) => key === name);
    });
  }

  /** The policies of a version, for analysis: a published one (by number, or the latest), or the draft. */
  async resolve({ app, version }: { app: string; version: VersionRef }): Promise<ResolvedVersion> {
    if (version === 'draft') {
      const draft = await this.draft({ app });
      return {
        number: null,
        digest: draft.digest,
        source: draft.source,
        topology: draft.topology,
        policies: draft.policies,
      };
    }
    const found = await this.get({ app, version });
    return {
      number: found.number,
      digest: found.digest,
      topology: found.topology,
      policies: policiesOf(found),
    };
  }

  async draft({ app }: { app: string }): Promise<Draft> {
    const application = await this.applications.get({ name: app });
    return this.draftOf(application, await this.topologies.load({ application }));
  }

  /**
   * Publishes the draft as the next version; an unchanged draft answers the latest version instead.
   * The engine work (generation, lint, rendering: seconds for thousands of components on a busy
   * machine) runs outside any transaction, on the topology as read; one short transaction then locks
   * the application, checks that what the draft was made from is still what is stored, and inserts the
   * version and its audit event. A change in between, or a conflict, runs the whole publish again
   * (publishWithRetries), and what cannot be retried is a 409 `version/conflict`, never a 500.
   */
  async publish({
    app,
    note = '',
    acceptGuardrailDenials = false,
    by,
  }: {
    app: string;
    note?: string;
    /** Record declared flows a guardrail denies as warnings instead of refusing the publish. */
    acceptGuardrailDenials?: boolean;
    by: Requester;
  }): Promise<{ version: PolicyVersion; created: boolean }> {
    try {
      const published = await publishWithRetries(app, PUBLISH_ATTEMPTS, (n) =>
        this.publishOnce({ app, note, acceptGuardrailDenials, by, lastAttempt: n === PUBLISH_ATTEMPTS }),
      );
      this.metrics.countPublish(published.created ? 'created' : 'unchanged');
      // Committed: the next query here sees the new version.
      this.heads.deleteWhere((_, key) => key === app);
      return published;
    } catch (error) {
      this.metrics.countPublish('failed');
      throw error;
    }
  }

  async list({
    app,
    limit = DEFAULT_VERSION_PAGE_SIZE,
    offset = 0,
  }: {
    app: string;
    limit?: number;
    offset?: number;
  }): Promise<{ items: PolicyVersion[]; total: number }> {
    const application = await this.applications.get({ name: app });
    return this.versions.list(application.id, { limit, offset });
  }

  /**
   * A version by number (from memory when this replica has seen it), or the latest: which one that is
   * is always read (a pipeline applies what it answers), its row only the first time.
   */
  async get({ app, version }: { app: string; version: number | 'latest' }): Promise<PolicyVersion> {
    if (version === 'latest') return this.latest(await this.applications.get({ name: app }));
    return this.published.getOrLoad(publishedKey(app, version), async () =>
      this.numbered(await this.applications.get({ name: app }), version),
    );
  }

  /** The latest version's number and digest (see `heads`); a 404 when the application does not exist. */
  async head({ app }: { app: string }): Promise<VersionHead> {
    const head = await this.heads.getOrLoad(app, () => this.versions.headByName(app));
    if (head === undefined) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', app);
    return head;
  }

  async diff({
    app,
    from,
    to,
    guardrails,
  }: {
    app: string;
    from: number | 'latest';
    to: number | 'latest';
    guardrails?: GuardrailRef;
  }): Promise<VersionDiff & { guardrailVersion: number | null }> {
    const [a, b] = [await this.get({ app, version: from }), await this.get({ app, version: to })];
    // Guardrails (src/guardrails): both versions' connections under the same guardrail version.
    const rails = await this.guardrails.resolve(guardrails);
    const diff = this.metrics.timeEngine('diff', () =>
      diffVersions(
        { number: a.number, topology: a.topology, policies: policiesOf(a), admin: rails.set },
        { number: b.number, topology: b.topology, policies: policiesOf(b), admin: rails.set },
      ),
    );
    return { ...diff, guardrailVersion: rails.version };
  }

  /**
   * One attempt at a publish, as a pipeline:
   * 1. prepare: read the application and its topology and generate the draft, outside any transaction;
   * 2. (the PublishHooks point, where a test makes a race happen);
   * 3. recheck, in the commit transaction under the application's lock: is what is stored still what
   *    the draft was made from?
   * 4. commit: an unchanged draft answers the latest version; else the next version and its audit event.
   */
  private async publishOnce({
    app,
    note,
    acceptGuardrailDenials,
    by,
    lastAttempt,
  }: {
    app: string;
    note: string;
    acceptGuardrailDenials: boolean;
    by: Requester;
    /** On the last attempt a changed topology is generated under the lock instead of tried again. */
    lastAttempt: boolean;
  }): Promise<{ version: PolicyVersion; created: boolean } | typeof TOPOLOGY_CHANGED> {
    const application = await this.applications.get({ name: app });
    // Read before the topology: equal under the lock, no topology write has committed since (recheck).
    const rowVersion = await this.applications.rowVersion({ application });
    const prepared = this.draftOf(application, await this.topologies.load({ application }));
    // Guardrails (src/guardrails): resolved once, outside the transaction. A declared flow that a
    // guardrail denies refuses the publish (unless accepted); a draft made under the lock is checked again.
    const rails = await this.guardrails.resolve('latest');
    const check = (draft: Draft) =>
      this.guardrails.checkPublishUnder(rails, {
        app,
        topology: draft.topology,
        policies: draft.policies,
        acceptDenials: acceptGuardrailDenials,
      });
    const guarded = check(prepared);
    await this.hooks.beforeCommit(app);
    return this.prisma.$transaction(
      async (tx) => {
        const draft = await this.recheck(prepared, rowVersion, lastAttempt, tx);
        if (draft === TOPOLOGY_CHANGED) return draft;
        return this.commit({ draft, guarded: draft === prepared ? guarded : check(draft), note, by }, tx);
      },
      { timeout: PUBLISH_COMMIT_TIMEOUT_MS },
    );
  }

  /**
   * The draft to commit, read under the application's lock (topology writes take it too, so what is
   * read stays until the commit): the prepared one when the topology and settings are unchanged. When
   * the application's row is at the write it was at before the topology was read (`rowVersion`), no
   * topology write has committed since, and the settings are compared alone; otherwise the topology
   * is read again and its digest compared.
   */
  private async recheck(
    prepared: Draft,
    rowVersion: string | undefined,
    lastAttempt: boolean,
    tx: Tx,
  ): Promise<Draft | typeof TOPOLOGY_CHANGED> {
    const locked = await this.applications.lock({ name: prepared.application.name }, tx);
    if (locked.id !== prepared.application.id) return TOPOLOGY_CHANGED;
    const unwritten =
      rowVersion !== undefined && (await this.applications.rowVersion({ application: locked }, tx)) === rowVersion;
    if (unwritten && settingsSource(locked) === settingsSource(prepared.application)) return prepared;
    const stored = await this.topologies.load({ application: locked }, tx);
    if (draftSource(locked, stored) === prepared.source) return prepared;
    // Edits keep landing between the read and the lock. The last attempt generates under the lock
    // (topology writes wait for it): slower, but a publish makes progress however busy the editors
    // are, instead of answering 409 to a valid request.
    return lastAttempt ? this.draftOf(locked, stored) : TOPOLOGY_CHANGED;
  }

  /** Stores the draft as the next version with its audit event, unless the latest version has its policies. */
  private async commit(
    { draft, guarded, note, by }: { draft: Draft; guarded: PublishCheck; note: string; by: Requester },
    tx: Tx,
  ): Promise<{ version: PolicyVersion; created: boolean }> {
    const { application } = draft;
    const latest = await this.versions.latestHead(application.id, tx);
    if (latest?.digest === draft.digest) {
      return { version: (await this.versions.findByNumber(application.id, latest.number, tx))!, created: false };
    }
    const version = await this.versions.create(
      {
        applicationId: application.id,
        number: (latest?.number ?? 0) + 1,
        digest: draft.digest,
        manifests: draft.manifests,
        policyCount: draft.policies.length,
        topology: draft.topology,
        findings: [...draft.findings, ...guarded.findings],
        guardrailVersion: guarded.guardrailVersion,
        actor: actorOf(by.principal),
        note,
      },
      tx,
    );
    await this.audit.record(tx, {
      by,
      action: 'version.publish',
      application: application.name,
      target: String(version.number),
      digestBefore: latest?.digest,
      digestAfter: version.digest,
      details: note === '' ? undefined : { note },
    });
    return { version, created: true };
  }

  /** The draft of this topology: from memory when it was generated before, else generated now. */
  private draftOf(application: Application, stored: StoredTopology): Draft {
    const source = draftSource(application, stored);
    const key = `${application.id}\u0000${source}`;
    let draft = this.drafts.get(key);
    if (draft === undefined) this.drafts.set(key, (draft = generate(application, stored, source, this.metrics)));
    // The same source, but the application's other fields (its description, say) may have changed.
    return draft.application === application ? draft : { ...draft, application };
  }

  /** A numbered version of this application: from `rows` when read before, else read and kept there. */
  private async numbered(application: Application, number: number): Promise<PolicyVersion> {
    const key = rowKey(application.id, number);
    const kept = this.rows.get(key);
    if (kept !== undefined) return kept;
    const found = await this.find(application, number);
    this.rows.set(key, found);
    return found;
  }

  /** The latest version: its number and digest read now (a small row), the rest from `rows`. */
  private async latest(application: Application): Promise<PolicyVersion> {
    const head = await this.versions.latestHead(application.id);
    if (head === undefined) {
      throw new AppError(ErrorCode.VersionNotFound, `application "${application.name}" has no published version`);
    }
    return this.numbered(application, head.number);
  }

  private async find(application: Application, number: number): Promise<PolicyVersion> {
    const found = await this.versions.findByNumber(application.id, number);
    if (!found) {
      throw new AppError(ErrorCode.VersionNotFound, `version ${number} of application "${application.name}" not found`);
    }
    return found;
  }
}

/** Cache key of a published version; `publishedKey(app, '')` is the prefix of all of one application's. */
function publishedKey(app: string, version: number | ''): string {
  return `${app}\u0000${version}`;
}

/** Key of `rows`: a version by application id (never reused) and number. */
function rowKey(applicationId: string, number: number): string {
  return `${applicationId}/${number}`;
}

/**
 * What a draft is made from, as one string: the topology document's digest (its ETag) and the
 * application's generation settings. Equal sources give equal drafts.
 */
export function draftSource(application: Application, stored: StoredTopology): string {
  return `${topologyDigest(application.name, stored)}/${settingsSource(application)}`;
}

/** The generation settings' part of a draft's source. */
function settingsSource(application: Application): string {
  const { isolation, dnsEgress } = application.settings;
  return `${isolation}/${dnsEgress}`;
}

/** Generates and lints; a topology the engine refuses, or lint errors, make a 422 `version/invalid`. */
function generate(application: Application, stored: StoredTopology, source: string, metrics: MetricsService): Draft {
  const topology = toEngineTopology(application.name, stored, { ...application.settings });
  const findings = metrics.timeEngine('lint', () => lint({ topology }));
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw invalid(application.name, errors);
  let generated: Pick<Draft, 'policies' | 'manifests' | 'digest'>;
  try {
    generated = metrics.timeEngine('generate', () => {
      // Policies land only in namespaces the application owns (topology writes already refuse others;
      // this holds even for data stored before ownership or written around the API).
      const policies = generateNetworkPolicies(topology, {
        ownedNamespaces: application.ownedNamespaces.map((o) => o.namespace),
      });
      return { policies, ...renderManifests(policies) };
    });
  } catch (error) {
    if (!(error instanceof EngineInputError)) throw error;
    const problems = error instanceof TopologyError ? error.issues : [{ field: 'topology', message: error.message }];
    throw invalid(
      application.name,
      problems.map((p) => ({
        code: LINT_CODES.topologyInvalid,
        severity: 'error',
        object: p.field,
        message: p.message,
      })),
    );
  }
  return { application, source, topology, ...generated, findings };
}

function invalid(app: string, errors: readonly Finding[]): AppError {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new AppError(ErrorCode.VersionInvalid, `Cannot publish "${app}": ${first.object}: ${first.message}${more}`, {
    findings: errors,
  });
}

/** The policies of a stored version (its canonical YAML, parsed back by the engine). */
function policiesOf(version: Pick<PolicyVersion, 'manifests'>): NetworkPolicy[] {
  return policiesOfManifests(version.manifests);
}
