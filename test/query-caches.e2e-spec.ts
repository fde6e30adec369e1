/**
 * What the portal's query keeps in memory (the application, its latest version's head, the compiled
 * version and its allowed flows) never answers what this replica already changed, never answers one
 * application with another's data, and never skips the caller's authorization. CACHE_TTL_MS is the
 * longest allowed, so an entry never expires during a test: what a test sees changed, a write here
 * made the cache forget.
 */
import { GraphqlAnswerCache } from '../src/common/graphql/answer-cache';
import { MAX_CACHE_TTL_MS } from '../src/config/config';
import { contractClient, type ContractClient } from './support/api';
import { createTestApp, type TestApp } from './support/app';
import { THREE_TIER, createApplication, createThreeTier } from './support/fixtures';
import { gql } from './support/graphql';
import { statementsDuring } from './support/queries';
import { issueToken } from './support/tokens';

const PORTAL_QUERY = `query($app: String!) { application(name: $app) { name description ownedNamespaces { namespace }
  allowedFlows { from { component external } to { component external } allConnections ports { protocol ranges { start end } } } } }`;

type Peer = { component: string | null; external: string | null };
const pairs = (flows: { from: Peer; to: Peer }[]) =>
  flows.map((f) => `${f.from.component ?? f.from.external}->${f.to.component ?? f.to.external}`).sort();

