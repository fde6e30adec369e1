import { parseAllDocuments } from 'yaml';
import { PrismaService } from '../src/database/prisma.service';
import type { NetworkPolicy } from '../src/engine';
import { useTestApp } from './support/app';
import { createApplication, createThreeTier, uniqueName } from './support/fixtures';
import { gql } from './support/graphql';
import { schemaProblems } from './support/kubernetes-schema';
import { statementsDuring } from './support/queries';

/** Private: every manifests answer needs a token, so no shared cache may replay it to another caller. */
const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';

function yamlPolicies(text: string): NetworkPolicy[] {
  return parseAllDocuments(text).map((d) => d.toJS() as NetworkPolicy);
}

// One application for the file: every test works on applications of its own.
const t = useTestApp();
const api = t.api;

describe('policy versions (REST)', () => {
  const versionsOf = async (app: string) => (await api.get(`/v1/applications/${app}/versions?limit=100`)).body;

  describe('publish', () => {
    it('publishes 1 (201), answers 1 again while unchanged (200), and 2 after a topology change', async () => {
      const app = await createThreeTier(api);
      const first = await api.post(`/v1/applications/${app}/versions`, { note: 'first cut' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ number: 1, policyCount: 3, note: 'first cut', actor: 'bootstrap' });
      expect(first.body.digest).toMatch(/^[0-9a-f]{64}$/);

      const again = await api.post(`/v1/applications/${app}/versions`, { note: 'ignored' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);

      await api.put(`/v1/applications/${app}/components/cache`, { labels: { app: 'cache' }, ports: [{ port: 6379 }] });
      await api.post(`/v1/applications/${app}/flows`, {
        from: { component: 'api' },
        to: { component: 'cache' },
        ports: [{ port: 6379 }],
      });
      const second = await api.post(`/v1/applications/${app}/versions`);
      expect(second.status).toBe(201);
      expect(second.body.number).toBe(2);
      expect(second.body.policyCount).toBe(4);
      expect(second.body.digest).not.toBe(first.body.digest);
    });

    it('records lint findings (warnings) with the version', async () => {
      const app = await createThreeTier(api);
      await api.put(`/v1/applications/${app}/components/idle`, { labels: { app: 'idle' } });
      const published = await api.post(`/v1/applications/${app}/versions`);
      expect(published.status).toBe(201);
      expect(published.body.findings).toContainEqual(
        expect.objectContaining({ code: 'component-unisolated', severity: 'warning' }),
      );
    });

    it('refuses (422 version/invalid) a topology with lint errors, with the findings, and writes nothing', async () => {
      // The API refuses such a topology on write; a row written before a stricter engine release (or by
      // hand) still can be stored, so publish checks again. Simulate it with a direct write.
      const app = await createThreeTier(api);
      const prisma = t.app.get(PrismaService);
      const application = await prisma.application.findUniqueOrThrow({ where: { name: app } });
      await prisma.component.update({
        where: { applicationId_name: { applicationId: application.id, name: 'db' } },
        data: { ports: [] },
      });
      const refused = await api.post(`/v1/applications/${app}/versions`);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('version/invalid');
      expect(refused.body.details.findings).toContainEqual(
        expect.objectContaining({ code: 'named-port-undefined', severity: 'error' }),
      );
      expect((await api.get(`/v1/applications/${app}/policies`)).status).toBe(422);
      expect(await versionsOf(app)).toMatchObject({ items: [], total: 0 });
    });

    it.each([
      ['a note of 1001 characters', { note: 'x'.repeat(1001) }, 'note'],
      ['a numeric note', { note: 5 }, 'note'],
      ['an unknown field', { notes: 'typo' }, 'notes'],
    ])('rejects %s naming %s, and writes nothing', async (_case, body, field) => {
      const app = await createThreeTier(api);
      const response = await api.post(`/v1/applications/${app}/versions`, body);
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await versionsOf(app)).total).toBe(0);
    });

    it('accepts a note of exactly 1000 characters', async () => {
      const app = await createThreeTier(api);
      expect((await api.post(`/v1/applications/${app}/versions`, { note: 'x'.repeat(1000) })).status).toBe(201);
    });

    it('answers 404 for an unknown application', async () => {
      const response = await api.post(`/v1/applications/${uniqueName('ghost')}/versions`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('application/not_found');
    });

    it('numbers concurrent publishes of distinct states consecutively and uniquely', async () => {
      const app = await createThreeTier(api);
      // Ten changes, each followed at once by a publish; the publishes race each other and the writes.
      const results = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          await api.put(`/v1/applications/${app}/externals/net-${i}`, { cidr: `10.${i}.0.0/16` });
          await api.post(`/v1/applications/${app}/flows`, {
            from: { component: 'api' },
            to: { external: `net-${i}` },
            ports: [{ port: 443 }],
          });
          return api.post(`/v1/applications/${app}/versions`);
        }),
      );
      for (const r of results) expect([200, 201]).toContain(r.status);
      const list = await versionsOf(app);
      const numbers = list.items.map((v: { number: number }) => v.number);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers.length - i));
      expect(new Set(list.items.map((v: { digest: string }) => v.digest)).size).toBe(numbers.length);
      expect(numbers.length).toBeGreaterThanOrEqual(1);
      // The last one holds all ten flows.
      const latest = await api.get(`/v1/applications/${app}/versions/latest/manifests`, {
        headers: { accept: 'application/json' },
      });
      const apiPolicy = latest.body.items.find((p: NetworkPolicy) => p.metadata?.name === `${app}-api`);
      expect(JSON.stringify(apiPolicy.spec.egress)).toContain('10.9.0.0/16');
    });

    it('publishes the same state 10 times in parallel as one version', async () => {
      const app = await createThreeTier(api);
      const results = await Promise.all(Array.from({ length: 10 }, () => api.post(`/v1/applications/${app}/versions`)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.number))).toEqual(new Set([1]));
    });
  });

  describe('read', () => {
    let app: string;
    let v1: Record<string, unknown>;
    let v2: Record<string, unknown>;

    beforeAll(async () => {
      app = await createThreeTier(api);
      v1 = (await api.post(`/v1/applications/${app}/versions`)).body;
      // web -> db directly instead of through api: the change security would flag in review.
      const [apiToDb] = (await api.get(`/v1/applications/${app}/flows?from=api&to=db`)).body.items;
      await api.delete(`/v1/applications/${app}/flows/${apiToDb.id as string}`);
      await api.post(`/v1/applications/${app}/flows`, {
        from: { component: 'web' },
        to: { component: 'db' },
        ports: [{ port: 3306 }],
      });
      v2 = (await api.post(`/v1/applications/${app}/versions`, { note: 'web to db' })).body;
    });

    it('lists newest first with paging, and gets by number and latest', async () => {
      const list = await api.get(`/v1/applications/${app}/versions`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [v2, v1], total: 2, limit: 20, offset: 0 });
      expect((await api.get(`/v1/applications/${app}/versions?limit=1&offset=1`)).body.items).toEqual([v1]);
      expect((await api.get(`/v1/applications/${app}/versions/1`)).body).toEqual(v1);
      expect((await api.get(`/v1/applications/${app}/versions/latest`)).body).toEqual(v2);
    });

    it.each([
      ['0', 'v'],
      ['abc', 'v'],
      ['-1', 'v'],
      ['1.5', 'v'],
      ['01', 'v'],
    ])('rejects version %s (400 naming %s)', async (v, field) => {
      const response = await api.get(`/v1/applications/${app}/versions/${v}`);
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('rejects limit=0 and limit=101', async () => {
      for (const limit of [0, 101]) {
        const response = await api.get(`/v1/applications/${app}/versions?limit=${limit}`);
        expect(response.status).toBe(400);
        expect(response.body.details[0].field).toBe('limit');
      }
    });

    it('answers 404 version/not_found for a missing number, and for latest before any publish', async () => {
      const missing = await api.get(`/v1/applications/${app}/versions/99`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('version/not_found');
      const empty = await createApplication(api);
      const none = await api.get(`/v1/applications/${empty}/versions/latest/manifests`);
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('version/not_found');
    });

    it('serves manifests as YAML by default, and as a kind: List on Accept: application/json', async () => {
      const yaml = await api.get(`/v1/applications/${app}/versions/1/manifests`);
      expect(yaml.status).toBe(200);
      expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
      expect(yaml.headers.etag).toBe(`"${v1.digest as string}"`);
      expect(yaml.headers['cache-control']).toBe(IMMUTABLE);
      expect(yaml.headers.vary).toBe('Accept, Authorization');
      const policies = yamlPolicies(yaml.text);
      expect(policies.map((p) => p.metadata?.name)).toEqual([`${app}-api`, `${app}-db`, `${app}-web`]);
      const db = policies.find((p) => p.metadata?.name === `${app}-db`)!;
      expect(db.spec).toEqual({
        podSelector: { matchLabels: { role: 'db' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { name: 'api-pod' } } }],
            ports: [{ port: 'mysql', protocol: 'TCP' }],
          },
        ],
        egress: expect.any(Array),
      });

      const json = await api.get(`/v1/applications/${app}/versions/1/manifests`, {
        headers: { accept: 'application/json' },
      });
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      expect(json.headers.etag).toBe(`"${v1.digest as string}-json"`);
      expect(json.body.kind).toBe('List');
      expect(json.body.items).toEqual(policies);
    });

    it('every published manifest validates against the kubernetes-models NetworkPolicy schema', async () => {
      const all = [
        ...yamlPolicies((await api.get(`/v1/applications/${app}/versions/1/manifests`)).text),
        ...yamlPolicies((await api.get(`/v1/applications/${app}/versions/2/manifests`)).text),
      ];
      expect(all.length).toBe(6);
      expect(schemaProblems(all)).toEqual([]);
    });

    it('answers 304 with no body for a matching If-None-Match, per representation', async () => {
      const url = `/v1/applications/${app}/versions/1/manifests`;
      const etag = `"${v1.digest as string}"`;
      const hit = await api.get(url, { headers: { 'if-none-match': etag } });
      expect(hit.status).toBe(304);
      expect(hit.text ?? '').toBe('');
      expect(hit.headers.etag).toBe(etag);
      expect(hit.headers['cache-control']).toBe(IMMUTABLE);
      expect((await api.get(url, { headers: { 'if-none-match': `W/${etag}, "other"` } })).status).toBe(304);
      // The YAML tag does not validate the JSON body, and an old tag gets the full body.
      const json = await api.get(url, { headers: { 'if-none-match': etag, accept: 'application/json' } });
      expect(json.status).toBe(200);
      expect((await api.get(url, { headers: { 'if-none-match': '"0000"' } })).status).toBe(200);
    });

    it('serves latest with private, no-cache, revalidating to 304', async () => {
      const latest = await api.get(`/v1/applications/${app}/versions/latest/manifests`);
      expect(latest.headers['cache-control']).toBe(REVALIDATE);
      expect(latest.headers.etag).toBe(`"${v2.digest as string}"`);
      const again = await api.get(`/v1/applications/${app}/versions/latest/manifests`, {
        headers: { 'if-none-match': latest.headers.etag as string },
      });
      expect(again.status).toBe(304);
    });

    it('serves the draft like a version: equal to latest while unchanged, different after a change', async () => {
      const draft = await api.get(`/v1/applications/${app}/policies`);
      expect(draft.status).toBe(200);
      expect(draft.headers['cache-control']).toBe(REVALIDATE);
      expect(draft.headers.etag).toBe(`"${v2.digest as string}"`);
      const other = await createThreeTier(api);
      const before = await api.get(`/v1/applications/${other}/policies`, { headers: { accept: 'application/json' } });
      expect(before.body.items).toHaveLength(3);
      await api.patch(`/v1/applications/${other}`, { settings: { isolation: 'ingress' } });
      const after = await api.get(`/v1/applications/${other}/policies`, { headers: { accept: 'application/json' } });
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect((await versionsOf(other)).total).toBe(0);
    });

    it('diffs two versions: policies added, removed and changed, and connections', async () => {
      const diff = await api.get(`/v1/applications/${app}/versions/1/diff/latest`);
      expect(diff.status).toBe(200);
      expect(diff.body.from).toBe(1);
      expect(diff.body.to).toBe(2);
      expect(diff.body.policies.added).toEqual([]);
      expect(diff.body.policies.removed).toEqual([]);
      expect(diff.body.policies.changed.map((c: { name: string }) => c.name)).toEqual([
        `shop/${app}-api`,
        `shop/${app}-db`,
        `shop/${app}-web`,
      ]);
      const db = diff.body.policies.changed[1].diff as string;
      expect(db).toContain(`--- v1/shop/${app}-db`);
      expect(db).toContain(`+++ v2/shop/${app}-db`);
      expect(db).toMatch(/^-\s+name: api-pod$/m);
      expect(db).toMatch(/^\+\s+app: web$/m);
      expect(diff.body.connections.added).toContainEqual({
        from: 'web',
        to: 'db',
        conns: [{ protocol: 'TCP', ports: [[3306, 3306]] }],
      });
      expect(diff.body.connections.removed).toContainEqual({
        from: 'api',
        to: 'db',
        conns: [{ protocol: 'TCP', ports: [[3306, 3306]] }],
      });
      const same = await api.get(`/v1/applications/${app}/versions/2/diff/2`);
      expect(same.body.policies).toEqual({ added: [], removed: [], changed: [] });
      expect(same.body.connections).toEqual({ added: [], removed: [] });
      expect((await api.get(`/v1/applications/${app}/versions/1/diff/9`)).status).toBe(404);
      expect((await api.get(`/v1/applications/${app}/versions/1/diff/x`)).body.details[0].field).toBe('other');
    });
  });

  describe('channels', () => {
    it('creates (201), moves (200), reads, lists, pulls with ETag/304 and deletes a channel', async () => {
      const app = await createThreeTier(api);
      const v1 = (await api.post(`/v1/applications/${app}/versions`)).body;
      await api.post(`/v1/applications/${app}/flows`, {
        from: { component: 'web' },
        to: { component: 'db' },
        ports: [{ port: 3306 }],
      });
      const v2 = (await api.post(`/v1/applications/${app}/versions`)).body;
      expect(v2.number).toBe(2);

      const created = await api.put(`/v1/applications/${app}/channels/production`, { version: 1 });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'production', version: 1, digest: v1.digest });
      await api.put(`/v1/applications/${app}/channels/staging`, { version: 2 });

      const pulled = await api.get(`/v1/applications/${app}/channels/production/manifests`);
      expect(pulled.status).toBe(200);
      expect(pulled.headers.etag).toBe(`"${v1.digest as string}"`);
      expect(pulled.headers['cache-control']).toBe(REVALIDATE);
      expect(pulled.text).toBe((await api.get(`/v1/applications/${app}/versions/1/manifests`)).text);
      const cached = await api.get(`/v1/applications/${app}/channels/production/manifests`, {
        headers: { 'if-none-match': pulled.headers.etag as string },
      });
      expect(cached.status).toBe(304);

      const moved = await api.put(`/v1/applications/${app}/channels/production`, { version: 2 });
      expect(moved.status).toBe(200);
      expect(moved.body.version).toBe(2);
      const after = await api.get(`/v1/applications/${app}/channels/production/manifests`, {
        headers: { 'if-none-match': pulled.headers.etag as string },
      });
      expect(after.status).toBe(200);
      expect(after.headers.etag).toBe(`"${v2.digest as string}"`);

      expect((await api.get(`/v1/applications/${app}/channels/production`)).body).toEqual(moved.body);
      const list = await api.get(`/v1/applications/${app}/channels`);
      expect(list.body.items.map((c: { name: string; version: number }) => [c.name, c.version])).toEqual([
        ['production', 2],
        ['staging', 2],
      ]);
      expect((await api.delete(`/v1/applications/${app}/channels/staging`)).status).toBe(204);
      const gone = await api.get(`/v1/applications/${app}/channels/staging`);
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe('channel/not_found');
      expect((await api.delete(`/v1/applications/${app}/channels/staging`)).status).toBe(404);
      expect((await api.get(`/v1/applications/${app}/channels/staging/manifests`)).status).toBe(404);
      expect((await versionsOf(app)).total).toBe(2);
    });

    it.each([
      ['Production', { version: 1 }, 400, 'channel'],
      ['prod_1', { version: 1 }, 400, 'channel'],
      ['production', { version: 0 }, 400, 'version'],
      ['production', { version: 'one' }, 400, 'version'],
      ['production', {}, 400, 'version'],
      ['production', { version: 7 }, 404, 'version'],
    ])('rejects channel %s with %j (%i naming %s), and writes nothing', async (channel, body, status, field) => {
      const app = await createThreeTier(api);
      await api.post(`/v1/applications/${app}/versions`);
      const response = await api.put(`/v1/applications/${app}/channels/${channel}`, body);
      expect(response.status).toBe(status);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await api.get(`/v1/applications/${app}/channels`)).body.items).toEqual([]);
    });

    it('answers 404 channel/not_found for an unknown channel', async () => {
      const app = await createThreeTier(api);
      const response = await api.get(`/v1/applications/${app}/channels/nope`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('channel/not_found');
    });
  });
});

