/**
 * A private PostgreSQL cluster in a temporary folder, for a spec that stops and restarts its database
 * without disturbing anything else. Needs PostgreSQL 15's server binaries (initdb, pg_ctl) in
 * FLOWPOLICY_TEST_PG_BIN; `postgresUnavailable` says why there is none.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.FLOWPOLICY_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb refuses to run as root: as root, the cluster belongs to the postgres user. */
const asRoot = process.getuid?.() === 0;
const postgresUser = asRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : undefined;

/** Why no private cluster can run here, or undefined when one can. */
export const postgresUnavailable = !existsSync(join(PG_BIN, 'initdb'))
  ? `no PostgreSQL server binaries in ${PG_BIN}`
  : postgresUser !== undefined && postgresUser.status !== 0
    ? 'running as root and there is no postgres user to own a private cluster'
    : undefined;

/** A port of 127.0.0.1 that nothing listens on at the moment it is asked. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb on a free port, start, stop, and removal. */
export class PostgresCluster {
  /** Made by init(), not on construction: a skipped spec leaves no folder behind. */
  dir = '';
  data = '';
  port = 0;

  async init(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'flowpolicy-postgres-'));
    this.data = join(this.dir, 'data');
    this.port = await freePort();
    if (asRoot) {
      const uid = Number(postgresUser!.stdout.trim());
      chownSync(this.dir, uid, uid);
      chmodSync(this.dir, 0o700);
    }
    this.run('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    this.run('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.dir, 'log'), '-w', '-t', '30', 'start']);
  }

  /** `-m fast`: disconnects every client and aborts their transactions, as a failover does. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  }

  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  remove(): void {
    if (this.dir === '') return;
    spawnSync(...this.command('pg_ctl', ['-D', this.data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const [file, argv] = this.command(tool, args);
    execFileSync(file, argv, { stdio: 'pipe', cwd: this.dir });
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const binary = join(PG_BIN, tool);
    return asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  }
}
