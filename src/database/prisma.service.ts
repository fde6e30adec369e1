import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PrismaClient } from '../generated/prisma/client';
import { DataDirLock } from './data-dir-lock';
import { applyMigrations, MIGRATIONS_DIR } from './migrator';
import { createPGliteAdapterFactory } from './pglite-adapter';

/** How long a Postgres connection attempt may take before start-up (or a query) gives up. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Connections in the Postgres pool (node-postgres' default, stated here so that tests and operators can count on it). */
export const DATABASE_POOL_SIZE = 10;
/**
 * How long an interactive transaction may wait for a connection before it gives up (Prisma's default is
 * 2 s). Writes to one application queue behind its row lock, so under a burst (25 editors and 25
 * publishes on a pool of 10, on a busy machine) a write legitimately waits for a connection longer
 * than 2 s; failing it then answered a 500 (P2028). Waiting is the right answer to a burst; a
 * transaction still waiting after this long gets a 503 the client may retry (database-errors.ts).
 */
export const TRANSACTION_MAX_WAIT_MS = 30_000;

/** The database could not be reached at start; the process must not serve without it. */
export class DatabaseConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseConnectionError';
  }
}

interface Backend {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /** Where we connect, for messages: DATABASE_URL without its password, or the PGlite folder. */
  readonly description: string;
  /** The embedded database, when there is no DATABASE_URL; closed with the service. */
  readonly pglite?: PGlite;
  /** Keeps a second process off the same embedded database. */
  readonly lock?: DataDirLock;
}

/**
 * Prisma Client on Postgres (DATABASE_URL) or, without it, on an embedded PGlite database kept in
 * `${dataDir}/pglite`. Start-up connects, applies pending prisma/migrations, and throws when either
 * fails: the service never runs on a database it cannot reach or that has an older schema.
 *
 * PGlite is one connection: queries wait while an interactive transaction holds it, so code must
 * not await a query outside a transaction from inside its callback (it would wait forever).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  private readonly backend: Backend;
  private queries = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const backend = openBackend(config);
    super({
      adapter: backend.factory,
      log: [{ emit: 'event', level: 'query' }],
      transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
    });
    this.backend = backend;
    // The class is not generic over its log options here (Nest instantiates it), so $on's type says never.
    (this as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => {
      this.queries += 1;
    });
  }

  /**
   * SQL statements sent since start. Specs use it to prove a GraphQL query costs a fixed number of
   * queries however many applications it returns (DataLoaders); a metrics endpoint could expose it.
   */
  get queryCount(): number {
    return this.queries;
  }

  async onModuleInit(): Promise<void> {
    const { description, factory, pglite } = this.backend;
    try {
      await pglite?.waitReady;
      await this.$connect();
      await this.ping();
    } catch (error) {
      await this.onModuleDestroy().catch(() => {});
      throw new DatabaseConnectionError(`Cannot connect to the database at ${description}: ${messageOf(error)}`, {
        cause: error,
      });
    }
    try {
      const applied = await applyMigrations(factory, MIGRATIONS_DIR);
      if (applied.length > 0) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
    } catch (error) {
      await this.onModuleDestroy().catch(() => {});
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    if (this.backend.pglite && !this.backend.pglite.closed) await this.backend.pglite.close();
    this.backend.lock?.release();
  }

  /** Readiness: resolves when the database answers `SELECT 1`, rejects with the driver's error otherwise. */
  async ping(): Promise<void> {
    await this.$queryRaw`SELECT 1`;
  }
}

function openBackend(config: AppConfig): Backend {
  if (config.databaseUrl !== undefined) {
    return {
      factory: new PrismaPg({
        connectionString: config.databaseUrl,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        max: DATABASE_POOL_SIZE,
      }),
      description: `DATABASE_URL=${redact(config.databaseUrl)}`,
    };
  }
  const dataDir = join(config.dataDir, 'pglite');
  mkdirSync(dataDir, { recursive: true });
  const lock = DataDirLock.acquire(config.dataDir);
  const pglite = new PGlite(dataDir);
  return {
    factory: createPGliteAdapterFactory(pglite),
    description: `the embedded database in ${dataDir}`,
    pglite,
    lock,
  };
}

function redact(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password !== '') url.password = '***';
  return url.toString();
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // pg reports a refused connection as an AggregateError (one error per address tried), empty message.
  if (error instanceof AggregateError && error.message === '') return error.errors.map(messageOf).join('; ');
  // Prisma prefixes the driver's words with "Invalid `prisma.$queryRaw()` invocation:" and blank lines.
  return error.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Invalid `prisma'))
    .join(' ');
}
