import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error';
import { hookError } from '../common/http/hook-error';
import { PUBLIC_ROUTES } from '../common/access/requires-role.decorator';
import type { TokensService } from './tokens.service';

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
