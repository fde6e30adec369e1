/**
 * The built service (dist/main.js) in a child process, started as `npm start` starts it, for the
 * specs that need a real process: signals, SIGKILL, a database that goes away under it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Node's flags in package.json's `start` script (`node <flags> dist/main.js`), so the two cannot drift. */
const NODE_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

/**
 * Starts dist/main.js on 127.0.0.1 and a port the system picks (the service logs which), with only
 * PATH from this process's environment and `env` added: nothing of the test run's settings leaks in.
 */
export function spawnService(env: Record<string, string | undefined>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...NODE_FLAGS, 'dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env },
  });
}
