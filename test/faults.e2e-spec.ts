/**
 * Faults: the built service on a private PostgreSQL cluster that this spec starts, stops and
 * restarts itself (nothing else uses it, so nothing else is disturbed). Proven here:
 * (a) Postgres stops under load: readiness answers 503 quickly, API requests answer 503
 *     `database/unavailable` quickly instead of hanging, and the process stays up;
 * (b) Postgres comes back: the same process answers again within 5 s, writes included;
 * (c) no version row is partial (manifests and digest present, numbers consecutive);
 * (d) the process is SIGKILLed during the publish of a large topology: after a restart there is
 *     still no version without its manifests, and the numbers are still consecutive.
 *
 * Needs PostgreSQL 15's server binaries (initdb, pg_ctl; CI has them, see .ci/run). Without them the
 * whole file is skipped, and says so.
 */
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { PostgresCluster, postgresUnavailable } from './support/postgres-cluster';
import { ROOT, ServiceProcess, type Answer } from './support/service-process';

const TOKEN = 'faults-admin-token-0123456789abcdefghijklmnop';
const APP = 'faults';

if (postgresUnavailable !== undefined) {
  // Skipped loudly: the reason is printed, and the skipped tests show in Jest's summary.
  console.warn(`test/faults.e2e-spec.ts skipped: ${postgresUnavailable} (set FLOWPOLICY_TEST_PG_BIN)`);
}
const describeWithPostgres = postgresUnavailable === undefined ? describe : describe.skip;

/** The built service on `databaseUrl`. */
const startService = (databaseUrl: string) =>
  ServiceProcess.start({
    token: TOKEN,
    env: { LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '0' },
  });

