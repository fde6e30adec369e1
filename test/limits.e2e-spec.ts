import { Logger } from '@nestjs/common';
import request from 'supertest';
import { ApplicationsService } from '../src/applications/applications.service';
import { STRICT_TRANSPORT_SECURITY } from '../src/common/http/security-headers.hook';
import { contractClient, type ContractClient } from './support/api';
import { createTestApp, useTestApp, type TestApp } from './support/app';
import { createThreeTier } from './support/fixtures';
import { gql } from './support/graphql';
import { issueToken, TEST_ADMIN_TOKEN } from './support/tokens';

describe('rate limit', () => {
  const LIMIT = 5;
  let t: TestApp;
  let api: ContractClient;

  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: LIMIT });
    api = contractClient(t.app);
  });
  afterAll(() => t.close());

  it('answers 429 request/rate_limited with Retry-After once a token used its minute, and keeps probes open', async () => {
    // A verified token has its own budget from its first request.
    for (let i = 0; i < LIMIT; i++) expect((await api.get('/v1/applications')).status).toBe(200);
    const limited = await api.get('/v1/applications');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'request/rate_limited',
      message: expect.stringMatching(/^Too many requests: the limit is 5 a minute; retry in \d+ s$/),
      details: { limit: LIMIT, retryAfterSeconds: Number(limited.headers['retry-after']) },
      requestId: limited.headers['x-request-id'],
    });
    // GraphQL shares the caller's budget.
    const graphql = await gql(t.app, '{ applications { total } }');
    expect(graphql.status).toBe(429);
    expect(graphql.errors?.[0].extensions).toMatchObject({ code: 'request/rate_limited', category: 'RATE_LIMITED' });
    // Kubernetes probes and Prometheus are never limited.
    for (let i = 0; i < LIMIT + 2; i++) {
      expect((await api.get('/health')).status).toBe(200);
      expect((await api.get('/health/ready')).status).toBe(200);
      expect((await api.get('/metrics')).status).toBe(200);
    }
  });

  it('counts made-up tokens against the address, even after /health or a 429 answered them', async () => {
    // An address of its own, so the test does not depend on what the others spent.
    const from = (authorization?: string, url = '/v1/applications') =>
      t.app.inject({
        method: 'GET',
        url,
        remoteAddress: '192.0.2.7',
        headers: authorization === undefined ? {} : { authorization },
      });
    // /health needs no token and answers whatever is sent: that must not make a made-up token count as accepted.
    expect((await from('Bearer fp_primed-by-health', '/health')).statusCode).toBe(200);
    for (let i = 0; i < LIMIT; i++) expect((await from(`Bearer fp_made-up-${i}`)).statusCode).toBe(401);
    const rotated = await from('Bearer fp_made-up-again');
    expect(rotated.statusCode).toBe(429);
    expect(rotated.json().code).toBe('request/rate_limited');
    // Neither does a 429.
    expect((await from('Bearer fp_made-up-again')).statusCode).toBe(429);
    expect((await from('Bearer fp_primed-by-health')).statusCode).toBe(429);
    expect((await from()).statusCode).toBe(429);
  });
});

describe('rate limit keys', () => {
  const LIMIT = 5;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: LIMIT });
  });
  afterAll(() => t.close());

  it('gives one token one budget however its scheme is spelled', async () => {
    const secret = await issueToken(contractClient(t.app), { role: 'viewer' });
    const statuses: number[] = [];
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      for (let i = 0; i < 2; i++) {
        const response = await request(t.app.getHttpServer())
          .get('/v1/applications')
          .set('authorization', `${scheme} ${secret}`);
        statuses.push(response.status);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('security headers and error hygiene', () => {
  const t = useTestApp();
  const api = t.api;

  const SECURITY_HEADERS = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  };

  it('sends the security headers on answers and errors, HSTS only behind TLS', async () => {
    for (const response of [
      await api.get('/v1/applications'),
      await api.get('/v1/nothing'),
      await api.get('/health'),
    ]) {
      expect(response.headers).toMatchObject(SECURITY_HEADERS);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    const tls = await api.get('/v1/applications', { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);
    const graphql = await request(t.app.getHttpServer()).post('/graphql').send({ query: '{ applications { total } }' });
    expect(graphql.headers).toMatchObject(SECURITY_HEADERS);
  });

  it('leaves the Cache-Control and ETag that manifests routes set', async () => {
    const app = await createThreeTier(api);
    expect((await api.post(`/v1/applications/${app}/versions`, {})).status).toBe(201);
    const pinned = await api.get(`/v1/applications/${app}/versions/1/manifests`);
    expect(pinned.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(pinned.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(pinned.headers).toMatchObject(SECURITY_HEADERS);
    const draft = await api.get(`/v1/applications/${app}/policies`);
    expect(draft.headers['cache-control']).toBe('private, no-cache');
  });

  it('answers an unexpected error with an opaque 500: no stack, SQL or token in the body or the log', async () => {
    const failure = new Error('SELECT "secretHash" FROM "ApiToken" WHERE id = 42 failed');
    failure.stack = `${failure.message}\n    at ApplicationsRepository.list (/srv/src/applications/applications.repository.ts:42:7)`;
    const list = jest.spyOn(ApplicationsService.prototype, 'list').mockRejectedValue(failure);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const response = await api.get('/v1/applications'); // with the test admin token
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'internal',
        message: `Internal error; quote request id ${response.headers['x-request-id'] as string} when reporting it`,
        details: null,
        requestId: response.headers['x-request-id'],
      });
      expect(response.text).not.toMatch(/SELECT|ApiToken|\.ts:\d+/);
      expect(response.text).not.toContain(TEST_ADMIN_TOKEN);

      const viaGraphql = await gql(t.app, '{ applications { total } }');
      expect(viaGraphql.errors?.[0].extensions).toMatchObject({ code: 'internal' });
      expect(JSON.stringify(viaGraphql)).not.toMatch(/SELECT|ApiToken|\.ts:\d+/);

      // The filter logs the error for operators (with its stack, by design), never the request's header.
      const lines = logged.mock.calls.map((call) => call.map(String).join(' '));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).toContain('SELECT "secretHash"');
      expect(lines.filter((line) => line.includes(TEST_ADMIN_TOKEN))).toEqual([]);
    } finally {
      list.mockRestore();
      logged.mockRestore();
    }
  });

  it('rejects a GraphQL query that would load too much, before running it', async () => {
    const result = await gql(
      t.app,
      '{ applications(limit: 500) { items { components { ports { name } } flows { ports { port } } } } }',
    );
    expect(result.errors?.[0].message).toMatch(/^Query is too complex: its estimated cost is over 100000/);
    expect(result.data ?? null).toBeNull();
    // An ordinary portal page stays well within it.
    const page = await gql(t.app, '{ applications { items { name components { name ports { name } } } } }');
    expect(page.errors).toBeUndefined();
  });
});
