/** Policy versions over GraphQL: publish, channels, the Application fields, errors and query cost. */
import { useTestApp } from './support/app';
import { createThreeTier, uniqueName } from './support/fixtures';
import { gql } from './support/graphql';
import { statementsDuring } from './support/queries';

// One application for the file: every test works on applications of its own.
const t = useTestApp();
const api = t.api;

describe('policy versions (GraphQL)', () => {
  it('publishes, sets a channel and reads versions, latestVersion and channels', async () => {
    const app = await createThreeTier(api);
    const published = await gql(
      t.app,
      `mutation($app: String!) { publishVersion(application: $app, note: "from the portal") { number digest note actor } }`,
      { app },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishVersion).toMatchObject({ number: 1, note: 'from the portal', actor: 'bootstrap' });
    const channel = await gql(
      t.app,
      `mutation($app: String!) { setChannel(application: $app, channel: "production", version: 1) { name version } }`,
      { app },
    );
    expect(channel.data!.setChannel).toEqual({ name: 'production', version: 1 });

    const read = await gql(
      t.app,
      `query($app: String!) { application(name: $app) {
        latestVersion { number digest createdAt note actor manifestsYaml }
        versions(limit: 5) { number }
        channels { name version }
      } }`,
      { app },
    );
    expect(read.errors).toBeUndefined();
    const rest = (await api.get(`/v1/applications/${app}/versions/1/manifests`)).text;
    expect(read.data!.application.latestVersion).toMatchObject({
      number: 1,
      note: 'from the portal',
      manifestsYaml: rest,
    });
    expect(read.data!.application.versions).toEqual([{ number: 1 }]);
    expect(read.data!.application.channels).toEqual([{ name: 'production', version: 1 }]);
  });

  it('reports errors with the REST codes', async () => {
    const app = await createThreeTier(api);
    const missing = await gql(
      t.app,
      `mutation($app: String!) { setChannel(application: $app, channel: "prod", version: 3) { name } }`,
      { app },
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('version/not_found');
    const long = await gql(
      t.app,
      `mutation($app: String!, $note: String) { publishVersion(application: $app, note: $note) { number } }`,
      {
        app,
        note: 'x'.repeat(1001),
      },
    );
    expect(long.errors?.[0]?.extensions?.code).toBe('validation/failed');
    expect((await api.get(`/v1/applications/${app}/versions`)).body.total).toBe(0);
  });

  it('takes a null note or acceptGuardrailDenials as left out, as their nullable types say', async () => {
    const app = await createThreeTier(api);
    const published = await gql(
      t.app,
      `mutation($app: String!) { publishVersion(application: $app, note: null, acceptGuardrailDenials: null) { number note } }`,
      { app },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishVersion).toEqual({ number: 1, note: '' });
  });

  it('costs the same number of SQL queries for 3 and for 12 applications', async () => {
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      const app = await createThreeTier(api, uniqueName('count'));
      if (i % 2 === 0) await api.post(`/v1/applications/${app}/versions`);
      names.push(app);
    }
    const query = `query($limit: Int) { applications(limit: $limit) { items {
      components { name } flows { id } latestVersion { number } channels { name } versions(limit: 2) { number }
    } } }`;
    const cost = (limit: number) =>
      statementsDuring(t.app, async () => {
        const result = await gql(t.app, query, { limit });
        expect(result.errors).toBeUndefined();
        expect(result.data!.applications.items).toHaveLength(limit);
      });
    const three = await cost(3);
    const twelve = await cost(12);
    expect(twelve).toBe(three);
    // Applications + count + their owned namespaces (one include), components, flows, latestVersion,
    // versions, and channels (Prisma loads the include'd versions with a second query).
    // Authentication's statements are not counted.
    expect(three).toBe(9);
  });
});
