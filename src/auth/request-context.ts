import { AsyncLocalStorage } from 'node:async_hooks';

/** The authenticated caller: a token's id and name, its role, and the applications it may touch. */
export interface Principal {
  id: string;
  name: string;
  role: 'viewer' | 'editor' | 'publisher' | 'admin';
  applications: string[];
}

/** Per-request state, set once by the auth layer and readable anywhere below it (services, audit). */
export const requestContext = new AsyncLocalStorage<{ principal?: Principal; requestId: string }>();

export function currentPrincipal(): Principal | undefined {
  return requestContext.getStore()?.principal;
}
