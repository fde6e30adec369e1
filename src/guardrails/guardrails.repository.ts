import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { Prisma, GuardrailVersion as GuardrailVersionRow } from '../generated/prisma/client';
import type { GuardrailList, GuardrailVersion, StoredGuardrails } from './guardrail.model';

const CLUSTER = 'cluster';

/** Owns the Prisma queries for the guardrail document and its versions, and the row <-> model mapping. */
@Injectable()
export class GuardrailsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async load(tx: Tx = this.prisma): Promise<StoredGuardrails | undefined> {
    const row = await tx.guardrailDocument.findUnique({ where: { id: CLUSTER } });
    if (!row) return undefined;
    return {
      document: row.document as unknown as GuardrailList,
      digest: row.digest,
      actor: row.actor,
      updatedAt: new Date(row.updatedAt),
    };
  }

  /**
   * Locks the document's row for the rest of the transaction, creating it (empty) first when there is
   * none: so two writers are serialised even on a cluster that never had guardrails. The empty row is
   * part of the caller's transaction and goes away with it if nothing else is written.
   */
  async lock(empty: { document: GuardrailList; digest: string }, tx: Tx): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO "GuardrailDocument" ("id", "document", "digest", "actor", "updatedAt")
      VALUES (${CLUSTER}, ${JSON.stringify(empty.document)}::jsonb, ${empty.digest}, 'system', now())
      ON CONFLICT ("id") DO NOTHING`;
    await tx.$queryRaw`SELECT "id" FROM "GuardrailDocument" WHERE "id" = ${CLUSTER} FOR UPDATE`;
  }

  async save(document: GuardrailList, digest: string, actor: string, tx: Tx): Promise<StoredGuardrails> {
    const json = document as unknown as Prisma.InputJsonObject;
    const row = await tx.guardrailDocument.upsert({
      where: { id: CLUSTER },
      create: { id: CLUSTER, document: json, digest, actor },
      update: { document: json, digest, actor },
      select: { updatedAt: true },
    });
    return { document, digest, actor, updatedAt: new Date(row.updatedAt) };
  }

  async latest(tx: Tx = this.prisma): Promise<GuardrailVersion | undefined> {
    const row = await tx.guardrailVersion.findFirst({ orderBy: { number: 'desc' } });
    return row ? toVersion(row) : undefined;
  }

  /** The latest version's number only (its document can be large and is cached by number). */
  async latestHead(tx: Tx = this.prisma): Promise<{ number: number } | undefined> {
    const row = await tx.guardrailVersion.findFirst({ orderBy: { number: 'desc' }, select: { number: true } });
    return row ? { number: Number(row.number) } : undefined;
  }

  async findByNumber(number: number, tx: Tx = this.prisma): Promise<GuardrailVersion | undefined> {
    const row = await tx.guardrailVersion.findUnique({ where: { number } });
    return row ? toVersion(row) : undefined;
  }

  async list(page: { limit: number; offset: number }): Promise<{ items: GuardrailVersion[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.prisma.guardrailVersion.findMany({ orderBy: { number: 'desc' }, take: page.limit, skip: page.offset }),
      this.prisma.guardrailVersion.count(),
    ]);
    return { items: rows.map(toVersion), total };
  }

  async create(version: Omit<GuardrailVersion, 'createdAt'>, tx: Tx): Promise<GuardrailVersion> {
    const row = await tx.guardrailVersion.create({
      data: { ...version, document: version.document as unknown as Prisma.InputJsonObject },
      select: { createdAt: true },
    });
    return { ...version, createdAt: new Date(row.createdAt) };
  }
}

function toVersion(row: GuardrailVersionRow): GuardrailVersion {
  return {
    number: Number(row.number),
    document: row.document as unknown as GuardrailList,
    digest: row.digest,
    actor: row.actor,
    note: row.note,
    createdAt: new Date(row.createdAt),
  };
}
