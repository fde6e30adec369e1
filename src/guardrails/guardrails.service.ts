import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { actorOf, type Requester } from '../common/access/request-context';
import { ReadCache } from '../common/cache/read-cache';
import { AppError, ErrorCode } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { hasPrismaCode, PrismaCode } from '../common/errors/prisma-errors';
import { ifMatchHolds } from '../common/http/if-match';
import { PrismaService } from '../database/prisma.service';
import { LRUCache } from 'lru-cache';
import {
  canonicalJson,
  checkFlowsAgainstGuardrails,
  EMPTY_ADMIN_POLICY_SET,
  sha256Hex,
  type AdminPolicySet,
} from '../engine';
import { guardrailDenied, guardrailFindings } from './guardrail-findings';
import { canonicalGuardrails, guardrailSetOf } from './guardrail-document';
import {
  EMPTY_GUARDRAILS,
  type GuardrailList,
  type GuardrailRef,
  type GuardrailVersion,
  type PublishCheck,
  type PublishCheckInput,
  type ResolvedGuardrails,
  type StoredGuardrails,
} from './guardrail.model';
import { GuardrailsRepository } from './guardrails.repository';

export const DEFAULT_GUARDRAIL_PAGE_SIZE = 20;
/** A publish runs again when a concurrent one took its number; at most this many times in all. */
const PUBLISH_ATTEMPTS = 5;

/**
 * The cluster's guardrails (AdminNetworkPolicies and the BaselineAdminNetworkPolicy): one document that
 * admins replace (PUT, with If-Match), published as immutable numbered versions, as an application's
 * policies are. Every change is audited in its own transaction. What the objects mean is the engine's.
 */
