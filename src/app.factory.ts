import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { AppError, ErrorCode } from './common/errors/app-error';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { GraphqlAnswerCache } from './common/graphql/answer-cache';
import { installAuthentication } from './auth/authentication.hook';
import { TokensService } from './auth/tokens.service';
import { installBodyParsers } from './common/http/body-parsers';
import { installBodyTimeout, installConnectionClose } from './common/http/body-timeout';
import { installRateLimit } from './common/http/rate-limit';
import { installSecurityHeaders } from './common/http/security-headers.hook';
import { createValidationPipe } from './common/validation/validation.pipe';
import type { AppConfig } from './config/config';
import { YAML_LIMITS } from './engine';
import { installResponseLimit } from './graphql/query-limits';
import { installRequestLogging, loggerOptions, type LogStream } from './logging/logging.options';
import { PinoNestLogger } from './logging/pino-nest.logger';
import { installHttpMetrics } from './metrics/http-metrics.hook';
import { MetricsService } from './metrics/metrics.service';
import { NumberedPulls } from './versions/numbered-pull.hook';
import { ReachabilityController } from './reachability/reachability.controller';
import { ReachabilityHook } from './reachability/reachability.hook';
import { DecisionLog } from './reachability/decision-log';

/** Largest request body accepted (a topology of thousands of components and flows fits). */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** YAML aliases allowed in one request (engine/yaml-limits.ts). */
export const YAML_MAX_ALIASES = YAML_LIMITS.maxAliases;
export { MAX_BODY_ELEMENTS, MAX_JSON_DEPTH } from './common/http/json-limits';

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
  // The decision log writes into the same stream, straight through pino (see DecisionLog).
  if (logging) app.get(DecisionLog).attach(fastify.log);
  // The token first, then the rate limit (keyed by it), then the body: nothing is read or parsed
  // for a caller without a valid token. Hooks added here run before the routes' own (the limit's).
  installAuthentication(fastify, app.get(TokensService));
  installBodyTimeout(fastify, config.bodyTimeoutMs);
  installConnectionClose(fastify);
  installResponseLimit(fastify);
  installSecurityHeaders(fastify);
  installHttpMetrics(fastify, app.get(MetricsService));
  // After authentication: a kept answer is served only to the token it was made for.
  app.get(GraphqlAnswerCache).install(fastify, '/graphql');
  // After authentication and the rate limit: a numbered version's pull answered before Nest's pipeline.
  app.get(NumberedPulls).install(fastify);
  const validation = createValidationPipe();
  app.get(ReachabilityHook).install(fastify, {
    controller: app.get(ReachabilityController),
    pipe: validation,
    errors,
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  installBodyParsers(fastify);
  app.useGlobalPipes(validation);
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
