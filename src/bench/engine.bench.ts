/**
 * Engine benchmark: connectivity over synthetic snapshots of 100, 1,000 and 5,000 workloads with one
 * NetworkPolicy per two workloads, and the latency of one evaluate() on a precompiled snapshot.
 * Run: npm run bench:engine (node --expose-gc dist/bench/engine.bench.js gives steadier memory figures).
 * Targets: 1,000 workloads + 500 policies connectivity < 1 s; one evaluate < 50 µs.
 */
import {
  compileSnapshot,
  connectivity,
  evaluate,
  type NetworkPolicy,
  type ReachabilityQuery,
  type Snapshot,
  type Workload,
} from '../engine';

const NAMESPACE_SIZE = 50;
const TIERS = ['web', 'api', 'db', 'cache'] as const;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same snapshot. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

function main(): void {
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
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  for (const r of rows) console.log(r.map((cell, k) => cell.padStart(widths[k]!)).join('  '));
  console.log(
    `max RSS ${mb(process.resourceUsage().maxRSS * 1024)}${gc ? '' : ' (run with --expose-gc for steadier heap figures)'}`,
  );
}

main();
