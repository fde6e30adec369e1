import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import type { Requester } from '../common/access/request-context';
import { PrismaService } from '../database/prisma.service';
import type { OwnedNamespace } from './application.model';
import { ApplicationsService } from './applications.service';
import { namespaceConflictOf } from './namespace-errors';
import { NamespaceGrantsRepository, type OwnedNamespaceEntry } from './namespace-grants.repository';
import { NamespaceOwnership } from './namespace-ownership';

export const DEFAULT_NAMESPACE_PAGE_SIZE = 100;

/** An owned namespace as the admin listing shows it: who owns it, and whether it is reserved. */
export interface NamespaceListing extends OwnedNamespaceEntry {
  readonly reserved: boolean;
  /** Some grant of it awaits an admin's decision (see OwnedNamespace.conflict). */
  readonly conflict: boolean;
}

/** An admin's grants and revocations of namespaces, and the listing of who owns what. */
@Injectable()
export class NamespacesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsService,
    private readonly grants: NamespaceGrantsRepository,
    private readonly ownership: NamespaceOwnership,
    private readonly audit: AuditRepository,
  ) {}

  async listOf({ app }: { app: string }): Promise<readonly OwnedNamespace[]> {
    return (await this.applications.get({ name: app })).ownedNamespaces;
  }

  /** Grants the namespace (201 when new), or changes or confirms the grant (200); a confirmed grant is no longer a conflict. */
  async grant({
    app,
    namespace,
    shared,
    reserved,
    by,
  }: {
    app: string;
    namespace: string;
    shared?: boolean;
    reserved?: boolean;
    by: Requester;
  }): Promise<{ grant: OwnedNamespace; created: boolean }> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const application = await this.applications.lock({ name: app }, tx);
        const before = application.ownedNamespaces.find((o) => o.namespace === namespace);
        const result = await this.ownership.grant(
          application,
          { namespace, shared, reserved },
          { namespace: 'namespace', shared: 'shared', reserved: 'reserved' },
          tx,
        );
        await this.audit.record(tx, {
          by,
          action: 'namespace.grant',
          application: app,
          target: namespace,
          details: {
            shared: result.grant.shared,
            ...(reserved === true ? { reserved: true } : {}),
            ...(before ? { before: { shared: before.shared, conflict: before.conflict } } : {}),
            ...(result.nowSharedWith.length > 0 ? { nowSharedWith: result.nowSharedWith } : {}),
          },
        });
        return { grant: result.grant, created: result.created };
      });
    } catch (error) {
      throw namespaceConflictOf(error) ?? error;
    }
  }

  async revoke({ app, namespace, by }: { app: string; namespace: string; by: Requester }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const application = await this.applications.lock({ name: app }, tx);
      await this.ownership.revoke(application, namespace, tx);
      await this.audit.record(tx, { by, action: 'namespace.revoke', application: app, target: namespace });
    });
  }

  /** Every owned namespace with its owners, in name order; `conflict: true` lists what awaits a decision. */
  async list(query: {
    conflict?: boolean;
    limit?: number;
    offset?: number;
  }): Promise<{ items: NamespaceListing[]; total: number }> {
    const page = await this.grants.list({
      conflict: query.conflict,
      limit: query.limit ?? DEFAULT_NAMESPACE_PAGE_SIZE,
      offset: query.offset ?? 0,
    });
    return {
      items: page.items.map((entry) => ({
        ...entry,
        reserved: this.ownership.isReserved(entry.namespace),
        conflict: entry.owners.some((o) => o.conflict),
      })),
      total: page.total,
    };
  }
}
