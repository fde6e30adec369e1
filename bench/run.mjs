/**
 * Service benchmark: the built service (dist/main.js) as a child process, measured over HTTP with
 * autocannon. Run with `npm run bench` (it builds first). Embedded PGlite always; Postgres as well when
 * DATABASE_URL names a server (a fresh database is created there and dropped afterwards).
 *
 * Scenarios, each 10 connections for 5 s after a 1 s warm-up, in 3 rounds (each ratio to /health is
 * taken within its round; the table shows medians): a) GET /health, the framework's floor;
 * b) reachability on published version 1 of the three-tier example; c) its manifests pull, with
 * If-None-Match (304) and without; d) GraphQL allowedFlows on an application of 200 components. Then
 * p99 at a fixed 500 req/s for b) and c) and at 100 req/s for d), and e) PUT of 1,000 components and 5,000 flows then publish,
 * median of several runs. Prints a table and writes bench/results.json (git-ignored).
 *
 * Targets (reported, not asserted): b) >= 55% of a); c) 304 >= 70% of a); p99 < 20 ms at 500 req/s
 * for b) and c); d) >= 25% of a) and p99 < 50 ms at 100 req/s; e) < 1.5 s. Traffic goes to
 * 127.0.0.1 only; every loop and wait is bounded.
 *
 * For investigating one figure (the table then has only those rows; results.json is not written):
 *   BENCH_ONLY=reachability,publish   scenarios by name prefix (health always runs: it is the floor)
 *   BENCH_DATABASE=pglite|postgres    one database only
 *   BENCH_CPU_PROF=<dir>              the service runs with --cpu-prof, profiles written to <dir>
 *   BENCH_ROUNDS=n                    rounds of the throughput scenarios (default 3)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = 10;
const DURATION_S = 5;
/** Rounds of the throughput scenarios; each reported figure is the median of its rounds. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 100) {
  throw new Error(`BENCH_ROUNDS must be a whole number from 1 to 100, got ${JSON.stringify(process.env.BENCH_ROUNDS)}`);
}
const WARMUP_S = 1;
const PUBLISH_RUNS = 5;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** Like an issued token: `fp_` and 32 random bytes in base64url (43 characters). */
const TOKEN = `fp_${randomBytes(32).toString('base64url')}`;
const AUTH = { authorization: `Bearer ${TOKEN}` };
const ONLY = process.env.BENCH_ONLY?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const DATABASE = process.env.BENCH_DATABASE;
const CPU_PROF = process.env.BENCH_CPU_PROF;
const PARTIAL = ONLY !== undefined || DATABASE !== undefined || CPU_PROF !== undefined;
const selected = (name) => name === 'health' || !ONLY || ONLY.some((prefix) => name.startsWith(prefix));

const GRAPHQL = 'graphql allowedFlows (200 components)';
/** Fixed-rate runs: the scenario, its rate and its p99 target. */
const FIXED = [
  { name: 'reachability', rate: 500, p99Ms: 20 },
  { name: 'manifests 304', rate: 500, p99Ms: 20 },
  { name: 'manifests 200', rate: 500, p99Ms: 20 },
  { name: GRAPHQL, rate: 100, p99Ms: 50 },
];

