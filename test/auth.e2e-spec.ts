/**
 * Tokens and their enforcement over HTTP and GraphQL: the tokens API, malformed headers, expired
 * and revoked tokens, scopes that hide other applications completely, the actor of a publish, and
 * the admin token's bootstrap (FLOWPOLICY_ADMIN_TOKEN, or a first start that writes DATA_DIR/admin-token).
 */
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app.factory';
import { TokensService } from '../src/auth/tokens.service';
import { loadConfig, type AppConfig } from '../src/config/config';
import { PrismaService } from '../src/database/prisma.service';
import { contractClient } from './support/api';
import { useTestApp } from './support/app';
import { createTestDatabase } from './support/database';
import { createThreeTier, uniqueName } from './support/fixtures';
import { gql } from './support/graphql';
import { issueToken, TEST_ADMIN_TOKEN } from './support/tokens';
import { waitFor } from './support/wait';

/** Moves Date (alone) to `now`: timers and performance.now(), the token cache's clock, stay real. */
function fakeDateAt(now: number): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

describe('tokens API', () => {
  const t = useTestApp();

  it('creates a token whose secret is answered once, then listed by prefix only', async () => {
    const created = await t.api.post('/v1/tokens', { name: 'ci-shop', role: 'publisher', applications: ['shop'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'ci-shop', role: 'publisher', applications: ['shop'], expiresAt: null });
    expect(created.body.token).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
    const listed = (await t.api.get('/v1/tokens')).body.items as Record<string, unknown>[];
    const mine = listed.find((token) => token.id === created.body.id);
    expect(mine).toMatchObject({ prefix: created.body.token.slice(0, 8), revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.body.token);
    expect(listed.find((token) => token.name === 'bootstrap')).toMatchObject({ role: 'admin', applications: [] });
  });

  it.each([
    [{ role: 'viewer' }, 'name'],
    [{ name: 'x', role: 'root' }, 'role'],
    [{ name: 'x', role: 'viewer', applications: ['Not_A_Label'] }, 'applications'],
    [{ name: 'x', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
    [{ name: 'x', role: 'viewer', expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ name: 'x', role: 'viewer', secret: 'mine' }, 'secret'],
  ])('refuses %j naming the field %s', async (body, field) => {
    const response = await t.api.post('/v1/tokens', body);
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toMatch(new RegExp(`^${field}`));
  });

  it('stops a revoked token at once; revoking is idempotent; an unknown id is 404', async () => {
    const created = (await t.api.post('/v1/tokens', { name: 'soon-gone', role: 'viewer' })).body;
    expect((await t.api.get('/v1/applications', { token: created.token })).status).toBe(200);
    expect((await t.api.delete(`/v1/tokens/${created.id}`)).status).toBe(204);
    const refused = await t.api.get('/v1/applications', { token: created.token });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/revoked/);
    expect((await t.api.delete(`/v1/tokens/${created.id}`)).status).toBe(204);
    expect(
      (await t.api.get('/v1/tokens')).body.items.find((x: { id: string }) => x.id === created.id).revokedAt,
    ).toEqual(expect.any(String));
    expect((await t.api.delete('/v1/tokens/00000000-0000-4000-8000-000000000000')).body.code).toBe('token/not_found');
    expect((await t.api.delete('/v1/tokens/not-a-uuid')).body.code).toBe('validation/failed');
  });

  it('refuses a token once it has expired, although this replica remembers it', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const created = (
      await t.api.post('/v1/tokens', { name: 'short-lived', role: 'viewer', expiresAt: expiresAt.toISOString() })
    ).body;
    expect((await t.api.get('/v1/applications', { token: created.token })).status).toBe(200);
    // The clock moves past expiresAt; the replica still remembers the token (its cache runs on real time).
    fakeDateAt(expiresAt.getTime() + 1000);
    try {
      const refused = await t.api.get('/v1/applications', { token: created.token });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'auth/unauthenticated', message: expect.stringMatching(/expired/) });
    } finally {
      jest.useRealTimers();
    }
  });

  it('notices a token revoked by another replica (here: in the database) once CACHE_TTL_MS has passed', async () => {
    const created = (await t.api.post('/v1/tokens', { name: 'elsewhere', role: 'viewer' })).body;
    expect((await t.api.get('/v1/applications', { token: created.token })).status).toBe(200);
    // The token was remembered before this instant; the wait is for its TTL to run out, not a guess.
    const remembered = performance.now();
    await t.app.get(PrismaService).apiToken.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    await waitFor(() => performance.now() - remembered > t.config.cacheTtlMs + 10, 'CACHE_TTL_MS to pass', {
      every: 100,
    });
    const refused = await t.api.get('/v1/applications', { token: created.token });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/revoked/);
  });

  it.each([
    ['Basic dXNlcjpwYXNz', /scheme "Basic"/],
    ['Bearer', /has no token/],
    [`Bearer  ${TEST_ADMIN_TOKEN}`, /one space/],
    [`Bearer ${TEST_ADMIN_TOKEN} extra`, /one space/],
    [`Token ${TEST_ADMIN_TOKEN}`, /scheme "Token"/],
    ['Bearer fp_not-a-token-we-issued', /not valid/],
  ])('answers 401 with WWW-Authenticate to the Authorization header %j', async (header, message) => {
    const response = await t.api.get('/v1/applications', { token: null, headers: { authorization: header } });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="flowpolicy"');
    expect(response.body).toMatchObject({ code: 'auth/unauthenticated', message: expect.stringMatching(message) });
  });

  it('records the token name as the actor of a publish', async () => {
    const app = await createThreeTier(t.api);
    const secret = await issueToken(t.api, { role: 'publisher', name: 'ci-pipeline', applications: [app] });
    const published = await t.api.post(`/v1/applications/${app}/versions`, {}, { token: secret });
    expect(published.body.actor).toBe('ci-pipeline');
  });

  it('manages tokens over GraphQL, for admins only', async () => {
    const created = await gql(
      t.app,
      'mutation { createToken(input: {name: "portal", role: "viewer"}) { id token role } }',
    );
    expect(created.errors).toBeUndefined();
    const { id, token } = created.data!.createToken;
    expect(token).toMatch(/^fp_/);
    const listed = await gql(t.app, '{ tokens { id name prefix } }');
    expect(listed.data!.tokens).toContainEqual({ id, name: 'portal', prefix: token.slice(0, 8) });
    const asViewer = await gql(t.app, '{ tokens { id } }', {}, { token });
    expect(asViewer.errors?.[0].extensions?.code).toBe('auth/forbidden');
    const revoked = await gql(t.app, `mutation { revokeToken(id: "${id}") }`);
    expect(revoked.data!.revokeToken).toBe(true);
    const anonymous = await gql(t.app, '{ applications { total } }', {}, { token: null });
    expect(anonymous.errors?.[0].extensions?.code).toBe('auth/unauthenticated');
    expect((await gql(t.app, '{ applications { total } }', {}, { token })).errors?.[0].extensions?.code).toBe(
      'auth/unauthenticated',
    );
  });
});

