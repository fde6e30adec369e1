import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { OwnedNamespace } from './application.model';
import { toOwnedNamespace } from './applications.repository';

/** One application's grant of a namespace, as the admin listing shows it. */
export interface NamespaceOwner extends OwnedNamespace {
  readonly application: string;
  readonly applicationId: string;
}

/** A namespace some application owns, with every owner. */
export interface OwnedNamespaceEntry {
  readonly namespace: string;
  readonly shared: boolean;
  readonly owners: readonly NamespaceOwner[];
}

/**
 * The Prisma queries behind namespace ownership. The database keeps the rule itself: every grant
 * carries its namespace's `shared` (a foreign key on both columns) and an exclusive namespace has
 * one grant at most (a unique index on namespace and exclusiveKey, "" for exclusive grants).
 */
@Injectable()
export class NamespaceGrantsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The namespace's row, created (with `shared`) when new, locked until the transaction ends: every
   * change to a namespace's grants goes through here, so they serialize per namespace.
   */
  async lockNamespace(namespace: string, shared: boolean, tx: Tx): Promise<{ shared: boolean }> {
    await tx.$executeRaw`INSERT INTO "Namespace" ("name", "shared") VALUES (${namespace}, ${shared}) ON CONFLICT ("name") DO NOTHING`;
    const [row] = await tx.$queryRaw<
      { shared: boolean }[]
    >`SELECT "shared" FROM "Namespace" WHERE "name" = ${namespace} FOR UPDATE`;
    return row;
  }

  async ownersOf(namespace: string, tx: Tx): Promise<NamespaceOwner[]> {
    const rows = await tx.namespaceGrant.findMany({
      where: { namespace },
      include: { application: { select: { name: true } } },
      orderBy: { application: { name: 'asc' } },
    });
    return rows.map((row) => ({
      ...toOwnedNamespace(row),
      application: row.application.name,
      applicationId: row.applicationId,
    }));
  }

  /**
   * Makes the namespace exclusive or shared, with every grant it has: the grants go and come back
   * with the new mode (the foreign key forbids changing the namespace under them).
   */
  async setShared(namespace: string, shared: boolean, tx: Tx): Promise<void> {
    const grants = await tx.namespaceGrant.findMany({ where: { namespace } });
    await tx.namespaceGrant.deleteMany({ where: { namespace } });
    await tx.namespace.update({ where: { name: namespace }, data: { shared } });
    await tx.namespaceGrant.createMany({
      data: grants.map((grant) => ({ ...grant, shared, exclusiveKey: exclusiveKey(grant.applicationId, shared) })),
    });
  }

  /** Grants (or confirms) the namespace to the application; a confirmed grant is no longer a conflict. */
  async upsertGrant(applicationId: string, namespace: string, shared: boolean, tx: Tx): Promise<OwnedNamespace> {
    const data = { shared, exclusiveKey: exclusiveKey(applicationId, shared), conflict: false };
    const row = await tx.namespaceGrant.upsert({
      where: { applicationId_namespace: { applicationId, namespace } },
      create: { applicationId, namespace, ...data },
      update: data,
    });
    return toOwnedNamespace(row);
  }

  /** Takes the grant away; the namespace's row goes with its last grant. */
  async deleteGrant(applicationId: string, namespace: string, tx: Tx): Promise<void> {
    await tx.namespaceGrant.delete({ where: { applicationId_namespace: { applicationId, namespace } } });
    if ((await tx.namespaceGrant.count({ where: { namespace } })) === 0) {
      await tx.namespace.delete({ where: { name: namespace } });
    }
  }

  /** Names of the application's components that live in the namespace. */
  async componentsIn(applicationId: string, namespace: string, tx: Tx): Promise<string[]> {
    const rows = await tx.component.findMany({
      where: { applicationId, namespace },
      select: { name: true },
      orderBy: { name: 'asc' },
    });
    return rows.map((row) => row.name);
  }

  /** Owned namespaces in name order; `conflict` keeps those with at least one grant in conflict. */
  async list(
    query: { conflict?: boolean; limit: number; offset: number },
    tx: Tx = this.prisma,
  ): Promise<{ items: OwnedNamespaceEntry[]; total: number }> {
    const grants =
      query.conflict === undefined
        ? { some: {} }
        : query.conflict
          ? { some: { conflict: true } }
          : { some: {}, none: { conflict: true } };
    const where = { grants };
    const [rows, total] = await Promise.all([
      tx.namespace.findMany({
        where,
        orderBy: { name: 'asc' },
        take: query.limit,
        skip: query.offset,
        include: {
          grants: { include: { application: { select: { name: true } } }, orderBy: { application: { name: 'asc' } } },
        },
      }),
      tx.namespace.count({ where }),
    ]);
    return {
      items: rows.map((row) => ({
        namespace: row.name,
        shared: row.shared,
        owners: row.grants.map((grant) => ({
          ...toOwnedNamespace(grant),
          application: grant.application.name,
          applicationId: grant.applicationId,
        })),
      })),
      total,
    };
  }
}

/** "" for an exclusive grant (a second one breaks the unique index), the application's id for a shared one. */
function exclusiveKey(applicationId: string, shared: boolean): string {
  return shared ? applicationId : '';
}
