/**
 * Engine benchmark.
 * - Sparse: connectivity over synthetic snapshots of 100, 1,000 and 5,000 workloads with one
 *   NetworkPolicy per two workloads, and the latency of one evaluate() on a precompiled snapshot.
 *   Targets: 1,000 workloads + 500 policies connectivity < 1 s; one evaluate < 50 µs.
 * - Dense (dense-scenario.ts): about 625 and 1,250 workloads with about one policy each. Each
 *   measurement runs in its own child process so its peak memory (max RSS) is its own: connectivity()
 *   (compile + the whole report, median of several runs), the table walked into a counting sink (what
 *   the CLI writers consume), the streamed `--output json` rendering into a file, and today's algorithm
 *   before the rewrite (src/bench/baseline, once) for the ratios.
 *   Targets at 1,250 workloads: connectivity < 3 s and < 400 MB, >= 25 times faster than the baseline.
 * Run: npm run bench:engine [-- --no-baseline] [-- --runs N]
 * Dense YAML for `flowpolicy analyze`: node dist/bench/engine.bench.js --write-dense DIR [--size N]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compileSnapshot,
  connectivity,
  connectivityTable,
  evaluate,
  loadSnapshot,
  type NetworkPolicy,
  type ReachabilityQuery,
  type Snapshot,
  type Workload,
  writeConnectivity,
} from '../engine';
import { baselineConnectivity } from './baseline/connectivity';
import { denseManifests, random, toYamlDocuments } from './dense-scenario';

const NAMESPACE_SIZE = 50;
const TIERS = ['web', 'api', 'db', 'cache'] as const;

export function syntheticSnapshot(size: number): Snapshot {
  const rnd = random(size);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const namespaceCount = Math.max(1, Math.ceil(size / NAMESPACE_SIZE));
  const nsName = (k: number) => `team-${k}`;
  const namespaces = Array.from({ length: namespaceCount }, (_, k) => ({
    name: nsName(k),
    labels: { 'kubernetes.io/metadata.name': nsName(k), env: k % 3 === 0 ? 'prod' : 'dev', team: `t${k % 7}` },
  }));
  const workloads: Workload[] = Array.from({ length: size }, (_, i) => {
    const namespace = nsName(Math.floor(i / NAMESPACE_SIZE));
    const tier = TIERS[i % TIERS.length]!;
    return {
      id: `${namespace}/app-${i}[Deployment]`,
      namespace,
      name: `app-${i}`,
      kind: 'Deployment',
      labels: { app: `app-${i}`, group: `g${Math.floor(i / 2)}`, tier, ...(i % 5 === 0 ? { metrics: 'true' } : {}) },
      ports: [
        { name: 'http', containerPort: 8000 + (i % 100), protocol: 'TCP' },
        { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
      ],
    };
  });
  // One policy per two workloads: policy k selects the pair labelled group=g<k>.
  const policies: NetworkPolicy[] = [];
  for (let i = 0; i + 1 < size; i += 2) {
    const target = workloads[i]!;
    const peer = workloads[Math.floor(rnd() * size)]!;
    const k = i / 2;
    const ingress: unknown[] = [
      { from: [{ podSelector: { matchLabels: { app: peer.name } } }], ports: [{ port: 'http' }] },
      {
        from: [
          {
            namespaceSelector: { matchLabels: { env: pick(['prod', 'dev']) } },
            podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] },
          },
        ],
        ports: [{ port: 8000, endPort: 8099, protocol: 'TCP' }],
      },
      {
        from: [
          { namespaceSelector: { matchLabels: { team: 't0' } }, podSelector: { matchLabels: { metrics: 'true' } } },
        ],
        ports: [{ port: 'metrics' }],
      },
    ];
    if (k % 50 === 0)
      ingress.push({
        from: [{ ipBlock: { cidr: `10.${k % 256}.0.0/16`, except: [`10.${k % 256}.1.0/24`] } }],
        ports: [{ port: 443 }],
      });
    const egress: unknown[] = [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
            podSelector: { matchLabels: { app: peer.name } },
          },
        ],
      },
      {
        to: [{ namespaceSelector: {}, podSelector: { matchLabels: { tier: 'db' } } }],
        ports: [{ port: 5432 }, { port: 6379, protocol: 'TCP' }],
      },
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
    ];
    if (k % 50 === 1) egress.push({ to: [{ ipBlock: { cidr: `172.16.${k % 256}.0/24` } }] });
    if (k % 20 === 0) egress.push({ ports: [{ port: 443 }] }); // to anywhere on 443
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `allow-group-${k}`, namespace: target.namespace },
      spec: { podSelector: { matchLabels: { group: `g${k}` } }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
    } as NetworkPolicy);
  }
  return { namespaces, workloads, policies, warnings: [] };
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function measureConnectivity(snapshot: Snapshot) {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const start = process.hrtime.bigint();
  const compiled = compileSnapshot(snapshot);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const report = connectivity(compiled);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // Sampled right after the run, before any forced collection: an upper bound of what the run held.
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms, heapGrowth: peak - before, connections: report.connections.length };
}

function measureEvaluate(snapshot: Snapshot, count: number) {
  const compiled = compileSnapshot(snapshot);
  const rnd = random(7);
  const ids = snapshot.workloads.map((w) => w.id);
  const queries: ReachabilityQuery[] = Array.from({ length: count }, (_, k) => ({
    from: k % 10 === 0 ? { ip: `10.${k % 256}.2.3` } : { workload: ids[Math.floor(rnd() * ids.length)]! },
    to: { workload: ids[Math.floor(rnd() * ids.length)]! },
    protocol: 'TCP',
    port: k % 3 === 0 ? 'http' : [80, 443, 5432, 8042][k % 4]!,
  }));
  for (const q of queries.slice(0, 1000)) evaluate(compiled, q); // warm-up
  const samples = queries.map((q) => {
    const t = process.hrtime.bigint();
    evaluate(compiled, q);
    return Number(process.hrtime.bigint() - t) / 1000;
  });
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { median: at(0.5), p99: at(0.99) };
}

const DENSE_SIZES = [625, 1250];

function denseSnapshot(size: number, guardrails = false): Snapshot {
  const { byNamespace } = denseManifests(size, undefined, guardrails);
  return loadSnapshot(
    [...byNamespace].map(([ns, objects]) => ({ name: `${ns}.yaml`, content: toYamlDocuments(objects) })),
  );
}

type Mode = 'connectivity' | 'table' | 'guardrails' | 'json' | 'baseline';
interface DenseMeasure {
  readonly medianMs: number;
  /** CPU time (user + system) of the median run: steadier than wall time on a shared machine. */
  readonly medianCpuMs: number;
  /** The first run (cold: no JIT warm-up yet), as a one-shot CLI call sees it. */
  readonly firstMs: number;
  readonly firstCpuMs: number;
  readonly runs: number;
  readonly maxRssMb: number;
  readonly connections: number;
  readonly classes?: number;
}

