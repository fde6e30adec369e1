import { Injectable } from '@nestjs/common';
import type { Application as ApplicationRow, NamespaceGrant as GrantRow } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { Isolation } from '../engine';
import type { Application, ApplicationSettings, OwnedNamespace } from './application.model';

/** Every read of an application carries its namespaces: ownership is checked on every topology write. */
const WITH_NAMESPACES = { namespaces: { orderBy: { namespace: 'asc' } } } as const;

export interface ApplicationWrite {
  readonly displayName?: string;
  readonly description?: string;
  readonly defaultNamespace?: string;
  readonly settings?: Partial<ApplicationSettings>;
}

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: ApplicationWrite & { name: string }, tx: Tx = this.prisma): Promise<Application> {
    const row = await tx.application.create({
      data: {
        name: input.name,
        displayName: input.displayName ?? input.name,
        description: input.description ?? '',
        defaultNamespace: input.defaultNamespace ?? input.name,
        isolation: input.settings?.isolation ?? 'both',
        dnsEgress: input.settings?.dnsEgress ?? true,
      },
      include: WITH_NAMESPACES,
    });
    return toApplication(row);
  }

  async findByName(name: string, tx: Tx = this.prisma): Promise<Application | undefined> {
    const row = await tx.application.findUnique({ where: { name }, include: WITH_NAMESPACES });
    return row ? toApplication(row) : undefined;
  }

  async findByNames(names: readonly string[], tx: Tx = this.prisma): Promise<Application[]> {
    const rows = await tx.application.findMany({ where: { name: { in: [...names] } }, include: WITH_NAMESPACES });
    return rows.map(toApplication);
  }

  /** Locks the application's row until the transaction ends, so writes to one topology serialize. */
  async lockByName(name: string, tx: Tx): Promise<Application | undefined> {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Application" WHERE name = ${name} FOR UPDATE`;
    if (locked.length === 0) return undefined;
    return this.findByName(name, tx);
  }

  /** A page in name order; with `scope`, only those applications, and `total` counts only them. */
  async list(
    page: { limit: number; offset: number; scope?: readonly string[] },
    tx: Tx = this.prisma,
  ): Promise<{ items: Application[]; total: number }> {
    const where = page.scope === undefined ? {} : { name: { in: [...page.scope] } };
    const [rows, total] = await Promise.all([
      tx.application.findMany({
        where,
        orderBy: { name: 'asc' },
        take: page.limit,
        skip: page.offset,
        include: WITH_NAMESPACES,
      }),
      tx.application.count({ where }),
    ]);
    return { items: rows.map(toApplication), total };
  }

  async update(id: string, input: ApplicationWrite, tx: Tx = this.prisma): Promise<Application> {
    const row = await tx.application.update({
      where: { id },
      data: {
        displayName: input.displayName,
        description: input.description,
        defaultNamespace: input.defaultNamespace,
        isolation: input.settings?.isolation,
        dnsEgress: input.settings?.dnsEgress,
      },
      include: WITH_NAMESPACES,
    });
    return toApplication(row);
  }

  /**
   * Which write the application's row is at: Postgres' `xmin`, the id of the transaction that wrote
   * this version of the row (an UPDATE makes a new version; a lock does not). undefined when the row
   * is gone.
   */
  async rowVersion(id: string, tx: Tx = this.prisma): Promise<string | undefined> {
    const rows = await tx.$queryRaw<{ version: string }[]>`
      SELECT xmin::text AS version FROM "Application" WHERE id = ${id}::uuid`;
    return rows[0]?.version;
  }

  /** Marks the application as changed (its topology was written). */
  async touch(id: string, tx: Tx): Promise<void> {
    await tx.application.update({ where: { id }, data: { updatedAt: new Date() } });
  }

  async delete(id: string, tx: Tx = this.prisma): Promise<void> {
    await tx.application.delete({ where: { id } });
  }
}

function toApplication(row: ApplicationRow & { namespaces: GrantRow[] }): Application {
  return {
    id: row.id,
    name: row.name,
    displayName: row.displayName,
    description: row.description,
    defaultNamespace: row.defaultNamespace,
    ownedNamespaces: row.namespaces.map(toOwnedNamespace),
    settings: { isolation: row.isolation as Isolation, dnsEgress: row.dnsEgress },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toOwnedNamespace(row: GrantRow): OwnedNamespace {
  return { namespace: row.namespace, shared: row.shared, conflict: row.conflict, grantedAt: row.createdAt };
}
