/**
 * Bad input, property-based: thousands of malformed requests, derived from openapi.yaml's request
 * schemas and examples (test/support/malformed-requests.ts), against every write endpoint and the
 * analysis endpoints. Each must answer 4xx in the error shape (never 2xx, never 5xx), and nothing may
 * be written.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { PrismaService } from '../src/database/prisma.service';
import { createTestDatabase, type TestDatabase } from './support/database';
import { requestExample, schemaProblems } from './support/openapi';
import {
  TOKEN,
  AUTH,
  RUNS,
  type Json,
  type Path,
  type Malformed,
  VALID_PARAMS,
  setAt,
  fieldName,
  nullableFields,
  type Target,
  targets,
  urlOf,
  malformedRequests,
} from './support/malformed-requests';

describe('malformed requests (property-based)', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let sent = 0;
  const byKind = new Map<string, number>();

  const inject = async (request: Malformed) => {
    const headers: Record<string, string> = { ...AUTH };
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    return app.inject({ method: request.method as 'GET', url: request.url, headers, payload: request.payload });
  };

  /** Every table's rows, hashed (ApiToken.lastUsedAt moves on every authenticated request), plus the topology. */
  const snapshot = async () => {
    const prisma = app.get(PrismaService);
    const tables = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name <> '_prisma_migrations' ORDER BY table_name`,
    );
    const state: Record<string, unknown> = {};
    for (const { table_name: table } of tables) {
      const [row] = await prisma.$queryRawUnsafe<{ rows: number; digest: string | null }[]>(
        `SELECT count(*)::int AS rows, md5(string_agg((to_jsonb(t) - 'lastUsedAt')::text, ',' ORDER BY (to_jsonb(t) - 'lastUsedAt')::text)) AS digest
         FROM "${table}" t`,
      );
      state[table] = row;
    }
    const topology = await app.inject({ method: 'GET', url: '/v1/applications/shop/topology', headers: AUTH });
    state.topology = { status: topology.statusCode, body: topology.body };
    return state;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = {
      ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0' }),
      databaseUrl: undefined,
      ...database.config,
    };
    app = await createApp(config, { logger: false });
    // The seed: the documented examples, so every mutation starts from an existing, valid state.
    const seed = async (method: string, url: string, body: unknown) => {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...AUTH, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      if (response.statusCode >= 300) throw new Error(`seed ${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as { id?: string };
    };
    const example = (path: string, method: 'post' | 'put', name: string) => requestExample(path, method, name);
    await seed('POST', '/v1/applications', example('/v1/applications', 'post', 'shop'));
    for (const name of ['web', 'api', 'db']) {
      await seed(
        'PUT',
        `/v1/applications/shop/components/${name}`,
        example('/v1/applications/{app}/components/{component}', 'put', name),
      );
    }
    await seed(
      'PUT',
      '/v1/applications/shop/externals/internet',
      example('/v1/applications/{app}/externals/{external}', 'put', 'internet'),
    );
    for (const name of ['internetToWeb', 'webToApi', 'apiToDb']) {
      const flow = await seed(
        'POST',
        '/v1/applications/shop/flows',
        example('/v1/applications/{app}/flows', 'post', name),
      );
      VALID_PARAMS.id = flow.id ?? VALID_PARAMS.id;
    }
    await seed('POST', '/v1/applications/shop/versions', { note: 'seed' });
    await seed('PUT', '/v1/applications/shop/channels/production', { version: 1 });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    const kinds = [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind}: ${n}`);
    // The count is part of the evidence: how many malformed requests this run actually sent.
    console.log(
      `fuzz: ${sent} malformed requests, all 4xx with the error shape, nothing written\n  ${kinds.join('\n  ')}`,
    );
  });

  const all = targets();
  // About 5,400 requests in all: the write operations with bodies get the most runs.
  const runsFor = (target: Target) => RUNS * (target.schema === undefined ? 90 : target.yaml ? 520 : 340);

  it('covers every documented write endpoint and the analysis endpoints', () => {
    const covered = all.map((t) => `${t.method} ${t.path}`);
    expect(covered).toEqual(
      expect.arrayContaining([
        'POST /v1/analysis/connectivity',
        'POST /v1/analysis/reachability',
        'POST /v1/applications/{app}/drift',
        'PUT /v1/applications/{app}/topology',
      ]),
    );
    expect(all.filter((t) => t.schema !== undefined && t.base === undefined)).toEqual([]);
  });

  it.each(all.map((target) => [`${target.method} ${target.path}`, target] as const))(
    '%s: answers 4xx in the error shape and writes nothing',
    async (_, target) => {
      const before = await snapshot();
      let sentHere = 0;
      await fc.assert(
        fc.asyncProperty(malformedRequests(target), async (request) => {
          const response = await inject(request);
          sentHere += 1;
          sent += 1;
          byKind.set(request.kind, (byKind.get(request.kind) ?? 0) + 1);
          const where = `${request.kind}: ${request.method} ${request.url.slice(0, 200)} (${request.contentType ?? 'no content type'}) ${String(request.payload).slice(0, 300)}`;
          // Each check calls expect() only to report a failure: an expect() call costs tens of
          // microseconds (an Error and a closure per matcher), seconds over 5,400 requests.
          // Status first, so a failure reads "500 wrong type: PATCH ...".
          const status = `${response.statusCode} ${where}`;
          if (!/^4\d\d /.test(status)) expect(status).toMatch(/^4\d\d /);
          const body = response.json() as { statusCode: number; code: string; message: string; details: unknown };
          const problems = schemaProblems('Error', body);
          if (problems.length > 0) expect({ where, problems }).toEqual({ where, problems: [] });
          if (body.statusCode !== response.statusCode) expect(body.statusCode).toBe(response.statusCode);
          if (body.message.trim() === '') expect(body.message.trim()).not.toBe('');
          if (body.code === 'validation/failed') {
            const listed = Array.isArray(body.details) && body.details.length > 0;
            if (!listed) expect(listed).toBe(true);
            // The field is named as sent, so an extra field called " " is reported as " ".
            for (const problem of body.details as { field: unknown }[]) {
              const named = typeof problem.field === 'string' && problem.field.length > 0;
              if (!named) expect(named).toBe(true);
            }
          }
        }),
        {
          numRuns: runsFor(target),
          seed: process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED),
        },
      );
      // Every run sent its request: the plan below adds up to what this file sends.
      expect(sentHere).toBe(runsFor(target));
      expect(await snapshot()).toEqual(before);
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    },
  );

  it.each(
    all.filter((t) => t.schema !== undefined).map((target) => [`${target.method} ${target.path}`, target] as const),
  )('%s: every field set to null is refused naming it, unless openapi.yaml allows null there', async (_, target) => {
    const before = await snapshot();
    const fields = nullableFields(target.schema!, target.base!);
    expect(fields.length).toBeGreaterThan(0);
    const sendNull = async (path: Path) => {
      const response = await inject({
        kind: 'null field',
        method: target.method,
        url: urlOf(target),
        contentType: 'application/json',
        payload: JSON.stringify(setAt(target.base!, path, null)),
      });
      const body = response.json() as { code?: string; details?: { field: string; reason: string }[] };
      return { status: response.statusCode, code: body.code, problem: body.details?.[0] };
    };
    for (const { path } of fields.filter((f) => !f.nullable)) {
      const where = `${target.method} ${target.path} ${fieldName(path)}`;
      const { status, code, problem } = await sendNull(path);
      expect({ where, status, code, field: problem?.field }).toEqual({
        where,
        status: 400,
        code: 'validation/failed',
        field: fieldName(path),
      });
    }
    // Checked before the documented nulls are sent: those are valid requests, and may write.
    expect(await snapshot()).toEqual(before);
    for (const { path } of fields.filter((f) => f.nullable)) {
      const where = `${target.method} ${target.path} ${fieldName(path)}`;
      const { status, problem } = await sendNull(path);
      const refusedAsNull = status === 400 && problem?.reason.includes('null') === true;
      expect({ where, refusedAsNull }).toEqual({ where, refusedAsNull: false });
    }
  });

  it('accepts the one null openapi.yaml documents in a request: values of an Exists expression', async () => {
    const flow = {
      from: { selector: { podSelector: { matchExpressions: [{ key: 'team', operator: 'Exists', values: null }] } } },
      to: { component: 'web' },
      ports: [{ port: 80 }],
    };
    const path = ['from', 'selector', 'podSelector', 'matchExpressions', 0, 'values'];
    const fields = nullableFields('FlowInput', flow as unknown as Json);
    expect(fields.find((f) => fieldName(f.path) === fieldName(path))).toEqual({ path, nullable: true });
    const response = await inject({
      kind: 'documented null',
      method: 'POST',
      url: '/v1/applications/shop/flows',
      contentType: 'application/json',
      payload: JSON.stringify(flow),
    });
    expect(response.statusCode).toBe(201);
    await app.inject({ method: 'DELETE', url: `/v1/applications/shop/flows/${response.json().id}`, headers: AUTH });
  });

  it('sends at least 5,000 malformed requests: the runs planned per endpoint, each checked as sent above', () => {
    // From the plan, not from what earlier tests happened to send, so it holds when run on its own.
    const planned = all.reduce((total, target) => total + runsFor(target), 0);
    expect(planned).toBeGreaterThanOrEqual(5000 * RUNS);
  });
});