describeWithPostgres('faults: Postgres stops and restarts, the process is killed mid-publish', () => {
  const cluster = new PostgresCluster();
  let service: ServiceProcess;
  const measured: string[] = [];

  const query = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: cluster.url('flowpolicy') });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  /** (c) and (d): every version complete, numbered 1..n without a gap, per application. */
  const expectNoPartialVersion = async () => {
    const rows = await query<{
      application: string;
      number: number;
      digest: string;
      manifests: string;
      policyCount: number;
    }>(
      `SELECT a.name AS application, v.number, v.digest, v.manifests, v."policyCount"
       FROM "PolicyVersion" v JOIN "Application" a ON a.id = v."applicationId" ORDER BY a.name, v.number`,
    );
    const byApp = new Map<string, number[]>();
    for (const row of rows) {
      expect(row.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(row.manifests.length).toBeGreaterThan(0);
      expect(row.policyCount).toBeGreaterThan(0);
      byApp.set(row.application, [...(byApp.get(row.application) ?? []), row.number]);
    }
    for (const numbers of byApp.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    return rows.length;
  };

  /** `size` components in a chain of flows; a new `revision` changes every generated policy (the labels). */
  const topology = (size: number, revision: string) => ({
    components: Array.from({ length: size }, (_, i) => ({
      name: `c${i}`,
      labels: { app: `c${i}`, revision },
      ports: [{ name: 'http', port: 8080 }],
    })),
    flows: Array.from({ length: size - 1 }, (_, i) => ({
      from: { component: `c${i}` },
      to: { component: `c${i + 1}` },
      ports: [{ port: 'http' }],
    })),
  });

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    await cluster.init();
    cluster.start();
    const admin = new Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE flowpolicy');
    await admin.end();
    service = await startService(cluster.url('flowpolicy'));
    expect((await service.call('POST', '/v1/applications', { name: APP })).status).toBe(201);
    expect((await service.call('PUT', `/v1/applications/${APP}/topology`, topology(20, 'r0'))).status).toBe(200);
    expect((await service.call('POST', `/v1/applications/${APP}/versions`, { note: 'first' })).status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    const unhandled = service?.output.split('\n').filter((line) => line.includes('unhandled error'));
    if (unhandled?.length) console.log(`faults: the service logged unhandled errors:\n${unhandled.join('\n')}`);
    await service?.kill('SIGKILL');
    cluster.remove();
    console.log(`faults:\n  ${measured.join('\n  ')}`);
  });

  it('(a) Postgres stops under load: 503 database/unavailable fast, readiness 503, the process stays up', async () => {
    const answers: (Answer & { at: number; end: number })[] = [];
    let stopAt = Number.POSITIVE_INFINITY;
    let running = true;
    // Four clients writing, publishing and reading in a loop until told to stop.
    const worker = async (id: number) => {
      for (let i = 0; running; i++) {
        const step = i % 3;
        const started = performance.now();
        const answer =
          step === 0
            ? await service.call('PUT', `/v1/applications/${APP}/components/c${id}`, {
                labels: { app: `c${id}`, revision: `w${i}` },
                ports: [{ name: 'http', port: 8080 }],
              })
            : step === 1
              ? await service.call('POST', `/v1/applications/${APP}/versions`, { note: `load ${id}.${i}` })
              : await service.call('GET', `/v1/applications/${APP}/topology`);
        answers.push({ ...answer, at: started, end: performance.now() });
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stopAt = performance.now();
    cluster.stop();
    const stopped = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const ready = await service.call('GET', '/health/ready');
    const live = await service.call('GET', '/health');
    running = false;
    await Promise.all(workers);

    // Answered before the stop began, or sent after the server was down (those in flight across the
    // stop may go either way).
    const before = answers.filter((a) => a.end < stopAt);
    const after = answers.filter((a) => a.at > stopped);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((a) => a.status >= 500)).toEqual([]);
    // Every answer is either a success or a 503 in our shape: no 500, and none hangs.
    for (const answer of answers) {
      if (answer.status >= 300)
        expect({ status: answer.status, code: answer.body.code }).toEqual({
          status: 503,
          code: 'database/unavailable',
        });
    }
    expect(after.length).toBeGreaterThan(10);
    expect(after.every((a) => a.status === 503)).toBe(true);
    const maxMs = Math.max(...answers.map((a) => a.ms));
    const maxAfterMs = Math.max(...after.map((a) => a.ms));
    expect(maxMs).toBeLessThan(5000);
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('database/unavailable');
    expect(ready.ms).toBeLessThan(2000);
    expect(live.status).toBe(200);
    expect(service.alive).toBe(true);
    measured.push(
      `(a) ${answers.length} requests under load (${before.length} before the stop, ${after.length} after it); ` +
        `pg_ctl stop -m fast took ${Math.round(stopped - stopAt)} ms; max latency ${Math.round(maxMs)} ms overall, ` +
        `${Math.round(maxAfterMs)} ms while down; /health/ready 503 in ${Math.round(ready.ms)} ms; /health ${live.status}`,
    );
  }, 60_000);

  it('(b) Postgres restarts: the same process answers again within 5 s, and a write succeeds', async () => {
    const pid = service.pid;
    cluster.start();
    const restarted = performance.now();
    let ready: Answer | undefined;
    while (performance.now() - restarted < 5000) {
      ready = await service.call('GET', '/health/ready');
      if (ready.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const readyMs = performance.now() - restarted;
    expect(ready?.status).toBe(200);
    const write = await service.call('PUT', `/v1/applications/${APP}/components/after-restart`, {
      labels: { app: 'after' },
    });
    expect([200, 201]).toContain(write.status);
    const publish = await service.call('POST', `/v1/applications/${APP}/versions`, { note: 'after restart' });
    expect([200, 201]).toContain(publish.status);
    const firstWriteMs = performance.now() - restarted;
    expect(firstWriteMs).toBeLessThan(5000);
    expect(service.pid).toBe(pid);
    expect(service.alive).toBe(true);
    measured.push(
      `(b) after pg_ctl start: ready 200 in ${Math.round(readyMs)} ms, a write and a publish done ${Math.round(firstWriteMs)} ms after; same pid`,
    );
  }, 60_000);

  it('(c) no partial version: every version has its manifests and digest, numbers consecutive', async () => {
    const versions = await expectNoPartialVersion();
    expect(versions).toBeGreaterThan(1);
    measured.push(`(c) ${versions} versions checked after the stop under load: none partial, numbers 1..n`);
  });

  it('(d) SIGKILL during the publish of a large topology: after a restart, no partial version', async () => {
    const big = 'big';
    expect((await service.call('POST', '/v1/applications', { name: big })).status).toBe(201);
    expect((await service.call('PUT', `/v1/applications/${big}/topology`, topology(1000, 'r1'))).status).toBe(200);
    const timed = await service.call('POST', `/v1/applications/${big}/versions`, { note: 'timed' });
    expect(timed.status).toBe(201);
    // Change the topology so the next publish has work to do, then kill the process halfway through it.
    expect((await service.call('PUT', `/v1/applications/${big}/topology`, topology(1000, 'r2'))).status).toBe(200);
    const before = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "PolicyVersion"`);
    const publishing = service
      .call('POST', `/v1/applications/${big}/versions`, { note: 'killed' })
      .catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.round(timed.ms / 2))));
    await service.kill('SIGKILL');
    const outcome = await publishing;
    // The connection died with the process: fetch failed, no answer was sent.
    expect((outcome as Partial<Answer>).status).toBeUndefined();

    const afterKill = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "PolicyVersion"`);
    // Either the publish committed whole or not at all; no transaction of the dead process lingers.
    expect([before[0].n, before[0].n + 1]).toContain(afterKill[0].n);
    await expectNoPartialVersion();

    service = await startService(cluster.url('flowpolicy'));
    const republish = await service.call('POST', `/v1/applications/${big}/versions`, { note: 'after the kill' });
    expect([200, 201]).toContain(republish.status);
    const latest = await service.call('GET', `/v1/applications/${big}/versions/latest`);
    expect(latest.status).toBe(200);
    const versions = await expectNoPartialVersion();
    measured.push(
      `(d) publish of 1,000 components takes ${Math.round(timed.ms)} ms; SIGKILL ${Math.round(timed.ms / 2)} ms into the next: ` +
        `${afterKill[0].n - before[0].n} version committed by the killed publish; after the restart the publish answered ` +
        `${republish.status} (version ${String(latest.body.number)}); ${versions} versions, none partial, numbers consecutive`,
    );
  }, 120_000);
});