const TARGETS = {
  reachability: { ratio: 0.55 },
  'manifests 304': { ratio: 0.7 },
  [GRAPHQL]: { ratio: 0.25 },
  publishMs: 1500,
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts dist/main.js on a free port of 127.0.0.1 and waits (bounded) until /health answers. */
async function startService({ databaseUrl }) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'flowpolicy-bench-'));
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    FLOWPOLICY_ADMIN_TOKEN: TOKEN,
    // One client sends tens of thousands of requests a minute: the per-caller limit is not what is measured.
    RATE_LIMIT_PER_MINUTE: '0',
    // As the Dockerfile runs it: graphql-js, for one, checks every value's realm outside production.
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(
    process.execPath,
    [
      '--experimental-wasm-modules',
      '--disable-warning=ExperimentalWarning',
      '--disable-warning=FSTWRN004',
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
      join(ROOT, 'dist/main.js'),
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await globalThis.fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not answer /health within ${START_TIMEOUT_MS} ms: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    base,
    /** The service's CPU time so far (user + system, ms; /proc, so Linux only, else NaN). */
    cpuMs: () => processCpuMs(child.pid),
    /** What the service wrote to stderr, and how it exited if it did: for a failure's message. */
    diagnostics: () =>
      `${child.exitCode === null ? 'still running' : `exited with ${child.exitCode}`}; stderr: ${stderr.slice(-2000)}`,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** utime + stime of a process from /proc/<pid>/stat, in ms (clock ticks of 10 ms); NaN where there is no /proc. */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function call(base, method, path, body, headers = {}) {
  const response = await globalThis.fetch(`${base}${path}`, {
    method,
    headers: { ...AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return { response, text };
}

/** The synthetic applications all live in namespace `bench`, which an admin lets them share. */
const BENCH_APPLICATION = (name) => ({
  name,
  defaultNamespace: 'bench',
  ownedNamespaces: [{ namespace: 'bench', shared: true }],
});

/** n components c0..c(n-1), each listening on 8080, and `flowsPer` flows from each to the next ones. */
function syntheticTopology(name, n, flowsPer) {
  const steps = [1, 2, 3, 5, 8, 13, 21].slice(0, flowsPer);
  return {
    name,
    namespace: 'bench',
    components: Array.from({ length: n }, (_, i) => ({
      name: `c${i}`,
      labels: { app: `c${i}` },
      ports: [{ name: 'http', port: 8080 }],
    })),
    externals: [],
    flows: Array.from({ length: n }, (_, i) =>
      steps.map((step) => ({
        from: { component: `c${i}` },
        to: { component: `c${(i + step) % n}` },
        ports: [{ port: 'http' }],
      })),
    ).flat(),
  };
}

async function seed(base) {
  await call(base, 'POST', '/v1/applications', { name: 'three-tier', defaultNamespace: 'three-tier' });
  const yaml = readFileSync(join(ROOT, 'examples/three-tier.yaml'), 'utf8');
  await call(base, 'PUT', '/v1/applications/three-tier/topology', yaml, { 'content-type': 'application/yaml' });
  await call(base, 'POST', '/v1/applications/three-tier/versions', { note: 'bench' });
  const { response } = await call(base, 'GET', '/v1/applications/three-tier/versions/1/manifests');
  const etag = response.headers.get('etag');

  await call(base, 'POST', '/v1/applications', BENCH_APPLICATION('portal'));
  await call(base, 'PUT', '/v1/applications/portal/topology', syntheticTopology('portal', 200, 2));
  await call(base, 'POST', '/v1/applications/portal/versions', { note: 'bench' });
  return { etag };
}

const ALLOWED_FLOWS = JSON.stringify({
  query:
    '{ application(name: "portal") { allowedFlows { from { component external } to { component external } allConnections ports { protocol ranges { start end } } } } }',
});

function scenarios(etag) {
  const reachability = '/v1/applications/three-tier/reachability?from=web&to=db&port=3306&version=1';
  const manifests = '/v1/applications/three-tier/versions/1/manifests';
  return {
    health: { path: '/health', status: 200 },
    reachability: { path: reachability, status: 200 },
    'manifests 304': { path: manifests, headers: { 'if-none-match': etag }, status: 304 },
    'manifests 200': { path: manifests, status: 200 },
    [GRAPHQL]: {
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ALLOWED_FLOWS,
      status: 200,
      // GraphQL answers errors with status 200: check one answer's body before measuring.
      async verify(base) {
        const { text } = await call(base, 'POST', '/graphql', ALLOWED_FLOWS, { 'content-type': 'application/json' });
        const answer = JSON.parse(text);
        if (answer.errors || !(answer.data?.application?.allowedFlows?.length > 0)) {
          throw new Error(`allowedFlows answered ${text.slice(0, 500)}`);
        }
      },
    },
  };
}

/** One autocannon run; throws when any answer has another status than expected (errors are not measured). */
async function measure(base, scenario, { duration = DURATION_S, overallRate } = {}) {
  const result = await autocannon({
    url: `${base}${scenario.path}`,
    method: scenario.method ?? 'GET',
    headers: { ...AUTH, ...scenario.headers },
    body: scenario.body,
    connections: CONNECTIONS,
    duration,
    ...(overallRate ? { overallRate } : {}),
  });
  const expected = result.statusCodeStats?.[scenario.status]?.count ?? 0;
  const total = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + s.count, 0);
  if (result.errors > 0 || result.timeouts > 0 || expected !== total || total === 0) {
    throw new Error(
      `${scenario.path}: expected only ${scenario.status}, got ${JSON.stringify(result.statusCodeStats)}, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: total,
  };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** e) A fresh application per run: PUT the whole document, then publish it; each timed end to end. */
async function measurePublish(service) {
  const { base } = service;
  const runs = [];
  for (let k = 0; k < PUBLISH_RUNS; k++) {
    const name = `publish-${k}`;
    await call(base, 'POST', '/v1/applications', BENCH_APPLICATION(name));
    const body = JSON.stringify(syntheticTopology(name, 1000, 5));
    const [t0, c0] = [performance.now(), service.cpuMs()];
    await call(base, 'PUT', `/v1/applications/${name}/topology`, body);
    const t1 = performance.now();
    const { response } = await call(base, 'POST', `/v1/applications/${name}/versions`, { note: 'bench' });
    const [t2, c2] = [performance.now(), service.cpuMs()];
    if (response.status !== 201) throw new Error(`publish ${name}: ${response.status}`);
    runs.push({ putMs: t1 - t0, publishMs: t2 - t1, totalMs: t2 - t0, cpuMs: c2 - c0 });
  }
  return {
    runs,
    putMs: median(runs.map((r) => r.putMs)),
    publishMs: median(runs.map((r) => r.publishMs)),
    totalMs: median(runs.map((r) => r.totalMs)),
    // The service's own CPU time (all its threads: GC helpers too) for PUT + publish: on a busy machine
    // the wall time is this divided by the share of a core the service got.
    cpuMs: median(runs.map((r) => r.cpuMs)),
  };
}

/** A scenario that fails is reported as failed (and the run exits 1 at the end); the others still run. */
async function attempt(work) {
  try {
    return await work();
  } catch (error) {
    process.stderr.write(`  failed: ${error.message}\n`);
    return { error: error.message };
  }
}

async function benchDatabase(database, databaseUrl) {
  const service = await startService({ databaseUrl });
  try {
    const { etag } = await seed(service.base);
    const all = scenarios(etag);
    // Every scenario, /health included, once per round, and each ratio taken against the /health of its
    // own round: the machine's speed drifts over a run (other tenants, frequency), and a floor measured
    // once, a minute before the last scenario, moved ratios by 20 points between identical runs.
    const names = Object.keys(all).filter(selected);
    for (const name of names) {
      process.stderr.write(`[${database}] ${name}: verify and warm up\n`);
      await all[name].verify?.(service.base);
      await measure(service.base, all[name], { duration: WARMUP_S });
    }
    const rounds = Object.fromEntries(names.map((name) => [name, []]));
    const failed = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of names) {
        if (failed[name]) continue;
        process.stderr.write(`[${database}] ${name}, round ${round} of ${ROUNDS}\n`);
        const row = await attempt(() => measure(service.base, all[name]));
        if (row.error) failed[name] = row;
        else rounds[name].push(row);
      }
    }
    if (failed.health) throw new Error(`/health: ${failed.health.error}`);
    const throughput = {};
    for (const name of names) {
      const runs = rounds[name];
      const ratiosByRound = runs.map((r, i) => r.requestsPerSecond / rounds.health[i].requestsPerSecond);
      throughput[name] = failed[name] ?? {
        requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
        p50Ms: median(runs.map((r) => r.p50Ms)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        requests: runs.reduce((sum, r) => sum + r.requests, 0),
        ratioToHealth: median(ratiosByRound),
        ratiosByRound,
        requestsPerSecondByRound: runs.map((r) => r.requestsPerSecond),
      };
    }
    const fixedRate = {};
    for (const { name, rate } of FIXED) {
      if (!selected(name)) continue;
      process.stderr.write(`[${database}] ${name} at ${rate} req/s\n`);
      fixedRate[name] = await attempt(async () => {
        await measure(service.base, all[name], { duration: WARMUP_S, overallRate: rate });
        return measure(service.base, all[name], { overallRate: rate });
      });
    }
    let publish;
    if (selected('publish')) {
      process.stderr.write(`[${database}] publish 1,000 components / 5,000 flows x ${PUBLISH_RUNS}\n`);
      publish = await attempt(() => measurePublish(service));
    }
    return { database, throughput, fixedRate, publish };
  } catch (error) {
    throw new Error(`[${database}] ${error.message}\nservice: ${service.diagnostics()}`, { cause: error });
  } finally {
    await service.stop();
  }
}

/** A fresh database on the server DATABASE_URL names, dropped afterwards. */
async function withFreshPostgres(serverUrl, body) {
  const name = `flowpolicy_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await body(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const fmt = (n, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mark = (ok) => (ok ? 'meets' : 'MISSES');

function printTable(results) {
  const lines = [];
  for (const r of results) {
    lines.push(
      `\n${r.database}: ${CONNECTIONS} connections, ${DURATION_S} s each; throughput in ${ROUNDS} rounds, medians (vs /health: each round's ratio in brackets)`,
    );
    lines.push('| scenario | req/s | p50 ms | p99 ms | vs /health | target |');
    lines.push('| --- | ---: | ---: | ---: | ---: | --- |');
    for (const [name, row] of Object.entries(r.throughput)) {
      if (row.error) {
        lines.push(`| ${name} | failed: ${row.error.slice(0, 120)} | | | | |`);
        continue;
      }
      const target = TARGETS[name];
      const verdict = target ? `>= ${Math.round(target.ratio * 100)}%: ${mark(row.ratioToHealth >= target.ratio)}` : '';
      lines.push(
        `| ${name} | ${fmt(row.requestsPerSecond, 0)} | ${fmt(row.p50Ms)} | ${fmt(row.p99Ms)} | ${fmt(row.ratioToHealth * 100, 0)}%${name === 'health' ? '' : ` (${row.ratiosByRound.map((x) => fmt(x * 100, 0)).join('/')})`} | ${verdict} |`,
      );
    }
    for (const [name, row] of Object.entries(r.fixedRate)) {
      const { rate, p99Ms } = FIXED.find((f) => f.name === name);
      if (row.error) {
        lines.push(`| ${name} at ${rate} req/s | failed: ${row.error.slice(0, 120)} | | | | |`);
        continue;
      }
      lines.push(
        `| ${name} at ${rate} req/s | ${fmt(row.requestsPerSecond, 0)} | ${fmt(row.p50Ms)} | ${fmt(row.p99Ms)} | | p99 < ${p99Ms} ms: ${mark(row.p99Ms < p99Ms)} |`,
      );
    }
    const p = r.publish;
    if (p === undefined) continue;
    if (p.error) {
      lines.push(`| publish 1,000 components / 5,000 flows | failed: ${p.error.slice(0, 120)} | | | | |`);
      continue;
    }
    lines.push(
      `| publish 1,000 components / 5,000 flows (median of ${p.runs.length}) | PUT ${fmt(p.putMs, 0)} ms | POST versions ${fmt(p.publishMs, 0)} ms | total ${fmt(p.totalMs, 0)} ms | service CPU ${fmt(p.cpuMs, 0)} ms | < ${TARGETS.publishMs} ms: ${mark(p.totalMs < TARGETS.publishMs)} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const results = [];
  if (DATABASE === undefined || DATABASE === 'pglite')
    results.push(await benchDatabase('PGlite (embedded)', undefined));
  if (process.env.DATABASE_URL && (DATABASE === undefined || DATABASE === 'postgres')) {
    results.push(await withFreshPostgres(process.env.DATABASE_URL, (url) => benchDatabase('PostgreSQL', url)));
  }
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version };
  if (!PARTIAL) {
    writeFileSync(
      join(ROOT, 'bench/results.json'),
      `${JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2)}\n`,
    );
  }
  process.stdout.write(`machine: ${machine.cpus} x ${machine.cpu}, Node ${machine.node}\n`);
  printTable(results);
  if (JSON.stringify(results).includes('"error":')) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
