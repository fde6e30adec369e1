/** Channels (production, staging): named pointers to published versions, for CI pipelines to pull. */
import { useTestApp } from './support/app';
import { createThreeTier } from './support/fixtures';

/** Private: every manifests answer needs a token, so no shared cache may replay it to another caller. */
const REVALIDATE = 'private, no-cache';

// One application for the file: every test works on applications of its own.
const t = useTestApp();
const api = t.api;

describe('policy channels (REST)', () => {
  const versionsOf = async (app: string) => (await api.get(`/v1/applications/${app}/versions?limit=100`)).body;

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
  ])('rejects channel %s with %j (%i naming %s), and writes nothing', async (channel, body, status, field) => {
    const app = await createThreeTier(api);
    await api.post(`/v1/applications/${app}/versions`);
    const response = await api.put(`/v1/applications/${app}/channels/${channel}`, body);
    expect(response.status).toBe(status);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await api.get(`/v1/applications/${app}/channels`)).body.items).toEqual([]);
  });

  it('rejects a channel move to a version that does not exist (404 naming it), and writes nothing', async () => {
    const app = await createThreeTier(api);
    await api.post(`/v1/applications/${app}/versions`);
    const response = await api.put(`/v1/applications/${app}/channels/production`, { version: 7 });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'version/not_found', details: null });
    expect(response.body.message).toContain('version 7');
    expect((await api.get(`/v1/applications/${app}/channels`)).body.items).toEqual([]);
  });

  it('answers 404 channel/not_found for an unknown channel', async () => {
    const app = await createThreeTier(api);
    const response = await api.get(`/v1/applications/${app}/channels/nope`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('channel/not_found');
  });
});
