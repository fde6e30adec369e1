/**
 * Applies prisma/migrations the way `prisma migrate deploy` does — same folder format, same
 * _prisma_migrations bookkeeping, same engine — through Prisma's WebAssembly schema engine and a
 * driver adapter, so the service can migrate its database at start without the Prisma CLI.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { loadSchemaEngine, type MigrationList, type SchemaFilter } from './schema-engine';

/** prisma/migrations of this checkout; the same path from src/database and dist/database. */
export const MIGRATIONS_DIR = resolve(__dirname, '..', '..', 'prisma', 'migrations');

const LOCKFILE = 'migration_lock.toml';
const MIGRATION_FILE = 'migration.sql';
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Applies every migration of `migrationsDir` not yet recorded in the database's _prisma_migrations
 * table and returns their names (empty when the database is up to date). On Postgres the engine
 * holds Prisma's advisory lock meanwhile, so replicas starting together migrate one at a time.
 *
 * Connections the engine opens through `adapterFactory` are closed before this returns; a PGlite
 * client passed in through the factory stays open (its adapter's dispose does not close it).
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string = MIGRATIONS_DIR,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const migrationsList = await readMigrationsList(migrationsDir);
  const { SchemaEngine } = loadSchemaEngine();
  const connections = new ConnectionTracker(adapterFactory);
  try {
    // No datamodel: applying migrations needs only the adapter (its provider picks the connector).
    const engine = await SchemaEngine.new(
      { datamodels: undefined },
      log,
      bindMigrationAwareSqlAdapterFactory(connections),
    );
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      return appliedMigrationNames;
    } finally {
      engine.free();
    }
  } catch (error) {
    throw new MigrationError(`Applying ${migrationsDir} failed: ${messageOf(error)}`, { cause: error });
  } finally {
    await connections.disposeAll();
  }
}

/** The migrations folder as the engine reads it; mirrors the Prisma CLI's own reader. */
export async function readMigrationsList(migrationsDir: string, shadowDbInitScript = ''): Promise<MigrationList> {
  const lockContent = await readFile(join(migrationsDir, LOCKFILE), 'utf8').catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: MIGRATION_FILE,
        content: await readFile(join(migrationsDir, name, MIGRATION_FILE), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript,
    migrationDirectories,
  };
}

/**
 * The wasm engine's free() does not dispose the connections it opened: a pg pool would linger
 * (holding a session on the database, which blocks CREATE DATABASE ... TEMPLATE) until its idle
 * timeout. So we hand the engine a factory that remembers what it opened and close it ourselves.
 */
class ConnectionTracker implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider: SqlMigrationAwareDriverAdapterFactory['provider'];
  readonly adapterName: string;
  private readonly opened: SqlDriverAdapter[] = [];

  constructor(private readonly inner: SqlMigrationAwareDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connectToShadowDb());
  }

  async disposeAll(): Promise<void> {
    const adapters = this.opened.splice(0);
    await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.opened.push(adapter);
    return adapter;
  }
}

function messageOf(error: unknown): string {
  // The engine's messages carry a Rust span trace after the first blank line; keep what a person reads.
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\n\s+0: /)[0].trim();
}
