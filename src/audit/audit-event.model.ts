import type { Requester } from '../common/access/request-context';
/** Every kind of write the service records. A write route without one of these is a bug (test/audit.e2e-spec.ts). */
export const AUDIT_ACTIONS = [
  'application.create',
  'application.update',
  'application.delete',
  'namespace.grant',
  'namespace.revoke',
  'component.put',
  'component.delete',
  'external.put',
  'external.delete',
  'flow.create',
  'flow.delete',
  'topology.put',
  'version.publish',
  'channel.set',
  'channel.delete',
  'token.create',
  'token.revoke',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a service says about its write, and who asked for it. */
export interface AuditRecord {
  /** Who asked for the write (the caller and the request id). */
  readonly by: Requester;
  readonly action: AuditAction;
  readonly application?: string;
  /** The object written: a component, external or channel name, a flow id, a version number. */
  readonly target?: string;
  readonly digestBefore?: string | null;
  readonly digestAfter?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditEvent {
  readonly id: string;
  readonly at: Date;
  readonly actor: string;
  readonly tokenId: string | null;
  readonly action: string;
  readonly application: string | null;
  readonly target: string | null;
  readonly digestBefore: string | null;
  readonly digestAfter: string | null;
  readonly requestId: string;
  readonly details: Readonly<Record<string, unknown>> | null;
}

export interface AuditFilter {
  readonly application?: string;
  readonly actor?: string;
  readonly from?: Date;
  readonly to?: Date;
}
