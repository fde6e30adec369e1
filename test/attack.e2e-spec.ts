/**
 * Issue 10's bounded attack: the built service in a child process on 127.0.0.1, sent the payloads that
 * used to stall it, without a token, a fixed number of times. Meanwhile /health must keep answering
 * within 100 ms, the payloads must add no more than 128 MiB to the process (512 MiB on the embedded
 * database, whose own memory still settles after start), and on Postgres (a replica's configuration) it
 * must stay under the replica's 512 MiB. The latency bound holds by
 * construction: every payload is refused as it arrives (auth first, before any body is read), so the
 * probes compete with nothing but the refusals.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { createTestDatabase, testBackend, type TestDatabase } from './support/database';
import { buildService, ServiceProcess } from './support/service-process';

const TOKEN = 'fp_attack-spec-admin-token-0123456789abcdef';
/** Each payload is sent this many times; two senders share them. */
const ROUNDS = 4;
const HEALTH_BOUND_MS = 100;
/** A replica's memory limit in deploy/, where the service runs on Postgres. */
const MEMORY_BOUND_BYTES = 512 * 1024 * 1024;
/**
 * What the attack may add to the resident memory it found. The embedded database alone holds 450 to
 * 900 MiB once started (PGlite's WebAssembly heap; more on Node 24), which is no replica's
 * configuration, so there the growth is what is bounded; the payloads of the issue used to add 1 GB.
 */
const GROWTH_BOUND_BYTES = 128 * 1024 * 1024;
/**
 * The same on the embedded database, whose own memory still moves after the service is ready: on
 * Node 24 the process peaks at about 1.2 GB during start-up and its resident memory then falls from
 * about 680 to 560 MiB over the next seconds with no request at all. On a loaded machine that settling
 * overlaps the attack: one loaded CI run (2026-11-30) saw 238 MiB of growth, Node 24 on PGlite, while the
 * same spec grew 1-2 MiB on a quiet machine and on Node 20. Bounding that would measure the database's
 * start-up, not the payloads; 512 MiB still catches the 1 GB the payloads used to add.
 */
const EMBEDDED_GROWTH_BOUND_BYTES = 512 * 1024 * 1024;

/** The payloads, each about the size it reported. */
function payloads(): { name: string; method: string; path: string; contentType: string; body: string }[] {
  const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Application { ...F${i + 1} ...F${i + 1} }`);
  const fragmentBomb = `query Renamed { applications { items { ...F0 } } }\n${fragments.join('\n')}\nfragment F20 on Application { name }`;
  const schemaAliases = Array.from({ length: 2000 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`);
  const draftAliases = Array.from({ length: 800 }, (_, i) => `c${i}: connectivity(version: "draft")`);
  const aliasYaml = `a: &a [${Array.from({ length: 1000 }, () => 'x').join(',')}]\nb: [${Array.from({ length: 900_000 }, () => '*a').join(',')}]\n`;
  return [
    {
      name: 'YAML of aliases',
      method: 'PUT',
      path: '/v1/applications/shop/topology',
      contentType: 'application/yaml',
      body: aliasYaml,
    },
    {
      name: 'JSON array',
      method: 'PUT',
      path: '/v1/applications/shop/topology',
      contentType: 'application/json',
      body: `[${'0,'.repeat(4_500_000)}0]`,
    },
    {
      name: 'fragment bomb',
      method: 'POST',
      path: '/graphql',
      contentType: 'application/json',
      body: JSON.stringify({ query: fragmentBomb }),
    },
    {
      name: '__schema aliases',
      method: 'POST',
      path: '/graphql',
      contentType: 'application/json',
      body: JSON.stringify({ query: `{ ${schemaAliases.join(' ')} }` }),
    },
    {
      name: 'draft connectivity aliases',
      method: 'POST',
      path: '/graphql',
      contentType: 'application/json',
      body: JSON.stringify({ query: `{ application(name: "shop") { ${draftAliases.join(' ')} } }` }),
    },
  ];
}

/** One request; its status, or `closed` when the service hung up before reading all of the body. */
function send(
  port: number,
  method: string,
  path: string,
  contentType: string,
  body: Buffer,
): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': contentType } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('closed'));
    req.end(body);
  });
}

/** Headers and one byte of a 1 MB body, then nothing: answered (and closed) without the rest. */
function trickle(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    socket.on('data', (chunk) => (head += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(head.split('\r\n')[0] ?? ''));
    socket.write(
      'PUT /v1/applications/shop/topology HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000000\r\n\r\n{',
    );
  });
}

