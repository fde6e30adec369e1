import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { ApiToken as ApiTokenRow } from '../generated/prisma/client';
import type { Role } from '../common/access/roles';
import type { ApiToken } from './token.model';

export interface TokenWrite {
  readonly name: string;
  readonly role: Role;
  readonly applications: readonly string[];
  readonly expiresAt?: Date | null;
  readonly tokenHash: string;
  readonly prefix: string;
}

@Injectable()
export class TokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: TokenWrite, tx: Tx = this.prisma): Promise<ApiToken> {
    const row = await tx.apiToken.create({ data: { ...input, applications: [...input.applications] } });
    return toApiToken(row);
  }

  /** The token whose secret hashes to `tokenHash`, with the stored hash for the constant-time check. */
  async findByHash(
    tokenHash: string,
    tx: Tx = this.prisma,
  ): Promise<{ token: ApiToken; tokenHash: string } | undefined> {
    const row = await tx.apiToken.findUnique({ where: { tokenHash } });
    return row ? { token: toApiToken(row), tokenHash: row.tokenHash } : undefined;
  }

  async list(tx: Tx = this.prisma): Promise<ApiToken[]> {
    const rows = await tx.apiToken.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toApiToken);
  }

  async count(tx: Tx = this.prisma): Promise<number> {
    return tx.apiToken.count();
  }

  /** Sets revokedAt once; false when no token has this id. */
  async revoke(id: string, at: Date, tx: Tx = this.prisma): Promise<boolean> {
    const token = await tx.apiToken.findUnique({ where: { id }, select: { revokedAt: true } });
    if (!token) return false;
    if (token.revokedAt === null) await tx.apiToken.update({ where: { id }, data: { revokedAt: at } });
    return true;
  }

  /** Records a use, at most once per `staleBefore` window (one write a minute, not one per request). */
  async touch(id: string, at: Date, staleBefore: Date, tx: Tx = this.prisma): Promise<void> {
    await tx.apiToken.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: at },
    });
  }

  async findByName(name: string, tx: Tx = this.prisma): Promise<ApiToken | undefined> {
    const row = await tx.apiToken.findUnique({ where: { name } });
    return row ? toApiToken(row) : undefined;
  }

  /** Revokes a token (if it is not already) and gives its name up, as `<name>-<id>`, for another to take. */
  async retire(token: ApiToken, at: Date, tx: Tx): Promise<void> {
    await tx.apiToken.update({
      where: { id: token.id },
      data: { name: `${token.name}-${token.id}`, revokedAt: token.revokedAt ?? at },
    });
  }

  /** The bootstrap admin: FLOWPOLICY_ADMIN_TOKEN made valid again (un-revoked, admin, all applications). */
  async upsertBootstrap(input: TokenWrite, tx: Tx): Promise<ApiToken> {
    const data = { ...input, applications: [...input.applications], revokedAt: null, expiresAt: null };
    return toApiToken(await tx.apiToken.upsert({ where: { tokenHash: input.tokenHash }, create: data, update: data }));
  }
}

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    applications: row.applications,
    prefix: row.prefix,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}
