import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface GracefulShutdownOptions {
  /** How long requests in flight may take to finish before their connections are closed. */
  readonly timeoutMs: number;
  readonly logger: LoggerService;
  /** Ends the process; tests replace it. */
  readonly exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight finish (up to the
 * deadline), then close the application — Prisma and the embedded database — and exit 0; exit 1
 * when the deadline cut requests off or closing failed.
 *
 * Why not Nest's enableShutdownHooks(): its close() runs onModuleDestroy (which disconnects Prisma)
 * before it closes the HTTP server, so a request in flight would lose its database; and it ends
 * the process by re-raising the signal, which reports a kill rather than a clean exit. Here the
 * HTTP server is drained first; Fastify's close() waits for requests in flight, answers 503 to new
 * requests on kept-alive connections, and closes idle ones.
 */
export function installGracefulShutdown(app: NestFastifyApplication, options: GracefulShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      options.logger.warn(`${signal} received again; still shutting down`);
      return;
    }
    shuttingDown = true;
    void shutdown(app, signal, options).then(exit);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
}

async function shutdown(
  app: NestFastifyApplication,
  signal: NodeJS.Signals,
  { timeoutMs, logger }: GracefulShutdownOptions,
): Promise<number> {
  const fastify = app.getHttpAdapter().getInstance();
  logger.log(`${signal} received: no new connections; waiting up to ${timeoutMs} ms for requests in flight`);
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
