/**
 * The built service as `npm start` runs it, in a child process: its stdout is JSON lines (one per
 * finished request, with no credentials), and on SIGTERM it finishes the request in flight, closes
 * the database and exits 0.
 */
import { request } from 'node:http';
import { createTestDatabase, type TestDatabase } from './support/database';
import { ServiceProcess } from './support/service-process';

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

/**
 * A slow upload: only the first half of the body is written until `finish()`, which keeps the request
 * in flight for as long as the test wants, whatever the database (PGlite answers queries without
 * yielding to the event loop, so a request that is slow only in its queries would delay the signal
 * handler instead of overlapping it).
 */
function sendSlowly(port: number, method: string, path: string, body: unknown, headers: Record<string, string>) {
  const payload = Buffer.from(JSON.stringify(body));
  const half = Math.floor(payload.length / 2);
  let req: ReturnType<typeof request>;
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
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
  req!.write(payload.subarray(0, half));
  return { response, finish: () => req.end(payload.subarray(half)) };
}

describe('the service process', () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  /** stdout's lines, each parsed: a line that is not JSON fails the test that reads it. */
  const parsedLines = (): LogLine[] => service.lines.map((text) => JSON.parse(text) as LogLine);
  const waitForLine = (test: (line: LogLine) => boolean, what: string): Promise<string> =>
    service.waitForLine((text) => test(JSON.parse(text) as LogLine), what);

  beforeAll(async () => {
    database = await createTestDatabase();
    const { dataDir, databaseUrl } = database.config;
    service = await ServiceProcess.start({
      token: TOKEN,
      env: {
        LOG_LEVEL: 'debug',
        SHUTDOWN_TIMEOUT_MS: '30000',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
      },
    });
  }, 240_000);

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await database?.drop();
  });

  it('finishes the request in flight on SIGTERM, then exits 0', async () => {
    expect((await service.call('POST', '/v1/applications', { name: 'big' })).status).toBe(201);

    const slow = sendSlowly(service.port, 'PUT', '/v1/applications/big/topology', bigTopology(300), {
      'x-request-id': 'slow-put',
      authorization: SECRET,
    });
    await waitForLine((l) => l.reqId === 'slow-put' && l.msg === 'request received', 'for the slow request');
    const exited = service.kill('SIGTERM', 45_000);
    await waitForLine((l) => l.context === 'Shutdown' && l.msg.startsWith('SIGTERM received'), 'for the signal');
    slow.finish();

    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(await exited).toEqual({ code: 0, signal: null });

    const log = parsedLines();
    const completed = log.find((l) => l.reqId === 'slow-put' && l.msg === 'request completed');
    expect(completed).toMatchObject({
      method: 'PUT',
      url: '/v1/applications/big/topology',
      route: '/v1/applications/:app/topology',
      statusCode: 200,
      responseTime: expect.any(Number),
    });
    // The request really was in flight when the signal came: it completed after shutdown began.
    const order = (test: (l: LogLine) => boolean) => log.findIndex(test);
    const signalled = order((l) => l.context === 'Shutdown' && l.msg.startsWith('SIGTERM received'));
    expect(signalled).toBeGreaterThan(-1);
    expect(order((l) => l === completed)).toBeGreaterThan(signalled);
    expect(order((l) => l.msg === 'shutdown complete')).toBeGreaterThan(order((l) => l === completed));
  });

  it('wrote only JSON lines, none with the Authorization header or the request body', () => {
    expect(parsedLines().length).toBeGreaterThan(0);
    expect(service.lines.filter((text) => text.includes('s3cret'))).toEqual([]);
    expect(service.lines.filter((text) => text.includes('"components"'))).toEqual([]);
    expect(service.stderr).toBe('');
  });
});
