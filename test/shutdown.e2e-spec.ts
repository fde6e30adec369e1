/**
 * The built service as `npm start` runs it, in a child process: its stdout is JSON lines (one per
 * finished request, with no credentials), and on SIGTERM it finishes the request in flight, closes
 * the database and exits 0.
 */
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { chainTopology } from './support/fixtures';
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

/**
 * The built service for the enclosing describe, as `npm start` runs it, on a database of its own:
 * started in beforeAll (handed to `started`), killed and its database dropped after the block.
 */
function useService(env: Record<string, string>, started: (service: ServiceProcess) => void): void {
  let database: TestDatabase | undefined;
  let service: ServiceProcess | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    const { dataDir, databaseUrl } = database.config;
    service = await ServiceProcess.start({
      token: TOKEN,
      env: { ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }) },
    });
    started(service);
  }, 240_000);
  afterAll(async () => {
    await service?.kill('SIGKILL');
    await database?.drop();
  });
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
  let service: ServiceProcess;
  /** stdout's lines, each parsed: a line that is not JSON fails the test that reads it. */
  const parsedLines = (): LogLine[] => service.lines.map((text) => JSON.parse(text) as LogLine);
  const waitForLine = (test: (line: LogLine) => boolean, what: string): Promise<string> =>
    service.waitForLine((text) => test(JSON.parse(text) as LogLine), what);

  useService(
    {
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_MS: '30000',
    },
    (started) => (service = started),
  );

  it('finishes the request in flight on SIGTERM, then exits 0', async () => {
    expect((await service.call('POST', '/v1/applications', { name: 'big' })).status).toBe(201);

    const slow = sendSlowly(
      service.port,
      'PUT',
      '/v1/applications/big/topology',
      { namespace: 'big', ...chainTopology(300) },
      {
        'x-request-id': 'slow-put',
        authorization: SECRET,
      },
    );
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

type Sent = { status: number; connection?: string; body: string } | { error: string };

/**
 * One request on `agent` (false: a connection of its own). `written` resolves once its bytes are
 * handed to the operating system; `answer` with the response or the socket's error.
 */
function send(agent: Agent | false, port: number, path: string, token: string) {
  let req!: ReturnType<typeof request>;
  const answer = new Promise<Sent>((resolve) => {
    req = request({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
  const written = once(req, 'finish');
  req.end();
  return { answer, written };
}

describe('shutdown with SHUTDOWN_DELAY_MS', () => {
  let service: ServiceProcess;
  useService(
    {
      // Longer than any test: the delay here ends by the second signal, an event the test sends.
      SHUTDOWN_DELAY_MS: '600000',
    },
    (started) => (service = started),
  );

  it('answers /health/ready 503 during the delay while it keeps serving, then drains and exits 0', async () => {
    expect((await service.call('GET', '/health/ready')).status).toBe(200);

    const exited = service.kill('SIGTERM', 45_000);
    await service.waitForLine((line) => line.includes('not ready; serving for 600000 ms'), 'for the delay');

    const ready = await service.call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('service/shutting_down');
    expect((await service.call('GET', '/health')).status).toBe(200);
    const agent = new Agent({ keepAlive: true });
    const listed = await send(agent, service.port, '/v1/applications', TOKEN).answer;
    agent.destroy();
    // Served, and the client is told to open its next connection elsewhere.
    expect(listed).toMatchObject({ status: 200, connection: 'close' });

    // A second signal ends the delay: drain, close, exit 0.
    service.kill('SIGTERM').catch(() => undefined);
    expect(await exited).toEqual({ code: 0, signal: null });
    const order = (text: string) => service.lines.findIndex((line) => line.includes(text));
    expect(order('shutdown delay over')).toBeGreaterThan(order('not ready'));
    expect(order('shutdown complete')).toBeGreaterThan(order('shutdown delay over'));
  });
});

describe('requests sent right up to SIGTERM', () => {
  const CONNECTIONS = 12;
  let service: ServiceProcess;
  useService({}, (started) => (service = started));

  it('answers every request whose bytes reached it before the signal, on new and kept-alive connections', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const round = (via: Agent | false) =>
      Array.from({ length: CONNECTIONS }, () => send(via, service.port, '/v1/applications', TOKEN));
    // Open the kept-alive connections; between requests they are idle, the kind a closing server closes.
    for (const answer of await Promise.all(round(agent).map((r) => r.answer))) {
      expect(answer).toMatchObject({ status: 200 });
    }

    // The race by construction: the service is stopped while new connections are made and requests
    // are written on them and on the idle ones, then SIGTERM is sent; it resumes with all of it
    // pending at once, the signal included (before, closing destroyed the connections it had not
    // read yet, and their clients got ECONNRESET).
    process.kill(service.pid!, 'SIGSTOP');
    const sent = [...round(agent), ...round(false)];
    await Promise.all(sent.map((r) => r.written));
    const exited = service.kill('SIGTERM', 45_000);
    process.kill(service.pid!, 'SIGCONT');

    const answers = await Promise.all(sent.map((r) => r.answer));
    agent.destroy();
    expect(answers.filter((a) => 'error' in a)).toEqual([]);
    expect(answers).toEqual(sent.map(() => expect.objectContaining({ status: 200 })));
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
