import type { Role } from './roles';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once its token is verified (auth/authentication.hook.ts); the guard reads it. */
    principal?: Principal;
  }
}

/** The authenticated caller: a token's id and name, its role, and the applications it may touch. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** Application names; empty means all applications. */
  applications: string[];
}

/**
 * Who asks for a write, for its audit event and its version's actor: the authenticated caller and the
 * request's id. Handlers take it with @RequestedBy() and services take it as an argument, so a write that
 * forgets it does not compile. (An AsyncLocalStorage carried it before: it cost about half of every
 * request's time, in promise hooks and the interceptor that set it.)
 */
export interface Requester {
  readonly principal?: Principal;
  readonly requestId: string;
}

/**
 * The application names a caller may see, for list queries: undefined means all. Services take it
 * as an explicit argument (`scope`), so a forgotten filter is a type error, not a leak.
 */
export type ApplicationScope = readonly string[] | undefined;

export function scopeOf(principal: Principal | undefined): ApplicationScope {
  return principal && principal.applications.length > 0 ? principal.applications : undefined;
}

/** Whether the caller may touch this application (a scoped token outside its list may not). */
export function inScope(principal: Principal, application: string): boolean {
  return principal.applications.length === 0 || principal.applications.includes(application);
}

/** Who wrote when nobody authenticated (no write route is public; kept for the record's sake). */
export const ANONYMOUS_ACTOR = 'anonymous';

/** Who did it, for version and audit records: the token's name. */
export function actorOf(principal: Principal | undefined): string {
  return principal?.name ?? ANONYMOUS_ACTOR;
}