describe('application scopes', () => {
  const t = useTestApp();

  it('hide every other application: 404 as if missing, absent from lists and totals', async () => {
    const mine = await createThreeTier(t.api, uniqueName('mine'));
    const theirs = await createThreeTier(t.api, uniqueName('theirs'));
    const secret = await issueToken(t.api, { role: 'admin', applications: [mine] });
    const scoped = contractClient(t.app, secret);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined, message: undefined });

    for (const suffix of [
      '',
      '/topology',
      '/components/web',
      '/versions/latest',
      '/reachability?from=web&to=db&port=3306',
    ]) {
      const hidden = await scoped.get(`/v1/applications/${theirs}${suffix}`);
      const missing = await scoped.get(`/v1/applications/${mine}x${suffix}`);
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(strip(hidden.body)).toEqual(strip(missing.body));
      expect(hidden.body.message).toBe(missing.body.message.replace(`${mine}x`, theirs));
    }
    expect((await scoped.patch(`/v1/applications/${theirs}`, { displayName: 'mine now' })).status).toBe(404);
    expect((await scoped.delete(`/v1/applications/${theirs}`)).status).toBe(404);
    expect((await t.api.get(`/v1/applications/${theirs}`)).body.displayName).toBe(theirs);

    const list = await scoped.get('/v1/applications');
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual([mine]);
    expect(list.body.total).toBe(1);
    expect((await t.api.get('/v1/applications')).body.total).toBe(2);

    const graphql = await gql(t.app, '{ applications { total items { name } } }', {}, { token: secret });
    expect(graphql.data!.applications).toEqual({ total: 1, items: [{ name: mine }] });
    const one = await gql(t.app, `{ application(name: "${theirs}") { name } }`, {}, { token: secret });
    const none = await gql(t.app, `{ application(name: "${mine}x") { name } }`, {}, { token: secret });
    expect(one.errors?.[0].extensions?.code).toBe('application/not_found');
    expect(one.errors?.[0].extensions?.code).toEqual(none.errors?.[0].extensions?.code);
    const publish = await gql(
      t.app,
      `mutation { publishVersion(application: "${theirs}") { number } }`,
      {},
      {
        token: secret,
      },
    );
    expect(publish.errors?.[0].extensions?.code).toBe('application/not_found');
  });

  it('keep a scoped admin away from tokens and new applications', async () => {
    const secret = await issueToken(t.api, { role: 'admin', applications: ['anything'] });
    const scoped = contractClient(t.app, secret);
    expect((await scoped.get('/v1/tokens')).status).toBe(403);
    expect((await scoped.post('/v1/tokens', { name: 'wider', role: 'admin' })).status).toBe(403);
    expect((await scoped.post('/v1/applications', { name: 'anything' })).status).toBe(403);
  });
});

