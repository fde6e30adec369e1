import { parse } from 'yaml';
import { useTestApp } from './support/app';
import { createApplication, createThreeTier, stateOf, THREE_TIER } from './support/fixtures';
import { bodyOf, expectStatus, typedClient } from './support/typed-api';

describe('topology (REST)', () => {
  const t = useTestApp();
  const api = t.api;
  const typed = typedClient(api);

  describe('components', () => {
    it('creates (201), replaces (200), reads, lists and deletes a component', async () => {
      const app = await createApplication(api, undefined, { ownedNamespaces: [{ namespace: 'frontend' }] });
      const created = await typed.put('/v1/applications/{app}/components/{component}', {
        path: { app, component: 'web' },
        body: {
          labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
          ports: [{ name: 'http', port: 80 }],
        },
      });
      expectStatus(created, 201);
      expect(created.body).toEqual({
        name: 'web',
        namespace: 'shop',
        labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      });
      const replaced = await typed.put('/v1/applications/{app}/components/{component}', {
        path: { app, component: 'web' },
        body: {
          namespace: 'frontend',
          labels: { app: 'web' },
          ports: [
            { port: 8443, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
        },
      });
      expectStatus(replaced, 200);
      expect(replaced.body.namespace).toBe('frontend');
      expect(
        bodyOf(
          await typed.get('/v1/applications/{app}/components/{component}', { path: { app, component: 'web' } }),
          200,
        ),
      ).toEqual(replaced.body);
      expect(bodyOf(await typed.get('/v1/applications/{app}/components', { path: { app } }), 200).items).toEqual([
        replaced.body,
      ]);
      expect(
        (await typed.delete('/v1/applications/{app}/components/{component}', { path: { app, component: 'web' } }))
          .status,
      ).toBe(204);
      const gone = await typed.get('/v1/applications/{app}/components/{component}', {
        path: { app, component: 'web' },
      });
      expectStatus(gone, 404);
      expect(gone.body.code).toBe('component/not_found');
    });

    it.each([
      [{ labels: {} }, 'labels'],
      [{}, 'labels'],
      [{ labels: { 'bad key!': 'x' } }, 'labels'],
      [{ labels: { app: 'has space' } }, 'labels'],
      [{ labels: { app: 5 } }, 'labels'],
      [{ labels: { app: 'web' }, namespace: 'Shop' }, 'namespace'],
      [{ labels: { app: 'web' }, ports: [{ port: 0 }] }, 'ports[0].port'],
      [{ labels: { app: 'web' }, ports: [{ port: 65536 }] }, 'ports[0].port'],
      [{ labels: { app: 'web' }, ports: [{ port: 80.5 }] }, 'ports[0].port'],
      [{ labels: { app: 'web' }, ports: [{ port: '80' }] }, 'ports[0].port'],
      [{ labels: { app: 'web' }, ports: [{ port: 80, protocol: 'ICMP' }] }, 'ports[0].protocol'],
      [{ labels: { app: 'web' }, ports: [{ port: 80, name: 'HTTP_PORT' }] }, 'ports[0].name'],
      [
        {
          labels: { app: 'web' },
          ports: [
            { port: 80, name: 'http' },
            { port: 81, name: 'http' },
          ],
        },
        'ports',
      ],
      [{ labels: { app: 'web' }, ports: [{ port: 80 }, { port: 80, protocol: 'TCP' }] }, 'ports[1].port'],
      [{ labels: { app: 'web' }, ports: 'eighty' }, 'ports'],
      [{ labels: { app: 'web' }, ports: [[]] }, 'ports'],
      [{ labels: { app: 'web' }, ports: [null] }, 'ports[0]'],
    ])('rejects component %j naming %s, and writes nothing', async (body, field) => {
      const app = await createThreeTier(api);
      const before = await stateOf(api, app);
      // Invalid on purpose: the untyped client sends what the types would refuse.
      const response = await api.put(`/v1/applications/${app}/components/web`, body);
      expect([400, 422]).toContain(response.status);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await stateOf(api, app)).toEqual(before);
    });

    it('refuses to drop a port that a flow names, and to delete a component in use', async () => {
      const app = await createThreeTier(api);
      const before = await stateOf(api, app);
      const renamed = await typed.put('/v1/applications/{app}/components/{component}', {
        path: { app, component: 'db' },
        body: {
          labels: { role: 'db' },
          ports: [{ name: 'sql', port: 3306 }],
        },
      });
      expectStatus(renamed, 422);
      expect(renamed.body.code).toBe('topology/invalid');
      expect(renamed.body.details[0]).toMatchObject({ code: 'flow/unknown_port' });
      expect(renamed.body.details[0].field).toMatch(/^flows\[[0-9a-f-]{36}\]\.ports\[0\]\.port$/);

      const deleted = await typed.delete('/v1/applications/{app}/components/{component}', {
        path: { app, component: 'db' },
      });
      expectStatus(deleted, 409);
      expect(deleted.body.code).toBe('component/in_use');
      expect(deleted.body.details).toEqual([
        {
          field: expect.stringMatching(/^flows\[[0-9a-f-]{36}\]\.to\.component$/),
          reason: expect.stringContaining('"db"'),
        },
      ]);
      expect(await stateOf(api, app)).toEqual(before);
    });

    it('answers 404 for a component of an unknown application', async () => {
      const response = await typed.put('/v1/applications/{app}/components/{component}', {
        path: { app: 'ghost', component: 'web' },
        body: { labels: { app: 'web' } },
      });
      expectStatus(response, 404);
      expect(response.body.code).toBe('application/not_found');
    });
  });

  describe('externals', () => {
    it('creates, replaces, lists and deletes an external', async () => {
      const app = await createApplication(api);
      const created = await typed.put('/v1/applications/{app}/externals/{external}', {
        path: { app, external: 'corp' },
        body: {
          cidr: '10.0.0.0/8',
          except: ['10.1.0.0/16'],
        },
      });
      expectStatus(created, 201);
      expect(created.body).toEqual({ name: 'corp', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] });
      const replaced = await typed.put('/v1/applications/{app}/externals/{external}', {
        path: { app, external: 'corp' },
        body: { cidr: '2001:db8::/32' },
      });
      expectStatus(replaced, 200);
      expect(replaced.body).toEqual({ name: 'corp', cidr: '2001:db8::/32', except: [] });
      expect(bodyOf(await typed.get('/v1/applications/{app}/externals', { path: { app } }), 200).items).toEqual([
        replaced.body,
      ]);
      expect(
        bodyOf(
          await typed.get('/v1/applications/{app}/externals/{external}', { path: { app, external: 'corp' } }),
          200,
        ),
      ).toEqual(replaced.body);
      expect(
        (await typed.delete('/v1/applications/{app}/externals/{external}', { path: { app, external: 'corp' } })).status,
      ).toBe(204);
      expect(
        bodyOf(await typed.get('/v1/applications/{app}/externals/{external}', { path: { app, external: 'corp' } }), 404)
          .code,
      ).toBe('external/not_found');
    });

    it.each([
      [{ cidr: '10.0.0.0/33' }, 'cidr'],
      [{ cidr: '10.0.0.1/8' }, 'cidr'],
      [{ cidr: '010.0.0.0/8' }, 'cidr'],
      [{ cidr: 'internet' }, 'cidr'],
      [{}, 'cidr'],
      [{ cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }, 'except'],
      [{ cidr: '10.0.0.0/8', except: ['10.0.0.0/33'] }, 'except'],
      [{ cidr: '10.0.0.0/8', except: '10.1.0.0/16' }, 'except'],
    ])('rejects external %j naming %s', async (body, field) => {
      const app = await createThreeTier(api);
      const before = await stateOf(api, app);
      const response = await api.put(`/v1/applications/${app}/externals/internet`, body);
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await stateOf(api, app)).toEqual(before);
    });

    it('refuses to delete an external that a flow uses', async () => {
      const app = await createThreeTier(api);
      const response = await typed.delete('/v1/applications/{app}/externals/{external}', {
        path: { app, external: 'internet' },
      });
      expectStatus(response, 409);
      expect(response.body.code).toBe('external/in_use');
      expect(response.body.details).toEqual([
        { field: expect.stringMatching(/^flows\[[0-9a-f-]{36}\]\.from\.external$/), reason: expect.any(String) },
      ]);
    });
  });

  describe('flows', () => {
    it('creates, filters, reads and deletes flows', async () => {
      const app = await createThreeTier(api);
      const created = await typed.post('/v1/applications/{app}/flows', {
        path: { app },
        body: {
          from: { selector: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } } },
          to: { component: 'api' },
          ports: [{ port: 9000, endPort: 9100 }, { protocol: 'UDP' }],
          description: 'Prometheus scrapes',
        },
      });
      expectStatus(created, 201);
      expect(created.body).toMatchObject({
        to: { component: 'api' },
        ports: [{ port: 9000, endPort: 9100, protocol: 'TCP' }, { protocol: 'UDP' }],
        description: 'Prometheus scrapes',
      });
      const id = created.body.id as string;

      const toApi = await typed.get('/v1/applications/{app}/flows', { path: { app }, query: { to: 'api' } });
      expectStatus(toApi, 200);
      expect(toApi.body.items.map((f) => f.id)).toContain(id);
      expect(toApi.body.items.every((f) => 'component' in f.to && f.to.component === 'api')).toBe(true);
      const webToApi = await typed.get('/v1/applications/{app}/flows', {
        path: { app },
        query: { from: 'web', to: 'api' },
      });
      expectStatus(webToApi, 200);
      expect(webToApi.body.items).toHaveLength(1);
      expect(bodyOf(await typed.get('/v1/applications/{app}/flows', { path: { app } }), 200).items).toHaveLength(4);

      expect(bodyOf(await typed.get('/v1/applications/{app}/flows/{id}', { path: { app, id } }), 200)).toEqual(
        created.body,
      );
      expect((await typed.delete('/v1/applications/{app}/flows/{id}', { path: { app, id } })).status).toBe(204);
      expect((await typed.get('/v1/applications/{app}/flows/{id}', { path: { app, id } })).status).toBe(404);
      expect(
        bodyOf(await typed.get('/v1/applications/{app}/flows/{id}', { path: { app, id: 'not-a-uuid' } }), 404).code,
      ).toBe('flow/not_found');
      expect((await typed.delete('/v1/applications/{app}/flows/{id}', { path: { app, id } })).status).toBe(404);
    });

    it.each([
      [{ from: { component: 'web' }, to: { component: 'nope' } }, 422, 'to.component'],
      [{ from: { external: 'nowhere' }, to: { component: 'web' } }, 422, 'from.external'],
      [{ from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 'postgres' }] }, 422, 'ports[0].port'],
      [
        { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 'mysql', protocol: 'UDP' }] },
        422,
        'ports[0].port',
      ],
      [{ from: { component: 'web' }, to: { external: 'internet' }, ports: [{ port: 'http' }] }, 422, 'ports[0].port'],
      [{ from: { external: 'internet' }, to: { external: 'internet' } }, 422, 'body'],
      [{ from: { component: 'web', external: 'internet' }, to: { component: 'db' } }, 400, 'from'],
      [{ from: {}, to: { component: 'db' } }, 400, 'from'],
      [{ to: { component: 'db' } }, 400, 'from'],
      [{ from: { component: 'web' }, to: { selector: {} } }, 400, 'to.selector'],
      [
        { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 3306, endPort: 3000 }] },
        400,
        'ports[0].endPort',
      ],
      [
        { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 'mysql', endPort: 4000 }] },
        400,
        'ports[0].endPort',
      ],
      [{ from: { component: 'web' }, to: { component: 'db' }, ports: [{ endPort: 4000 }] }, 400, 'ports[0].endPort'],
      [{ from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: -1 }] }, 400, 'ports[0].port'],
      [{ from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 99999999999 }] }, 400, 'ports[0].port'],
      [
        { from: { component: 'web' }, to: { component: 'db' }, ports: [{ port: 80, protocol: 'tcp' }] },
        400,
        'ports[0].protocol',
      ],
      [
        {
          from: { component: 'web' },
          to: { selector: { podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } } },
        },
        400,
        'to.selector.podSelector.matchExpressions[0].values',
      ],
      [
        {
          from: { component: 'web' },
          to: { selector: { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } } },
        },
        400,
        'to.selector.podSelector.matchExpressions[0].values',
      ],
      [{ from: { component: 'web' }, to: { component: 'db' }, description: 'x'.repeat(1001) }, 400, 'description'],
    ])('rejects flow %j with %d naming %s, and writes nothing', async (body, status, field) => {
      const app = await createThreeTier(api);
      const before = await stateOf(api, app);
      const response = await api.post(`/v1/applications/${app}/flows`, body);
      expect(response.status).toBe(status);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await stateOf(api, app)).toEqual(before);
    });
  });

  describe('topology document', () => {
    it('replaces the whole topology from JSON and reads it back in JSON and YAML', async () => {
      const app = await createApplication(api);
      const put = await typed.put('/v1/applications/{app}/topology', { path: { app }, body: THREE_TIER });
      expectStatus(put, 200);
      expect(put.body.name).toBe(app);
      expect(put.body.components.map((c: { name: string }) => c.name)).toEqual(['api', 'db', 'web']);
      expect(put.body.flows).toHaveLength(3);
      expect(put.body.flows[2]).toEqual({
        from: { component: 'api' },
        to: { component: 'db' },
        ports: [{ port: 'mysql', protocol: 'TCP' }],
        description: 'orders',
      });
      const json = await typed.get('/v1/applications/{app}/topology', { path: { app } });
      expect(json.body).toEqual(put.body);
      const yaml = await typed.get('/v1/applications/{app}/topology', {
        path: { app },
        options: { headers: { accept: 'application/yaml' } },
      });
      expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
      expect(parse(yaml.text)).toEqual(put.body);
      // GET then PUT round-trips: the document is what PUT accepts.
      const again = await typed.put('/v1/applications/{app}/topology', {
        path: { app },
        body: yaml.text,
        options: { contentType: 'application/yaml' },
      });
      expectStatus(again, 200);
      expect(again.body).toEqual(put.body);
    });

    it('stores every kind of member exactly: unicode and quotes, labels named like Object members, selectors, externals, ranges, flow order', async () => {
      const app = await createApplication(api, undefined, {
        ownedNamespaces: [{ namespace: 'ns-a' }, { namespace: 'ns-b' }],
      });
      const labels: Record<string, string> = { app: 'zeta', 'example.com/tier': 'front-end' };
      // Valid label keys that are also names of Object members.
      Object.assign(labels, { constructor: 'x', toString: 'y', prototype: 'z' });
      const document = {
        components: [
          {
            name: 'zeta',
            namespace: 'ns-b',
            labels,
            ports: [
              { name: 'http', port: 8080, protocol: 'TCP' },
              { port: 53, protocol: 'UDP' },
            ],
          },
          { name: 'alpha', namespace: 'ns-a', labels: { app: 'alpha' }, ports: [] },
        ],
        externals: [{ name: 'corp', cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] }],
        flows: [
          {
            from: { component: 'zeta' },
            to: { external: 'corp' },
            ports: [{ port: 8000, endPort: 8100, protocol: 'TCP' }],
            description: 'zu den Büros — "quoted" \\ back\\slash',
          },
          {
            from: { selector: { namespaceSelector: { matchLabels: { team: 'ops' } } } },
            to: { component: 'zeta' },
            ports: [{ port: 'http', protocol: 'TCP' }],
            description: '',
          },
          { from: { component: 'alpha' }, to: { component: 'zeta' }, ports: [], description: '日本語' },
        ],
      };
      const put = await api.put(`/v1/applications/${app}/topology`, document);
      expect([put.status, put.body.details]).toEqual([200, undefined]);
      const stored = bodyOf(await typed.get('/v1/applications/{app}/topology', { path: { app } }), 200);
      expect(stored).toEqual(put.body);
      // Components and externals come back by name; flows in the document's order.
      expect(stored.components).toEqual([document.components[1], document.components[0]]);
      expect(stored.externals).toEqual(document.externals);
      expect(stored.flows).toEqual(document.flows);
      const flows = bodyOf(
        await typed.get('/v1/applications/{app}/flows', { path: { app }, query: { from: 'zeta' } }),
        200,
      ).items;
      expect(flows.map((f: { description: string }) => f.description)).toEqual([document.flows[0].description]);
    });

    it('accepts the CLI example file as is (YAML with name and namespace)', async () => {
      const app = await createApplication(api, 'three-tier', { defaultNamespace: 'three-tier' });
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(`${__dirname}/../examples/three-tier.yaml`, 'utf8');
      const put = await typed.put('/v1/applications/{app}/topology', {
        path: { app },
        body: text,
        options: { contentType: 'application/yaml' },
      });
      expectStatus(put, 200);
      expect(put.body.components).toHaveLength(3);
      expect(put.body.components.every((c: { namespace: string }) => c.namespace === 'three-tier')).toBe(true);
    });

    it('replaces, not merges: what the document leaves out is gone', async () => {
      const app = await createThreeTier(api);
      const smaller = { components: [THREE_TIER.components[0]], externals: [], flows: [] };
      expect((await typed.put('/v1/applications/{app}/topology', { path: { app }, body: smaller })).status).toBe(200);
      expect(bodyOf(await typed.get('/v1/applications/{app}/components', { path: { app } }), 200).items).toHaveLength(
        1,
      );
      expect(bodyOf(await typed.get('/v1/applications/{app}/flows', { path: { app } }), 200).items).toHaveLength(0);
    });

    const broken: [string, unknown, number, string][] = [
      [
        'an unknown component in the last flow',
        { ...THREE_TIER, flows: [...THREE_TIER.flows, { from: { component: 'web' }, to: { component: 'cache' } }] },
        422,
        'flows[3].to.component',
      ],
      [
        'a duplicate component name',
        { ...THREE_TIER, components: [...THREE_TIER.components, THREE_TIER.components[0]] },
        400,
        'components',
      ],
      [
        'a bad port deep inside',
        {
          ...THREE_TIER,
          components: [
            THREE_TIER.components[0],
            { ...THREE_TIER.components[1], ports: [{ port: 70000 }] },
            THREE_TIER.components[2],
          ],
        },
        400,
        'components[1].ports[0].port',
      ],
      ['a name that is another application', { ...THREE_TIER, name: 'someone-else' }, 400, 'name'],
      ['components missing', { flows: [] }, 400, 'components'],
    ];
    it.each(broken)('rejects %s and leaves the stored topology untouched', async (_what, body, status, field) => {
      const app = await createThreeTier(api);
      const before = await stateOf(api, app);
      const response = await api.put(`/v1/applications/${app}/topology`, body);
      expect(response.status).toBe(status);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await stateOf(api, app)).toEqual(before);
    });

    it('rejects malformed YAML and duplicate keys with 400, alias bombs with 413', async () => {
      const app = await createThreeTier(api);
      const before = await stateOf(api, app);
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
        .concat(
          Array.from(
            { length: 12 },
            (_, i) =>
              `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
          ),
        )
        .join('\n');
      for (const text of ['components: [', 'components: []\ncomponents: []']) {
        const response = await typed.put('/v1/applications/{app}/topology', {
          path: { app },
          body: text,
          options: { contentType: 'application/yaml' },
        });
        expectStatus(response, 400);
        expect(response.body.code).toBe('request/invalid_body');
      }
      const refused = await typed.put('/v1/applications/{app}/topology', {
        path: { app },
        body: bomb,
        options: { contentType: 'application/yaml' },
      });
      expectStatus(refused, 413);
      expect(refused.body.code).toBe('request/payload_too_large');
      expect(refused.body.message).toMatch(/aliases/);
      expect(await stateOf(api, app)).toEqual(before);
    });

    it('answers 404 when the application does not exist', async () => {
      const response = await typed.put('/v1/applications/{app}/topology', { path: { app: 'ghost' }, body: THREE_TIER });
      expectStatus(response, 404);
      expect(response.body.code).toBe('application/not_found');
    });
  });
});
