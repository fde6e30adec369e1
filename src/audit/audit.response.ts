import type { AuditEvent } from './audit-event.model';
import type { AuditPage } from './audit.service';

export function toAuditEventResponse(event: AuditEvent) {
  return { ...event, at: event.at.toISOString() };
}

export function toAuditPageResponse(page: AuditPage) {
  return { items: page.items.map(toAuditEventResponse), nextCursor: page.nextCursor };
}
