import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { HealthService } from './health/health.service';
import { installGracefulShutdown } from './shutdown/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  installGracefulShutdown(app, {
    timeoutMs: config.shutdownTimeoutMs,
    delayMs: config.shutdownDelayMs,
    readiness: app.get(HealthService),
    logger: new Logger('Shutdown'),
  });
  // The bound port, not config.port: PORT=0 picks a free one (the shutdown spec relies on it).
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const database = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  new Logger('flowpolicy').log(`listening on ${url} (database: ${database}); try ${url}/health`);
}

main().catch((error: unknown) => {
  // Before the app exists there is no JSON logger; these go to stderr as plain text.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`flowpolicy failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
