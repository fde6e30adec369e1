import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error';
import { hookError } from '../common/http/hook-error';
import type { Principal } from './request-context';
import type { TokensService } from './tokens.service';

/**
 * Routes open without a token, which take no body: probes and scrapes. Their handlers are @Public; a
 * @Public handler missing here still needs a token (fail closed), and a test compares the two.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/health', '/health/ready', '/metrics']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once its token is verified (authentication.hook.ts); the guard reads it. */
    principal?: Principal;
  }
}

/**
 * The token is checked first, as a request arrives, before its body is read or parsed (JSON and YAML
 * parsers, GraphQL parsing and validation are work an anonymous caller must not be able to ask for).
 * A request refused is answered as soon as the rate limit has counted it against its address
 * (rate-limit.ts, keyed by the verified token or the address): in preParsing, which runs before any
 * byte of the body is read.
 */
export function installAuthentication(fastify: FastifyInstance, tokens: TokensService): void {
  const refused = new WeakMap<FastifyRequest, AppError>();
  fastify.addHook('onRequest', async (request) => {
    if (PUBLIC_ROUTES.has(request.routeOptions.url ?? '')) return;
    try {
      request.principal = await tokens.authenticate(authorizationOf(request));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.set(request, error);
    }
  });
  fastify.addHook('preParsing', async (request, reply, payload) => {
    const error = refused.get(request);
    if (error === undefined) return payload;
    // RFC 6750 section 3; set here too because Mercurius answers /graphql's hook errors itself.
    if (error.code === 'auth/unauthenticated') void reply.header('www-authenticate', 'Bearer realm="flowpolicy"');
    throw hookError(error, String(request.id));
  });
}

export function authorizationOf(request: FastifyRequest): string | undefined {
  const value = request.headers.authorization;
  return Array.isArray(value) ? value[0] : value;
}
