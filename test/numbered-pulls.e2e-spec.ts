/**
 * A numbered version's manifests pull is answered before Nest's pipeline (versions/numbered-pull.hook.ts).
 * It must answer exactly as the pipeline does: two applications on databases of their own, one with the
 * early path and one without it, receive the same requests — right and wrong ETags, both
 * representations, a token scoped elsewhere, a revoked one, none, a missing version, names the DTO
 * refuses — and must give the same statuses, headers and bodies, count the same metrics and log the
 * same request lines.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { AuthGuard } from '../src/auth/auth.guard';
import { loadConfig } from '../src/config/config';
import { MANIFESTS_ROUTE, NumberedPulls } from '../src/versions/numbered-pull.hook';
import { contractClient, type ContractClient } from './support/api';
import { createTestDatabase, type TestDatabase } from './support/database';
import { createThreeTier } from './support/fixtures';
import { issueToken, TEST_ADMIN_TOKEN } from './support/tokens';

interface Served {
  readonly app: NestFastifyApplication;
  readonly api: ContractClient;
  /** The request log lines of the manifests route, as written. */
  readonly requestLines: Record<string, unknown>[];
  readonly tokens: { scoped: string; revoked: string };
  close(): Promise<void>;
}

/** Answers that differ by nature from one app to the other: the request's id and time. */
const VARYING_HEADERS = new Set(['x-request-id', 'date']);

async function serve({ early }: { early: boolean }): Promise<Served> {
  const database: TestDatabase = await createTestDatabase();
  const requestLines: Record<string, unknown>[] = [];
  const logStream = {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'request completed' && entry.route === MANIFESTS_ROUTE) requestLines.push(entry);
    },
  };
  const install = jest.spyOn(NumberedPulls.prototype, 'install');
  if (!early) install.mockImplementation(() => undefined);
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
  requestLines.length = 0;
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

describe('numbered manifests pulls answered before Nest', () => {
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
    ];
  };

  const answer = async (served: Served, { path, headers = {}, token }: Pull) => {
    const secret = token === undefined ? TEST_ADMIN_TOKEN : token === null ? null : served.tokens[token];
    const response = await served.api.get(path, { headers, token: secret });
    const kept = Object.entries(response.headers).filter(([name]) => !VARYING_HEADERS.has(name));
    const body = response.body as unknown;
    if (body !== null && typeof body === 'object' && 'requestId' in body) {
      expect(body.requestId).toBe(response.headers['x-request-id']);
    }
    const { requestId: _, ...rest } = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    const text = (response.text ?? '').replaceAll(String(response.headers['x-request-id']), '<request id>');
    return { status: response.status, headers: Object.fromEntries(kept.sort()), body: rest, text };
  };

  /** http_requests_total of the manifests route, by its labels. */
  const routeCounts = async (served: Served) =>
    new Map(
      (await request(served.app.getHttpServer()).get('/metrics')).text
        .split('\n')
        .filter((line) => line.startsWith('http_requests_total{') && line.includes(MANIFESTS_ROUTE))
        .map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1))]),
    );
  const countsSince = async (served: Served, before: Map<string, number>) =>
    [...(await routeCounts(served))].map(([labels, n]) => [labels, n - (before.get(labels) ?? 0)]).sort();

  it('answers, counts and logs every pull as Nest does: status, headers, body, metrics, request lines', async () => {
    const list = await pulls();
    const before = { early: await routeCounts(early), nest: await routeCounts(nest) };
    early.requestLines.length = 0;
    nest.requestLines.length = 0;
    for (const [name, pull] of list) {
      const [mine, reference] = [await answer(early, pull), await answer(nest, pull)];
      expect({ name, ...mine }).toEqual({ name, ...reference });
    }
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
  });

  it('answers a 304 of a numbered version without running Nest’s guard; latest and refusals still do', async () => {
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
    } finally {
      guard.mockRestore();
    }
  });
});
