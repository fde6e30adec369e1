import { Injectable } from '@nestjs/common';
import { actorOf } from '../common/access/request-context';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { AuditEvent as AuditEventRow, Prisma } from '../generated/prisma/client';
import { type AuditEvent, type AuditFilter, type AuditRecord } from './audit-event.model';

/** Position in the newest-first order: events at the same millisecond are ordered by id. */
export interface AuditPosition {
  readonly at: Date;
  readonly id: string;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records one write. Takes the write's own transaction on purpose: the event commits exactly when
   * the change does, and a rejected write (validation, 409) rolls its event back with it.
   */
  async record(tx: Tx, event: AuditRecord): Promise<void> {
    const { principal, requestId } = event.by;
    await tx.auditEvent.create({
      data: {
        actor: actorOf(principal),
        tokenId: principal?.id ?? null,
        action: event.action,
        application: event.application ?? null,
        target: event.target ?? null,
        digestBefore: event.digestBefore ?? null,
        digestAfter: event.digestAfter ?? null,
        requestId,
        details: event.details === undefined ? undefined : (event.details as Prisma.InputJsonObject),
      },
    });
  }

  /** Newest first; `after` continues from the last event of the previous page. */
  async list(
    filter: AuditFilter,
    page: { limit: number; offset: number; after?: AuditPosition },
    tx: Tx = this.prisma,
  ): Promise<AuditEvent[]> {
    const where: Prisma.AuditEventWhereInput = {
      application: filter.application,
      actor: filter.actor,
      at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
    };
    const after = page.after;
    const rows = await tx.auditEvent.findMany({
      where: after
        ? { AND: [where, { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] }] }
        : where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: page.limit,
      skip: page.offset,
    });
    return rows.map(toAuditEvent);
  }
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    tokenId: row.tokenId,
    action: row.action,
    application: row.application,
    target: row.target,
    digestBefore: row.digestBefore,
    digestAfter: row.digestAfter,
    requestId: row.requestId,
    details: (row.details as Record<string, unknown> | null) ?? null,
  };
}
