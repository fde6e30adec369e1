/**
 * Decisions are traceable: every reachability answer, REST and GraphQL, carries a decision id, and the
 * service logs one info line per answer under that id (who asked, which application and version,
 * what, and the verdict), as policy servers keep decision logs. The log is captured line by line.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { contractClient, type ContractClient } from './support/api';
import { createTestDatabase, type TestDatabase } from './support/database';
import { createThreeTier } from './support/fixtures';
import { gql } from './support/graphql';
import { TEST_ADMIN_TOKEN } from './support/tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Decision {
  level: number;
  msg: string;
  context: string;
  decisionId: string;
  requestId: string;
  tokenId: string | null;
  application: string;
  version: { number: number | null; digest: string };
  query: Record<string, unknown>;
  verdict: { allowed: boolean; egress: boolean; ingress: boolean };
}

describe('decision log', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let admin: ContractClient;
  const decisions: Decision[] = [];
  const waiting = new Map<string, (decision: Decision) => void>();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = {
      ...loadConfig({ FLOWPOLICY_ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'info' }),
      databaseUrl: undefined,
      rateLimitPerMinute: 0,
      ...database.config,
    };
    const logStream = {
      write(line: string) {
        const entry = JSON.parse(line) as Decision;
        if (entry.msg !== 'decision') return;
        decisions.push(entry);
        waiting.get(entry.decisionId)?.(entry);
      },
    };
    app = await createApp(config, { logStream });
    admin = contractClient(app);
    await createThreeTier(admin, 'shop');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** The logged line of a decision, waited for as an event (it is written before the answer is sent). */
  const decisionLine = (decisionId: string) =>
    new Promise<Decision>((resolve) => {
      const logged = decisions.find((decision) => decision.decisionId === decisionId);
      if (logged) resolve(logged);
      else waiting.set(decisionId, resolve);
    });

  it('REST: the answer carries a decision id, and one info line names caller, version, query and verdict', async () => {
    const published = await admin.post('/v1/applications/shop/versions', {});
    const viewer = await admin.post('/v1/tokens', { name: 'portal', role: 'viewer' });
    const response = await contractClient(app, viewer.body.token).get(
      '/v1/applications/shop/reachability?from=web&to=db&port=3306',
    );
    expect(response.status).toBe(200);
    expect(response.body.decisionId).toMatch(UUID);
    const line = await decisionLine(response.body.decisionId);
    expect(line).toMatchObject({
      level: 30,
      context: 'Decisions',
      requestId: response.headers['x-request-id'],
      tokenId: viewer.body.id,
      application: 'shop',
      version: { number: 1, digest: published.body.digest },
      query: { from: 'web', to: 'db', port: 3306, protocol: 'TCP', version: 'latest' },
      verdict: { allowed: false, egress: false, ingress: false },
    });
    expect(decisions.filter((decision) => decision.decisionId === response.body.decisionId)).toHaveLength(1);
  });

  it('GraphQL: the same, for each reachability field of a query', async () => {
    const result = await gql(
      app,
      `{ application(name: "shop") {
          allowed: reachability(from: "api", to: "db", port: "mysql", version: "draft") { decisionId allowed }
          denied: reachability(from: "web", to: "db", port: 3306, version: "draft") { decisionId allowed }
        } }`,
    );
    expect(result.errors).toBeUndefined();
    const { allowed, denied } = result.data!.application;
    expect(allowed.decisionId).not.toBe(denied.decisionId);
    const lines = await Promise.all([decisionLine(allowed.decisionId), decisionLine(denied.decisionId)]);
    expect(lines.map((line) => [line.query, line.verdict.allowed, line.version.number])).toEqual([
      [{ from: 'api', to: 'db', port: 'mysql', protocol: 'TCP', version: 'draft' }, true, null],
      [{ from: 'web', to: 'db', port: 3306, protocol: 'TCP', version: 'draft' }, false, null],
    ]);
    expect(lines.every((line) => line.tokenId !== null && line.application === 'shop')).toBe(true);
  });

  it('a question asked again, by another caller or version selector, is logged as it was asked each time', async () => {
    const viewer = await admin.post('/v1/tokens', { name: 'pipeline', role: 'viewer' });
    const asks: [ContractClient, string, string | number][] = [
      [admin, '&version=1', 1],
      [admin, '', 'latest'],
      [contractClient(app, viewer.body.token), '&version=1', 1],
      [admin, '&version=latest', 'latest'],
      [contractClient(app, viewer.body.token), '', 'latest'],
    ];
    const logged = [];
    for (const [client, selector] of asks) {
      const response = await client.get(`/v1/applications/shop/reachability?from=api&to=db&port=3306${selector}`);
      expect(response.status).toBe(200);
      const line = await decisionLine(response.body.decisionId);
      expect(line.requestId).toBe(response.headers['x-request-id']);
      logged.push([line.tokenId, line.query.version, line.verdict.allowed]);
    }
    const adminId = logged[0]![0];
    expect(adminId).not.toBeNull();
    expect(logged).toEqual([
      [adminId, 1, true],
      [adminId, 'latest', true],
      [viewer.body.id, 1, true],
      [adminId, 'latest', true],
      [viewer.body.id, 'latest', true],
    ]);
  });

  it('a refused question is no decision: nothing is logged for it', async () => {
    const before = decisions.length;
    const refused = await admin.get('/v1/applications/shop/reachability?from=nobody&to=db&port=3306');
    expect(refused.status).toBe(422);
    // A later answer's line arrives after any line the refused request could have written.
    const later = await admin.get('/v1/applications/shop/reachability?from=web&to=api&port=5000');
    await decisionLine(later.body.decisionId);
    expect(decisions.slice(before).map((decision) => decision.decisionId)).toEqual([later.body.decisionId]);
  });
});
