/**
 * Faults: the built service on a private PostgreSQL cluster that this spec starts, stops and
 * restarts itself (nothing else uses it, so nothing else is disturbed). Proven here:
 * (a) Postgres stops under load: readiness answers 503 quickly, API requests answer 503
 *     `database/unavailable` quickly instead of hanging, and the process stays up;
 * (b) Postgres comes back: the same process answers again within 5 s, writes included;
 * (c) no version row is partial (manifests and digest present, numbers consecutive);
 * (d) the process is SIGKILLed inside a publish, by construction: the spec holds
 *     a lock that stops the publish's transaction at its audit row, after its version row, and kills
 *     the process while it waits there. Nothing is committed; after a restart there is still no
 *     version without its manifests, and the numbers are still consecutive.
 *
 * Every wait is for an event (answers seen, a backend blocked on the lock, a backend gone), never
 * for a guessed delay.
 *
 * Needs PostgreSQL 15's server binaries (initdb, pg_ctl; CI has them, see .ci/run). Without them the
 * whole file is skipped, and says so.
 */
import { Client } from 'pg';
import { PostgresCluster, postgresUnavailable } from './support/postgres-cluster';
import { ServiceProcess, type Answer } from './support/service-process';
import { waitFor } from './support/wait';

const TOKEN = 'faults-admin-token-0123456789abcdefghijklmnop';
const APP = 'faults';
/** Components of the application whose publish (d) kills. */
const SIZE = 200;

const show = (answer: Answer | Error) =>
  answer instanceof Error ? answer.message : `${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`;

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
  });

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
    // Answers under load first, then the stop, then enough requests sent while Postgres is down:
    // counted, not timed, so a slow machine makes the test slower, never different.
    await waitFor(() => answers.length >= 8, 'eight answers before the stop');
    stopAt = performance.now();
    cluster.stop();
    const stopped = performance.now();
    await waitFor(() => answers.filter((a) => a.at > stopped).length > 10, 'eleven answers sent after the stop');
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
    // None hangs (call() gives up after a minute, and the worker would throw); those sent while Postgres is
    // down answer fast: far below the 10 s a connection attempt may take, so none waited for one.
    const maxMs = Math.max(...answers.map((a) => a.ms));
    const maxAfterMs = Math.max(...after.map((a) => a.ms));
    expect(maxAfterMs).toBeLessThan(5000);
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
  });

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
  });

  it('(c) no partial version: every version has its manifests and digest, numbers consecutive', async () => {
    const versions = await expectNoPartialVersion();
    expect(versions).toBeGreaterThan(1);
    measured.push(`(c) ${versions} versions checked after the stop under load: none partial, numbers 1..n`);
  });

  it('(d) SIGKILL inside a publish: nothing committed; after a restart, no partial version', async () => {
    const big = 'big';
    // 200 components: the lock, not the size, puts the kill inside the publish.
    expect((await service.call('POST', '/v1/applications', { name: big })).status).toBe(201);
    expect((await service.call('PUT', `/v1/applications/${big}/topology`, topology(SIZE, 'r1'))).status).toBe(200);
    expect((await service.call('POST', `/v1/applications/${big}/versions`, { note: 'first' })).status).toBe(201);
    // A new revision, so the next publish has a version to write.
    expect((await service.call('PUT', `/v1/applications/${big}/topology`, topology(SIZE, 'r2'))).status).toBe(200);
    const before = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "PolicyVersion"`);

    // The spec's own transaction holds a SHARE lock on the audit table: a publish's transaction writes its
    // version row, then waits at its audit row (same transaction) until the lock goes. The process is
    // killed while the publish waits there, so the kill lands inside the publish whatever the machine's speed.
    const locker = new Client({ connectionString: cluster.url('flowpolicy') });
    await locker.connect();
    let blocked!: { pid: number; query: string; waitedMs: number };
    let outcome!: Answer | Error;
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "AuditEvent" IN SHARE MODE');
      const [{ pid: lockerPid }] = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      const publishing = service
        .call('POST', `/v1/applications/${big}/versions`, { note: 'killed' })
        .catch((error: Error) => error);
      const sent = performance.now();
      let answered: Answer | Error | undefined;
      void publishing.then((answer) => (answered = answer));
      const [waiting] = await waitFor(async () => {
        // An answer before the lock is a failure to report, not a reason to wait on.
        if (answered !== undefined)
          throw new Error(`the publish answered before it reached the lock: ${show(answered)}`);
        const rows = await query<{ pid: number; query: string }>(
          `SELECT pid, query FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
          [lockerPid],
        );
        return rows.length > 0 && rows;
      }, 'the publish to wait for the lock on "AuditEvent"');
      blocked = { ...waiting, waitedMs: performance.now() - sent };
      expect(blocked.query).toMatch(/INSERT INTO\s+("public"\.)?"AuditEvent"/);
      // Its version row is written (uncommitted): the transaction holds the row-write lock on "PolicyVersion".
      const held = await query<{ mode: string }>(
        `SELECT mode FROM pg_locks WHERE pid = $1 AND granted AND relation = '"PolicyVersion"'::regclass`,
        [blocked.pid],
      );
      expect(held.map((lock) => lock.mode)).toContain('RowExclusiveLock');

      await service.kill('SIGKILL');
      outcome = await publishing;
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
    // The connection died with the process: fetch failed, no answer was sent.
    expect((outcome as Partial<Answer>).status).toBeUndefined();
    // Released, the orphaned transaction finds its client gone and rolls back: wait until its backend ends.
    await waitFor(
      async () => (await query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [blocked.pid])).length === 0,
      `backend ${blocked.pid} of the killed process to end`,
    );
    const afterKill = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "PolicyVersion"`);
    expect(afterKill[0].n).toBe(before[0].n);
    await expectNoPartialVersion();

    service = await startService(cluster.url('flowpolicy'));
    const republish = await service.call('POST', `/v1/applications/${big}/versions`, { note: 'after the kill' });
    expect(republish.status).toBe(201);
    const latest = await service.call('GET', `/v1/applications/${big}/versions/latest`);
    expect([latest.status, latest.body.number]).toEqual([200, 2]);
    const versions = await expectNoPartialVersion();
    measured.push(
      `(d) the publish of ${SIZE} components waited at its audit row ${Math.round(blocked.waitedMs)} ms after it was sent, ` +
        `its version row written; SIGKILL there committed nothing; after the restart the publish answered ` +
        `${republish.status} (version ${String(latest.body.number)}); ${versions} versions, none partial, numbers consecutive`,
    );
  });
});
