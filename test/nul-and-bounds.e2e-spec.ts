/**
 * Strings Postgres cannot store and numbers it cannot count: a NUL character (U+0000) anywhere in a
 * request, and an offset or version number past a 32-bit integer, are a 400 naming the field, on
 * every route and GraphQL argument, and nothing is written. Without the check, each of them was a 500
 * from deep inside a query.
 *
 * The REST sweep is derived from openapi.yaml: every string of every documented request example,
 * every path parameter and every string query parameter gets a NUL. The GraphQL sweep introspects
 * the schema: every String argument of every root field whose arguments are all scalars.
 */
import { useTestApp } from './support/app';
import { createThreeTier } from './support/fixtures';
import { gql } from './support/graphql';
import { documentedOperations, openApiDocument, requestExample, type HttpMethod } from './support/openapi';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

const APP = 'shop';
const NUL = '\u0000';
const PARAMS: Record<string, string> = { app: APP, component: 'web', external: 'internet', channel: 'production' };
/** Bodies for the operations whose request has no documented example. */
const BODIES: Record<string, Json> = {
  SetChannelInput: { version: 1 },
  ManifestsInput: { manifests: 'kind: Namespace\napiVersion: v1\nmetadata: { name: shop }\n' },
  ManifestsReachabilityInput: {
    manifests: 'kind: Namespace\napiVersion: v1\nmetadata: { name: shop }\n',
    from: 'shop/a[Pod]',
    to: 'shop/b[Pod]',
    port: 80,
  },
};

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema?: { type?: string };
}

function parametersOf(path: string, method: HttpMethod): Parameter[] {
  const document = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { parameters?: (Parameter | { $ref: string })[] }>>;
    components: { parameters: Record<string, Parameter> };
  };
  return (document.paths[path]![method]!.parameters ?? []).map((parameter) =>
    '$ref' in parameter ? document.components.parameters[parameter.$ref.split('/').pop()!]! : parameter,
  );
}

function bodyOf(path: string, method: HttpMethod): Json | undefined {
  const body = openApiDocument().paths[path]?.[method]?.requestBody?.content['application/json'];
  if (body === undefined) return undefined;
  const example = Object.keys(body.examples ?? {})[0];
  if (example !== undefined) return requestExample(path, method, example) as Json;
  return BODIES[(body.schema as { $ref: string }).$ref.split('/').pop()!];
}

function stringPaths(value: Json, prefix: Path = []): Path[] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((child, i) => [i, child])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => stringPaths(child, [...prefix, key]));
}

function withNul(value: Json, path: Path): Json {
  const copy = structuredClone(value);
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, copy);
  const key = path[path.length - 1]!;
  (parent as Record<string, Json>)[key] = `${(parent as Record<string, Json>)[key] as string}${NUL}x`;
  return copy;
}

const fieldName = (path: Path) =>
  path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');

const urlOf = (template: string, params: Record<string, string> = {}) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? encodeURIComponent(PARAMS[name] ?? 'x'));

const OPERATIONS = documentedOperations().filter(({ method }) => method !== 'head');

/** [operation, field, url, body]: each request carries exactly one NUL, in the named field. */
const BODY_CASES = OPERATIONS.flatMap(({ method, path }) => {
  const body = bodyOf(path, method);
  if (body === undefined) return [];
  return stringPaths(body).map((p) => [`${method.toUpperCase()} ${path}`, fieldName(p), withNul(body, p)] as const);
});
const PATH_CASES = OPERATIONS.flatMap(({ method, path }) =>
  [...path.matchAll(/\{(\w+)\}/g)].map(
    ([, name]) => [`${method.toUpperCase()} ${path}`, name!, bodyOf(path, method)] as const,
  ),
);
const QUERY_CASES = OPERATIONS.flatMap(({ method, path }) =>
  parametersOf(path, method)
    .filter((parameter) => parameter.in === 'query' && parameter.schema?.type === 'string')
    .map((parameter) => [`${method.toUpperCase()} ${path}`, parameter.name] as const),
);

