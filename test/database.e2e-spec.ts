import 'reflect-metadata';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { type AppConfig, loadConfig } from '../src/config/config';
import { ConfigModule } from '../src/config/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { applyMigrations, MigrationError, MIGRATIONS_DIR } from '../src/database/migrator';
import { createPGliteAdapterFactory } from '../src/database/pglite-adapter';
import { DatabaseConnectionError, PrismaService } from '../src/database/prisma.service';
import { createPGliteTestDatabase, createTestDatabase, testBackend, type TestDatabase } from './support/database';

const MIGRATIONS = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function configFor(database: TestDatabase): AppConfig {
  return { ...loadConfig({}), databaseUrl: undefined, ...database.config };
}

async function startPrisma(config: AppConfig): Promise<{ prisma: PrismaService; close(): Promise<void> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), DatabaseModule],
  }).compile();
  await moduleRef.init();
  return { prisma: moduleRef.get(PrismaService), close: () => moduleRef.close() };
}

interface Backend {
  readonly name: string;
  /**
   * An empty database (or, `migrated`, a clone of the run's migrated template) and a driver adapter
   * factory for it, plus how to read _prisma_migrations.
   */
  open(options?: { migrated?: boolean }): Promise<{
    factory: SqlMigrationAwareDriverAdapterFactory;
    appliedNames(): Promise<string[]>;
    close(): Promise<void>;
  }>;
}

const pglite: Backend = {
  name: 'embedded PGlite',
  async open({ migrated = false } = {}) {
    const database = await createPGliteTestDatabase({ migrated });
    const db = new PGlite(join(database.config.dataDir!, 'pglite'));
    return {
      factory: createPGliteAdapterFactory(db),
      appliedNames: async () =>
        (await db.query<{ migration_name: string }>(APPLIED)).rows.map((row) => row.migration_name),
      async close() {
        await db.close();
        await database.drop();
      },
    };
  },
};

const postgres: Backend = {
  name: 'Postgres (DATABASE_URL)',
  async open({ migrated = false } = {}) {
    const database = await createTestDatabase({ migrated });
    const connectionString = database.config.databaseUrl!;
    const { Client } = await import('pg');
    return {
      factory: new PrismaPg({ connectionString }),
      async appliedNames() {
        const client = new Client({ connectionString });
        await client.connect();
        try {
          return (await client.query<{ migration_name: string }>(APPLIED)).rows.map((row) => row.migration_name);
        } finally {
          await client.end();
        }
      },
      close: () => database.drop(),
    };
  },
};

const APPLIED = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name';

// PGlite is embedded, so every run covers it; Postgres when the run has a server.
const backends = testBackend() === 'postgres' ? [pglite, postgres] : [pglite];

describe.each(backends)('migrations on $name', (backend) => {
  it('applies every migration to an empty database, then nothing on a second run', async () => {
    const db = await backend.open();
    try {
      expect(MIGRATIONS.length).toBeGreaterThan(0);
      await expect(applyMigrations(db.factory, MIGRATIONS_DIR)).resolves.toEqual(MIGRATIONS);
      await expect(applyMigrations(db.factory, MIGRATIONS_DIR)).resolves.toEqual([]);
      await expect(db.appliedNames()).resolves.toEqual(MIGRATIONS);
    } finally {
      await db.close();
    }
  });

  it('stops at a failing migration and does not record it as applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowpolicy-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(join(dir, '99999999999999_broken'));
    writeFileSync(join(dir, '99999999999999_broken', 'migration.sql'), 'SELECT no_such_function();\n');
    // On a migrated clone: the broken migration is the one pending (replaying the others is the test above).
    const db = await backend.open({ migrated: true });
    try {
      const failure = applyMigrations(db.factory, dir);
      await expect(failure).rejects.toThrow(MigrationError);
      await expect(failure).rejects.toThrow(/no_such_function/);
      await expect(db.appliedNames()).resolves.toEqual(MIGRATIONS);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Replicas starting together: Prisma's advisory lock makes them apply each migration exactly once.
(testBackend() === 'postgres' ? describe : describe.skip)('migrations on Postgres from several replicas', () => {
  it('apply each migration once when started together', async () => {
    const db = await postgres.open();
    try {
      const runs = await Promise.all([1, 2, 3].map(() => applyMigrations(db.factory, MIGRATIONS_DIR)));
      expect(runs.flat().sort()).toEqual(MIGRATIONS);
      await expect(db.appliedNames()).resolves.toEqual(MIGRATIONS);
    } finally {
      await db.close();
    }
  });
});

describe('PrismaService', () => {
  it('starts on a database whose migrations are applied, and pings', async () => {
    const database = await createTestDatabase();
    const { prisma, close } = await startPrisma(configFor(database));
    try {
      await expect(prisma.ping()).resolves.toBeUndefined();
      const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(APPLIED);
      expect(rows.map((row) => row.migration_name)).toEqual(MIGRATIONS);
    } finally {
      await close();
      await database.drop();
    }
  });

  it('migrates an empty embedded database at start and keeps its data across a restart', async () => {
    const database = await createPGliteTestDatabase({ migrated: false });
    const config = configFor(database);
    try {
      const first = await startPrisma(config);
      await first.prisma.$transaction(async (tx) => {
        const app = await tx.application.create({
          data: { name: 'shop', displayName: 'Shop', defaultNamespace: 'shop' },
        });
        await tx.component.create({
          data: { applicationId: app.id, name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [] },
        });
      });
      await first.close();

      const second = await startPrisma(config);
      try {
        const app = await second.prisma.application.findUniqueOrThrow({
          where: { name: 'shop' },
          include: { components: true },
        });
        expect(app.components.map((component) => component.name)).toEqual(['web']);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('rolls back an interactive transaction on the embedded database', async () => {
    const database = await createPGliteTestDatabase();
    const { prisma, close } = await startPrisma(configFor(database));
    try {
      const failed = prisma.$transaction(async (tx) => {
        await tx.application.create({ data: { name: 'gone', displayName: 'Gone', defaultNamespace: 'x' } });
        throw new Error('abort');
      });
      await expect(failed).rejects.toThrow('abort');
      await expect(prisma.application.count()).resolves.toBe(0);
    } finally {
      await close();
      await database.drop();
    }
  });

  it('fails fast, naming the unreachable DATABASE_URL without its password', async () => {
    const config: AppConfig = { ...loadConfig({}), databaseUrl: 'postgresql://flow:s3cret@127.0.0.1:1/x' };
    const started = Date.now();
    const failure = startPrisma(config);
    await expect(failure).rejects.toThrow(DatabaseConnectionError);
    await expect(failure).rejects.toThrow(/DATABASE_URL=postgresql:\/\/flow:\*\*\*@127\.0\.0\.1:1\/x/);
    await expect(failure).rejects.not.toThrow(/s3cret/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
