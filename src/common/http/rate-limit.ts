import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error';
import { errorCodeToGraphqlCategory, errorCodeToHttpStatus } from '../errors/error-code.mappers';

/** Probes and scrapes: Kubernetes and Prometheus must never be told to back off. */
const UNLIMITED_ROUTES = new Set(['/health', '/health/ready', '/metrics']);

/**
 * At most `perMinute` requests per caller and minute (0: no limit). A caller is its bearer token —
 * keyed by a hash, so the secret never sits in memory as a map key — or, without one, its address.
 * Over the limit: 429 `request/rate_limited` with Retry-After, through the usual error handler.
 */
export async function installRateLimit(fastify: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute === 0) return;
  await fastify.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: callerKey,
    allowList: (request) => UNLIMITED_ROUTES.has(request.routeOptions.url ?? ''),
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

export function callerKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') {
    return `token:${createHash('sha256').update(authorization).digest('hex')}`;
  }
  return `ip:${request.ip}`;
}

/**
 * The error thrown from the limit's hook. REST answers it through our error handler; on /graphql,
 * Mercurius answers hook errors itself, reading the status and `extensions` off the error, so it
 * carries them in the shape AllExceptionsFilter gives GraphQL errors.
 */
function rateLimited(requestId: string, max: number, ttlMs: number): AppError {
  const retryAfterSeconds = Math.ceil(ttlMs / 1000);
  const details = { limit: max, retryAfterSeconds };
  const error = new AppError(
    ErrorCode.RateLimited,
    `Too many requests: the limit is ${max} a minute; retry in ${retryAfterSeconds} s`,
    details,
  );
  return Object.assign(error, {
    statusCode: errorCodeToHttpStatus(error.code),
    extensions: { code: error.code, category: errorCodeToGraphqlCategory(error.code), details, requestId },
  });
}