/**
 * A prober in a process of its own, so that its timings measure the service and not this process's
 * event loop (busy sending the payloads): /health back to back, one latency in ms per stdout line, until
 * its stdin ends and it has made at least five probes (at most 500).
 */
const PROBER = `
const port = process.argv[1];
let stop = false;
process.stdin.on('data', () => undefined).on('end', () => (stop = true));
(async () => {
  for (let n = 0; (!stop || n < 5) && n < 500; n++) {
    const started = performance.now();
    const response = await fetch('http://127.0.0.1:' + port + '/health', { signal: AbortSignal.timeout(15000) });
    await response.text();
    if (response.status !== 200) throw new Error('/health answered ' + response.status);
    process.stdout.write(performance.now() - started + '\\n');
  }
})().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
`;

function startProber(port: number) {
  const child = spawn(process.execPath, ['-e', PROBER, String(port)]);
  const latencies: number[] = [];
  let firstProbe: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (firstProbe = resolve));
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    latencies.push(
      ...chunk
        .split('\n')
        .filter((line) => line !== '')
        .map(Number),
    );
    firstProbe();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    started,
    async stop(): Promise<number[]> {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the prober failed (${code}): ${errors}`);
      return latencies;
    },
  };
}

/** A line of /proc/<pid>/status in bytes: VmHWM, the peak resident memory; VmRSS, the current one. */
function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) * 1024;
}

/** Starts the peak over: VmHWM becomes the current VmRSS (proc(5), clear_refs "5", Linux 4.0 and later). */
function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('attack without a token (issue 10)', () => {
  let database: TestDatabase;
  let service: ServiceProcess;

  beforeAll(async () => {
    buildService(); // a no-op when the slow project's global setup already built dist/
    database = await createTestDatabase();
    const { dataDir, databaseUrl } = database.config;
    service = await ServiceProcess.start({
      token: TOKEN,
      env: {
        // The limit would refuse most of the payloads with 429 after a few: this shows the parsers' own guard.
        RATE_LIMIT_PER_MINUTE: '0',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
      },
    });
    expect((await service.call('POST', '/v1/applications', { name: 'shop' })).status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await database?.drop();
  });

  it('keeps /health within 100 ms and memory under 512 MiB while the payloads are sent', async () => {
    const all = payloads().map((payload) => ({ ...payload, body: Buffer.from(payload.body) }));
    const queue = Array.from({ length: ROUNDS }, () => all).flat();
    const startPeak = statusBytes(service.pid!, 'VmHWM');
    resetPeakRss(service.pid!);
    const before = statusBytes(service.pid!, 'VmRSS');
    const answers: string[] = [];
    const sender = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const status = await send(service.port, next.method, next.path, next.contentType, next.body);
        answers.push(`${next.name}: ${status}`);
      }
    };
    const prober = startProber(service.port);
    await prober.started;
    const trickles = Array.from({ length: 20 }, () => trickle(service.port));
    await Promise.all([sender(), sender()]);
    // The probes made while the payloads were in flight (the first one, before, is left out).
    const probes = (await prober.stop()).slice(1);
    const trickled = await Promise.all(trickles);

    for (const answer of answers) expect(answer).toMatch(/: (401|closed)$/);
    expect(answers).toHaveLength(ROUNDS * all.length);
    expect(trickled.every((line) => line.startsWith('HTTP/1.1 401'))).toBe(true);
    const typical = median(probes);
    // The peak since the reset: what the process held while the payloads were sent.
    const peak = statusBytes(service.pid!, 'VmHWM');
    process.stdout.write(
      `attack: ${answers.length} payloads, ${probes.length} /health probes: median ${typical.toFixed(1)} ms, ` +
        `max ${Math.max(...probes).toFixed(1)} ms; RSS ${mib(before)} MiB before, peak ${mib(peak)} MiB during ` +
        `(${testBackend()}; peak at start ${mib(startPeak)} MiB)\n`,
    );
    expect(typical).toBeLessThan(HEALTH_BOUND_MS);
    expect(peak - before).toBeLessThan(testBackend() === 'postgres' ? GROWTH_BOUND_BYTES : EMBEDDED_GROWTH_BOUND_BYTES);
    if (testBackend() === 'postgres') expect(peak).toBeLessThan(MEMORY_BOUND_BYTES);
    expect(service.alive).toBe(true);
  }, 180_000);
});
