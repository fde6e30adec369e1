import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { useTestApp } from './support/app';
import { createThreeTier, stateOf, THREE_TIER, uniqueName } from './support/fixtures';
import { gql } from './support/graphql';

describe('GraphQL', () => {
  const t = useTestApp();
  const api = t.api;

  it('serves exactly the schema in schema.graphql', async () => {
    const result = await gql(t.app, getIntrospectionQuery({ specifiedByUrl: true, descriptions: true }));
    const served = printSchema(lexicographicSortSchema(buildClientSchema(result.data as never)));
    expect(`${served}\n`).toBe(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));
  });

  it('creates an application and its topology through mutations, visible over REST', async () => {
    const name = uniqueName('gql');
    const created = await gql(
      t.app,
      `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { name defaultNamespace settings { isolation dnsEgress } } }`,
      {
        input: {
          name,
          defaultNamespace: 'shop',
          ownedNamespaces: [{ namespace: 'shop', shared: true }],
          settings: { isolation: 'ingress' },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createApplication).toEqual({
      name,
      defaultNamespace: 'shop',
      settings: { isolation: 'ingress', dnsEgress: true },
    });

    const topology = await gql(
      t.app,
      `mutation($app: String!, $input: TopologyInput!) { putTopology(application: $app, input: $input) { components { name } flows { id ports { port protocol } } } }`,
      {
        app: name,
        input: THREE_TIER,
      },
    );
    expect(topology.errors).toBeUndefined();
    expect(topology.data?.putTopology.components.map((c: { name: string }) => c.name)).toEqual(['api', 'db', 'web']);
    expect(topology.data?.putTopology.flows[2].ports).toEqual([{ port: 'mysql', protocol: 'TCP' }]);

    const component = await gql(
      t.app,
      // A nullable input field given null is not given: the application's default namespace applies.
      `mutation { putComponent(application: "${name}", name: "cache", input: { namespace: null, labels: { app: "cache" }, ports: [{ port: 6379, name: null }] }) { name namespace ports { port protocol name } } }`,
    );
    expect(component.data?.putComponent).toEqual({
      name: 'cache',
      namespace: 'shop',
      ports: [{ port: 6379, protocol: 'TCP', name: null }],
    });
    const flow = await gql(
      t.app,
      `mutation { createFlow(application: "${name}", input: { from: { component: "api" }, to: { component: "cache" }, ports: [{ port: 6379, endPort: 6380 }] }) { id from { component } to { component } ports { port endPort } } }`,
    );
    expect(flow.data?.createFlow).toMatchObject({
      from: { component: 'api' },
      to: { component: 'cache' },
      ports: [{ port: 6379, endPort: 6380 }],
    });

    const rest = await api.get(`/v1/applications/${name}/flows?to=cache`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.items[0].id).toBe(flow.data?.createFlow.id);

    const deleted = await gql(
      t.app,
      `mutation { deleteFlow(application: "${name}", id: "${flow.data?.createFlow.id}") deleteComponent(application: "${name}", name: "cache") }`,
    );
    expect(deleted.data).toEqual({ deleteFlow: true, deleteComponent: true });
    expect((await api.get(`/v1/applications/${name}/components/cache`)).status).toBe(404);
  });

  it('queries applications with components, externals and flows', async () => {
    const name = await createThreeTier(api);
    const result = await gql(
      t.app,
      `query($name: String!) { application(name: $name) { name components { name namespace labels ports { name port protocol } } externals { name cidr except } flows { from { component external selector } to { component } ports { port protocol } description } } }`,
      { name },
    );
    expect(result.errors).toBeUndefined();
    const application = result.data?.application;
    expect(application.components[1]).toEqual({
      name: 'db',
      namespace: 'shop',
      labels: { role: 'db' },
      ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }],
    });
    expect(application.externals).toEqual([{ name: 'internet', cidr: '0.0.0.0/0', except: [] }]);
    expect(application.flows[0]).toEqual({
      from: { component: null, external: 'internet', selector: null },
      to: { component: 'web' },
      ports: [{ port: 80, protocol: 'TCP' }],
      description: '',
    });

    const list = await gql(t.app, '{ applications(limit: 500) { total items { name components { name } } } }');
    expect(list.data?.applications.items.map((a: { name: string }) => a.name)).toContain(name);
  });

  it('answers errors with the same codes as REST, and writes nothing', async () => {
    const name = await createThreeTier(api);
    const before = await stateOf(api, name);

    const missing = await gql(t.app, '{ application(name: "ghost") { name } }');
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'application/not_found', category: 'NOT_FOUND' });

    const invalid = await gql(
      t.app,
      `mutation { createFlow(application: "${name}", input: { from: { component: "web" }, to: { component: "db" }, ports: [{ port: 3306, endPort: 1 }] }) { id } }`,
    );
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'validation/failed' });
    expect((invalid.errors?.[0].extensions?.details as { field: string }[])[0].field).toBe('ports[0].endPort');

    const unknown = await gql(
      t.app,
      `mutation { createFlow(application: "${name}", input: { from: { component: "web" }, to: { component: "nope" } }) { id } }`,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'topology/invalid', category: 'UNPROCESSABLE' });

    const duplicate = await gql(t.app, `mutation { createApplication(input: { name: "${name}" }) { name } }`);
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'application/already_exists' });

    const inUse = await gql(t.app, `mutation { deleteComponent(application: "${name}", name: "db") }`);
    expect(inUse.errors?.[0].extensions).toMatchObject({ code: 'component/in_use' });

    const badLabels = await gql(
      t.app,
      `mutation { putComponent(application: "${name}", name: "web", input: { labels: {} }) { name } }`,
    );
    expect(badLabels.errors?.[0].extensions).toMatchObject({ code: 'validation/failed' });

    expect(await stateOf(api, name)).toEqual(before);
  });

  it('answers a query the same when it runs again compiled by graphql-jit: data, errors and codes', async () => {
    const name = await createThreeTier(api);
    await api.post(`/v1/applications/${name}/versions`, {});
    const queries = [
      `{ application(name: "${name}") { name components { name labels ports { name port protocol } } flows { from { component } to { component } ports { port protocol } } } }`,
      `{ application(name: "${name}") { allowedFlows { from { component external } to { component external } allConnections ports { protocol ranges { start end } } } } }`,
      `{ application(name: "${name}") { reachability(from: "web", to: "db", port: 3306, version: "1") { allowed ingress { isolated reason allowedBy { policy rule } } } } }`,
      `{ application(name: "${name}") { reachability(from: "web", to: "db", port: "nope") { allowed } } }`,
      `{ application(name: "${name}") { latestVersion { number digest policyCount } versions { number } } }`,
      '{ application(name: "ghost") { name } }',
      '{ applications(limit: -1) { total } }',
    ];
    for (const query of queries) {
      // The first run is interpreted; mercurius compiles the query (jit: 1) for the runs after it.
      // Each answer has its own requestId; everything else must be equal.
      const run = async () =>
        JSON.parse(JSON.stringify(await gql(t.app, query)).replace(/"requestId":"[^"]*"/g, '"requestId":""'));
      const runs = [await run(), await run(), await run()];
      expect(runs[0].data ?? runs[0].errors).toBeTruthy();
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
    }
    const errors = await gql(t.app, '{ application(name: "ghost") { name } }');
    expect(errors.errors?.[0].extensions).toMatchObject({ code: 'application/not_found', category: 'NOT_FOUND' });
  });

  it('refuses a putTopology whose ifMatch is stale, so concurrent portal editors never lose an update', async () => {
    const name = await createThreeTier(api);
    const read = await gql(t.app, `{ topology(application: "${name}") { etag components { name } } }`);
    const etag = read.data?.topology.etag as string;
    // The same ETag REST sends for the document.
    expect((await api.get(`/v1/applications/${name}/topology`)).headers.etag).toBe(etag);
    const put = (ifMatch: string, components: string[]) =>
      gql(
        t.app,
        `mutation($input: TopologyInput!, $ifMatch: String) { putTopology(application: "${name}", input: $input, ifMatch: $ifMatch) { etag components { name } } }`,
        { ifMatch, input: { components: components.map((c) => ({ name: c, labels: { app: c } })), flows: [] } },
      );
    const first = await put(etag, ['a']);
    expect(first.errors).toBeUndefined();
    expect(first.data?.putTopology.etag).not.toBe(etag);
    const before = await stateOf(api, name);
    const second = await put(etag, ['b']);
    expect(second.errors?.[0].extensions).toMatchObject({
      code: 'topology/precondition_failed',
      details: { etag: first.data?.putTopology.etag },
    });
    expect(await stateOf(api, name)).toEqual(before);
    expect((await put('*', ['c'])).data?.putTopology.components).toEqual([{ name: 'c' }]);
  });

  it('runs ordinary nested portal queries within the depth limit', async () => {
    const result = await gql(
      t.app,
      'fragment F on Application { flows { from { component } } } { applications { items { ...F components { ports { name } } } } }',
    );
    expect(result.errors).toBeUndefined();
  });
});