describe('what the portal query keeps in memory', () => {
  let t: TestApp;
  let api: ContractClient;

  beforeAll(async () => {
    t = await createTestApp({ cacheTtlMs: MAX_CACHE_TTL_MS });
    api = contractClient(t.app);
  });
  afterAll(() => t.close());

  const portal = async (app: string, token?: string) => {
    const result = await gql(t.app, PORTAL_QUERY, { app }, token === undefined ? {} : { token });
    return result;
  };
  const flowsOf = async (app: string) => {
    const result = await portal(app);
    expect(result.errors).toBeUndefined();
    return pairs(result.data!.application.allowedFlows);
  };
  const publish = async (app: string) => {
    const response = await api.post(`/v1/applications/${app}/versions`, { note: 'test' });
    expect([200, 201]).toContain(response.status);
    return response.body.number as number;
  };
  const addWebToDb = async (app: string) => {
    const flow = await api.post(`/v1/applications/${app}/flows`, {
      from: { component: 'web' },
      to: { component: 'db' },
      ports: [{ port: 3306 }],
    });
    expect(flow.status).toBe(201);
  };

  it('answers a repeated portal query without any SQL statement', async () => {
    const app = await createThreeTier(api);
    await publish(app);
    await flowsOf(app);
    const answers = t.app.get(GraphqlAnswerCache);
    const before = answers.stats();
    expect(await statementsDuring(t.app, () => flowsOf(app))).toBe(0);
    // Served as it was sent the first time: neither executed nor serialized again.
    expect(answers.stats().hits - before.hits).toBe(1);
  });

  it('keeps no answer of a query with a field that reads elsewhere (versions, reachability)', async () => {
    const app = await createThreeTier(api);
    await publish(app);
    const answers = t.app.get(GraphqlAnswerCache);
    const query = `query($app: String!) { application(name: $app) { allowedFlows { from { component } } versions { number } } }`;
    for (let i = 0; i < 2; i++) expect((await gql(t.app, query, { app })).errors).toBeUndefined();
    const before = answers.stats();
    const again = await gql(t.app, query, { app });
    expect(again.errors).toBeUndefined();
    expect(answers.stats().hits).toBe(before.hits);
    // A publish in between is seen, as with every query.
    await addWebToDb(app);
    await publish(app);
    const after = await gql(t.app, query, { app });
    expect(after.data!.application.versions).toHaveLength(2);
  });

  it('shows a publish made here in the very next query, on GraphQL and REST alike', async () => {
    const app = await createThreeTier(api);
    await publish(app);
    expect(await flowsOf(app)).toEqual(['api->db', 'internet->web', 'web->api']);
    const before = await api.get(`/v1/applications/${app}/reachability?from=web&to=db&port=3306`);
    expect([before.body.allowed, before.body.version.number]).toEqual([false, 1]);
    await addWebToDb(app);
    // Edited but not published: the latest version is still 1.
    expect(await flowsOf(app)).toEqual(['api->db', 'internet->web', 'web->api']);
    expect(await publish(app)).toBe(2);
    expect(await flowsOf(app)).toEqual(['api->db', 'internet->web', 'web->api', 'web->db']);
    const after = await api.get(`/v1/applications/${app}/reachability?from=web&to=db&port=3306`);
    expect([after.body.allowed, after.body.version.number]).toEqual([true, 2]);
  });

  it('shows a topology edit in the next query of the draft, and the first publish in the next one after it', async () => {
    const app = await createThreeTier(api);
    // Nothing published: the default is the draft, read from the topology on every query.
    expect(await flowsOf(app)).toEqual(['api->db', 'internet->web', 'web->api']);
    await addWebToDb(app);
    expect(await flowsOf(app)).toEqual(['api->db', 'internet->web', 'web->api', 'web->db']);
    expect(await publish(app)).toBe(1);
    const removed = await api.put(`/v1/applications/${app}/topology`, THREE_TIER);
    expect(removed.status).toBe(200);
    // Published: the default is now version 1, whatever the draft became.
    expect(await flowsOf(app)).toEqual(['api->db', 'internet->web', 'web->api', 'web->db']);
  });

  it('shows an application update and a namespace grant made here in the next query', async () => {
    const app = await createThreeTier(api);
    await publish(app);
    expect((await portal(app)).data!.application.description).toBe('');
    expect((await api.patch(`/v1/applications/${app}`, { description: 'the shop' })).status).toBe(200);
    expect((await portal(app)).data!.application.description).toBe('the shop');
    const namespace = `ns-${app}`;
    expect((await api.put(`/v1/applications/${app}/namespaces/${namespace}`, {})).status).toBe(201);
    expect((await portal(app)).data!.application.ownedNamespaces).toContainEqual({ namespace });
    expect((await api.delete(`/v1/applications/${app}/namespaces/${namespace}`)).status).toBe(204);
    expect((await portal(app)).data!.application.ownedNamespaces).not.toContainEqual({ namespace });
  });

  it("never answers one application with another's data, nor a deleted application's under its name", async () => {
    const plain = await createThreeTier(api);
    const wider = await createThreeTier(api);
    await addWebToDb(wider);
    await publish(plain);
    await publish(wider);
    // Same topology but one flow, both at version 1: each answers its own.
    expect(await flowsOf(plain)).toEqual(['api->db', 'internet->web', 'web->api']);
    expect(await flowsOf(wider)).toEqual(['api->db', 'internet->web', 'web->api', 'web->db']);
    expect(await flowsOf(plain)).toEqual(['api->db', 'internet->web', 'web->api']);

    const before = (await portal(plain)).data!.application;
    expect((await api.delete(`/v1/applications/${plain}`)).status).toBe(204);
    const gone = await portal(plain);
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'application/not_found' });
    // The same name again, with another topology and its own version 1.
    await createApplication(api, plain, { description: 'second life' });
    const put = await api.put(`/v1/applications/${plain}/topology`, THREE_TIER);
    expect(put.status).toBe(200);
    await addWebToDb(plain);
    expect(await publish(plain)).toBe(1);
    const again = (await portal(plain)).data!.application;
    expect(again.description).toBe('second life');
    expect(pairs(again.allowedFlows)).toEqual(['api->db', 'internet->web', 'web->api', 'web->db']);
    expect(before.description).toBe('');
  });

  it('checks every request against its token: scope, a cached answer and revocation', async () => {
    const mine = await createThreeTier(api);
    const theirs = await createThreeTier(api);
    await publish(mine);
    await publish(theirs);
    // Both in memory, through the admin.
    await flowsOf(mine);
    await flowsOf(theirs);
    const token = await issueToken(api, { role: 'viewer', applications: [mine] });
    const allowed = await portal(mine, token);
    expect(allowed.errors).toBeUndefined();
    expect(pairs(allowed.data!.application.allowedFlows)).toEqual(['api->db', 'internet->web', 'web->api']);
    const hidden = await portal(theirs, token);
    expect(hidden.data?.application ?? null).toBeNull();
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: 'application/not_found' });
    const noToken = await gql(t.app, PORTAL_QUERY, { app: mine }, { token: null });
    expect(noToken.errors?.[0]?.extensions).toMatchObject({ code: 'auth/unauthenticated' });
    const listed = await api.get('/v1/tokens');
    const id = (listed.body.items as { id: string; prefix: string }[]).find((k) => token.startsWith(k.prefix))!.id;
    expect((await api.delete(`/v1/tokens/${id}`)).status).toBe(204);
    const revoked = await portal(mine, token);
    expect(revoked.data?.application ?? null).toBeNull();
    expect(revoked.errors?.[0]?.extensions).toMatchObject({ code: 'auth/unauthenticated' });
  });
});
