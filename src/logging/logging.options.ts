/**
 * Structured logs: Fastify's own pino logger writes one JSON object per line to stdout, and Nest's
 * Logger is routed into the same stream (PinoNestLogger), so a log shipper sees a single format.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import type { AppConfig } from '../config/config';

/**
 * Paths pino censors wherever they appear in a log object. Our own lines never carry headers or
 * bodies; this guards a future `log.info({ req })` from leaking credentials.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'password',
  'token',
];

/** Where log lines go instead of stdout (tests capture them). */
export interface LogStream {
  write(line: string): void;
}

/** The Fastify `logger` option: pino at LOG_LEVEL, or nothing at all when logging is off (tests). */
export function loggerOptions(config: AppConfig, enabled: boolean, stream?: LogStream): FastifyServerOptions['logger'] {
  if (!enabled) return false;
  return {
    ...(stream === undefined ? {} : { stream }),
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Our one-line-per-request hook below replaces Fastify's two lines (received, completed), and
    // we log no request or response objects, so no serializers that could emit headers are needed.
    serializers: {},
    base: { service: 'flowpolicy' },
  };
}

/**
 * A URL as logged: the path, and the query's parameter names with their values redacted. A query can
 * carry what must never reach a log (`?access_token=<secret>`, refused by every route but still sent),
 * and the route template and status say what the request was.
 */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  // Every request's log line pays for this: one pass over the query, no arrays. `equals` is the next
  // '=' at or after the pair (the query's length when there is none), looked for again only once a pair
  // has passed it, so a query of many pairs without values is not scanned again for each.
  let logged = url.slice(0, at + 1);
  let separator = '';
  let equals = at;
  for (let start = at + 1; start <= url.length;) {
    const next = url.indexOf('&', start);
    const end = next < 0 ? url.length : next;
    if (end > start) {
      if (equals < start) {
        const found = url.indexOf('=', start);
        equals = found < 0 ? url.length : found;
      }
      logged += `${separator}${url.slice(start, Math.min(equals, end))}=[redacted]`;
      separator = '&';
    }
    start = end + 1;
  }
  return logged;
}

/**
 * One JSON line per finished request: reqId (from the request's child logger), method, url (query
 * values redacted), route template, statusCode and responseTime in milliseconds. At debug level, also
 * a line when a request arrives, so a request that never finishes can still be found.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  // The level is fixed at start (LOG_LEVEL): above debug, the hook would be one more promise per request for nothing.
  if (debugEnabled(fastify.log)) {
    fastify.addHook('onRequest', async (request) => {
      request.log.debug({ method: request.method, url: loggedUrl(request.url) }, 'request received');
    });
  }
  fastify.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: loggedUrl(request.url),
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
}

/** Whether pino writes debug lines; Fastify's logger when logging is off (tests) has no levels and writes nothing. */
function debugEnabled(log: FastifyBaseLogger): boolean {
  const isLevelEnabled = (log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return isLevelEnabled?.call(log, 'debug') ?? false;
}