@Injectable()
export class GuardrailsService {
  /** Published versions' engine sets, by number: a version never changes, so it is parsed once. */
  private readonly sets = new LRUCache<number, AdminPolicySet>({ max: 64 });
  /**
   * The latest version's number, for CACHE_TTL_MS: a reachability query on a version number costs no
   * query. A publish on this replica forgets it at once; one on another replica is seen within the TTL.
   */
  private readonly head: ReadCache<{ number: number | null }>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly guardrails: GuardrailsRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.head = new ReadCache({ ttlMs: config.cacheTtlMs, max: 1 });
  }

  /** The stored document; the empty List while none was stored. */
  async get(): Promise<StoredGuardrails> {
    return (await this.guardrails.load()) ?? EMPTY_STORED;
  }

  /**
   * Validates the objects (the engine refuses what the API server would, naming the item and field),
   * then, under the document's row lock, checks If-Match and writes the canonical document.
   */
  async replace({
    items,
    ifMatch,
    by,
  }: {
    items: readonly Readonly<Record<string, unknown>>[];
    ifMatch?: string;
    by: Requester;
  }): Promise<StoredGuardrails> {
    const document = canonicalGuardrails(items);
    const digest = digestOf(document);
    return this.prisma.$transaction(async (tx) => {
      await this.guardrails.lock(EMPTY_STORED, tx);
      const before = (await this.guardrails.load(tx))!;
      const etag = etagOf(before.digest);
      if (!ifMatchHolds(ifMatch, etag)) {
        throw new AppError(
          ErrorCode.GuardrailsPreconditionFailed,
          `The guardrails changed: If-Match ${ifMatch} does not match the current ETag ${etag}`,
          { etag },
        );
      }
      const stored = await this.guardrails.save(document, digest, actorOf(by.principal), tx);
      await this.audit.record(tx, {
        by,
        action: 'guardrails.put',
        target: 'cluster',
        digestBefore: before.digest,
        digestAfter: digest,
        details: { items: document.items.length },
      });
      return stored;
    });
  }

  /** Publishes the stored document as the next version; unchanged since the latest, that one is answered. */
  async publish({
    note = '',
    by,
  }: {
    note?: string;
    by: Requester;
  }): Promise<{ version: GuardrailVersion; created: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const published = await this.publishOnce(note, by);
        if (published.created) this.head.deleteWhere(() => true);
        return published;
      } catch (error) {
        const retryable =
          hasPrismaCode(error, PrismaCode.UniqueViolation) || hasPrismaCode(error, PrismaCode.TransactionConflict);
        if (!retryable) throw error;
        if (attempt >= PUBLISH_ATTEMPTS) {
          throw new AppError(
            ErrorCode.GuardrailsConflict,
            `Cannot publish the guardrails now: concurrent publishes conflicted ${PUBLISH_ATTEMPTS} times; nothing was published, retry the request`,
            { retry: true, reason: `concurrent publishes conflicted ${PUBLISH_ATTEMPTS} times` },
          );
        }
      }
    }
  }

  async listVersions({
    limit = DEFAULT_GUARDRAIL_PAGE_SIZE,
    offset = 0,
  }: {
    limit?: number;
    offset?: number;
  }): Promise<{ items: GuardrailVersion[]; total: number }> {
    return this.guardrails.list({ limit, offset });
  }

  async getVersion({ version }: { version: number | 'latest' }): Promise<GuardrailVersion> {
    const found = version === 'latest' ? await this.guardrails.latest() : await this.guardrails.findByNumber(version);
    if (!found) {
      throw new AppError(
        ErrorCode.GuardrailVersionNotFound,
        version === 'latest' ? 'no guardrail version is published' : `guardrail version ${version} not found`,
      );
    }
    return found;
  }

  /**
   * The guardrails an application is analysed under and checked against: a published version by
   * number, the latest one (the default; none while nothing is published), or `none`.
   */
  async resolve(ref: GuardrailRef = 'latest'): Promise<ResolvedGuardrails> {
    if (ref === 'none') return NO_GUARDRAILS;
    let version: number;
    if (ref === 'latest') {
      const head = await this.head.getOrLoad('latest', async () => ({
        number: (await this.guardrails.latestHead())?.number ?? null,
      }));
      if (head.number === null) return NO_GUARDRAILS;
      version = head.number;
    } else {
      version = ref;
    }
    let set = this.sets.get(version);
    if (set === undefined) {
      const found = await this.getVersion({ version });
      set = guardrailSetOf(found.document.items);
      this.sets.set(version, set);
    }
    return { version, set };
  }

  /**
   * An application's publish, checked against `rails` (the caller resolves them once, outside its
   * transaction: this runs no query): a declared flow a guardrail denies refuses it (422
   * `version/guardrail_denied`, naming the flow, the policy and its rule) unless `acceptDenials`,
   * which makes it a warning; connections a guardrail allows that the application did not declare are
   * warnings. Answers the findings and the guardrail version checked.
   */
  checkPublishUnder(
    { version, set }: ResolvedGuardrails,
    { app, topology, policies, acceptDenials = false }: PublishCheckInput,
  ): PublishCheck {
    if (version === null) return { guardrailVersion: null, findings: [] };
    const check = checkFlowsAgainstGuardrails({ topology, policies, admin: set });
    if (check.denied.length > 0 && !acceptDenials) throw guardrailDenied(app, version, check.denied);
    return { guardrailVersion: version, findings: guardrailFindings(version, check) };
  }

  private async publishOnce(note: string, by: Requester): Promise<{ version: GuardrailVersion; created: boolean }> {
    return this.prisma.$transaction(async (tx) => {
      const document = (await this.guardrails.load(tx)) ?? EMPTY_STORED;
      const latest = await this.guardrails.latest(tx);
      if (latest?.digest === document.digest) return { version: latest, created: false };
      const version = await this.guardrails.create(
        {
          number: (latest?.number ?? 0) + 1,
          document: document.document,
          digest: document.digest,
          actor: actorOf(by.principal),
          note,
        },
        tx,
      );
      await this.audit.record(tx, {
        by,
        action: 'guardrails.publish',
        target: String(version.number),
        digestBefore: latest?.digest,
        digestAfter: version.digest,
        details: note === '' ? undefined : { note },
      });
      return { version, created: true };
    });
  }
}

export function digestOf(document: GuardrailList): string {
  return sha256Hex(canonicalJson(document));
}

/** The document's strong ETag: its digest, quoted; JSON and YAML share it. */
export function etagOf(digest: string): string {
  return `"${digest}"`;
}

const NO_GUARDRAILS: ResolvedGuardrails = { version: null, set: EMPTY_ADMIN_POLICY_SET };

const EMPTY_STORED: StoredGuardrails & { document: GuardrailList; digest: string } = {
  document: EMPTY_GUARDRAILS,
  digest: digestOf(EMPTY_GUARDRAILS),
  actor: null,
  updatedAt: null,
};
