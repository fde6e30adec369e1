import { Client } from 'pg';
import { DATABASE_POOL_SIZE } from '../src/database/prisma.service';
import { useTestApp } from './support/app';
import { testBackend } from './support/database';
import { createThreeTier } from './support/fixtures';
import { waitFor } from './support/wait';

/**
 * Prisma's default `maxWait` for starting an interactive transaction (2,000 ms): a write that waited
 * longer than this for a pool connection failed with P2028, answered as a 500 (found by the
 * concurrency spec under load on Postgres: 25 editors and 25 publishes share a pool of 10).
 */
const PRISMA_DEFAULT_MAX_WAIT_MS = 2_000;
const WRITERS = DATABASE_POOL_SIZE * 2;

const t = useTestApp();
const api = t.api;

// Postgres only: the embedded database is one connection, so there is no pool to exhaust and no row
// lock a second client could hold; CI's Postgres run covers it.
const describeOnPostgres = testBackend() === 'postgres' ? describe : describe.skip;

describeOnPostgres('writes waiting for a database connection', () => {
  it('wait for a pool connection instead of failing after 2 s, when every connection is busy', async () => {
    const app = await createThreeTier(api);
    const locker = new Client({ connectionString: t.config.databaseUrl });
    // pg_stat_activity is read once per transaction: the watcher asks outside the locker's.
    const watcher = new Client({ connectionString: t.config.databaseUrl });
    await Promise.all([locker.connect(), watcher.connect()]);
    let statuses: number[];
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM "Application" WHERE name = $1 FOR UPDATE', [app]);
      const writes = Array.from({ length: WRITERS }, (_, i) =>
        api.put(`/v1/applications/${app}/components/extra-${i}`, {
          labels: { app: `extra-${i}` },
          ports: [{ port: 8000 + i }],
        }),
      );
      // Every pool connection now holds a write that waits for our row lock; the other writes wait for a
      // connection. By construction, whatever the machine's speed.
      await waitFor(async () => {
        // Waiting for our lock, or queued behind a write that waits for it.
        const blocked = await watcher.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
        );
        return blocked.rows.length >= DATABASE_POOL_SIZE;
      }, `${DATABASE_POOL_SIZE} writes to wait for the application's row lock`);
      // Past Prisma's default wait for a connection (a library constant, not a guess at the machine's
      // speed): with that default, the writes still queued for a connection had failed by now.
      await new Promise((resolve) => setTimeout(resolve, PRISMA_DEFAULT_MAX_WAIT_MS + 500));
      await locker.query('ROLLBACK');
      statuses = (await Promise.all(writes)).map((answer) => answer.status);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await Promise.all([locker.end(), watcher.end()]);
    }
    expect(statuses).toEqual(Array.from({ length: WRITERS }, () => 201));
    const topology = await api.get(`/v1/applications/${app}/topology`);
    expect(topology.body.components).toHaveLength(3 + WRITERS);
  });
});