describe('policy versions (GraphQL)', () => {
  it('publishes, sets a channel and reads versions, latestVersion and channels', async () => {
    const app = await createThreeTier(api);
    const published = await gql(
      t.app,
      `mutation($app: String!) { publishVersion(application: $app, note: "from the portal") { number digest note actor } }`,
      { app },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishVersion).toMatchObject({ number: 1, note: 'from the portal', actor: 'bootstrap' });
    const channel = await gql(
      t.app,
      `mutation($app: String!) { setChannel(application: $app, channel: "production", version: 1) { name version } }`,
      { app },
    );
    expect(channel.data!.setChannel).toEqual({ name: 'production', version: 1 });

    const read = await gql(
      t.app,
      `query($app: String!) { application(name: $app) {
        latestVersion { number digest createdAt note actor manifestsYaml }
        versions(limit: 5) { number }
        channels { name version }
      } }`,
      { app },
    );
    expect(read.errors).toBeUndefined();
    const rest = (await api.get(`/v1/applications/${app}/versions/1/manifests`)).text;
    expect(read.data!.application.latestVersion).toMatchObject({
      number: 1,
      note: 'from the portal',
      manifestsYaml: rest,
    });
    expect(read.data!.application.versions).toEqual([{ number: 1 }]);
    expect(read.data!.application.channels).toEqual([{ name: 'production', version: 1 }]);
  });

  it('reports errors with the REST codes', async () => {
    const app = await createThreeTier(api);
    const missing = await gql(
      t.app,
      `mutation($app: String!) { setChannel(application: $app, channel: "prod", version: 3) { name } }`,
      { app },
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('version/not_found');
    const long = await gql(
      t.app,
      `mutation($app: String!, $note: String) { publishVersion(application: $app, note: $note) { number } }`,
      {
        app,
        note: 'x'.repeat(1001),
      },
    );
    expect(long.errors?.[0]?.extensions?.code).toBe('validation/failed');
    expect((await api.get(`/v1/applications/${app}/versions`)).body.total).toBe(0);
  });

  it('costs the same number of SQL queries for 3 and for 12 applications', async () => {
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      const app = await createThreeTier(api, uniqueName('count'));
      if (i % 2 === 0) await api.post(`/v1/applications/${app}/versions`);
      names.push(app);
    }
    const query = `query($limit: Int) { applications(limit: $limit) { items {
      components { name } flows { id } latestVersion { number } channels { name } versions(limit: 2) { number }
    } } }`;
    const cost = (limit: number) =>
      statementsDuring(t.app, async () => {
        const result = await gql(t.app, query, { limit });
        expect(result.errors).toBeUndefined();
        expect(result.data!.applications.items).toHaveLength(limit);
      });
    const three = await cost(3);
    const twelve = await cost(12);
    expect(twelve).toBe(three);
    // Applications + count + their owned namespaces (one include), components, flows, latestVersion,
    // versions, and channels (Prisma loads the include'd versions with a second query).
    // Authentication's statements are not counted.
    expect(three).toBe(9);
  });
});
