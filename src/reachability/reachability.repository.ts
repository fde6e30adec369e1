import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** Which stored version a selector names, without loading it: enough to find it in the cache. */
export interface VersionHead {
  readonly applicationId: string;
  /** null when the application has no such version (nothing published). */
  readonly number: number | null;
  readonly digest: string | null;
}

@Injectable()
export class ReachabilityRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One indexed query: the application by name and the number and digest of its latest version.
   * undefined when the application does not exist.
   */
  async latestHead(app: string): Promise<VersionHead | undefined> {
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
}
