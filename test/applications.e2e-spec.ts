import { useTestApp } from './support/app';
import { createApplication, stateOf, uniqueName } from './support/fixtures';

describe('applications (REST)', () => {
  const t = useTestApp();
  const api = t.api;

  it('creates an application with defaults filled in', async () => {
    const name = uniqueName();
    const response = await api.post('/v1/applications', { name });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name,
      displayName: name,
      description: '',
      defaultNamespace: name,
      settings: { isolation: 'both', dnsEgress: true },
    });
    expect(Date.parse(response.body.createdAt)).not.toBeNaN();
  });

  it('gets, lists with pagination, updates and deletes', async () => {
    const names = [uniqueName('list'), uniqueName('list'), uniqueName('list')];
    for (const name of names) await createApplication(api, name);

    const one = await api.get(`/v1/applications/${names[1]}`);
    expect(one.status).toBe(200);
    expect(one.body.name).toBe(names[1]);

    const page = await api.get('/v1/applications?limit=2&offset=0');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body).toMatchObject({ limit: 2, offset: 0 });
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    const all = await api.get('/v1/applications?limit=500');
    const listed = all.body.items.map((a: { name: string }) => a.name);
    expect(listed).toEqual([...listed].sort());
    expect(listed).toEqual(expect.arrayContaining(names));

    const patched = await api.patch(`/v1/applications/${names[0]}`, {
      displayName: 'Shop front',
      settings: { isolation: 'ingress' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      displayName: 'Shop front',
      settings: { isolation: 'ingress', dnsEgress: true },
    });

    expect((await api.delete(`/v1/applications/${names[0]}`)).status).toBe(204);
    const gone = await api.get(`/v1/applications/${names[0]}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('application/not_found');
  });

  it('refuses a second application with the same name (409) and keeps the first', async () => {
    const name = await createApplication(api, uniqueName(), { displayName: 'First' });
    const again = await api.post('/v1/applications', { name, displayName: 'Second' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'application/already_exists' });
    expect(again.body.details).toEqual([{ field: 'name', reason: 'is already taken' }]);
    expect((await api.get(`/v1/applications/${name}`)).body.displayName).toBe('First');
  });

  it.each([
    [{}, 'name'],
    [{ name: 'Shop' }, 'name'],
    [{ name: 'a'.repeat(64) }, 'name'],
    [{ name: '-shop' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: 'shop', defaultNamespace: 'Not_A_Namespace' }, 'defaultNamespace'],
    [{ name: 'shop', settings: { isolation: 'egress' } }, 'settings.isolation'],
    [{ name: 'shop', settings: { dnsEgress: 'yes' } }, 'settings.dnsEgress'],
    [{ name: 'shop', displayName: '' }, 'displayName'],
    [{ name: 'shop', owner: 'me' }, 'owner'],
  ])('rejects %j naming field %s, and writes nothing', async (body, field) => {
    const before = (await api.get('/v1/applications?limit=500')).body.total;
    const response = await api.post('/v1/applications', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation/failed');
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(response.body.message).toContain(field);
    expect(typeof response.body.requestId).toBe('string');
    expect((await api.get('/v1/applications?limit=500')).body.total).toBe(before);
  });

  it('rejects an invalid PATCH without changing anything', async () => {
    const name = await createApplication(api);
    const before = await stateOf(api, name);
    const response = await api.patch(`/v1/applications/${name}`, { name: 'renamed', description: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(await stateOf(api, name)).toEqual(before);
  });

  it('answers 404 for unknown applications on every verb', async () => {
    for (const response of [
      await api.get('/v1/applications/nope'),
      await api.patch('/v1/applications/nope', { description: 'x' }),
      await api.delete('/v1/applications/nope'),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('application/not_found');
    }
  });

  it('rejects a path parameter that cannot be an application name', async () => {
    const response = await api.get('/v1/applications/Not_Valid');
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('app');
  });

  it('rejects bad pagination', async () => {
    for (const query of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc']) {
      const response = await api.get(`/v1/applications?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation/failed');
    }
  });

  it('deleting an application deletes its topology', async () => {
    const name = await createApplication(api);
    await api.put(`/v1/applications/${name}/components/web`, { labels: { app: 'web' } });
    expect((await api.delete(`/v1/applications/${name}`)).status).toBe(204);
    await createApplication(api, name);
    expect((await api.get(`/v1/applications/${name}/components`)).body.items).toEqual([]);
  });
});
