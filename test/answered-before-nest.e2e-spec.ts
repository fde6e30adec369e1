/**
 * A numbered version's manifests pull (versions/numbered-pull.hook.ts) and the REST reachability question
 * (reachability/reachability.hook.ts) are answered before Nest's pipeline. They must answer exactly as
 * the pipeline does: two applications on databases of their own, one with these hooks and one without,
 * receive the same requests — right and wrong ETags, both representations, good and bad questions, a
 * token scoped elsewhere, a revoked one, none, a missing version, parameters the DTOs refuse — and must
 * give the same statuses, headers and bodies, count the same metrics and log the same request and
 * decision lines.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { AuthGuard } from '../src/auth/auth.guard';
import { loadConfig } from '../src/config/config';
import { REACHABILITY_ROUTE, ReachabilityHook } from '../src/reachability/reachability.hook';
import { ReachabilityService } from '../src/reachability/reachability.service';
import { MANIFESTS_ROUTE, NumberedPulls } from '../src/versions/numbered-pull.hook';
import { contractClient, type ContractClient } from './support/api';
import { createTestDatabase, type TestDatabase } from './support/database';
import { createTestApp } from './support/app';
import { createThreeTier } from './support/fixtures';
import { issueToken, TEST_ADMIN_TOKEN } from './support/tokens';

interface Served {
  readonly app: NestFastifyApplication;
  readonly api: ContractClient;
  /** The request log lines of the two routes, as written. */
  readonly requestLines: Record<string, unknown>[];
  readonly tokens: { scoped: string; revoked: string };
  close(): Promise<void>;
}

/**
 * The decision log lines of both applications: each writes its lines to its own stream, and both
 * streams push here, in the order the answers are asked (one by one).
 */
const decisionLines: Record<string, unknown>[] = [];

const ROUTES = [MANIFESTS_ROUTE, REACHABILITY_ROUTE];

/** Answers that differ by nature from one app to the other: the request's id and time. */
const VARYING_HEADERS = new Set(['x-request-id', 'date']);

