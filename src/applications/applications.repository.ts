import { Injectable } from '@nestjs/common';
import type { Application as ApplicationRow } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { Isolation } from '../engine';
import type { Application, ApplicationSettings } from './application.model';

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
    });
    return toApplication(row);
  }

  async findByName(name: string, tx: Tx = this.prisma): Promise<Application | undefined> {
    const row = await tx.application.findUnique({ where: { name } });
    return row ? toApplication(row) : undefined;
  }

  async findByNames(names: readonly string[], tx: Tx = this.prisma): Promise<Application[]> {
    const rows = await tx.application.findMany({ where: { name: { in: [...names] } } });
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
      tx.application.findMany({ where, orderBy: { name: 'asc' }, take: page.limit, skip: page.offset }),
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
    });
    return toApplication(row);
  }

  /** Marks the application as changed (its topology was written). */
  async touch(id: string, tx: Tx): Promise<void> {
    await tx.application.update({ where: { id }, data: { updatedAt: new Date() } });
  }

  async delete(id: string, tx: Tx = this.prisma): Promise<void> {
    await tx.application.delete({ where: { id } });
  }
}

function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    name: row.name,
    displayName: row.displayName,
    description: row.description,
    defaultNamespace: row.defaultNamespace,
    settings: { isolation: row.isolation as Isolation, dnsEgress: row.dnsEgress },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
