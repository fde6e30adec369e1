/**
 * The built service as `npm start` runs it, in a child process: its stdout is JSON lines (one per
 * finished request, with no credentials), and on SIGTERM it finishes the request in flight, closes
 * the database and exits 0.
 */
import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request } from 'node:http';
import { createTestDatabase, type TestDatabase } from './support/database';
import { ROOT, spawnService } from './support/service-process';

/** The service's admin token (FLOWPOLICY_ADMIN_TOKEN), sent on every request; it must never be logged. */
const TOKEN = 'fp_s3cret-token-never-logged-0123456789abcdef';
const SECRET = `Bearer ${TOKEN}`;

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  url?: string;
  route?: string;
  statusCode?: number;
  responseTime?: number;
  context?: string;
}

/** A topology document of `size` components in a chain of flows. */
function bigTopology(size: number) {
  const components = Array.from({ length: size }, (_, i) => ({
    name: `c${i}`,
    labels: { app: `c${i}` },
    ports: [{ name: 'http', port: 8080 }],
  }));
  const flows = components.slice(1).map((c, i) => ({
    from: { component: `c${i}` },
    to: { component: c.name },
    ports: [{ port: 8080 }],
  }));
  return { namespace: 'big', components, externals: [], flows };
}

interface Sent {
  readonly response: Promise<{ status: number; text: string }>;
  /** Sends the rest of a held-back body. */
  finish(): void;
}

/**
 * One HTTP request. With `holdBack`, only the first half of the body is written until `finish()`:
 * a slow upload, which keeps the request in flight for as long as the test wants, whatever the
 * database (PGlite answers queries without yielding to the event loop, so a request that is slow
 * only in its queries would delay the signal handler instead of overlapping it).
 */
function send(
  port: number,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  holdBack = false,
): Sent {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  let req: ReturnType<typeof request>;
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
  });
  const half = payload ? Math.floor(payload.length / 2) : 0;
  if (!payload) req!.end();
  else if (holdBack) req!.write(payload.subarray(0, half));
  else req!.end(payload);
  return { response, finish: () => req.end(payload?.subarray(half)) };
}

describe('the service process', () => {
  let database: TestDatabase;
  let child: ChildProcessWithoutNullStreams;
  const lines: LogLine[] = [];
  const raw: string[] = [];
  let stderr = '';
  const waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  const waitForLine = (test: (line: LogLine) => boolean, what: string, ms = 60_000): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const seen = lines.find(test);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`no log line ${what} in ${ms} ms; stderr: ${stderr}`)), ms);
      waiters.push({ test, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    database = await createTestDatabase();
    const { dataDir, databaseUrl } = database.config;
    child = spawnService({
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_MS: '30000',
      FLOWPOLICY_ADMIN_TOKEN: TOKEN,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
    });
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const text of complete.filter((t) => t.trim() !== '')) {
        raw.push(text);
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.test(line))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('finishes the request in flight on SIGTERM, then exits 0', async () => {
    const listening = await waitForLine((l) => l.msg.startsWith('listening on http://'), 'listening');
    const port = Number(/:(\d+) /.exec(listening.msg)?.[1]);
    expect(
      (await send(port, 'POST', '/v1/applications', { name: 'big' }, { authorization: SECRET }).response).status,
    ).toBe(201);

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const slow = send(
      port,
      'PUT',
      '/v1/applications/big/topology',
      bigTopology(300),
      { 'x-request-id': 'slow-put', authorization: SECRET },
      true,
    );
    await waitForLine((l) => l.reqId === 'slow-put' && l.msg === 'request received', 'for the slow request');
    child.kill('SIGTERM');
    await waitForLine((l) => l.context === 'Shutdown' && l.msg.startsWith('SIGTERM received'), 'for the signal');
    slow.finish();

    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(await exited).toEqual({ code: 0, signal: null });

    const completed = lines.find((l) => l.reqId === 'slow-put' && l.msg === 'request completed');
    expect(completed).toMatchObject({
      method: 'PUT',
      url: '/v1/applications/big/topology',
      route: '/v1/applications/:app/topology',
      statusCode: 200,
      responseTime: expect.any(Number),
    });
    // The request really was in flight when the signal came: it completed after shutdown began.
    const order = (test: (l: LogLine) => boolean) => lines.findIndex(test);
    const signalled = order((l) => l.context === 'Shutdown' && l.msg.startsWith('SIGTERM received'));
    expect(signalled).toBeGreaterThan(-1);
    expect(order((l) => l === completed)).toBeGreaterThan(signalled);
    expect(order((l) => l.msg === 'shutdown complete')).toBeGreaterThan(order((l) => l === completed));
  });

  it('wrote only JSON lines, none with the Authorization header or the request body', () => {
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.filter((text) => text.includes('s3cret'))).toEqual([]);
    expect(raw.filter((text) => text.includes('"components"'))).toEqual([]);
    expect(stderr).toBe('');
  });
});
