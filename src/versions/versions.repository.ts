import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Prisma, type Channel as ChannelRow, type PolicyVersion as PolicyVersionRow } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { Finding, Topology } from '../engine';
import type { Channel, PolicyVersion, VersionHead } from './version.model';

export type NewVersion = Omit<PolicyVersion, 'id' | 'createdAt'>;

/** Owns the Prisma queries for policy versions and channels, and the row <-> model mapping. */
@Injectable()
export class VersionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The latest version's number and digest only (a version's manifests and topology can be megabytes). */
  async latestHead(
    applicationId: string,
    tx: Tx = this.prisma,
  ): Promise<{ number: number; digest: string } | undefined> {
    const row = await tx.policyVersion.findFirst({
      where: { applicationId },
      orderBy: { number: 'desc' },
      select: { number: true, digest: true },
    });
    return row ? { number: Number(row.number), digest: row.digest } : undefined;
  }

  /**
   * One indexed query: the application by name and the number and digest of its latest version.
   * undefined when the application does not exist.
   */
  async headByName(app: string): Promise<VersionHead | undefined> {
    const rows = await this.prisma.$queryRaw<{ applicationId: string; number: number | null; digest: string | null }[]>`
      SELECT a.id AS "applicationId", v.number, v.digest
      FROM "Application" a
      LEFT JOIN LATERAL (
        SELECT p.number, p.digest FROM "PolicyVersion" p
        WHERE p."applicationId" = a.id
        ORDER BY p.number DESC
        LIMIT 1
      ) v ON true
      WHERE a.name = ${app}`;
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      applicationId: row.applicationId,
      number: row.number === null ? null : Number(row.number),
      digest: row.digest,
    };
  }

  async findByNumber(applicationId: string, number: number, tx: Tx = this.prisma): Promise<PolicyVersion | undefined> {
    const row = await tx.policyVersion.findUnique({ where: { applicationId_number: { applicationId, number } } });
    return row ? toVersion(row) : undefined;
  }

  async list(
    applicationId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: PolicyVersion[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.prisma.policyVersion.findMany({
        where: { applicationId },
        orderBy: { number: 'desc' },
        take: page.limit,
        skip: page.offset,
      }),
      this.prisma.policyVersion.count({ where: { applicationId } }),
    ]);
    return { items: rows.map(toVersion), total };
  }

  /**
   * Stores a version; only what the database adds (createdAt) is read back. One INSERT with the
   * topology and findings as JSON text: Prisma's create walks a Json value node by node before it
   * serialises it (about 100 ms for 1,000 components and 5,000 flows), and jsonb stores the same
   * value either way. A unique violation is a raw query's P2010 here (isUniqueViolation).
   */
  async create(version: NewVersion, tx: Tx): Promise<PolicyVersion> {
    const id = randomUUID();
    const [row] = await tx.$queryRaw<[{ createdAt: Date }]>`
      INSERT INTO "PolicyVersion" ("id", "applicationId", "number", "digest", "manifests", "policyCount",
        "topology", "findings", "guardrailVersion", "actor", "note")
      VALUES (${id}::uuid, ${version.applicationId}::uuid, ${version.number}::int, ${version.digest},
        ${version.manifests}, ${version.policyCount}::int, ${JSON.stringify(version.topology)}::jsonb,
        ${JSON.stringify(version.findings)}::jsonb, ${version.guardrailVersion}::int, ${version.actor}, ${version.note})
      RETURNING "createdAt"`;
    return { ...version, id, createdAt: new Date(row.createdAt) };
  }

  async findChannel(applicationId: string, name: string, tx: Tx = this.prisma): Promise<Channel | undefined> {
    const row = await tx.channel.findUnique({
      where: { applicationId_name: { applicationId, name } },
      include: { version: true },
    });
    return row ? toChannel(row) : undefined;
  }

  async listChannels(applicationId: string): Promise<Channel[]> {
    const rows = await this.prisma.channel.findMany({
      where: { applicationId },
      include: { version: true },
      orderBy: { name: 'asc' },
    });
    return rows.map(toChannel);
  }

  /** Points the channel at the version, inside the caller's transaction (which found whether it existed). */
  async upsertChannel(applicationId: string, name: string, versionId: string, tx: Tx): Promise<Channel> {
    const row = await tx.channel.upsert({
      where: { applicationId_name: { applicationId, name } },
      create: { applicationId, name, versionId },
      update: { versionId },
      include: { version: true },
    });
    return toChannel(row);
  }

  async deleteChannel(applicationId: string, name: string, tx: Tx = this.prisma): Promise<boolean> {
    const { count } = await tx.channel.deleteMany({ where: { applicationId, name } });
    return count > 0;
  }

  /** For DataLoaders: the latest version of each application, in one query. */
  async latestOf(applicationIds: readonly string[]): Promise<Map<string, PolicyVersion>> {
    if (applicationIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<PolicyVersionRow[]>`
      SELECT DISTINCT ON ("applicationId") *
      FROM "PolicyVersion"
      WHERE "applicationId" IN (${uuidList(applicationIds)})
      ORDER BY "applicationId", "number" DESC`;
    return new Map(rows.map((row) => [row.applicationId, toVersion(row)]));
  }

  async channelsOf(applicationIds: readonly string[]): Promise<Map<string, Channel[]>> {
    const rows = await this.prisma.channel.findMany({
      where: { applicationId: { in: [...applicationIds] } },
      include: { version: true },
      orderBy: { name: 'asc' },
    });
    const groups = new Map<string, Channel[]>();
    for (const row of rows) groups.set(row.applicationId, [...(groups.get(row.applicationId) ?? []), toChannel(row)]);
    return groups;
  }

  async versionsOf(
    applicationIds: readonly string[],
    page: { limit: number; offset: number },
  ): Promise<Map<string, PolicyVersion[]>> {
    // One query for all applications: number each application's versions newest first, keep the page.
    const rows = await this.prisma.$queryRaw<(PolicyVersionRow & { rank: bigint })[]>`
      SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY "applicationId" ORDER BY "number" DESC) AS rank
        FROM "PolicyVersion"
        WHERE "applicationId" IN (${uuidList(applicationIds)})
      ) ranked
      WHERE rank > ${page.offset} AND rank <= ${page.offset + page.limit}
      ORDER BY "applicationId", "number" DESC`;
    const groups = new Map<string, PolicyVersion[]>();
    for (const row of rows) {
      groups.set(row.applicationId, [...(groups.get(row.applicationId) ?? []), toVersion(row)]);
    }
    return groups;
  }
}

function uuidList(ids: readonly string[]): Prisma.Sql {
  return Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
}

function toVersion(row: PolicyVersionRow): PolicyVersion {
  return {
    id: row.id,
    applicationId: row.applicationId,
    number: Number(row.number),
    digest: row.digest,
    manifests: row.manifests,
    policyCount: Number(row.policyCount),
    topology: row.topology as unknown as Topology,
    findings: row.findings as unknown as Finding[],
    guardrailVersion: row.guardrailVersion === null ? null : Number(row.guardrailVersion),
    actor: row.actor,
    note: row.note,
    createdAt: new Date(row.createdAt),
  };
}

function toChannel(row: ChannelRow & { version: PolicyVersionRow }): Channel {
  return { name: row.name, version: toVersion(row.version), updatedAt: row.updatedAt };
}