describe('NUL characters and integers past 32 bits', () => {
  const t = useTestApp();
  const api = t.api;

  beforeAll(async () => {
    await createThreeTier(api, APP);
    expect((await api.post(`/v1/applications/${APP}/versions`, {})).status).toBe(201);
    expect((await api.put(`/v1/applications/${APP}/channels/production`, { version: 1 })).status).toBe(201);
  });

  /** What a write could change, to prove a refused one changed nothing. */
  const everything = async () => ({
    applications: (await api.get('/v1/applications?limit=500')).body,
    topology: (await api.get(`/v1/applications/${APP}/topology`)).body,
    versions: (await api.get(`/v1/applications/${APP}/versions`)).body,
    channels: (await api.get(`/v1/applications/${APP}/channels`)).body,
    tokens: ((await api.get('/v1/tokens')).body.items as { id: string }[]).map((token) => token.id),
    audit: (await api.get('/v1/audit?limit=1')).body.items,
  });

  const send = (operation: string, url: string, body?: Json) => {
    const method = operation.split(' ')[0]!.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    return method === 'get' || method === 'delete' ? api[method](url) : api[method](url, body ?? {});
  };

  const expectNulRefused = (response: { status: number; body: Record<string, unknown> }, field: string) => {
    expect({ status: response.status, code: response.body.code, details: response.body.details }).toEqual({
      status: 400,
      code: 'validation/failed',
      details: [{ field, reason: 'must not contain the NUL character (U+0000)' }],
    });
  };

  it('the sweep covers bodies, path and query parameters of many routes', () => {
    expect(BODY_CASES.length).toBeGreaterThan(30);
    expect(new Set(PATH_CASES.map(([operation]) => operation)).size).toBeGreaterThan(15);
    expect(QUERY_CASES.map(([, name]) => name)).toEqual(expect.arrayContaining(['actor', 'from', 'to']));
  });

  it.each(BODY_CASES)('%s: a NUL in body field %s is a 400 naming it', async (operation, field, body) => {
    const before = await everything();
    const path = operation.split(' ')[1]!;
    expectNulRefused(await send(operation, urlOf(path), body), field);
    expect(await everything()).toEqual(before);
  });

  it.each(PATH_CASES)('%s: a NUL in path parameter %s is a 400 naming it', async (operation, name, body) => {
    const before = await everything();
    const path = operation.split(' ')[1]!;
    expectNulRefused(await send(operation, urlOf(path, { [name]: 'we%00b' }), body ?? undefined), name);
    expect(await everything()).toEqual(before);
  });

  it.each(QUERY_CASES)('%s: a NUL in query parameter %s is a 400 naming it', async (operation, name) => {
    const path = operation.split(' ')[1]!;
    expectNulRefused(await send(operation, `${urlOf(path)}?${name}=a%00b`), name);
  });

  it('a YAML topology document with a NUL in a description is a 400 naming the field', async () => {
    const before = await everything();
    const document = `flows:\n  - from: { component: web }\n    to: { component: api }\n    description: "a\\0b"\n`;
    const response = await api.put(`/v1/applications/${APP}/topology`, document, { contentType: 'application/yaml' });
    expectNulRefused(response, 'flows[0].description');
    expect(await everything()).toEqual(before);
  });

  it('a NUL in a label key is refused naming the map that holds it', async () => {
    const response = await api.put(`/v1/applications/${APP}/components/cache`, { labels: { [`a${NUL}`]: 'b' } });
    expectNulRefused(response, 'labels');
  });

  it.each([
    ['/v1/applications?offset=1e20', 'offset'],
    ['/v1/applications?offset=2147483648', 'offset'],
    [`/v1/applications/${APP}/versions?offset=1e20`, 'offset'],
    ['/v1/audit?offset=1e20', 'offset'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const response = await api.get(url);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field, reason: 'must not be greater than 2147483647' }]);
  });

  it('the largest offset still answers (an empty page)', async () => {
    const response = await api.get('/v1/applications?offset=2147483647');
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });

  it.each([1e20, 2 ** 31])('PUT a channel at version %d is a 400 naming version', async (version) => {
    const before = await everything();
    const response = await api.put(`/v1/applications/${APP}/channels/production`, { version });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'version', reason: 'must not be greater than 2147483647' }]);
    expect(await everything()).toEqual(before);
  });

  describe('GraphQL', () => {
    interface TypeRef {
      kind: string;
      name: string | null;
      ofType: TypeRef | null;
    }
    interface RootField {
      name: string;
      args: { name: string; type: TypeRef }[];
      type: TypeRef;
    }
    const named = (type: TypeRef): TypeRef => (type.ofType ? named(type.ofType) : type);
    const printType = (type: TypeRef): string =>
      type.kind === 'NON_NULL'
        ? `${printType(type.ofType!)}!`
        : type.kind === 'LIST'
          ? `[${printType(type.ofType!)}]`
          : type.name!;
    const SCALAR_VALUES: Record<string, unknown> = { String: 'x', Int: 1, Boolean: true, ID: 'x' };

    async function rootFields(): Promise<{ operation: 'query' | 'mutation'; field: RootField }[]> {
      const typeRef = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
      const result = await gql(
        t.app,
        `{ __schema {
            queryType { fields { name args { name type { ${typeRef} } } type { ${typeRef} } } }
            mutationType { fields { name args { name type { ${typeRef} } } type { ${typeRef} } } }
          } }`,
      );
      const schema = result.data!.__schema as Record<string, { fields: RootField[] }>;
      return [
        ...schema.queryType!.fields.map((field) => ({ operation: 'query' as const, field })),
        ...schema.mutationType!.fields.map((field) => ({ operation: 'mutation' as const, field })),
      ];
    }

    it('every String argument of every root field with scalar arguments: a NUL is refused naming it', async () => {
      const before = await everything();
      const checked: string[] = [];
      for (const { operation, field } of await rootFields()) {
        const args = field.args.filter((arg) => named(arg.type).kind === 'SCALAR' || arg.type.kind !== 'NON_NULL');
        if (args.length !== field.args.length || field.args.some((arg) => named(arg.type).kind !== 'SCALAR')) continue;
        const required = args.filter((arg) => arg.type.kind === 'NON_NULL');
        for (const target of args.filter((arg) => named(arg.type).name === 'String')) {
          const sent = [...new Set([...required, target])];
          const variables = Object.fromEntries(
            sent.map((arg) => [arg.name, arg === target ? `a${NUL}b` : SCALAR_VALUES[named(arg.type).name!]]),
          );
          const selection = named(field.type).kind === 'OBJECT' ? '{ __typename }' : '';
          const query = `${operation}(${sent.map((arg) => `$${arg.name}: ${printType(arg.type)}`).join(', ')}) {
            ${field.name}(${sent.map((arg) => `${arg.name}: $${arg.name}`).join(', ')}) ${selection} }`;
          const result = await gql(t.app, query, variables);
          const where = `${field.name}(${target.name})`;
          expect({
            where,
            code: result.errors?.[0]?.extensions?.code,
            details: result.errors?.[0]?.extensions?.details,
          }).toEqual({
            where,
            code: 'validation/failed',
            details: [{ field: target.name, reason: 'must not contain the NUL character (U+0000)' }],
          });
          checked.push(where);
        }
      }
      expect(checked).toEqual(
        expect.arrayContaining(['application(name)', 'auditEvents(actor)', 'deleteComponent(name)']),
      );
      expect(await everything()).toEqual(before);
    });

    it.each([
      [
        'putComponent labels',
        `mutation { putComponent(application: "${APP}", name: "cache", input: { labels: { app: "a\\u0000b" } }) { name } }`,
        'labels.app',
      ],
      [
        'createFlow description',
        `mutation { createFlow(application: "${APP}", input: { from: { component: "web" }, to: { component: "db" }, description: "a\\u0000b" }) { id } }`,
        'description',
      ],
      ['createToken name', 'mutation { createToken(input: { name: "ci\\u0000", role: "viewer" }) { token } }', 'name'],
    ])('%s: a NUL in an inline literal is refused naming the field', async (_, query, field) => {
      const before = await everything();
      const result = await gql(t.app, query);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'validation/failed',
        details: [{ field, reason: 'must not contain the NUL character (U+0000)' }],
      });
      expect(await everything()).toEqual(before);
    });

    it('an offset past 32 bits is refused by GraphQL itself (Int is 32-bit)', async () => {
      const result = await gql(t.app, '{ applications(offset: 3000000000) { total } }');
      expect(result.errors?.[0]?.message).toMatch(/Int cannot represent/);
    });
  });
});
