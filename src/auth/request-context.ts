import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from './roles';

/** The authenticated caller: a token's id and name, its role, and the applications it may touch. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** Application names; empty means all applications. */
  applications: string[];
}

/** Per-request state, set once by the auth layer and readable anywhere below it (services, audit). */
export const requestContext = new AsyncLocalStorage<{ principal?: Principal; requestId: string }>();

export function currentPrincipal(): Principal | undefined {
  return requestContext.getStore()?.principal;
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

/** Who did it, for version and audit records: the token's name. */
export function actorOf(principal: Principal | undefined): string {
  return principal?.name ?? 'anonymous';
}
