/**
 * Component and external names follow one rule (a DNS-1123 label, src/engine's validateTopology) in
 * REST and GraphQL alike. GraphQL's putComponent and putExternal used to store names REST refuses
 * ("", "a b", "x\ny: evil", 10,000 characters), and then the topology document read back could not
 * be written again (GET-then-PUT failed). Same table of names, both APIs: refused naming the field,
 * nothing written, and the document still round-trips.
 */
import { useTestApp } from './support/app';
import { createThreeTier } from './support/fixtures';
import { gql } from './support/graphql';

const APP = 'names';
const BAD_NAMES = ['', 'a b', 'x\ny: evil', 'x'.repeat(10_000), 'Web', 'web.svc', '-web', 'a'.repeat(64)];
const DNS1123 = /^must be (a DNS-1123 label|no more than 63 characters)/;

const label = (name: string) => JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}… (${name.length})` : name);

describe('component and external names: the same rule in REST and GraphQL', () => {
  const t = useTestApp();
  const api = t.api;

  beforeAll(async () => {
    await createThreeTier(api, APP);
  });

  const topology = async () => (await api.get(`/v1/applications/${APP}/topology`)).body;

  const KINDS = [
    {
      kind: 'component',
      rest: (name: string) =>
        api.put(`/v1/applications/${APP}/components/${encodeURIComponent(name)}`, { labels: { app: 'x' } }),
      graphql: (name: string) =>
        gql(
          t.app,
          'mutation($name: String!) { putComponent(application: "names", name: $name, input: { labels: { app: "x" } }) { name } }',
          { name },
        ),
    },
    {
      kind: 'external',
      rest: (name: string) =>
        api.put(`/v1/applications/${APP}/externals/${encodeURIComponent(name)}`, { cidr: '10.0.0.0/8' }),
      graphql: (name: string) =>
        gql(
          t.app,
          'mutation($name: String!) { putExternal(application: "names", name: $name, input: { cidr: "10.0.0.0/8" }) { name } }',
          { name },
        ),
    },
  ];

  describe.each(KINDS)('$kind', ({ kind, rest, graphql }) => {
    it.each(BAD_NAMES.map((name) => [label(name), name]))('REST refuses %s, writing nothing', async (_, name) => {
      const before = await topology();
      const response = await rest(name);
      // An empty name leaves the path without its last segment: no such route.
      expect(response.status).toBe(name === '' ? 404 : 400);
      if (name !== '') {
        const field = name.length > 100 ? 'path' : kind;
        expect(response.body.details).toEqual([{ field, reason: expect.any(String) }]);
        if (field === kind) expect(response.body.details[0].reason).toMatch(DNS1123);
      }
      expect(await topology()).toEqual(before);
    });

    it.each(BAD_NAMES.map((name) => [label(name), name]))('GraphQL refuses %s, writing nothing', async (_, name) => {
      const before = await topology();
      const result = await graphql(name);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'topology/invalid',
        details: [{ field: 'name', code: 'topology/invalid_name', reason: expect.stringMatching(DNS1123) }],
      });
      expect(await topology()).toEqual(before);
    });

    it('a valid name is accepted by both', async () => {
      expect((await rest(`${kind}-rest`)).status).toBe(201);
      expect((await graphql(`${kind}-graphql`)).errors).toBeUndefined();
    });
  });

  it('the topology document read back is accepted as written (GET then PUT)', async () => {
    const document = await topology();
    const response = await api.put(`/v1/applications/${APP}/topology`, document);
    expect(response.status).toBe(200);
    expect(await topology()).toEqual(document);
  });
});
