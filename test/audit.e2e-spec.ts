import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import type { Response } from 'supertest';
import { PrismaService } from '../src/database/prisma.service';
import { contractClient, type ContractClient } from './support/api';
import { createTestApp, type TestApp } from './support/app';
import { createApplication, createThreeTier, THREE_TIER, uniqueName } from './support/fixtures';
import { gql, type GraphqlResult } from './support/graphql';
import { documentedOperations, type HttpMethod } from './support/openapi';

/** The name of the test admin token (FLOWPOLICY_ADMIN_TOKEN becomes the "bootstrap" token). */
const ADMIN_ACTOR = 'bootstrap';
const SHA256 = /^[0-9a-f]{64}$/;

interface AuditEventBody {
  id: string;
  at: string;
  actor: string;
  tokenId: string | null;
  action: string;
  application: string | null;
  target: string | null;
  digestBefore: string | null;
  digestAfter: string | null;
  requestId: string;
  details: Record<string, unknown> | null;
}

/** sha256 of the topology document as GET serves it, keys sorted: what topology events carry. */
function documentDigest(document: unknown): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(sorted(document)), 'utf8')
    .digest('hex');
}

describe('audit log', () => {
  let t: TestApp;
  let api: ContractClient;
  let prisma: PrismaService;

  beforeAll(async () => {
    t = await createTestApp();
    api = contractClient(t.app);
    prisma = t.app.get(PrismaService);
  });
  afterAll(() => t.close());

  const eventCount = () => prisma.auditEvent.count();

  async function newest(filter: Record<string, string> = {}): Promise<AuditEventBody[]> {
    const response = await api.get(`/v1/audit?${new URLSearchParams({ limit: '500', ...filter }).toString()}`);
    expect(response.status).toBe(200);
    return response.body.items as AuditEventBody[];
  }

  /** Runs one write and answers the single event it recorded (failing when it recorded none or several). */
  async function onlyEventOf(write: () => Promise<Response>, status: number): Promise<AuditEventBody> {
    const before = await eventCount();
    const response = await write();
    expect(response.status).toBe(status);
    expect(await eventCount()).toBe(before + 1);
    const [event] = await newest({ limit: '1' });
    expect(event.requestId).toBe(response.headers['x-request-id']);
    expect(event.actor).toBe(ADMIN_ACTOR);
    return event;
  }

  async function topologyDigestOf(app: string): Promise<string> {
    return documentDigest((await api.get(`/v1/applications/${app}/topology`)).body);
  }

  it('records each kind of write once, with action, actor, target and digests', async () => {
    const app = uniqueName('audited');
    const created = await onlyEventOf(
      () =>
        api.post('/v1/applications', {
          name: app,
          defaultNamespace: 'shop',
          ownedNamespaces: [{ namespace: 'shop', shared: true }],
        }),
      201,
    );
    expect(created).toMatchObject({ action: 'application.create', application: app, digestBefore: null });

    const updated = await onlyEventOf(() => api.patch(`/v1/applications/${app}`, { description: 'shop' }), 200);
    expect(updated).toMatchObject({ action: 'application.update', details: { changes: { description: 'shop' } } });

    const empty = await topologyDigestOf(app);
    const topology = await onlyEventOf(() => api.put(`/v1/applications/${app}/topology`, THREE_TIER), 200);
    expect(topology).toMatchObject({ action: 'topology.put', application: app, digestBefore: empty });
    expect(topology.digestAfter).toBe(await topologyDigestOf(app));
    expect(topology.digestAfter).not.toBe(empty);

    const component = await onlyEventOf(
      () => api.put(`/v1/applications/${app}/components/cache`, { labels: { app: 'cache' }, ports: [{ port: 6379 }] }),
      201,
    );
    expect(component).toMatchObject({ action: 'component.put', target: 'cache', digestBefore: topology.digestAfter });
    expect(component.digestAfter).toBe(await topologyDigestOf(app));

    const external = await onlyEventOf(
      () => api.put(`/v1/applications/${app}/externals/partners`, { cidr: '203.0.113.0/24' }),
      201,
    );
    expect(external).toMatchObject({ action: 'external.put', target: 'partners' });

    const flowResponse = await api.post(`/v1/applications/${app}/flows`, {
      from: { component: 'api' },
      to: { component: 'cache' },
      ports: [{ port: 6379 }],
    });
    const [flow] = await newest({ limit: '1' });
    expect(flow).toMatchObject({
      action: 'flow.create',
      target: flowResponse.body.id,
      digestBefore: external.digestAfter,
    });

    const flowDeleted = await onlyEventOf(
      () => api.delete(`/v1/applications/${app}/flows/${flowResponse.body.id as string}`),
      204,
    );
    expect(flowDeleted).toMatchObject({
      action: 'flow.delete',
      target: flowResponse.body.id,
      digestAfter: external.digestAfter,
    });

    const componentDeleted = await onlyEventOf(() => api.delete(`/v1/applications/${app}/components/cache`), 204);
    expect(componentDeleted).toMatchObject({ action: 'component.delete', target: 'cache' });
    const externalDeleted = await onlyEventOf(() => api.delete(`/v1/applications/${app}/externals/partners`), 204);
    expect(externalDeleted).toMatchObject({ action: 'external.delete', digestAfter: topology.digestAfter });

    const published = await onlyEventOf(() => api.post(`/v1/applications/${app}/versions`, { note: 'first' }), 201);
    const version = (await api.get(`/v1/applications/${app}/versions/1`)).body as { digest: string };
    expect(published).toMatchObject({
      action: 'version.publish',
      target: '1',
      digestBefore: null,
      digestAfter: version.digest,
      details: { note: 'first' },
    });
    // An unchanged draft publishes nothing, so records nothing.
    const before = await eventCount();
    expect((await api.post(`/v1/applications/${app}/versions`, {})).status).toBe(200);
    expect(await eventCount()).toBe(before);

    const channel = await onlyEventOf(() => api.put(`/v1/applications/${app}/channels/prod`, { version: 1 }), 201);
    expect(channel).toMatchObject({
      action: 'channel.set',
      target: 'prod',
      digestBefore: null,
      digestAfter: version.digest,
    });
    const channelDeleted = await onlyEventOf(() => api.delete(`/v1/applications/${app}/channels/prod`), 204);
    expect(channelDeleted).toMatchObject({ action: 'channel.delete', digestBefore: version.digest, digestAfter: null });

    const deleted = await onlyEventOf(() => api.delete(`/v1/applications/${app}`), 204);
    expect(deleted).toMatchObject({ action: 'application.delete', application: app });
    // The log outlives the application.
    expect((await newest({ application: app })).length).toBe(13);
    for (const event of await newest({ application: app })) {
      if (event.digestBefore !== null) expect(event.digestBefore).toMatch(SHA256);
      if (event.digestAfter !== null) expect(event.digestAfter).toMatch(SHA256);
    }
  });

  it('records nothing for a rejected write', async () => {
    const app = await createThreeTier(api);
    const before = await eventCount();
    const rejected = [
      await api.post('/v1/applications', { name: app }), // 409: exists
      await api.post('/v1/applications', { name: 'Not A Label' }), // 400: validation
      await api.put(`/v1/applications/${app}/components/bad`, { labels: { app: 'x' }, ports: [{ port: 0 }] }), // 400
      await api.post(`/v1/applications/${app}/flows`, { from: { component: 'web' }, to: { component: 'ghost' } }), // 422
      await api.delete(`/v1/applications/${app}/components/db`), // 409: in use
      await api.delete(`/v1/applications/${app}/flows/00000000-0000-4000-8000-000000000000`), // 404
      await api.put(`/v1/applications/${app}/channels/prod`, { version: 7 }), // 404: no such version
      await api.delete(`/v1/applications/${app}/channels/prod`), // 404
      await api.put(`/v1/applications/${app}/topology`, {
        ...THREE_TIER,
        flows: [{ from: { component: 'x' }, to: { component: 'web' } }],
      }), // 422
    ];
    expect(rejected.map((r) => r.status)).toEqual([409, 400, 400, 422, 409, 404, 404, 404, 422]);
    expect(await eventCount()).toBe(before);
  });

  it('filters by application, actor and time range, newest first, in pages', async () => {
    const a = await createApplication(api);
    const b = await createApplication(api);
    for (const name of ['one', 'two', 'three']) {
      await api.put(`/v1/applications/${a}/components/${name}`, { labels: { app: name }, ports: [{ port: 80 }] });
    }
    const ofA = await newest({ application: a });
    expect(ofA.map((e) => e.target)).toEqual(['three', 'two', 'one', null]);
    expect(ofA.every((e) => e.application === a)).toBe(true);
    expect((await newest({ application: b })).map((e) => e.action)).toEqual(['application.create']);

    expect((await newest({ actor: ADMIN_ACTOR, application: a })).length).toBe(4);
    expect(await newest({ actor: 'somebody-else', application: a })).toEqual([]);

    const from = ofA[2].at; // 'one'
    const to = ofA[0].at; // 'three' (exclusive)
    const ranged = await newest({ application: a, from, to });
    expect(ranged.map((e) => e.target)).toEqual(ofA.filter((e) => e.at >= from && e.at < to).map((e) => e.target));
    expect(ranged.map((e) => e.target)).toContain('one');
    expect(ranged.map((e) => e.target)).not.toContain('three');

    // Pages: cursor and offset walk the same order.
    const page1 = await api.get(`/v1/audit?application=${a}&limit=3`);
    expect(page1.body.items.map((e: AuditEventBody) => e.target)).toEqual(['three', 'two', 'one']);
    const page2 = await api.get(`/v1/audit?application=${a}&limit=3&cursor=${page1.body.nextCursor as string}`);
    expect(page2.body).toMatchObject({ items: [{ action: 'application.create' }], nextCursor: null });
    const byOffset = await api.get(`/v1/audit?application=${a}&limit=2&offset=2`);
    expect(byOffset.body.items.map((e: AuditEventBody) => e.target)).toEqual(['one', null]);

    expect((await api.get('/v1/audit?cursor=nonsense')).status).toBe(400);
    expect((await api.get('/v1/audit?from=yesterday')).status).toBe(400);
    expect((await api.get(`/v1/audit?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).status).toBe(400);
  });

  it('serves the same log over GraphQL', async () => {
    const app = await createApplication(api);
    const result = await gql(
      t.app,
      `{ auditEvents(application: "${app}", limit: 5) { items { action actor application } nextCursor } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.auditEvents).toEqual({
      items: [{ action: 'application.create', actor: ADMIN_ACTOR, application: app }],
      nextCursor: null,
    });
  });

  /**
   * The audit log shows every write: each write operation openapi.yaml documents must have a recipe
   * below that performs it successfully, and each recipe must add exactly one event. A new write route
   * without auditing (or without a recipe here) fails this test.
   */
  describe('covers every documented write operation', () => {
    /** Analysis answers questions about manifests sent in the body; it stores nothing. */
    const READS_BY_POST = new Set([
      'post /v1/analysis/connectivity',
      'post /v1/analysis/reachability',
      'post /v1/applications/{app}/drift',
    ]);
    const WRITE_METHODS: readonly HttpMethod[] = ['post', 'put', 'patch', 'delete'];

    type Recipe = (app: string) => Promise<{ response: Response; status: number }>;
    const flowIds = new Map<string, string>();
    const tokenIds: string[] = [];
    const recipes: Record<string, Recipe> = {
      'post /v1/applications': async () => ({
        response: await api.post('/v1/applications', { name: uniqueName('other') }),
        status: 201,
      }),
      'patch /v1/applications/{app}': async (app) => ({
        response: await api.patch(`/v1/applications/${app}`, { displayName: 'Renamed' }),
        status: 200,
      }),
      'put /v1/applications/{app}/namespaces/{namespace}': async (app) => ({
        response: await api.put(`/v1/applications/${app}/namespaces/${app}-jobs`, {}),
        status: 201,
      }),
      'delete /v1/applications/{app}/namespaces/{namespace}': async (app) => ({
        response: await api.delete(`/v1/applications/${app}/namespaces/${app}-jobs`),
        status: 204,
      }),
      'put /v1/applications/{app}/components/{component}': async (app) => ({
        response: await api.put(`/v1/applications/${app}/components/cache`, {
          labels: { app: 'cache' },
          ports: [{ port: 6379 }],
        }),
        status: 201,
      }),
      'put /v1/applications/{app}/externals/{external}': async (app) => ({
        response: await api.put(`/v1/applications/${app}/externals/partners`, { cidr: '198.51.100.0/24' }),
        status: 201,
      }),
      'post /v1/applications/{app}/flows': async (app) => {
        const response = await api.post(`/v1/applications/${app}/flows`, {
          from: { component: 'web' },
          to: { component: 'cache' },
        });
        flowIds.set(app, response.body.id as string);
        return { response, status: 201 };
      },
      'delete /v1/applications/{app}/flows/{id}': async (app) => ({
        response: await api.delete(`/v1/applications/${app}/flows/${flowIds.get(app) as string}`),
        status: 204,
      }),
      'delete /v1/applications/{app}/components/{component}': async (app) => ({
        response: await api.delete(`/v1/applications/${app}/components/cache`),
        status: 204,
      }),
      'delete /v1/applications/{app}/externals/{external}': async (app) => ({
        response: await api.delete(`/v1/applications/${app}/externals/partners`),
        status: 204,
      }),
      'put /v1/applications/{app}/topology': async (app) => ({
        response: await api.put(`/v1/applications/${app}/topology`, THREE_TIER),
        status: 200,
      }),
      'post /v1/applications/{app}/versions': async (app) => ({
        response: await api.post(`/v1/applications/${app}/versions`, {}),
        status: 201,
      }),
      'put /v1/applications/{app}/channels/{channel}': async (app) => ({
        response: await api.put(`/v1/applications/${app}/channels/prod`, { version: 1 }),
        status: 201,
      }),
      'delete /v1/applications/{app}/channels/{channel}': async (app) => ({
        response: await api.delete(`/v1/applications/${app}/channels/prod`),
        status: 204,
      }),
      'post /v1/tokens': async () => {
        const response = await api.post('/v1/tokens', { name: uniqueName('ci'), role: 'viewer' });
        tokenIds.push(response.body.id as string);
        return { response, status: 201 };
      },
      'delete /v1/tokens/{id}': async () => ({
        response: await api.delete(`/v1/tokens/${tokenIds[0]}`),
        status: 204,
      }),
      'put /v1/guardrails': async () => ({
        response: await api.put('/v1/guardrails', { apiVersion: 'v1', kind: 'List', items: [] }),
        status: 200,
      }),
      'post /v1/guardrails/versions': async () => ({
        response: await api.post('/v1/guardrails/versions', {}),
        status: 201,
      }),
      'delete /v1/applications/{app}': async (app) => ({
        response: await api.delete(`/v1/applications/${app}`),
        status: 204,
      }),
    };

    const writes = documentedOperations()
      .filter((op) => WRITE_METHODS.includes(op.method))
      .map((op) => `${op.method} ${op.path}`)
      .filter((key) => !READS_BY_POST.has(key));

    it('has a recipe for every documented write operation', () => {
      expect(writes.filter((key) => recipes[key] === undefined)).toEqual([]);
    });

    it('records exactly one event for each, and the log shows them all', async () => {
      const app = await createThreeTier(api);
      // Recipes run in dependency order (create before delete); the application goes last.
      const order = Object.keys(recipes).filter((key) => writes.includes(key));
      expect(order.length).toBe(writes.length);
      for (const key of order) {
        const before = await eventCount();
        const { response, status } = await recipes[key](app);
        expect({ key, status: response.status }).toEqual({ key, status });
        expect({ key, recorded: (await eventCount()) - before }).toEqual({ key, recorded: 1 });
        const [event] = await newest({ limit: '1' });
        expect({ key, requestId: event.requestId }).toEqual({ key, requestId: response.headers['x-request-id'] });
      }
    });
  });

  /** The same for GraphQL: every mutation in schema.graphql (the served schema, kept in step by a test) is audited. */
  describe('covers every GraphQL mutation', () => {
    const mutations = Object.keys(
      buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'))
        .getMutationType()
        ?.getFields() ?? {},
    );
    const ids: { flow?: string; token?: string } = {};
    const recipes: Record<string, (app: string) => Promise<GraphqlResult>> = {
      createApplication: () =>
        gql(t.app, `mutation { createApplication(input: { name: "${uniqueName('gql')}" }) { name } }`),
      updateApplication: (app) =>
        gql(t.app, `mutation { updateApplication(name: "${app}", input: { displayName: "G" }) { name } }`),
      putTopology: (app) =>
        gql(
          t.app,
          'mutation($app: String!, $input: TopologyInput!) { putTopology(application: $app, input: $input) { components { name } } }',
          {
            app,
            input: THREE_TIER,
          },
        ),
      putComponent: (app) =>
        gql(
          t.app,
          `mutation { putComponent(application: "${app}", name: "cache", input: { labels: { app: "cache" }, ports: [{ port: 6379 }] }) { name } }`,
        ),
      putExternal: (app) =>
        gql(
          t.app,
          `mutation { putExternal(application: "${app}", name: "partners", input: { cidr: "198.51.100.0/24" }) { name } }`,
        ),
      createFlow: async (app) => {
        const result = await gql(
          t.app,
          `mutation { createFlow(application: "${app}", input: { from: { component: "web" }, to: { component: "cache" } }) { id } }`,
        );
        ids.flow = (result.data?.createFlow as { id: string } | undefined)?.id;
        return result;
      },
      deleteFlow: (app) => gql(t.app, `mutation { deleteFlow(application: "${app}", id: "${ids.flow as string}") }`),
      deleteComponent: (app) => gql(t.app, `mutation { deleteComponent(application: "${app}", name: "cache") }`),
      deleteExternal: (app) => gql(t.app, `mutation { deleteExternal(application: "${app}", name: "partners") }`),
      publishVersion: (app) => gql(t.app, `mutation { publishVersion(application: "${app}", note: "gql") { number } }`),
      setChannel: (app) =>
        gql(t.app, `mutation { setChannel(application: "${app}", channel: "prod", version: 1) { name } }`),
      createToken: async () => {
        const result = await gql(
          t.app,
          `mutation { createToken(input: { name: "${uniqueName('gql')}", role: "viewer" }) { id } }`,
        );
        ids.token = (result.data?.createToken as { id: string } | undefined)?.id;
        return result;
      },
      revokeToken: () => gql(t.app, `mutation { revokeToken(id: "${ids.token as string}") }`),
      grantNamespace: (app) =>
        gql(t.app, `mutation { grantNamespace(application: "${app}", namespace: "${app}-jobs") { namespace } }`),
      revokeNamespace: (app) =>
        gql(t.app, `mutation { revokeNamespace(application: "${app}", namespace: "${app}-jobs") }`),
      deleteApplication: (app) => gql(t.app, `mutation { deleteApplication(name: "${app}") }`),
    };

    it('has a recipe for every mutation', () => {
      expect(mutations.filter((name) => recipes[name] === undefined)).toEqual([]);
    });

    it('records exactly one event for each', async () => {
      const app = await createApplication(api);
      for (const name of Object.keys(recipes).filter((key) => mutations.includes(key))) {
        const before = await eventCount();
        const result = await recipes[name](app);
        expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
        expect({ name, recorded: (await eventCount()) - before }).toEqual({ name, recorded: 1 });
      }
    });
  });
});
