import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error';
import { errorCodeToGraphqlCategory, errorCodeToHttpStatus } from '../errors/error-code.mappers';

/** Probes and scrapes: Kubernetes and Prometheus must never be told to back off. */
const UNLIMITED_ROUTES = new Set(['/health', '/health/ready', '/metrics']);

/** How many accepted tokens the limiter remembers (oldest forgotten first). */
const KNOWN_TOKENS_MAX = 10_000;

/**
 * At most `perMinute` requests per caller and minute (0: no limit). A caller is its bearer token —
 * keyed by a hash, so the secret never sits in memory as a map key — once that token has been
 * accepted (any answer but 401); until then, and without a token, its address. So a client cannot
 * escape the limit by sending a new made-up token with every request: those all count against its
 * address. Over the limit: 429 `request/rate_limited` with Retry-After, through the usual error handler.
 */
export async function installRateLimit(fastify: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute === 0) return;
  const callers = new CallerKeys(KNOWN_TOKENS_MAX);
  fastify.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 401) callers.accepted(request);
  });
  await fastify.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => callers.keyOf(request),
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

/** Rate-limit keys: `token:<sha256 of the Authorization header>` for accepted tokens, else `ip:<address>`. */
export class CallerKeys {
  /** Hashes of Authorization headers the service accepted, oldest first (a Map keeps insertion order). */
  private readonly known = new Map<string, true>();

  constructor(private readonly max: number) {}

  keyOf(request: Pick<FastifyRequest, 'headers' | 'ip'>): string {
    const hash = authorizationHash(request);
    return hash !== undefined && this.known.has(hash) ? `token:${hash}` : `ip:${request.ip}`;
  }

  accepted(request: Pick<FastifyRequest, 'headers'>): void {
    const hash = authorizationHash(request);
    if (hash === undefined || this.known.has(hash)) return;
    this.known.set(hash, true);
    if (this.known.size > this.max) this.known.delete(this.known.keys().next().value as string);
  }
}

function authorizationHash(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string' || authorization === '') return undefined;
  return createHash('sha256').update(authorization).digest('hex');
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
