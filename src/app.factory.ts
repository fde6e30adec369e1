import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { parseDocument } from 'yaml';
import { AppModule } from './app.module';
import { AppError, ErrorCode } from './common/errors/app-error';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { YAML_MEDIA_TYPES } from './common/http/content-negotiation';
import { installRateLimit } from './common/http/rate-limit';
import { installSecurityHeaders } from './common/http/security-headers.hook';
import { createValidationPipe, nullFieldIn, validationFailed } from './common/validation/validation.pipe';
import type { AppConfig } from './config/config';
import { installRequestLogging, loggerOptions, type LogStream } from './logging/logging.options';
import { PinoNestLogger } from './logging/pino-nest.logger';
import { installHttpMetrics } from './metrics/http-metrics.hook';
import { MetricsService } from './metrics/metrics.service';

/** Largest request body accepted (a topology of thousands of components and flows fits). */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** YAML aliases allowed in one document: enough for real files, too few for a "billion laughs". */
export const YAML_MAX_ALIASES = 100;
/** Deepest nesting accepted in a body; real documents stay under 10. */
export const MAX_JSON_DEPTH = 32;

/**
 * Routes whose request body may be YAML: one document parsed here (topology-as-code), or Kubernetes
 * manifests (any number of documents), handed to the route as `{ manifests: <text> }` for the engine's
 * loader, which names the failing document and caps aliases itself.
 */
const YAML_ROUTES = new Map<string, 'document' | 'manifests'>([
  ['/v1/applications/:app/topology', 'document'],
  ['/v1/analysis/connectivity', 'manifests'],
  ['/v1/analysis/reachability', 'manifests'],
  ['/v1/applications/:app/drift', 'manifests'],
]);

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the application exactly as `npm start` runs it; e2e tests use the same function.
 * `logger: false` silences everything: Fastify's request log and Nest's Logger alike; `logStream`
 * receives the log lines instead of stdout.
 */
export async function createApp(
  config: AppConfig,
  options: { logger?: false; logStream?: LogStream } = {},
): Promise<NestFastifyApplication> {
  const logging = options.logger !== false;
  const errors = new AllExceptionsFilter();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: loggerOptions(config, logging, options.logStream),
    // One line per request, written by installRequestLogging, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Honour a caller's X-Request-Id when it is sane, so logs correlate across services.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // A path Fastify cannot route (a parameter over maxParamLength, bad percent-encoding) is answered
    // by Fastify itself, in its own shape and with a 414, unless it is handed to us here.
    // Answered before routing, so the onSend hook that names the request does not run: named here.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      errors.reply(fromUrlError(error), request, reply.header('x-request-id', request.id)),
  });
  // Before Nest and Mercurius add their routes: the limit hooks onto every route as it is added.
  await installRateLimit(adapter.getInstance(), config.rateLimitPerMinute);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    // Nest's Logger (start-up, the exception filter) writes into the same JSON stream as requests.
    logger: logging ? new PinoNestLogger(adapter.getInstance().log) : false,
    abortOnError: false,
    // Our own parsers below: JSON with a nesting limit, YAML where documented, nothing else.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  installRequestLogging(fastify);
  installSecurityHeaders(fastify);
  installHttpMetrics(fastify, app.get(MetricsService));
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Only JSON, and YAML where a route documents it; Fastify's default text/plain parser is dropped so
  // a wrong content type is a 415, not a string handed to validation.
  fastify.removeContentTypeParser('text/plain');
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      if (depthOf(value) > MAX_JSON_DEPTH) {
        return done(
          new AppError(ErrorCode.InvalidBody, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`),
          undefined,
        );
      }
      done(restNullError(request, value), value);
    });
  });
  fastify.addContentTypeParser([...YAML_MEDIA_TYPES], { parseAs: 'string' }, (request, body, done) => {
    try {
      const mode = YAML_ROUTES.get(request.routeOptions.url ?? '');
      if (mode === undefined) {
        throw new AppError(
          ErrorCode.UnsupportedMediaType,
          `${request.headers['content-type']} is not accepted here; send application/json`,
        );
      }
      if (mode === 'manifests') return done(null, { manifests: body as string });
      const value = parseYamlBody(body as string);
      if (depthOf(value) > MAX_JSON_DEPTH) {
        throw new AppError(ErrorCode.InvalidBody, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
      }
      done(restNullError(request, value), value);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(errors);
  // Replaces Nest's Fastify-level handler, which answers body-parsing errors (415, 413, bad JSON)
  // in Fastify's own shape. Fastify warns (FSTWRN004) on any override; start scripts silence it.
  fastify.setErrorHandler((error, request, reply) => errors.reply(error, request, reply));
  // No app.enableShutdownHooks(): main.ts installs its own signal handling (src/shutdown), which
  // drains requests in flight before Prisma disconnects and exits 0.
  await app.init();
  await fastify.ready();
  return app;
}

/** A path parameter too long or not decodable is an invalid request naming the path, not a 414. */
function fromUrlError(error: Error & { code?: string }): Error {
  if (error.code !== 'FST_ERR_MAX_PARAM_LENGTH' && error.code !== 'FST_ERR_BAD_URL') return error;
  const reason = error.code === 'FST_ERR_BAD_URL' ? 'is not a valid URL component' : 'is too long for a name';
  return new AppError(ErrorCode.ValidationFailed, `Invalid request: path: a parameter ${reason}`, [
    { field: 'path', reason: `a parameter ${reason}` },
  ]);
}

/**
 * REST fields are left out, never null: openapi.yaml allows null in no request field but a selector
 * expression's `values`, and Nest's validation would take null for absent. GraphQL is left alone: there
 * an optional input field is nullable, and null is how a client says it has no value.
 */
function restNullError(request: FastifyRequest, body: unknown): Error | null {
  if (!request.routeOptions.url?.startsWith('/v1/')) return null;
  const field = nullFieldIn(body);
  return field === undefined
    ? null
    : validationFailed([{ field, reason: 'must not be null (an optional field is left out instead)' }]);
}

/** Nesting depth of a parsed body, without recursion (a hostile body must not exhaust the stack). */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** One YAML document, strict: duplicate keys and alias bombs are errors, not surprises. */
export function parseYamlBody(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const problem = document.errors[0];
  if (problem) {
    throw new AppError(ErrorCode.InvalidBody, `Request body is not valid YAML: ${problem.message.split('\n')[0]}`);
  }
  try {
    return document.toJS({ maxAliasCount: YAML_MAX_ALIASES });
  } catch (error) {
    throw new AppError(ErrorCode.InvalidBody, `Request body is not valid YAML: ${(error as Error).message}`);
  }
}
