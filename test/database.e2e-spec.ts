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
    /** Runs SQL outside Prisma, for data shaped as an older schema had it. */
    query<T>(sql: string, params?: unknown[]): Promise<T[]>;
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
      query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
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
    async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const client = new Client({ connectionString });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    }
    return {
      factory: new PrismaPg({ connectionString }),
      appliedNames: async () => (await query<{ migration_name: string }>(APPLIED)).map((row) => row.migration_name),
      query,
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

  it('gives each existing application the namespaces it uses, and marks shared or reserved ones as conflicts', async () => {
    const OWNERSHIP = MIGRATIONS.find((name) => name.endsWith('_namespace_ownership'))!;
    const before = mkdtempSync(join(tmpdir(), 'flowpolicy-migrations-'));
    cpSync(MIGRATIONS_DIR, before, { recursive: true });
    for (const name of MIGRATIONS.filter((m) => m >= OWNERSHIP)) rmSync(join(before, name), { recursive: true });
    const db = await backend.open();
    try {
      await applyMigrations(db.factory, before);
      // Data written before namespaces had owners: shop and billing both use "shared-ns", dns uses kube-system.
      const app = async (name: string, defaultNamespace: string) =>
        (
          await db.query<{ id: string }>(
            `INSERT INTO "Application" ("id", "name", "displayName", "defaultNamespace", "updatedAt")
             VALUES (gen_random_uuid(), $1, $1, $2, now()) RETURNING "id"`,
            [name, defaultNamespace],
          )
        )[0].id;
      const component = (applicationId: string, name: string, namespace: string) =>
        db.query(
          `INSERT INTO "Component" ("id", "applicationId", "name", "namespace", "labels", "ports", "updatedAt")
           VALUES (gen_random_uuid(), $1::uuid, $2, $3, '{"app":"x"}', '[]', now())`,
          [applicationId, name, namespace],
        );
      const shop = await app('shop', 'shop');
      await component(shop, 'web', 'shop');
      await component(shop, 'cache', 'shared-ns');
      const billing = await app('billing', 'billing');
      await component(billing, 'api', 'shared-ns');
      await component(billing, 'api2', 'shared-ns');
      const dns = await app('dns', 'kube-system');
      await component(dns, 'coredns', 'kube-system');
      await app('empty', 'empty');

      await expect(applyMigrations(db.factory, MIGRATIONS_DIR)).resolves.toEqual(
        MIGRATIONS.filter((m) => m >= OWNERSHIP),
      );
      const grants = await db.query<{ application: string; namespace: string; shared: boolean; conflict: boolean }>(
        `SELECT a."name" AS "application", g."namespace", g."shared", g."conflict"
         FROM "NamespaceGrant" g JOIN "Application" a ON a."id" = g."applicationId"
         ORDER BY a."name", g."namespace"`,
      );
      expect(grants).toEqual([
        { application: 'billing', namespace: 'billing', shared: false, conflict: false },
        { application: 'billing', namespace: 'shared-ns', shared: true, conflict: true },
        { application: 'dns', namespace: 'kube-system', shared: false, conflict: true },
        { application: 'empty', namespace: 'empty', shared: false, conflict: false },
        { application: 'shop', namespace: 'shared-ns', shared: true, conflict: true },
        { application: 'shop', namespace: 'shop', shared: false, conflict: false },
      ]);
      // The constraints hold on migrated data: shop's own namespace takes no second exclusive owner.
      await expect(
        db.query(
          `INSERT INTO "NamespaceGrant" ("applicationId", "namespace", "shared", "exclusiveKey") VALUES ($1::uuid, 'shop', false, '')`,
          [billing],
        ),
      ).rejects.toThrow(/NamespaceGrant_namespace_exclusiveKey_key|duplicate key/);
    } finally {
      await db.close();
      rmSync(before, { recursive: true, force: true });
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

  it('creates and migrates an embedded database in an empty folder at start and keeps its data across a restart', async () => {
    // An empty folder, as on a new user's first start: PGlite's initdb runs there, then the migrations.
    const database = await createPGliteTestDatabase({ migrated: false, initialized: false });
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
