import { Injectable } from '@nestjs/common';
import { validationFailed } from '../common/validation/validation.pipe';
import type { AuditEvent, AuditFilter } from './audit-event.model';
import { AuditRepository, type AuditPosition } from './audit.repository';

export const DEFAULT_AUDIT_PAGE_SIZE = 100;

export interface AuditPage {
  readonly items: AuditEvent[];
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

/** Reads the audit log. Writing it is each service's job, inside its own transaction (AuditRepository.record). */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list({
    limit = DEFAULT_AUDIT_PAGE_SIZE,
    offset = 0,
    cursor,
    ...filter
  }: AuditFilter & { limit?: number; offset?: number; cursor?: string }): Promise<AuditPage> {
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw validationFailed([{ field: 'to', reason: 'must be later than from' }]);
    }
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    // One more than asked tells whether another page exists without a count.
    const rows = await this.audit.list(filter, { limit: limit + 1, offset, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}

function encodeCursor(event: AuditPosition): string {
  return Buffer.from(`${event.at.toISOString()}|${event.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): AuditPosition {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) {
    throw validationFailed([{ field: 'cursor', reason: 'is not a cursor this API returned' }]);
  }
  return { at: date, id: id as string };
}
