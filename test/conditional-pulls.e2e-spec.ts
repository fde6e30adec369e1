/**
 * A conditional pull (If-None-Match) is the cheapest request a pipeline makes, and still a request
 * like any other: its token, role and scope are checked before the 304, `*` matches any
 * representation, and what a pull keeps in memory is what the caches say (CACHE_TTL_MS=0 here:
 * nothing that another replica could change is kept, but a version's immutable row is).
 */
import { contractClient, type ContractClient } from './support/api';
import { createTestApp, type TestApp } from './support/app';
import { createThreeTier } from './support/fixtures';
import { PrismaService } from '../src/database/prisma.service';
import { issueToken } from './support/tokens';

describe('conditional manifests pulls', () => {
  let t: TestApp;
  let api: ContractClient;
  let mine: string;
  let theirs: string;
  let etag: string;
  let theirsEtag: string;
  /** Every SQL statement the application sends, as Prisma logs it. */
  const statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ cacheTtlMs: 0 });
    api = contractClient(t.app);
    mine = await createThreeTier(api);
    theirs = await createThreeTier(api);
    for (const app of [mine, theirs]) {
      expect((await api.post(`/v1/applications/${app}/versions`, { note: 'test' })).status).toBe(201);
    }
    etag = (await api.get(`/v1/applications/${mine}/versions/1/manifests`)).headers.etag as string;
    theirsEtag = (await api.get(`/v1/applications/${theirs}/versions/1/manifests`)).headers.etag as string;
    // PrismaService's type says $on takes no listener (Nest builds it without its log options in the type).
    (
      t.app.get(PrismaService) as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }
    ).$on('query', (event) => statements.push(event.query));
  });
  afterAll(() => t.close());

  const pull = (app: string, ifNoneMatch: string, token?: string | null) =>
    api.get(`/v1/applications/${app}/versions/1/manifests`, {
      headers: { 'if-none-match': ifNoneMatch },
      ...(token === undefined ? {} : { token }),
    });

  it('answers 304 only to a token that may read the application', async () => {
    const scoped = await issueToken(api, { role: 'viewer', applications: [mine] });
    expect((await pull(mine, etag, scoped)).status).toBe(304);
    expect((await pull(theirs, theirsEtag)).status).toBe(304);
    const hidden = await pull(theirs, theirsEtag, scoped);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ code: 'application/not_found' });
    expect((await pull(mine, etag, null)).status).toBe(401);
    expect((await pull(mine, etag, 'fp_not-a-token-0123456789abcdefghijklmnopqrstu')).status).toBe(401);
  });

  it('answers 304 to `*` for either representation', async () => {
    const yaml = await pull(mine, '*');
    expect(yaml.status).toBe(304);
    expect(yaml.headers.etag).toBe(etag);
    const json = await api.get(`/v1/applications/${mine}/versions/1/manifests`, {
      headers: { 'if-none-match': '*', accept: 'application/json' },
    });
    expect(json.status).toBe(304);
    expect(json.headers.etag).toBe(`"${etag.slice(1, -1)}-json"`);
  });

  it("reads the application on every pull, but a version's row once", async () => {
    await pull(mine, etag);
    const during = async (work: () => Promise<unknown>) => {
      const before = statements.length;
      await work();
      return statements.slice(before).filter((sql) => !sql.includes('"ApiToken"'));
    };
    // With no TTL cache, each pull checks which application the name is now, and reads no version row.
    for (const sent of [await during(() => pull(mine, etag)), await during(() => pull(mine, '"other"'))]) {
      expect(sent.some((sql) => sql.includes('"Application"'))).toBe(true);
      expect(sent.filter((sql) => sql.includes('"PolicyVersion"'))).toEqual([]);
    }
  });

  it('reads which version is latest on every pull of latest, and a new one at once, but a row once', async () => {
    const latest = `/v1/applications/${mine}/versions/latest/manifests`;
    const manifestsRead = (sent: string[]) => sent.filter((sql) => sql.includes('"PolicyVersion"."manifests"'));
    const pulled = async (ifNoneMatch: string) => {
      const before = statements.length;
      const response = await api.get(latest, { headers: { 'if-none-match': ifNoneMatch } });
      return { response, sent: statements.slice(before) };
    };
    const first = await pulled(etag);
    expect(first.response.status).toBe(304);
    expect(first.sent.some((sql) => sql.includes('"PolicyVersion"'))).toBe(true);
    expect(manifestsRead(first.sent)).toEqual([]);

    const flow = await api.post(`/v1/applications/${mine}/flows`, {
      from: { component: 'web' },
      to: { component: 'db' },
      ports: [{ port: 3306 }],
    });
    expect(flow.status).toBe(201);
    expect((await api.post(`/v1/applications/${mine}/versions`, { note: 'two' })).status).toBe(201);
    const second = await pulled(etag);
    expect(second.response.status).toBe(200);
    expect(second.response.headers.etag).not.toBe(etag);
    expect(manifestsRead(second.sent)).toHaveLength(1);
    const again = await pulled(second.response.headers.etag as string);
    expect(again.response.status).toBe(304);
    expect(manifestsRead(again.sent)).toEqual([]);
  });
});
