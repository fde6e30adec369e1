import request from 'supertest';
import { useTestApp } from './support/app';
import { createApplication, uniqueName } from './support/fixtures';
import { TEST_ADMIN_TOKEN } from './support/tokens';

describe('errors and request handling', () => {
  const t = useTestApp();
  const api = t.api;

  const total = async () => (await api.get('/v1/applications?limit=500')).body.total as number;

  it('answers an unknown route with 404 route/not_found in the error shape', async () => {
    const response = await api.get('/v2/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      statusCode: 404,
      code: 'route/not_found',
      message: 'No such route',
      details: null,
      requestId: response.headers['x-request-id'],
    });
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const given = await api.get('/v1/applications/ghost', { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
    expect(given.body.requestId).toBe('trace-42');
    const unsafe = await api.get('/v1/applications/ghost', { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects malformed JSON with 400 request/invalid_body and writes nothing', async () => {
    const before = await total();
    const response = await api.post('/v1/applications', '{"name": "shop",', { contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('request/invalid_body');
    expect(await total()).toBe(before);
  });

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'rejects a %s body with 415',
    async (contentType) => {
      const before = await total();
      const response = await api.post('/v1/applications', 'name=shop', { contentType });
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('request/unsupported_media_type');
      expect(await total()).toBe(before);
    },
  );

  it('accepts YAML only where the contract says so', async () => {
    const response = await api.post('/v1/applications', `name: ${uniqueName()}\n`, { contentType: 'application/yaml' });
    expect(response.status).toBe(415);
    expect(response.body.message).toMatch(/application\/json/);
  });

  it.each([
    ['two documents', 'name: shop\n---\nname: again\n', /holds 2 YAML documents; send exactly one/],
    ['an empty body', '', /is empty; send one YAML document/],
    ['comments only', '# nothing here\n', /is empty; send one YAML document/],
    ['an empty document', '---\n', /is empty; send one YAML document/],
    ['three empty documents', '---\n---\n---\n', /holds 3 YAML documents; send exactly one/],
  ])('answers a YAML topology with %s by our own 400 naming the reason', async (_, text, reason) => {
    const app = await createApplication(api);
    const before = await api.get(`/v1/applications/${app}/topology`);
    const response = await api.put(`/v1/applications/${app}/topology`, text, { contentType: 'application/yaml' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('request/invalid_body');
    expect(response.body.message).toMatch(reason);
    expect(response.body.message).toMatch(/^Request body /);
    expect((await api.get(`/v1/applications/${app}/topology`)).body).toEqual(before.body);
  });

  it('rejects a body over the size limit with 413, and without a token with 401 before reading it', async () => {
    const huge = JSON.stringify({ name: 'big', description: 'x'.repeat(11 * 1024 * 1024) });
    const send = (token?: string) => {
      const pending = request(t.app.getHttpServer()).post('/v1/applications').set('content-type', 'application/json');
      return (token === undefined ? pending : pending.set('authorization', `Bearer ${token}`)).send(huge);
    };
    const response = await send(TEST_ADMIN_TOKEN);
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('request/payload_too_large');
    expect((await send()).status).toBe(401);
  });

  it('survives deeply nested JSON with a 400, not a crash', async () => {
    const deep = `{"name":"deep","settings":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const response = await api.post('/v1/applications', deep, { contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect((await api.get('/health')).status).toBe(200);
  });

  it('treats unicode and huge strings as ordinary invalid input', async () => {
    for (const name of ['shöp', '💥', 'a'.repeat(100_000)]) {
      const response = await api.post('/v1/applications', { name });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('name');
    }
  });

  it.each(['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])(
    'refuses an extra field named %s like any other unknown field',
    async (key) => {
      const before = await total();
      const response = await api.post('/v1/applications', { name: uniqueName(), [key]: 0 });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe(key);
      expect(await total()).toBe(before);
    },
  );

  it('keeps liveness and readiness open', async () => {
    expect((await api.get('/health')).body).toEqual({ status: 'ok' });
    expect((await api.get('/health/ready')).body).toEqual({ status: 'ok', database: 'up' });
  });
});
