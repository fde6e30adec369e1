/**
 * Issue 10, section 2 and the input rules of section 4: nothing is parsed before the token is checked,
 * bodies are bounded by what they expand to, and no answer ever carries a stack overflow.
 */
import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, useTestApp, type TestApp } from './support/app';
import { uniqueName } from './support/fixtures';
import { gql } from './support/graphql';
import { TEST_ADMIN_TOKEN } from './support/tokens';
import { PUBLIC_ROUTES } from '../src/common/access/requires-role.decorator';
import { openApiDocument } from './support/openapi';

/** An anchor of `width` scalars referenced `aliases` times: the JS value shares it, a walk expands it. */
function flatAliasYaml(width: number, aliases: number): string {
  const anchor = `a: &a [${Array.from({ length: width }, () => 'x').join(', ')}]`;
  return `${anchor}\nb: [${Array.from({ length: aliases }, () => '*a').join(', ')}]\n`;
}

// One application for the file's default-configured blocks (each names its own applications);
// 'slow bodies' starts its own with a short body timeout.
const t = useTestApp();

describe('nothing is parsed before the token is checked', () => {
  const raw = (path: string, body: string, contentType: string, token: string | null = null) => {
    let pending = request(t.app.getHttpServer()).put(path).set('content-type', contentType);
    if (token !== null) pending = pending.set('authorization', `Bearer ${token}`);
    return pending.send(body);
  };

  it.each([
    ['broken JSON', '{"name":', 'application/json'],
    ['JSON nested 5,000 levels', `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'application/json'],
    ['JSON with a null', '{"description": null}', 'application/json'],
    ['YAML of 2,000 aliases', flatAliasYaml(100, 2000), 'application/yaml'],
    ['broken YAML', 'components: [unclosed\n', 'application/yaml'],
  ])('answers %s without a token with 401, not a parse error', async (_, body, contentType) => {
    const response = await raw('/v1/applications/shop/topology', body, contentType);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('auth/unauthenticated');
  });

  it('skips the token check on exactly the operations openapi.yaml documents as public', () => {
    const paths = openApiDocument().paths as unknown as Record<string, Record<string, { 'x-required-role'?: string }>>;
    const documented = Object.entries(paths)
      .filter(([, item]) => Object.values(item).some((operation) => operation['x-required-role'] === 'public'))
      .map(([path]) => path);
    expect([...PUBLIC_ROUTES].sort()).toEqual(documented.sort());
  });

  it('answers a made-up token with 401 before reading the body', async () => {
    const response = await raw('/v1/applications/shop/topology', '{"name":', 'application/json', 'fp_made-up');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('auth/unauthenticated');
  });

  it('answers GraphQL without a token with 401 before parsing or validating the query', async () => {
    const fragments = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Application { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const bomb = `query Q${uniqueName()} { applications { items { ...F0 } } }\n${fragments}\nfragment F20 on Application { name }`;
    for (const query of ['{ applications {', bomb]) {
      const response = await gql(t.app, query, {}, { token: null });
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe('auth/unauthenticated');
    }
  });
});

describe('bodies are bounded by what they expand to', () => {
  const api = t.api;
  let app: string;

  beforeAll(async () => {
    app = uniqueName('abuse');
    expect((await api.post('/v1/applications', { name: app, defaultNamespace: app })).status).toBe(201);
  });

  it('refuses a JSON body of more than 200,000 elements with 413 naming the limit', async () => {
    const body = `{"components":[${Array.from({ length: 200_001 }, () => '0').join(',')}]}`;
    const response = await api.put(`/v1/applications/${app}/topology`, body, { contentType: 'application/json' });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      code: 'request/payload_too_large',
      message: 'Request body has more than 200000 elements (the limit)',
    });
  });

  it('refuses a YAML body of more than 100 aliases with 413, before building its tree', async () => {
    const response = await api.put(`/v1/applications/${app}/topology`, flatAliasYaml(10, 101), {
      contentType: 'application/yaml',
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      code: 'request/payload_too_large',
      message: 'Request body has more than 100 YAML aliases (the limit)',
    });
  });

  it('refuses a YAML body that expands to more than 200,000 elements with 413, few aliases or not', async () => {
    const response = await api.put(`/v1/applications/${app}/topology`, flatAliasYaml(5000, 60), {
      contentType: 'application/yaml',
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      code: 'request/payload_too_large',
      message: 'Request body expands to more than 200000 elements with its aliases (the limit)',
    });
  });

  it('bounds the manifests of the analysis routes the same way', async () => {
    const response = await api.post('/v1/analysis/connectivity', flatAliasYaml(5000, 60), {
      contentType: 'application/yaml',
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('request/payload_too_large');
  });

  it('refuses duplicate JSON keys with 400 naming the key, as it does for YAML', async () => {
    const top = await api.post('/v1/applications', `{"name":"${uniqueName()}","name":"${uniqueName()}"}`, {
      contentType: 'application/json',
    });
    expect(top.status).toBe(400);
    expect(top.body).toMatchObject({ code: 'request/invalid_body', details: [{ field: 'name' }] });
    expect(top.body.message).toMatch(/duplicate key "name"/);
    const nested = await api.patch(
      `/v1/applications/${app}`,
      '{"settings":{"isolation":"ingress","isol\\u0061tion":"none"}}',
      {
        contentType: 'application/json',
      },
    );
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({ code: 'request/invalid_body', details: [{ field: 'settings.isolation' }] });
    const yaml = await api.put(`/v1/applications/${app}/topology`, 'components: []\ncomponents: []\n', {
      contentType: 'application/yaml',
    });
    expect(yaml.status).toBe(400);
    expect(yaml.body.code).toBe('request/invalid_body');
    // The same key in two different objects is no duplicate.
    const fine = await api.patch(`/v1/applications/${app}`, '{"description":"a","settings":{"description":1}}', {
      contentType: 'application/json',
    });
    expect(fine.body.message ?? '').not.toMatch(/duplicate/);
  });
});

describe('no answer is a stack overflow', () => {
  const api = t.api;
  const STACK = /Maximum call stack/i;

  it.each([
    ['flow YAML nested 20,000 levels', `components: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
    [
      'block YAML nested 1,500 levels',
      Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
    ],
  ])('answers %s with a 400 saying it nests too deeply', async (_, body) => {
    const response = await api.put('/v1/applications/any/topology', body, { contentType: 'application/yaml' });
    expect(response.status).toBe(400);
    expect(response.body.message).not.toMatch(STACK);
    expect(response.body.message).toMatch(/nest/);
  });

  it('answers deep manifests with a 400 saying they nest too deeply', async () => {
    const body = `kind: Pod\nmetadata: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const response = await api.post('/v1/analysis/connectivity', body, { contentType: 'application/yaml' });
    expect(response.status).toBe(400);
    expect(response.body.message).not.toMatch(STACK);
  });

  it.each([
    ['selections', `{ applications ${'{ items '.repeat(20_000)}${'}'.repeat(20_000)} }`],
    ['a list literal', `{ application(name: ${'['.repeat(20_000)}"a"${']'.repeat(20_000)}) { name } }`],
  ])('answers a GraphQL query nesting %s 20,000 deep with a clear error', async (_, query) => {
    const result = await gql(t.app, query);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).not.toMatch(STACK);
    expect(result.errors?.[0].message).toMatch(/nest/);
  });

  it('still answers with the admin token afterwards', async () => {
    const ok = await request(t.app.getHttpServer())
      .get('/v1/applications')
      .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
    expect(ok.status).toBe(200);
  });
});

describe('GraphQL limits hold for authenticated callers too', () => {
  let app: string;

  beforeAll(async () => {
    app = uniqueName('gqlabuse');
    expect((await t.api.post('/v1/applications', { name: app, defaultNamespace: app })).status).toBe(201);
  });

  it('refuses 20 nested fragments each spreading the next twice, under any operation name', async () => {
    const fragments = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Application { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    for (const name of ['A', 'B']) {
      const query = `query ${name} { applications { items { ...F0 } } }\n${fragments}\nfragment F20 on Application { name }`;
      const result = await gql(t.app, query);
      expect(result.status).toBe(400);
      expect(result.errors?.[0].message).toMatch(/^Query is too complex/);
    }
  });

  it('refuses 2,000 aliases of __schema before executing any', async () => {
    const aliases = Array.from({ length: 2000 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`);
    const result = await gql(t.app, `{ ${aliases.join(' ')} }`);
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.message)).toContain('Query has more than 100 aliased fields (the limit)');
  });

  it('refuses 60 aliases of the draft connectivity: each builds the whole draft', async () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `c${i}: connectivity(version: "draft")`);
    const result = await gql(t.app, `{ application(name: "${app}") { ${aliases.join(' ')} } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/^Query is too complex/);
    const one = await gql(t.app, `{ application(name: "${app}") { connectivity(version: "draft") } }`);
    expect(one.errors).toBeUndefined();
  });

  it('prices a page size passed as a variable at the value sent', async () => {
    const query =
      'query Page($n: Int) { applications(limit: $n) { items { components { ports { name } } flows { ports { port } } } } }';
    expect((await gql(t.app, query, { n: 100 })).errors).toBeUndefined();
    const result = await gql(t.app, query, { n: 500 });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].message).toMatch(/^Query is too complex/);
  });
});

describe('slow bodies', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ bodyTimeoutMs: 300 });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  /** Sends the headers and the first byte of a body announced as 100 bytes, then nothing more. */
  function trickle(token: string | null): Promise<{ head: string; closed: boolean }> {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let head = '';
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ head, closed: false });
      }, 15_000);
      socket.on('error', reject);
      socket.on('data', (chunk) => (head += chunk.toString('utf8')));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ head, closed: true });
      });
      const auth = token === null ? '' : `authorization: Bearer ${token}\r\n`;
      socket.write(
        `PUT /v1/applications/any/topology HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
          `content-length: 100\r\nconnection: keep-alive\r\n${auth}\r\n{`,
      );
    });
  }

  it('answers a body that stops arriving with 408 and closes the connection', async () => {
    const { head, closed } = await trickle(TEST_ADMIN_TOKEN);
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head).toContain('request/body_timeout');
    expect(closed).toBe(true);
  });

  it('answers a trickle without a token with 401 at once and closes the connection', async () => {
    const { head, closed } = await trickle(null);
    expect(head).toMatch(/^HTTP\/1\.1 401 /);
    expect(closed).toBe(true);
  });
});
