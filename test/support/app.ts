import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { createTestDatabase } from './database';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real application on a database of its own: a clone of the migrated template on Postgres
 * when DATABASE_URL is set, else a fresh embedded PGlite directory. One per test file, so files
 * run in parallel without sharing state.
 */
export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: AppConfig = { ...loadConfig({}), databaseUrl: undefined, ...database.config };
  const app = await createApp(config, { logger: false });
  return {
    app,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
