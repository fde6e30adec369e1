/**
 * openapi.yaml against the running application: the routes Fastify serves are exactly the
 * documented operations, and the documented examples, sent through contractClient, are accepted
 * and answered as documented (including the error answers).
 */
import { contractClient, type ContractClient } from './support/api';
import { createTestApp, type TestApp } from './support/app';
import { documentedOperations, requestExample } from './support/openapi';
import { servedRoutes } from './support/served-routes';

/** Mercurius' GraphQL endpoint has its own schema (src/graphql/print-schema.ts), not this document. */
const NOT_REST = /^\/graphi?ql\b/;

describe('REST API and openapi.yaml', () => {
  let testApp: TestApp;
  let api: ContractClient;

  beforeAll(async () => {
    testApp = await createTestApp();
    api = contractClient(testApp.app);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('routes', () => {
    const served = () => {
      const routes = servedRoutes(testApp.app.getHttpAdapter().getInstance()).filter((r) => !NOT_REST.test(r.path));
      const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.path));
      // Fastify answers HEAD for every GET (exposeHeadRoutes); the document says so once, in info.
      return routes.filter((r) => !(r.method === 'HEAD' && gets.has(r.path))).map((r) => `${r.method} ${r.path}`);
    };
    const documented = () => documentedOperations().map((o) => `${o.method.toUpperCase()} ${o.path}`);

    it('serves every documented operation', () => {
      const missing = documented().filter((operation) => !served().includes(operation));
      expect(missing).toEqual([]);
    });

    it('documents every served route', () => {
      const undocumented = served().filter((route) => !documented().includes(route));
      expect(undocumented).toEqual([]);
    });
  });

  describe('the three-tier example, through the contract client', () => {
    const app = '/v1/applications/shop';

    it('creates the application, its components, external and flows', async () => {
      expect((await api.post('/v1/applications', requestExample('/v1/applications', 'post', 'shop'))).status).toBe(201);
      for (const name of ['web', 'api', 'db']) {
        const example = requestExample('/v1/applications/{app}/components/{component}', 'put', name);
        expect((await api.put(`${app}/components/${name}`, example)).status).toBe(201);
        expect((await api.put(`${app}/components/${name}`, example)).status).toBe(200);
      }
      const internet = requestExample('/v1/applications/{app}/externals/{external}', 'put', 'internet');
      expect((await api.put(`${app}/externals/internet`, internet)).status).toBe(201);
      for (const name of ['internetToWeb', 'webToApi', 'apiToDb']) {
        expect(
          (await api.post(`${app}/flows`, requestExample('/v1/applications/{app}/flows', 'post', name))).status,
        ).toBe(201);
      }
      const flows = await api.get(`${app}/flows?from=web`);
      expect(flows.body.items).toHaveLength(1);
      expect((await api.get(`${app}/flows/${flows.body.items[0].id}`)).status).toBe(200);
      expect((await api.get('/v1/applications?limit=10')).body.total).toBe(1);
    });

    it('answers the topology in JSON and YAML, and takes it back in either', async () => {
      const json = await api.get(`${app}/topology`);
      expect(json.body.flows).toHaveLength(3);
      const yaml = await api.get(`${app}/topology`, { headers: { accept: 'application/yaml' } });
      expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
      const threeTierYaml = requestExample('/v1/applications/{app}/topology', 'put', 'threeTier', 'application/yaml');
      const replaced = await api.put(`${app}/topology`, threeTierYaml, { contentType: 'application/yaml' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toEqual(json.body);
      const threeTierJson = requestExample('/v1/applications/{app}/topology', 'put', 'threeTier');
      expect(
        (await api.put(`${app}/topology`, threeTierJson, { headers: { accept: 'application/yaml' } })).status,
      ).toBe(200);
    });

    it('answers the documented errors', async () => {
      expect((await api.post('/v1/applications', { name: 'shop' })).body.code).toBe('application/already_exists');
      expect((await api.delete(`${app}/components/web`)).body.code).toBe('component/in_use');
      expect((await api.delete(`${app}/externals/internet`)).body.code).toBe('external/in_use');
      expect((await api.get(`${app}/components/nope`)).body.code).toBe('component/not_found');
      expect((await api.get(`${app}/flows/not-a-flow`)).body.code).toBe('flow/not_found');
      expect((await api.get('/v1/applications/nope/topology')).body.code).toBe('application/not_found');
      expect((await api.get('/v1/applications/Not_A_Label')).body.code).toBe('validation/failed');
      expect((await api.get('/v1/applications?limit=0')).body.code).toBe('validation/failed');
      expect(
        (await api.post(`${app}/flows`, { from: { component: 'web' }, to: { component: 'ghost' } })).body.code,
      ).toBe('topology/invalid');
      expect((await api.post('/v1/applications', '{"name":', { contentType: 'application/json' })).body.code).toBe(
        'request/invalid_body',
      );
      expect((await api.put(`${app}/topology`, 'components: [', { contentType: 'application/yaml' })).body.code).toBe(
        'request/invalid_body',
      );
      expect((await api.post('/v1/applications', '<app/>', { contentType: 'application/xml' })).body.code).toBe(
        'request/unsupported_media_type',
      );
      expect((await api.get('/v1/nope')).body.code).toBe('route/not_found');
      expect((await api.post('/health', {})).body.code).toBe('route/not_found');
    });

    it('deletes flows, components and the application', async () => {
      const flows = (await api.get(`${app}/flows`)).body.items as { id: string }[];
      for (const flow of flows) expect((await api.delete(`${app}/flows/${flow.id}`)).status).toBe(204);
      expect((await api.delete(`${app}/components/web`)).status).toBe(204);
      expect((await api.delete(`${app}/externals/internet`)).status).toBe(204);
      expect((await api.patch(app, { displayName: 'The shop' })).body.displayName).toBe('The shop');
      expect((await api.delete(app)).status).toBe(204);
    });
  });

  it('answers health and readiness as documented', async () => {
    expect((await api.get('/health')).body).toEqual({ status: 'ok' });
    expect((await api.get('/health/ready')).body).toEqual({ status: 'ok', database: 'up' });
  });
});