/** One dense measurement, in this (child) process: the snapshot is built first and not timed. */
function measureDense(size: number, mode: Mode, runs: number): DenseMeasure {
  const snapshot = denseSnapshot(size, mode === 'guardrails');
  const samples: [number, number][] = [];
  let connections = 0;
  for (let r = 0; r < runs; r++) {
    gc?.();
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    if (mode === 'baseline') {
      connections = baselineConnectivity(compileSnapshot(snapshot)).connections.length;
    } else if (mode === 'connectivity') {
      connections = connectivity(compileSnapshot(snapshot)).connections.length;
    } else if (mode === 'table' || mode === 'guardrails') {
      // What the CLI's writers consume: the table walked in connlist order, every connection handed
      // to a sink (here one that counts) instead of being kept as a report object.
      let count = 0;
      connectivityTable(compileSnapshot(snapshot)).forEach(() => count++);
      connections = count;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'flowpolicy-bench-'));
      const fd = openSync(join(dir, 'connectivity.json'), 'w');
      writeConnectivity(connectivityTable(compileSnapshot(snapshot)), 'json', (text) => writeSync(fd, text));
      closeSync(fd);
      rmSync(dir, { recursive: true });
    }
    const used = process.cpuUsage(cpu);
    samples.push([Number(process.hrtime.bigint() - start) / 1e6, (used.user + used.system) / 1000]);
  }
  const [firstMs, firstCpuMs] = samples[0]!;
  samples.sort((a, b) => a[0] - b[0]);
  const cpus = samples.map(([, c]) => c).sort((a, b) => a - b);
  return {
    medianMs: samples[Math.floor(samples.length / 2)]![0],
    medianCpuMs: cpus[Math.floor(cpus.length / 2)]!,
    firstMs,
    firstCpuMs,
    runs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    connections,
  };
}

