import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { ReadCache } from '../common/cache/read-cache';
import { AppError, ErrorCode } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { validationFailed } from '../common/validation/validation.pipe';
import { hasPrismaCode, PrismaCode } from '../common/errors/prisma-errors';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import { ApplicationLifecycle } from './application-lifecycle';
import type { Application } from './application.model';
import type { ApplicationScope, Requester } from '../common/access/request-context';
import { ApplicationsRepository, type ApplicationWrite } from './applications.repository';
import { namespaceConflictOf } from './namespace-errors';
import {
  assertOwnsNamespace,
  type GrantFields,
  NamespaceOwnership,
  type NamespaceGrantRequest,
} from './namespace-ownership';

export const DEFAULT_PAGE_SIZE = 100;
/** Applications kept in memory for queries (a few hundred bytes each). */
const CACHED_APPLICATIONS_MAX = 10_000;

@Injectable()
export class ApplicationsService {
  /**
   * Applications by name, for CACHE_TTL_MS, for queries only (getForQuery: the GraphQL `application`
   * field a portal asks on every view); writes and REST reads use get. Any write to an application
   * here forgets them all at once; a write on another replica is seen here within the TTL.
   */
  private readonly forQueries: ReadCache<Application>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditRepository,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly ownership: NamespaceOwnership,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.forQueries = new ReadCache({ ttlMs: config.cacheTtlMs, max: CACHED_APPLICATIONS_MAX });
    lifecycle.onDeleted(() => this.changed());
  }

  /**
   * Creates the application with the namespaces it owns: its default namespace (its name when not
   * given) and `ownedNamespaces`, all granted in the same transaction or none.
   */
  async create({
    by,
    ownedNamespaces = [],
    ...input
  }: ApplicationWrite & {
    name: string;
    ownedNamespaces?: readonly NamespaceGrantRequest[];
    by: Requester;
  }): Promise<Application> {
    const requests = grantRequests(input.defaultNamespace ?? input.name, ownedNamespaces);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const created = await this.applications.create(input, tx);
        const granted: Record<string, unknown>[] = [];
        for (const { request, fields } of requests) {
          const { nowSharedWith } = await this.ownership.grant(created, request, fields, tx);
          granted.push({ namespace: request.namespace, shared: request.shared ?? false, nowSharedWith });
        }
        await this.audit.record(tx, {
          by,
          action: 'application.create',
          application: created.name,
          details: { ownedNamespaces: granted },
        });
        return (await this.applications.findByName(created.name, tx))!;
      });
    } catch (error) {
      const taken = namespaceConflictOf(error);
      if (taken) throw taken;
      if (hasPrismaCode(error, PrismaCode.UniqueViolation)) {
        throw new AppError(ErrorCode.ApplicationExists, `application "${input.name}" already exists`, [
          { field: 'name', reason: 'is already taken' },
        ]);
      }
      throw error;
    } finally {
      // A grant may change what other applications' grants of the namespace say (shared).
      this.changed();
    }
  }

  /**
   * A page of applications. `scope` is the caller's (scopeOf(principal)): undefined lists all, a
   * list of names hides every other application, from the items and from the total alike.
   */
  list(page: {
    limit?: number;
    offset?: number;
    scope: ApplicationScope;
  }): Promise<{ items: Application[]; total: number }> {
    return this.applications.list({
      limit: page.limit ?? DEFAULT_PAGE_SIZE,
      offset: page.offset ?? 0,
      scope: page.scope,
    });
  }

  /** The application from memory when read within CACHE_TTL_MS (see forQueries): for answers, never for a write. */
  async getForQuery({ name }: { name: string }): Promise<Application> {
    const application = await this.forQueries.getOrLoad(name, () => this.applications.findByName(name));
    if (!application) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', name);
    return application;
  }

  /** After a write to any application on this replica: the next query reads it again. */
  changed(): void {
    this.forQueries.deleteWhere(() => true);
  }

  async get({ name }: { name: string }, tx?: Tx): Promise<Application> {
    const application = await this.applications.findByName(name, tx);
    if (!application) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', name);
    return application;
  }

  /** Inside a write transaction: the application, locked against concurrent writers. */
  async lock({ name }: { name: string }, tx: Tx): Promise<Application> {
    const application = await this.applications.lockByName(name, tx);
    if (!application) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', name);
    return application;
  }

  /**
   * Which write the application's row is at (an opaque token): every topology write and every update
   * of the application writes the row in its own transaction (touch, update), so an equal token read
   * under the lock means none of them committed since the first read.
   */
  async rowVersion({ application }: { application: Pick<Application, 'id'> }, tx?: Tx): Promise<string | undefined> {
    return this.applications.rowVersion(application.id, tx);
  }

  /** Inside a write transaction: marks the application as changed (its topology was written). */
  async touch({ application }: { application: Pick<Application, 'id'> }, tx: Tx): Promise<void> {
    await this.applications.touch(application.id, tx);
  }

  async update({
    name,
    changes,
    by,
  }: {
    name: string;
    changes: ApplicationWrite;
    by: Requester;
  }): Promise<Application> {
    const updated = await this.prisma.$transaction(async (tx) => {
      const application = await this.lock({ name }, tx);
      if (changes.defaultNamespace !== undefined) {
        assertOwnsNamespace(application, changes.defaultNamespace, 'defaultNamespace');
      }
      const updated = await this.applications.update(application.id, changes, tx);
      await this.audit.record(tx, {
        by,
        action: 'application.update',
        application: name,
        details: { changes: structuredClone(changes) },
      });
      return updated;
    });
    this.changed();
    return updated;
  }

  async delete({ name, by }: { name: string; by: Requester }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const application = await this.lock({ name }, tx);
      await this.applications.delete(application.id, tx);
      await this.audit.record(tx, { by, action: 'application.delete', application: name });
    });
    this.lifecycle.deleted(name);
  }
}

/**
 * The grants a new application asks for, each with the fields to name in an error: the default
 * namespace with the flags of its `ownedNamespaces` entry if it has one, then the others.
 */
function grantRequests(
  defaultNamespace: string,
  owned: readonly NamespaceGrantRequest[],
): { request: NamespaceGrantRequest; fields: GrantFields }[] {
  const seen = new Map<string, number>();
  owned.forEach((entry, i) => {
    if (seen.has(entry.namespace)) {
      throw validationFailed([
        { field: `ownedNamespaces[${i}].namespace`, reason: `"${entry.namespace}" is listed twice` },
      ]);
    }
    seen.set(entry.namespace, i);
  });
  const fieldsOf = (i: number): GrantFields => ({
    namespace: `ownedNamespaces[${i}].namespace`,
    shared: `ownedNamespaces[${i}].shared`,
    reserved: `ownedNamespaces[${i}].reserved`,
  });
  const own = seen.get(defaultNamespace);
  const first =
    own === undefined
      ? {
          request: { namespace: defaultNamespace },
          fields: { namespace: 'defaultNamespace', shared: 'defaultNamespace', reserved: 'defaultNamespace' },
        }
      : { request: owned[own], fields: fieldsOf(own) };
  // In namespace order: each grant locks its namespace's row, and one order for every writer means
  // two creations claiming the same namespaces wait for each other instead of deadlocking.
  return [first, ...owned.flatMap((request, i) => (i === own ? [] : [{ request, fields: fieldsOf(i) }]))].sort(
    (a, b) => (a.request.namespace < b.request.namespace ? -1 : a.request.namespace > b.request.namespace ? 1 : 0),
  );
}