describe('admin token bootstrap', () => {
  async function boot(config: AppConfig) {
    return createApp(config, { logger: false });
  }

  it('creates one admin token on the first start, prints it once and writes DATA_DIR/admin-token (0600)', async () => {
    const database = await createTestDatabase();
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dataDir = database.config.dataDir ?? (await mkdtemp(join(tmpdir(), 'flowpolicy-data-')));
    const config: AppConfig = { ...loadConfig({}), databaseUrl: undefined, ...database.config, dataDir };
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      let app = await boot(config);
      const file = join(dataDir, 'admin-token');
      const secret = readFileSync(file, 'utf8').trim();
      expect(secret).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(printed.filter((line) => line.includes(secret))).toHaveLength(1);
      const tokens = await contractClient(app, secret).get('/v1/tokens');
      expect(tokens.body.items).toEqual([expect.objectContaining({ name: 'bootstrap', role: 'admin' })]);
      await app.close();

      // A restart creates nothing: the database has a token.
      app = await boot(config);
      expect((await contractClient(app, secret).get('/v1/tokens')).body.items).toHaveLength(1);
      expect(printed.filter((line) => line.includes('fp_'))).toHaveLength(1);

      // Replicas starting together: exactly one of them creates the token.
      const prisma = app.get(PrismaService);
      await prisma.apiToken.deleteMany();
      const results = await Promise.all(Array.from({ length: 5 }, () => app.get(TokensService).bootstrap({})));
      expect(results.filter((r) => r.created !== undefined)).toHaveLength(1);
      expect(await prisma.apiToken.count()).toBe(1);
      await app.close();
    } finally {
      write.mockRestore();
      await database.drop();
    }
  });

  it('makes FLOWPOLICY_ADMIN_TOKEN the bootstrap admin at every start, even after it was revoked', async () => {
    const database = await createTestDatabase();
    const adminToken = 'fp_from-a-kubernetes-secret-0123456789abcdef';
    const config: AppConfig = {
      ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: adminToken }),
      databaseUrl: undefined,
      ...database.config,
    };
    try {
      let app = await boot(config);
      const api = contractClient(app, adminToken);
      const [bootstrap] = (await api.get('/v1/tokens')).body.items;
      expect(bootstrap).toMatchObject({ name: 'bootstrap', role: 'admin', prefix: adminToken.slice(0, 8) });
      expect((await api.delete(`/v1/tokens/${bootstrap.id}`)).status).toBe(204);
      expect((await api.get('/v1/tokens')).status).toBe(401);
      await app.close();
      app = await boot(config);
      expect((await contractClient(app, adminToken).get('/v1/tokens')).body.items).toHaveLength(1);
      await app.close();
    } finally {
      await database.drop();
    }
  });
});