function child(size: number, mode: Mode, runs: number): DenseMeasure {
  const out = spawnSync(process.execPath, ['--expose-gc', __filename, '--measure', String(size), mode, String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`bench child ${size} ${mode} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as DenseMeasure;
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  for (const r of rows) console.log(r.map((cell, k) => cell.padStart(widths[k]!)).join('  '));
}

function dense(args: readonly string[]): void {
  const runs = Number(valueOf(args, '--runs') ?? 5);
  const withBaseline = !args.includes('--no-baseline');
  const rows: string[][] = [
    [
      'dense',
      'policies',
      'connections',
      'report',
      'peak RSS',
      'table walk',
      'peak RSS',
      'json to file',
      'peak RSS',
      'baseline',
      'peak RSS',
      'speed-up report',
      'speed-up walk',
      'first walk',
    ],
  ];
  const time = (m: DenseMeasure) => `${m.medianMs.toFixed(0)} ms (${m.medianCpuMs.toFixed(0)})`;
  const ratio = (old: DenseMeasure | undefined, now: number, nowCpu: number) =>
    old ? `${(old.medianMs / now).toFixed(1)}x (${(old.medianCpuMs / nowCpu).toFixed(1)}x)` : '-';
  const walks = new Map<number, DenseMeasure>();
  for (const size of DENSE_SIZES) {
    const manifests = denseManifests(size);
    const now = child(size, 'connectivity', runs);
    const walk = child(size, 'table', runs);
    walks.set(size, walk);
    const json = child(size, 'json', runs);
    const old = withBaseline ? child(size, 'baseline', 1) : undefined;
    for (const m of [walk, old])
      if (m && m.connections !== now.connections)
        throw new Error(
          `${m === old ? 'baseline' : 'table walk'} found ${m.connections} connections, report ${now.connections}`,
        );
    rows.push([
      String(size),
      String(manifests.policies),
      String(now.connections),
      time(now),
      `${now.maxRssMb.toFixed(0)} MB`,
      time(walk),
      `${walk.maxRssMb.toFixed(0)} MB`,
      time(json),
      `${json.maxRssMb.toFixed(0)} MB`,
      old ? `${(old.medianMs / 1000).toFixed(1)} s (${(old.medianCpuMs / 1000).toFixed(1)})` : '-',
      old ? `${old.maxRssMb.toFixed(0)} MB` : '-',
      ratio(old, now.medianMs, now.medianCpuMs),
      ratio(old, walk.medianMs, walk.medianCpuMs),
      `${walk.firstMs.toFixed(0)} ms (${walk.firstCpuMs.toFixed(0)}) ${ratio(old, walk.firstMs, walk.firstCpuMs)}`,
    ]);
  }
  printTable(rows);
  // The same scenario with a dozen AdminNetworkPolicies and a BANP over it (dense-scenario.ts): the
  // baseline knows no admin tiers, so the figure to watch is the cost of the tiers over the walk.
  const guarded: string[][] = [['dense + guardrails', 'connections', 'table walk', 'peak RSS', 'vs. without']];
  for (const size of DENSE_SIZES) {
    const plain = walks.get(size)!;
    const g = child(size, 'guardrails', runs);
    guarded.push([
      String(size),
      String(g.connections),
      time(g),
      `${g.maxRssMb.toFixed(0)} MB`,
      `${(g.medianCpuMs / plain.medianCpuMs).toFixed(1)}x CPU`,
    ]);
  }
  printTable(guarded);
  console.log(
    `dense: wall ms (CPU ms); median of ${runs} runs in one process (baseline: 1 run), each mode in its own process;\n` +
      `every mode includes compiling the snapshot, as the baseline does. "report": connectivity(), every connection\n` +
      `an object in one array (as the baseline builds them); "table walk": the table walked in connlist order, each\n` +
      `connection handed to a counting sink (what the CLI writers consume); "json to file": the streamed --output json;\n` +
      `"first walk" is the first table-walk run (cold JIT, a one-shot CLI call) and its speed-up; peak RSS includes\n` +
      `the loaded snapshot`,
  );
}

function valueOf(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Writes the dense scenario as one YAML file per namespace, for `flowpolicy analyze DIR`. */
function writeDense(dir: string, size: number): void {
  mkdirSync(dir, { recursive: true });
  const { byNamespace, workloads, policies } = denseManifests(size);
  for (const [ns, objects] of byNamespace) writeFileSync(join(dir, `${ns}.yaml`), toYamlDocuments(objects));
  console.log(`wrote ${workloads} workloads and ${policies} policies in ${byNamespace.size} files to ${dir}`);
}

function sparse(): void {
  const rows: string[][] = [
    ['workloads', 'policies', 'connectivity', 'heap growth', 'connections', 'evaluate median', 'evaluate p99'],
  ];
  for (const size of [100, 1000, 5000]) {
    const snapshot = syntheticSnapshot(size);
    const c = measureConnectivity(snapshot);
    const e = measureEvaluate(snapshot, 20000);
    rows.push([
      String(size),
      String(snapshot.policies.length),
      `${c.ms.toFixed(0)} ms`,
      mb(c.heapGrowth),
      String(c.connections),
      `${e.median.toFixed(1)} µs`,
      `${e.p99.toFixed(1)} µs`,
    ]);
  }
  printTable(rows);
}

function main(args: readonly string[]): void {
  const measure = valueOf(args, '--measure');
  if (measure !== undefined) {
    const i = args.indexOf('--measure');
    process.stdout.write(JSON.stringify(measureDense(Number(measure), args[i + 2] as Mode, Number(args[i + 3]))));
    return;
  }
  const target = valueOf(args, '--write-dense');
  if (target !== undefined) return writeDense(target, Number(valueOf(args, '--size') ?? 1250));
  if (!args.includes('--dense-only')) sparse();
  dense(args);
  console.log(
    `max RSS of this process ${mb(process.resourceUsage().maxRSS * 1024)}; ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}${gc ? '' : ' (run with --expose-gc for steadier heap figures)'}`,
  );
}

main(process.argv.slice(2));
