import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ACCESS_METADATA = 'flowpolicy:access';

/** What a handler declares; the guard denies every handler that declares nothing (fail closed). */
export type AccessRule =
  | { readonly public: true }
  | {
      readonly public?: false;
      readonly role: Role;
      /** GraphQL argument naming the application (REST always uses the `:app` path parameter). */
      readonly applicationArg?: string;
      /** Only a token for all applications may call this (token management, creating applications). */
      readonly allApplications?: boolean;
    };

/**
 * The least role a caller needs. Routes under an application (`:app`, or the GraphQL argument
 * `application`, or the one named by `applicationArg`) also check the token's application scope.
 */
export const RequiresRole = (role: Role, options: { applicationArg?: string; allApplications?: boolean } = {}) =>
  SetMetadata(ACCESS_METADATA, { role, ...options } satisfies AccessRule);

/**
 * Routes open without a token, which take no body: probes and scrapes. Their handlers are @Public; a
 * @Public handler missing here still needs a token (fail closed), and a test compares the two.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/health', '/health/ready', '/metrics']);

/** Open to anyone, no token needed: liveness, readiness, metrics. */
export const Public = () => SetMetadata(ACCESS_METADATA, { public: true } satisfies AccessRule);
