import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { contractClient, type ContractClient } from './api';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { createTestDatabase } from './database';
import { TEST_ADMIN_TOKEN } from './tokens';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real application on a database of its own: a clone of the migrated template on Postgres
 * when DATABASE_URL is set, else a fresh embedded PGlite directory. One per test file, so files
 * run in parallel without sharing state. Its admin token is TEST_ADMIN_TOKEN (`overrides` may
 * change any setting, e.g. `{ adminToken: undefined }` to test the first-start bootstrap).
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: AppConfig = {
    ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: TEST_ADMIN_TOKEN }),
    // A suite makes hundreds of requests a minute from one address; the rate-limit spec sets its own.
    rateLimitPerMinute: 1_000_000,
    databaseUrl: undefined,
    ...database.config,
    ...overrides,
  };
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

export interface SuiteApp {
  /** The running application (available inside tests, after beforeAll). */
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  /** A contract-checking client for the suite's application; usable as soon as tests run. */
  readonly api: ContractClient;
}

/** One application for the enclosing describe block: booted in beforeAll, closed in afterAll. */
export function useTestApp(): SuiteApp {
  let current: TestApp | undefined;
  let client: ContractClient | undefined;
  beforeAll(async () => {
    current = await createTestApp();
    client = contractClient(current.app);
  });
  afterAll(async () => {
    await current?.close();
  });
  const started = (): TestApp => {
    if (!current) throw new Error('useTestApp(): the application starts in beforeAll; use it inside tests');
    return current;
  };
  const forward =
    (method: keyof ContractClient) =>
    (...args: unknown[]) =>
      (client as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args);
  const api = {
    get: forward('get'),
    delete: forward('delete'),
    post: forward('post'),
    put: forward('put'),
    patch: forward('patch'),
  } as ContractClient;
  return {
    get app() {
      return started().app;
    },
    get config() {
      return started().config;
    },
    api,
  };
}
