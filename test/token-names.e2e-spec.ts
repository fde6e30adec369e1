/**
 * Token names and the bootstrap secret. Names are unique (revoked tokens keep theirs: the audit log
 * names a token's actions by it) and never bootstrap, anonymous or system, which name the service's
 * own actors. A new FLOWPOLICY_ADMIN_TOKEN revokes the previous one: rotating the secret used to
 * leave the old one valid, as a second unrevoked "bootstrap" token. And the migration that makes
 * names unique fits existing duplicates instead of failing.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Client } from 'pg';
import { createApp } from '../src/app.factory';
import { hashSecret } from '../src/auth/token-secret';
import { loadConfig, type AppConfig } from '../src/config/config';
import { applyMigrations, MIGRATIONS_DIR } from '../src/database/migrator';
import { createPGliteAdapterFactory } from '../src/database/pglite-adapter';
import { contractClient } from './support/api';
import { useTestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/database';
import { gql } from './support/graphql';

const UNIQUE_NAMES_MIGRATION = '20261129222317_token_names_unique';
/** A secret long enough for FLOWPOLICY_ADMIN_TOKEN (32 characters at least). */
const secretOf = (name: string) => `fp_${name.padEnd(40, '0')}`;

describe('token names', () => {
  const t = useTestApp();

  it('are unique: a second token of the same name is a 409 naming the field, even after a revoke', async () => {
    const first = await t.api.post('/v1/tokens', { name: 'ci-shop', role: 'publisher' });
    expect(first.status).toBe(201);
    const again = await t.api.post('/v1/tokens', { name: 'ci-shop', role: 'viewer' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'token/already_exists',
      details: [{ field: 'name', reason: 'is already taken' }],
    });
    expect((await t.api.delete(`/v1/tokens/${first.body.id}`)).status).toBe(204);
    expect((await t.api.post('/v1/tokens', { name: 'ci-shop', role: 'viewer' })).status).toBe(409);
    const named = ((await t.api.get('/v1/tokens')).body.items as { name: string }[]).filter(
      (x) => x.name === 'ci-shop',
    );
    expect(named).toHaveLength(1);
  });

  it('are unique under concurrent creation: exactly one of several racing requests wins', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => t.api.post('/v1/tokens', { name: 'racer', role: 'viewer' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it.each(['bootstrap', 'anonymous', 'system'])(
    'cannot be %s (400 naming the field), over REST and GraphQL',
    async (name) => {
      const rest = await t.api.post('/v1/tokens', { name, role: 'admin' });
      expect(rest.status).toBe(400);
      expect(rest.body.details).toEqual([{ field: 'name', reason: expect.stringMatching(/reserved/) }]);
      const graphql = await gql(
        t.app,
        'mutation($name: String!) { createToken(input: { name: $name, role: "admin" }) { token } }',
        {
          name,
        },
      );
      expect(graphql.errors?.[0]?.extensions).toMatchObject({
        code: 'validation/failed',
        details: [{ field: 'name', reason: expect.stringMatching(/reserved/) }],
      });
    },
  );

  it('a taken name over GraphQL is token/already_exists', async () => {
    const create = () => gql(t.app, 'mutation { createToken(input: { name: "portal-x", role: "viewer" }) { token } }');
    expect((await create()).errors).toBeUndefined();
    expect((await create()).errors?.[0]?.extensions).toMatchObject({ code: 'token/already_exists' });
  });
});

describe('rotating FLOWPOLICY_ADMIN_TOKEN', () => {
  const OLD = 'fp_the-secret-before-rotation-0123456789abcdef';
  const NEW = 'fp_the-secret-after-rotation-0123456789abcdefg';

  async function withApp<T>(
    database: TestDatabase,
    adminToken: string,
    work: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>,
  ) {
    const config: AppConfig = {
      ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: adminToken }),
      databaseUrl: undefined,
      ...database.config,
    };
    const app = await createApp(config, { logger: false });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  }

  it('revokes the previous secret; rotating back makes the old one valid again and revokes the newer', async () => {
    const database = await createTestDatabase();
    try {
      const first = await withApp(
        database,
        OLD,
        async (app) => (await contractClient(app, OLD).get('/v1/tokens')).body.items[0],
      );
      await withApp(database, NEW, async (app) => {
        const old = await contractClient(app, OLD).get('/v1/tokens');
        expect(old.status).toBe(401);
        expect(old.body.message).toBe('The token has been revoked');
        const tokens = (await contractClient(app, NEW).get('/v1/tokens')).body.items as Record<string, unknown>[];
        expect(tokens.filter((token) => token.revokedAt === null)).toEqual([
          expect.objectContaining({ name: 'bootstrap', role: 'admin', prefix: NEW.slice(0, 8) }),
        ]);
        expect(tokens.find((token) => token.id === first.id)).toMatchObject({
          name: `bootstrap-${first.id}`,
          revokedAt: expect.any(String),
        });
      });
      await withApp(database, OLD, async (app) => {
        expect((await contractClient(app, NEW).get('/v1/tokens')).status).toBe(401);
        const tokens = (await contractClient(app, OLD).get('/v1/tokens')).body.items as Record<string, unknown>[];
        expect(tokens.filter((token) => token.revokedAt === null)).toEqual([
          expect.objectContaining({ id: first.id, name: 'bootstrap', prefix: OLD.slice(0, 8) }),
        ]);
      });
    } finally {
      await database.drop();
    }
  });

  it('a restart with the same secret changes nothing', async () => {
    const database = await createTestDatabase();
    try {
      const before = await withApp(
        database,
        NEW,
        async (app) => (await contractClient(app, NEW).get('/v1/tokens')).body.items,
      );
      const after = await withApp(
        database,
        NEW,
        async (app) => (await contractClient(app, NEW).get('/v1/tokens')).body.items,
      );
      expect(after.map(({ lastUsedAt: _, ...token }: Record<string, unknown>) => token)).toEqual(
        before.map(({ lastUsedAt: _, ...token }: Record<string, unknown>) => token),
      );
    } finally {
      await database.drop();
    }
  });
});

/** Raw SQL on a test database, and a migration adapter for it, on whichever backend the run uses. */
async function openRaw(database: TestDatabase): Promise<{
  factory: SqlMigrationAwareDriverAdapterFactory;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}> {
  if (database.config.databaseUrl !== undefined) {
    const client = new Client({ connectionString: database.config.databaseUrl });
    await client.connect();
    return {
      factory: new PrismaPg({ connectionString: database.config.databaseUrl }),
      query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
      close: () => client.end(),
    };
  }
  const db = new PGlite(join(database.config.dataDir!, 'pglite'));
  return {
    factory: createPGliteAdapterFactory(db),
    query: async <R>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows,
    close: () => db.close(),
  };
}

describe('the migration that makes token names unique', () => {
  it('fits existing duplicates and reserved names deterministically, and the next start keeps one bootstrap', async () => {
    const database = await createTestDatabase({ migrated: false });
    const before = mkdtempSync(join(tmpdir(), 'flowpolicy-migrations-'));
    try {
      // The migrations before this one, then the data an older version could leave.
      cpSync(MIGRATIONS_DIR, before, { recursive: true });
      for (const entry of readdirSync(before, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name >= UNIQUE_NAMES_MIGRATION)
          rmSync(join(before, entry.name), { recursive: true });
      }
      const raw = await openRaw(database);
      const ids: Record<string, string> = {};
      try {
        await applyMigrations(raw.factory, before);
        const insert = async (key: string, name: string, secret: string, createdAt: string, revoked = false) => {
          const [row] = await raw.query<{ id: string }>(
            `INSERT INTO "ApiToken" ("id", "name", "role", "applications", "tokenHash", "prefix", "createdAt", "revokedAt")
             VALUES (gen_random_uuid(), $1, 'admin', '{}', $2, $3, $4, ${revoked ? '$4' : 'NULL'}) RETURNING "id"`,
            [name, hashSecret(secret), secret.slice(0, 8), createdAt],
          );
          ids[key] = row!.id;
        };
        // Three rotations of FLOWPOLICY_ADMIN_TOKEN, each left valid; the variable now holds the second.
        await insert('boot1', 'bootstrap', secretOf('boot-one'), '2026-01-01T00:00:00Z');
        await insert('boot2', 'bootstrap', secretOf('boot-two'), '2026-02-01T00:00:00Z');
        await insert('boot3', 'bootstrap', secretOf('boot-three'), '2026-03-01T00:00:00Z');
        // Two tokens named ci: the unrevoked one keeps the name although it is older.
        await insert('ciOld', 'ci', secretOf('ci-old'), '2026-01-01T00:00:00Z');
        await insert('ciNew', 'ci', secretOf('ci-new'), '2026-02-01T00:00:00Z', true);
        await insert('system', 'system', secretOf('system'), '2026-01-01T00:00:00Z');
        await applyMigrations(raw.factory, MIGRATIONS_DIR);
        const rows = await raw.query<{ id: string; name: string; revoked: boolean }>(
          `SELECT "id", "name", "revokedAt" IS NOT NULL AS "revoked" FROM "ApiToken"`,
        );
        const byId = new Map(rows.map((row) => [row.id, { name: row.name, revoked: row.revoked }]));
        expect(Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, byId.get(id)]))).toEqual({
          boot1: { name: `bootstrap-${ids.boot1}`, revoked: true },
          boot2: { name: `bootstrap-${ids.boot2}`, revoked: true },
          boot3: { name: 'bootstrap', revoked: false },
          ciOld: { name: 'ci', revoked: false },
          ciNew: { name: `ci-${ids.ciNew}`, revoked: true },
          system: { name: `system-${ids.system}`, revoked: false },
        });
      } finally {
        await raw.close();
      }
      // The service starts with the second secret: it becomes the bootstrap token, and only it.
      const config: AppConfig = {
        ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: secretOf('boot-two') }),
        databaseUrl: undefined,
        ...database.config,
      };
      const app = await createApp(config, { logger: false });
      try {
        for (const secret of [secretOf('boot-one'), secretOf('boot-three')]) {
          expect((await contractClient(app, secret).get('/v1/tokens')).status).toBe(401);
        }
        const tokens = (await contractClient(app, secretOf('boot-two')).get('/v1/tokens')).body.items as Record<
          string,
          unknown
        >[];
        expect(
          tokens
            .filter((token) => token.revokedAt === null && token.role === 'admin')
            .map((token) => token.id)
            .sort(),
        ).toEqual([ids.boot2, ids.ciOld, ids.system].sort());
        expect(tokens.find((token) => token.id === ids.boot2)).toMatchObject({ name: 'bootstrap' });
      } finally {
        await app.close();
      }
    } finally {
      rmSync(before, { recursive: true, force: true });
      await database.drop();
    }
  });
});
