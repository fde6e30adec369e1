import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error';
import { PUBLIC_ROUTES } from '../access/requires-role.decorator';
import { hookError } from './hook-error';

/**
 * At most `perMinute` requests per caller and minute (0: no limit). A caller is the token the request
 * was authenticated with (authentication.hook.ts runs first): its id, so however the header is
 * spelled (`Bearer`, `bearer`) one token has one budget. Until a token is verified (no token, a
 * made-up one, a revoked one), the caller is the client address: inventing tokens, or sending them to
 * /health first, does not escape the limit. Over the limit: 429 `request/rate_limited` with
 * Retry-After, through the usual error handler.
 */
export async function installRateLimit(fastify: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute === 0) return;
  await fastify.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => rateLimitKey(request),
    allowList: (request) => PUBLIC_ROUTES.has(request.routeOptions.url ?? ''),
    // Retry-After only on a 429; the x-ratelimit-* headers on every answer would be noise.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
    errorResponseBuilder: (request, context) => rateLimited(String(request.id), context.max, context.ttl),
  });
}

/** `token:<id>` for a request whose token was verified, else `ip:<address>`. */
export function rateLimitKey(request: Pick<FastifyRequest, 'principal' | 'ip'>): string {
  return request.principal ? `token:${request.principal.id}` : `ip:${request.ip}`;
}

/** The error thrown from the limit's hook (see hookError). */
function rateLimited(requestId: string, max: number, ttlMs: number): AppError {
  const retryAfterSeconds = Math.ceil(ttlMs / 1000);
  const details = { limit: max, retryAfterSeconds };
  const error = new AppError(
    ErrorCode.RateLimited,
    `Too many requests: the limit is ${max} a minute; retry in ${retryAfterSeconds} s`,
    details,
  );
  return hookError(error, requestId);
}
