/**
 * The built service (dist/main.js) in a child process, started as `npm start` starts it, for the
 * specs that need a real process: signals, SIGKILL, a database that goes away under it.
 * The slow project's global setup builds it first (buildService below).
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Written after a build that succeeded; older than a source file means dist/ is stale. */
const BUILT_STAMP = join(ROOT, 'dist', '.built');
/** What `npm run build` compiles from. */
const BUILD_INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

/**
 * `npm run build`, unless dist/ was built after the last change to src/ and the tsconfigs. The slow
 * project's global setup calls it once per run (test/setup/global-setup-slow.ts), before any spec
 * starts a process, so specs never build concurrently and a second run (CI runs the suite twice)
 * builds nothing.
 */
export function buildService(): 'built' | 'fresh' {
  const built = mtimeOf(BUILT_STAMP);
  if (built !== undefined && BUILD_INPUTS.every((input) => newestMtime(join(ROOT, input)) < built)) return 'fresh';
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed:\n${stdout}${stderr}`, { cause: error });
  }
  writeFileSync(BUILT_STAMP, `${new Date().toISOString()}\n`);
  return 'built';
}

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification under `path`, specs left out (tsconfig.build.json does not compile them). */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.spec.ts') ? 0 : stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Node's flags in package.json's `start` script (`node <flags> dist/main.js`), so the two cannot drift. */
const NODE_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

/** src/main.ts logs this once the server listens, so /health answers from then on. */
const LISTENING = /listening on http:\/\/[^:]+:(\d+)/;

export interface Answer {
  readonly status: number;
  readonly body: { code?: string; [key: string]: unknown };
  readonly ms: number;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceOptions {
  /** FLOWPOLICY_ADMIN_TOKEN; `call()` sends it as a bearer token. */
  readonly token: string;
  /** Added to PATH, HOST=127.0.0.1 and PORT=0: nothing else of the test run's environment leaks in. */
  readonly env: Record<string, string | undefined>;
  readonly startMs?: number;
}

/** Settles within `ms` or rejects with `message()`; never an unhandled rejection if nobody awaits it. */
function bounded<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  const result = Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  result.catch(() => undefined);
  return result;
}

export class ServiceProcess {
  /** stdout and stderr as they came, for a failure's message. */
  output = '';
  stderr = '';
  /** stdout's complete lines (the service's JSON log). */
  readonly lines: string[] = [];
  port = 0;

  private readonly waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  private readonly exited: Promise<Exit>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly token: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.output += chunk;
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete.filter((text) => text.trim() !== '')) {
        this.lines.push(line);
        for (const waiter of this.waiters.filter((w) => w.test(line))) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.output += chunk;
      this.stderr += chunk;
    });
  }

  /**
   * Starts dist/main.js on 127.0.0.1 and a port the system picks (PORT=0: no race for a free one),
   * and waits, at most `startMs`, for the line that says which port it listens on.
   */
  static async start({ token, env, startMs = 180_000 }: ServiceOptions): Promise<ServiceProcess> {
    const child = spawn(process.execPath, [...NODE_FLAGS, 'dist/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env, FLOWPOLICY_ADMIN_TOKEN: token },
    });
    const service = new ServiceProcess(child, token);
    const exitedEarly = service.exited.then(({ code, signal }) => {
      throw new Error(`the service exited (${code ?? signal}):\n${service.output}`);
    });
    try {
      const listening = await Promise.race([
        service.waitForLine((line) => LISTENING.test(line), 'saying where it listens', startMs),
        exitedEarly,
      ]);
      service.port = Number(LISTENING.exec(listening)![1]);
      return service;
    } catch (error) {
      await service.kill('SIGKILL');
      throw error;
    } finally {
      exitedEarly.catch(() => undefined);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first stdout line, seen or to come, that passes `test`; fails after `ms` naming `what`. */
  waitForLine(test: (line: string) => boolean, what: string, ms = 60_000): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    const line = new Promise<string>((resolve) => this.waiters.push({ test, resolve }));
    return bounded(line, ms, () => `no log line ${what} in ${ms} ms:\n${this.output}`);
  }

  /** One request with the admin token; a hang shows as a failure after a minute rather than as a stuck test. */
  async call(method: string, path: string, body?: unknown): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed, ms };
  }

  /** Sends `signal` unless the process has already ended; then as `exit()`. */
  kill(signal: NodeJS.Signals, ms?: number): Promise<Exit> {
    if (this.alive) this.child.kill(signal);
    return this.exit(ms);
  }

  /** How the process ended, once it has: fails if it is still running after `ms`. */
  exit(ms = 60_000): Promise<Exit> {
    return bounded(this.exited, ms, () => `the service did not exit in ${ms} ms:\n${this.output}`);
  }
}
