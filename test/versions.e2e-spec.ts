import { parseAllDocuments } from 'yaml';
import { PrismaService } from '../src/database/prisma.service';
import type { NetworkPolicy } from '../src/engine';
import { useTestApp } from './support/app';
import { createApplication, createThreeTier, uniqueName } from './support/fixtures';
import { bodyOf, expectStatus, typedClient } from './support/typed-api';
import { schemaProblems } from './support/kubernetes-schema';

/** Private: every manifests answer needs a token, so no shared cache may replay it to another caller. */
const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';

function yamlPolicies(text: string): NetworkPolicy[] {
  return parseAllDocuments(text).map((d) => d.toJS() as NetworkPolicy);
}

// One application for the file: every test works on applications of its own. Channels are in
// channels.e2e-spec.ts, the GraphQL side of versions in versions-graphql.e2e-spec.ts.
const t = useTestApp();
const api = t.api;
const typed = typedClient(api);

describe('policy versions (REST)', () => {
  const versionsOf = async (app: string) =>
    bodyOf(await typed.get('/v1/applications/{app}/versions', { path: { app }, query: { limit: 100 } }), 200);

  describe('publish', () => {
    it('publishes 1 (201), answers 1 again while unchanged (200), and 2 after a topology change', async () => {
      const app = await createThreeTier(api);
      const first = await typed.post('/v1/applications/{app}/versions', { path: { app }, body: { note: 'first cut' } });
      expectStatus(first, 201);
      expect(first.body).toMatchObject({ number: 1, policyCount: 3, note: 'first cut', actor: 'bootstrap' });
      expect(first.body.digest).toMatch(/^[0-9a-f]{64}$/);

      const again = await typed.post('/v1/applications/{app}/versions', { path: { app }, body: { note: 'ignored' } });
      expectStatus(again, 200);
      expect(again.body).toEqual(first.body);

      await typed.put('/v1/applications/{app}/components/{component}', {
        path: { app, component: 'cache' },
        body: { labels: { app: 'cache' }, ports: [{ port: 6379 }] },
      });
      await typed.post('/v1/applications/{app}/flows', {
        path: { app },
        body: {
          from: { component: 'api' },
          to: { component: 'cache' },
          ports: [{ port: 6379 }],
        },
      });
      const second = await typed.post('/v1/applications/{app}/versions', { path: { app } });
      expectStatus(second, 201);
      expect(second.body.number).toBe(2);
      expect(second.body.policyCount).toBe(4);
      expect(second.body.digest).not.toBe(first.body.digest);
    });

    it('records lint findings (warnings) with the version', async () => {
      const app = await createThreeTier(api);
      await typed.put('/v1/applications/{app}/components/{component}', {
        path: { app, component: 'idle' },
        body: { labels: { app: 'idle' } },
      });
      const published = await typed.post('/v1/applications/{app}/versions', { path: { app } });
      expectStatus(published, 201);
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
      const refused = await typed.post('/v1/applications/{app}/versions', { path: { app } });
      expectStatus(refused, 422);
      expect(refused.body.code).toBe('version/invalid');
      expect(refused.body.details.findings).toContainEqual(
        expect.objectContaining({ code: 'named-port-undefined', severity: 'error' }),
      );
      expect((await typed.get('/v1/applications/{app}/policies', { path: { app } })).status).toBe(422);
      expect(await versionsOf(app)).toMatchObject({ items: [], total: 0 });
    });

    it.each([
      ['a note of 1001 characters', { note: 'x'.repeat(1001) }, 'note'],
      ['a numeric note', { note: 5 }, 'note'],
      ['an unknown field', { notes: 'typo' }, 'notes'],
    ])('rejects %s naming %s, and writes nothing', async (_case, body, field) => {
      const app = await createThreeTier(api);
      // Invalid on purpose: the untyped client sends what the types would refuse.
      const response = await api.post(`/v1/applications/${app}/versions`, body);
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await versionsOf(app)).total).toBe(0);
    });

    it('accepts a note of exactly 1000 characters', async () => {
      const app = await createThreeTier(api);
      expect(
        (await typed.post('/v1/applications/{app}/versions', { path: { app }, body: { note: 'x'.repeat(1000) } }))
          .status,
      ).toBe(201);
    });

    it('answers 404 for an unknown application', async () => {
      const response = await typed.post('/v1/applications/{app}/versions', { path: { app: uniqueName('ghost') } });
      expectStatus(response, 404);
      expect(response.body.code).toBe('application/not_found');
    });

    it('numbers concurrent publishes of distinct states consecutively and uniquely', async () => {
      const app = await createThreeTier(api);
      // Ten changes, each followed at once by a publish; the publishes race each other and the writes.
      const results = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          await api.put(`/v1/applications/${app}/externals/net-${i}`, { cidr: `10.${i}.0.0/16` });
          await typed.post('/v1/applications/{app}/flows', {
            path: { app },
            body: {
              from: { component: 'api' },
              to: { external: `net-${i}` },
              ports: [{ port: 443 }],
            },
          });
          return typed.post('/v1/applications/{app}/versions', { path: { app } });
        }),
      );
      for (const r of results) expect([200, 201]).toContain(r.status);
      const list = await versionsOf(app);
      const numbers = list.items.map((v: { number: number }) => v.number);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers.length - i));
      expect(new Set(list.items.map((v: { digest: string }) => v.digest)).size).toBe(numbers.length);
      expect(numbers.length).toBeGreaterThanOrEqual(1);
      // The last one holds all ten flows.
      const latest = await typed.get('/v1/applications/{app}/versions/{v}/manifests', {
        path: { app, v: 'latest' },
        options: {
          headers: { accept: 'application/json' },
        },
      });
      expectStatus(latest, 200);
      const apiPolicy = latest.body.items.find((p) => p.metadata.name === `${app}-api`);
      expect(JSON.stringify(apiPolicy?.spec.egress)).toContain('10.9.0.0/16');
    });

    it('publishes the same state 10 times in parallel as one version', async () => {
      const app = await createThreeTier(api);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => typed.post('/v1/applications/{app}/versions', { path: { app } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => (r.status === 200 || r.status === 201 ? r.body.number : r.status)))).toEqual(
        new Set([1]),
      );
    });
  });

  describe('read', () => {
    let app: string;
    let v1: Record<string, unknown>;
    let v2: Record<string, unknown>;

    beforeAll(async () => {
      app = await createThreeTier(api);
      v1 = (await typed.post('/v1/applications/{app}/versions', { path: { app } })).body;
      // web -> db directly instead of through api: the change security would flag in review.
      const [apiToDb] = bodyOf(
        await typed.get('/v1/applications/{app}/flows', { path: { app }, query: { from: 'api', to: 'db' } }),
        200,
      ).items;
      await typed.delete('/v1/applications/{app}/flows/{id}', { path: { app, id: apiToDb.id as string } });
      await typed.post('/v1/applications/{app}/flows', {
        path: { app },
        body: {
          from: { component: 'web' },
          to: { component: 'db' },
          ports: [{ port: 3306 }],
        },
      });
      v2 = (await typed.post('/v1/applications/{app}/versions', { path: { app }, body: { note: 'web to db' } })).body;
    });

    it('lists newest first with paging, and gets by number and latest', async () => {
      const list = await typed.get('/v1/applications/{app}/versions', { path: { app } });
      expectStatus(list, 200);
      expect(list.body).toEqual({ items: [v2, v1], total: 2, limit: 20, offset: 0 });
      expect(
        bodyOf(
          await typed.get('/v1/applications/{app}/versions', { path: { app }, query: { limit: 1, offset: 1 } }),
          200,
        ).items,
      ).toEqual([v1]);
      expect(bodyOf(await typed.get('/v1/applications/{app}/versions/{v}', { path: { app, v: '1' } }), 200)).toEqual(
        v1,
      );
      expect(
        bodyOf(await typed.get('/v1/applications/{app}/versions/{v}', { path: { app, v: 'latest' } }), 200),
      ).toEqual(v2);
    });

    it.each([
      ['0', 'v'],
      ['abc', 'v'],
      ['-1', 'v'],
      ['1.5', 'v'],
      ['01', 'v'],
    ])('rejects version %s (400 naming %s)', async (v, field) => {
      const response = await typed.get('/v1/applications/{app}/versions/{v}', { path: { app, v } });
      expectStatus(response, 400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('rejects limit=0 and limit=101', async () => {
      for (const limit of [0, 101]) {
        const response = await typed.get('/v1/applications/{app}/versions', { path: { app }, query: { limit: limit } });
        expectStatus(response, 400);
        expect(response.body.details[0].field).toBe('limit');
      }
    });

    it('answers 404 version/not_found for a missing number, and for latest before any publish', async () => {
      const missing = await typed.get('/v1/applications/{app}/versions/{v}', { path: { app, v: '99' } });
      expectStatus(missing, 404);
      expect(missing.body.code).toBe('version/not_found');
      const empty = await createApplication(api);
      const none = await typed.get('/v1/applications/{app}/versions/{v}/manifests', {
        path: { app: empty, v: 'latest' },
      });
      expectStatus(none, 404);
      expect(none.body.code).toBe('version/not_found');
    });

    it('serves manifests as YAML by default, and as a kind: List on Accept: application/json', async () => {
      const yaml = await typed.get('/v1/applications/{app}/versions/{v}/manifests', { path: { app, v: '1' } });
      expectStatus(yaml, 200);
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

      const json = await typed.get('/v1/applications/{app}/versions/{v}/manifests', {
        path: { app, v: '1' },
        options: {
          headers: { accept: 'application/json' },
        },
      });
      expectStatus(json, 200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      expect(json.headers.etag).toBe(`"${v1.digest as string}-json"`);
      expect(json.body.kind).toBe('List');
      expect(json.body.items).toEqual(policies);
    });

    it('every published manifest validates against the kubernetes-models NetworkPolicy schema', async () => {
      const all = [
        ...yamlPolicies(
          (await typed.get('/v1/applications/{app}/versions/{v}/manifests', { path: { app, v: '1' } })).text,
        ),
        ...yamlPolicies(
          (await typed.get('/v1/applications/{app}/versions/{v}/manifests', { path: { app, v: '2' } })).text,
        ),
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
      const latest = await typed.get('/v1/applications/{app}/versions/{v}/manifests', { path: { app, v: 'latest' } });
      expect(latest.headers['cache-control']).toBe(REVALIDATE);
      expect(latest.headers.etag).toBe(`"${v2.digest as string}"`);
      const again = await typed.get('/v1/applications/{app}/versions/{v}/manifests', {
        path: { app, v: 'latest' },
        options: {
          headers: { 'if-none-match': latest.headers.etag as string },
        },
      });
      expectStatus(again, 304);
    });

    it('serves the draft like a version: equal to latest while unchanged, different after a change', async () => {
      const draft = await typed.get('/v1/applications/{app}/policies', { path: { app } });
      expectStatus(draft, 200);
      expect(draft.headers['cache-control']).toBe(REVALIDATE);
      expect(draft.headers.etag).toBe(`"${v2.digest as string}"`);
      const other = await createThreeTier(api);
      const before = await typed.get('/v1/applications/{app}/policies', {
        path: { app: other },
        options: { headers: { accept: 'application/json' } },
      });
      expectStatus(before, 200);
      expect(before.body.items).toHaveLength(3);
      await typed.patch('/v1/applications/{app}', {
        path: { app: other },
        body: { settings: { isolation: 'ingress' } },
      });
      const after = await typed.get('/v1/applications/{app}/policies', {
        path: { app: other },
        options: { headers: { accept: 'application/json' } },
      });
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect((await versionsOf(other)).total).toBe(0);
    });

    it('diffs two versions: policies added, removed and changed, and connections', async () => {
      const diff = await typed.get('/v1/applications/{app}/versions/{v}/diff/{other}', {
        path: { app, v: '1', other: 'latest' },
      });
      expectStatus(diff, 200);
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
      const same = await typed.get('/v1/applications/{app}/versions/{v}/diff/{other}', {
        path: { app, v: '2', other: '2' },
      });
      expectStatus(same, 200);
      expect(same.body.policies).toEqual({ added: [], removed: [], changed: [] });
      expect(same.body.connections).toEqual({ added: [], removed: [] });
      expect(
        (await typed.get('/v1/applications/{app}/versions/{v}/diff/{other}', { path: { app, v: '1', other: '9' } }))
          .status,
      ).toBe(404);
      expect(
        bodyOf(
          await typed.get('/v1/applications/{app}/versions/{v}/diff/{other}', { path: { app, v: '1', other: 'x' } }),
          400,
        ).details[0].field,
      ).toBe('other');
    });
  });
});