async function serve({ early }: { early: boolean }): Promise<Served> {
  const database: TestDatabase = await createTestDatabase();
  const requestLines: Record<string, unknown>[] = [];
  const logStream = {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'request completed' && ROUTES.includes(String(entry.route))) requestLines.push(entry);
      if (entry.msg === 'decision') decisionLines.push(entry);
    },
  };
  const install = jest.spyOn(NumberedPulls.prototype, 'install');
  const installReachability = jest.spyOn(ReachabilityHook.prototype, 'install');
  if (!early) {
    install.mockImplementation(() => undefined);
    installReachability.mockImplementation(() => undefined);
  }
  let app: NestFastifyApplication;
  try {
    app = await createApp(
      {
        ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'info' }),
        databaseUrl: undefined,
        rateLimitPerMinute: 1_000_000,
        ...database.config,
      },
      { logStream },
    );
  } finally {
    install.mockRestore();
    installReachability.mockRestore();
  }
  const api = contractClient(app);
  for (const name of ['mine', 'theirs']) {
    await createThreeTier(api, name);
    expect((await api.post(`/v1/applications/${name}/versions`, { note: 'test' })).status).toBe(201);
  }
  const scoped = await issueToken(api, { role: 'viewer', applications: ['mine'], name: 'scoped' });
  const revoked = (await api.post('/v1/tokens', { name: 'revoked', role: 'viewer' })).body as {
    id: string;
    token: string;
  };
  expect((await api.get('/v1/applications/mine/versions/1/manifests', { token: revoked.token })).status).toBe(200);
  expect((await api.delete(`/v1/tokens/${revoked.id}`)).status).toBe(204);
  return {
    app,
    api,
    requestLines,
    tokens: { scoped, revoked: revoked.token },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

describe('numbered manifests pulls and reachability answered before Nest', () => {
  let early: Served;
  let nest: Served;

  beforeAll(async () => {
    early = await serve({ early: true });
    nest = await serve({ early: false });
  });
  afterAll(async () => {
    await early?.close();
    await nest?.close();
  });

  /** Published from the same topology, so both applications have the same digests. */
  const etagOf = async (served: Served, accept?: string) =>
    (
      await served.api.get('/v1/applications/mine/versions/1/manifests', {
        headers: accept === undefined ? {} : { accept },
      })
    ).headers.etag as string;

  type Pull = { path: string; headers?: Record<string, string>; token?: 'scoped' | 'revoked' | null };
  const pulls = async (): Promise<[string, Pull][]> => {
    const etag = await etagOf(early);
    const jsonEtag = await etagOf(early, 'application/json');
    expect(await etagOf(nest)).toBe(etag);
    expect(await etagOf(nest, 'application/json')).toBe(jsonEtag);
    const v1 = '/v1/applications/mine/versions/1/manifests';
    return [
      ['the right ETag', { path: v1, headers: { 'if-none-match': etag } }],
      ['the right ETag among others, weak', { path: v1, headers: { 'if-none-match': `"x", W/${etag}` } }],
      ['`*`', { path: v1, headers: { 'if-none-match': '*' } }],
      ['a wrong ETag', { path: v1, headers: { 'if-none-match': '"not-it"' } }],
      ['no ETag', { path: v1 }],
      ['the JSON ETag', { path: v1, headers: { 'if-none-match': jsonEtag, accept: 'application/json' } }],
      ['the YAML ETag for JSON', { path: v1, headers: { 'if-none-match': etag, accept: 'application/json' } }],
      ['a token scoped to it', { path: v1, headers: { 'if-none-match': etag }, token: 'scoped' }],
      [
        'a token scoped elsewhere',
        { path: '/v1/applications/theirs/versions/1/manifests', headers: { 'if-none-match': etag }, token: 'scoped' },
      ],
      ['a revoked token', { path: v1, headers: { 'if-none-match': etag }, token: 'revoked' }],
      ['no token', { path: v1, headers: { 'if-none-match': etag }, token: null }],
      ['a missing version', { path: '/v1/applications/mine/versions/9/manifests', headers: { 'if-none-match': etag } }],
      [
        'a missing application',
        { path: '/v1/applications/gone/versions/1/manifests', headers: { 'if-none-match': etag } },
      ],
      ['a version 01', { path: '/v1/applications/mine/versions/01/manifests', headers: { 'if-none-match': etag } }],
      ['a version 0', { path: '/v1/applications/mine/versions/0/manifests', headers: { 'if-none-match': etag } }],
      [
        'an invalid name',
        { path: '/v1/applications/Not_A_Label/versions/1/manifests', headers: { 'if-none-match': etag } },
      ],
      ['latest', { path: '/v1/applications/mine/versions/latest/manifests', headers: { 'if-none-match': etag } }],
      ['a request id', { path: v1, headers: { 'if-none-match': etag, 'x-request-id': 'pull-1' } }],
      ['TLS at the ingress', { path: v1, headers: { 'if-none-match': etag, 'x-forwarded-proto': 'https' } }],
      ...questions(),
    ];
  };

  /** Reachability questions, good and bad; each good one twice (the second is a kept answer). */
  const questions = (): [string, Pull][] => {
    const ask = (query: string, app = 'mine') => `/v1/applications/${app}/reachability?${query}`;
    const good: [string, Pull][] = [
      ['api to db on 3306, version 1', { path: ask('from=api&to=db&port=3306&version=1') }],
      ['web to db on 3306, version 1', { path: ask('from=web&to=db&port=3306&version=1') }],
      ['api to db on mysql, latest', { path: ask('from=api&to=db&port=mysql&version=latest') }],
      ['from an address, the draft', { path: ask('from=10.0.0.1&to=web&port=80&version=draft') }],
      ['internet to web over UDP', { path: ask('from=internet&to=web&port=80&protocol=UDP') }],
      ['no guardrails', { path: ask('from=web&to=api&port=5000&guardrails=none') }],
      ['a token scoped to it', { path: ask('from=web&to=api&port=5000'), token: 'scoped' }],
      ['a request id', { path: ask('from=web&to=api&port=5000'), headers: { 'x-request-id': 'ask-1' } }],
    ];
    return [
      ...good,
      ...good.map(([name, pull]): [string, Pull] => [`${name}, again`, pull]),
      ['an unknown component', { path: ask('from=nobody&to=db&port=3306') }],
      ['an unknown port name', { path: ask('from=api&to=db&port=postgres') }],
      ['port 0', { path: ask('from=api&to=db&port=0') }],
      ['no port', { path: ask('from=api&to=db') }],
      ['an unknown parameter', { path: ask('from=api&to=db&port=3306&verbose=1') }],
      ['protocol ICMP', { path: ask('from=api&to=db&port=3306&protocol=ICMP') }],
      ['version 01', { path: ask('from=api&to=db&port=3306&version=01') }],
      ['a missing version', { path: ask('from=api&to=db&port=3306&version=9') }],
      ['missing guardrails', { path: ask('from=api&to=db&port=3306&guardrails=7') }],
      ['a missing application', { path: ask('from=api&to=db&port=3306', 'gone') }],
      ['an invalid name', { path: ask('from=api&to=db&port=3306', 'Not_A_Label') }],
      ['a token scoped elsewhere', { path: ask('from=api&to=db&port=3306', 'theirs'), token: 'scoped' }],
      ['a revoked token', { path: ask('from=api&to=db&port=3306'), token: 'revoked' }],
      ['no token', { path: ask('from=api&to=db&port=3306'), token: null }],
    ];
  };

  const answer = async (served: Served, { path, headers = {}, token }: Pull) => {
    const secret = token === undefined ? TEST_ADMIN_TOKEN : token === null ? null : served.tokens[token];
    const response = await served.api.get(path, { headers, token: secret });
    const kept = Object.entries(response.headers).filter(([name]) => !VARYING_HEADERS.has(name));
    const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Record<
      string,
      unknown
    >;
    if ('requestId' in body) expect(body.requestId).toBe(response.headers['x-request-id']);
    // A decision id is new for every answer, and names its decision line, which has the same fields
    // but for the ids that differ by nature (the answer's, the request's, the token's).
    let decision: Record<string, unknown> | undefined;
    if ('decisionId' in body) {
      const line = decisionLines.at(-1);
      expect(line?.decisionId).toBe(body.decisionId);
      expect(line?.requestId).toBe(response.headers['x-request-id']);
      const { decisionId: _id, requestId: _request, tokenId, time: _time, ...same } = line!;
      expect(typeof tokenId).toBe('string');
      decision = same;
    }
    const { requestId: _, decisionId: __, ...rest } = body;
    const text = (response.text ?? '')
      .replaceAll(String(response.headers['x-request-id']), '<request id>')
      .replaceAll(String(body.decisionId), '<decision id>');
    return { status: response.status, headers: Object.fromEntries(kept.sort()), body: rest, text, decision };
  };

  /** http_requests_total of the two routes, by their labels. */
  const routeCounts = async (served: Served) =>
    new Map(
      (await request(served.app.getHttpServer()).get('/metrics')).text
        .split('\n')
        .filter((line) => line.startsWith('http_requests_total{') && ROUTES.some((route) => line.includes(route)))
        .map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1))]),
    );
  const countsSince = async (served: Served, before: Map<string, number>) =>
    [...(await routeCounts(served))].map(([labels, n]) => [labels, n - (before.get(labels) ?? 0)]).sort();

  it('answers, counts and logs every pull as Nest does: status, headers, body, metrics, request lines', async () => {
    const list = await pulls();
    const before = { early: await routeCounts(early), nest: await routeCounts(nest) };
    for (const served of [early, nest]) served.requestLines.length = 0;
    decisionLines.length = 0;
    const statuses = new Set<number>();
    for (const [name, pull] of list) {
      const [mine, reference] = [await answer(early, pull), await answer(nest, pull)];
      expect({ name, ...mine }).toEqual({ name, ...reference });
      statuses.add(mine.status);
    }
    expect([...statuses].sort()).toEqual([200, 304, 400, 401, 404, 422]);
    const counted = await countsSince(early, before.early);
    expect(counted).toEqual(await countsSince(nest, before.nest));
    expect(counted.some(([labels, n]) => String(labels).includes('status="304"') && Number(n) > 0)).toBe(true);
    const lines = (served: Served) =>
      served.requestLines.map(({ level, method, url, route, statusCode }) => ({
        level,
        method,
        url,
        route,
        statusCode,
      }));
    expect(lines(early)).toEqual(lines(nest));
    expect(lines(early)).toHaveLength(list.length);
    // Each good question answered once by each application.
    expect(decisionLines).toHaveLength(32);
  });

  it('answers HEAD as Nest does', async () => {
    const etag = await etagOf(early);
    const head = async (served: Served, path: string, headers: Record<string, string>) => {
      const response = await request(served.app.getHttpServer())
        .head(path)
        .set({ authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...headers });
      const kept = Object.entries(response.headers).filter(([name]) => !VARYING_HEADERS.has(name));
      return { status: response.status, headers: Object.fromEntries(kept.sort()) };
    };
    for (const [path, headers] of [
      ['/v1/applications/mine/versions/1/manifests', { 'if-none-match': etag }],
      ['/v1/applications/mine/versions/1/manifests', {}],
      ['/v1/applications/mine/reachability?from=web&to=api&port=5000', {}],
    ] as const) {
      expect({ path, ...(await head(early, path, headers)) }).toEqual({ path, ...(await head(nest, path, headers)) });
    }
  });

  it('evaluates a question once per version; a kept answer is the same but for its ids, and logged again', async () => {
    const evaluations = async () =>
      Number(
        /^flowpolicy_engine_seconds_count\{operation="evaluate"\} (\d+)$/m.exec(
          (await request(early.app.getHttpServer()).get('/metrics')).text,
        )?.[1] ?? 0,
      );
    const question = { path: '/v1/applications/theirs/reachability?from=internet&to=web&port=http&version=1' };
    const before = await evaluations();
    decisionLines.length = 0;
    const first = await answer(early, question);
    const again = await answer(early, question);
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    expect(decisionLines).toHaveLength(2);
    expect(decisionLines[0]!.decisionId).not.toBe(decisionLines[1]!.decisionId);
    expect((await evaluations()) - before).toBe(1);
  });

  it('works out a question the handler refuses once, not again in Nest', async () => {
    const service = early.app.get(ReachabilityService);
    const lookups = () => {
      const { hits, misses } = service.cacheStats();
      return hits + misses;
    };
    for (const path of [
      '/v1/applications/mine/reachability?from=web&to=nobody&port=5000&version=1',
      '/v1/applications/mine/reachability?from=web&to=db&port=nosuch&version=1',
    ]) {
      const before = lookups();
      const refused = await early.api.get(path);
      expect({ path, status: refused.status }).toEqual({ path, status: expect.any(Number) });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect({ path, lookups: lookups() - before }).toEqual({ path, lookups: 1 });
    }
  });

  it('answers a 304 of a numbered version and a question without Nest’s guard; latest and what the guard or the pipe refuses still run it', async () => {
    const etag = await etagOf(early);
    const guard = jest.spyOn(AuthGuard.prototype, 'canActivate');
    try {
      const pulled = await early.api.get('/v1/applications/mine/versions/1/manifests', {
        headers: { 'if-none-match': etag },
      });
      expect(pulled.status).toBe(304);
      expect(guard).not.toHaveBeenCalled();
      const scopedElsewhere = await early.api.get('/v1/applications/theirs/versions/1/manifests', {
        headers: { 'if-none-match': etag },
        token: early.tokens.scoped,
      });
      expect(scopedElsewhere.status).toBe(404);
      expect(guard).toHaveBeenCalledTimes(1);
      const latest = await early.api.get('/v1/applications/mine/versions/latest/manifests', {
        headers: { 'if-none-match': etag },
      });
      expect(latest.status).toBe(304);
      expect(guard).toHaveBeenCalledTimes(2);
      const asked = await early.api.get('/v1/applications/mine/reachability?from=web&to=api&port=5000&version=1');
      expect(asked.status).toBe(200);
      expect(guard).toHaveBeenCalledTimes(2);
      // A question the handler refuses is answered by the hook too; one the pipe refuses is left to Nest.
      const unknown = await early.api.get('/v1/applications/mine/reachability?from=web&to=nobody&port=5000');
      expect(unknown.status).toBe(422);
      expect(guard).toHaveBeenCalledTimes(2);
      const invalid = await early.api.get('/v1/applications/mine/reachability?from=web&to=api&port=0');
      expect(invalid.status).toBe(400);
      expect(guard).toHaveBeenCalledTimes(3);
    } finally {
      guard.mockRestore();
    }
  });
});

describe('the rate limit before an early answer', () => {
  it('counts early answers and refuses them over the limit, as any request', async () => {
    const t = await createTestApp({ rateLimitPerMinute: 4 });
    try {
      const admin = contractClient(t.app);
      const app = await createThreeTier(admin);
      expect((await admin.post(`/v1/applications/${app}/versions`, { note: 'test' })).status).toBe(201);
      const viewer = contractClient(t.app, await issueToken(admin, { role: 'viewer' }));
      const pull = () =>
        viewer.get(`/v1/applications/${app}/versions/1/manifests`, { headers: { 'if-none-match': '*' } });
      const ask = () => viewer.get(`/v1/applications/${app}/reachability?from=web&to=api&port=5000&version=1`);
      expect([(await pull()).status, (await ask()).status, (await pull()).status, (await ask()).status]).toEqual([
        304, 200, 304, 200,
      ]);
      for (const refused of [await pull(), await ask()]) {
        expect(refused.status).toBe(429);
        expect(refused.body).toMatchObject({
          code: 'request/rate_limited',
          requestId: refused.headers['x-request-id'],
        });
        expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      }
    } finally {
      await t.close();
    }
  });
});
