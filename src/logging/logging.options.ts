/**
 * Structured logs: Fastify's own pino logger writes one JSON object per line to stdout, and Nest's
 * Logger is routed into the same stream (PinoNestLogger), so a log shipper sees a single format.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
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

/** The Fastify `logger` option: pino at LOG_LEVEL, or nothing at all when logging is off (tests). */
export function loggerOptions(config: AppConfig, enabled: boolean): FastifyServerOptions['logger'] {
  if (!enabled) return false;
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Our one-line-per-request hook below replaces Fastify's two lines (received, completed), and
    // we log no request or response objects, so no serializers that could emit headers are needed.
    serializers: {},
    base: { service: 'flowpolicy' },
  };
}

/**
 * One JSON line per finished request: reqId (from the request's child logger), method, url, route
 * template, statusCode and responseTime in milliseconds. At debug level, also a line when a
 * request arrives, so a request that never finishes can still be found.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    request.log.debug({ method: request.method, url: request.url }, 'request received');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
}
