import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface GracefulShutdownOptions {
  /** How long requests in flight may take to finish before their connections are closed. */
  readonly timeoutMs: number;
  /** How long the service keeps serving, not ready, before it stops accepting (SHUTDOWN_DELAY_MS). */
  readonly delayMs: number;
  /** Told first, so that /health/ready answers 503 while the service still serves. */
  readonly readiness: { markShuttingDown(): void };
  readonly logger: LoggerService;
  /** Ends the process; tests replace it. */
  readonly exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: report not ready and keep serving for the delay (load balancers, and
 * Kubernetes' endpoints, stop sending meanwhile; a second signal ends the delay early), then stop
 * accepting connections, let requests in flight finish (up to the deadline), close the application
 * — Prisma and the embedded database — and exit 0; exit 1 when the deadline cut requests off or
 * closing failed. From the signal on, every answer says `Connection: close`, so kept-alive clients
 * open their next connection elsewhere instead of finding this one closed.
 *
 * Why not Nest's enableShutdownHooks(): its close() runs onModuleDestroy (which disconnects Prisma)
 * before it closes the HTTP server, so a request in flight would lose its database; and it ends
 * the process by re-raising the signal, which reports a kill rather than a clean exit.
 */
export function installGracefulShutdown(app: NestFastifyApplication, options: GracefulShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let endDelay: (() => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (endDelay) {
      options.logger.warn(`${signal} received again; ending the shutdown delay, if any, now`);
      endDelay();
      return;
    }
    const delayEnded = new Promise<void>((resolve) => (endDelay = resolve));
    void shutdown(app, signal, options, delayEnded).then(exit);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
}

async function shutdown(
  app: NestFastifyApplication,
  signal: NodeJS.Signals,
  { timeoutMs, delayMs, readiness, logger }: GracefulShutdownOptions,
  delayEnded: Promise<void>,
): Promise<number> {
  const fastify = app.getHttpAdapter().getInstance();
  readiness.markShuttingDown();
  // Ahead of Fastify's own listener, so the header is set before any answer is written.
  fastify.server.prependListener('request', closeAfterAnswer);
  if (delayMs > 0) {
    logger.log(`${signal} received: not ready; serving for ${delayMs} ms (SHUTDOWN_DELAY_MS) before draining`);
    await waitFor(delayMs, delayEnded);
    logger.log(`shutdown delay over: no new connections; waiting up to ${timeoutMs} ms for requests in flight`);
  } else {
    logger.log(`${signal} received: no new connections; waiting up to ${timeoutMs} ms for requests in flight`);
  }
  await settle(fastify.server);
  let code = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const drained = await Promise.race([fastify.close().then(() => 'drained' as const), deadline]);
    if (drained === 'timeout') {
      logger.warn(`requests still in flight after ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); closing them`);
      fastify.server.closeAllConnections();
      code = 1;
    }
    await app.close();
    logger.log('shutdown complete');
  } catch (error) {
    logger.error('shutdown failed', error instanceof Error ? error.stack : String(error));
    code = 1;
  } finally {
    clearTimeout(timer);
  }
  return code;
}

function closeAfterAnswer(request: IncomingMessage, response: ServerResponse): void {
  if (request.httpVersionMajor < 2) response.setHeader('connection', 'close');
}

/** Resolves after `ms`, or as soon as `early` does. */
async function waitFor(ms: number, early: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), early]);
  clearTimeout(timer);
}

/** Turns of the event loop settle() waits at most: each may accept a connection that was waiting. */
const MAX_SETTLE_TURNS = 1_000;

/**
 * Closing the server closes its idle connections (Node's server.close(), and Fastify's
 * forceCloseConnections: 'idle') and refuses those still waiting to be accepted. But libuv accepts
 * one waiting connection per turn of the event loop and reads it in a later turn: a connection whose
 * request bytes arrived while the loop was busy (or before the signal was handled) looks idle, or is
 * not accepted yet, and closing resets it: the client gets ECONNRESET for a request it sent. So the
 * loop turns until a turn (after at least one poll for I/O) accepts no connection and starts no
 * request: every request that reached the socket by then has started, and is drained, not reset.
 */
async function settle(server: Server): Promise<void> {
  let events = 0;
  const count = () => void (events += 1);
  server.on('connection', count).on('request', count);
  try {
    for (let turn = 0, seen = -1; turn < MAX_SETTLE_TURNS && (turn < 2 || events !== seen); turn++) {
      seen = events;
      await nextTurn();
    }
  } finally {
    server.off('connection', count).off('request', count);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
