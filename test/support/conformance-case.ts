/**
 * One netpol-analyzer conformance case (core corpus or the ANP/BANP extension, same expected.json
 * format): connectivity() must equal the expected connlist as sets, the external ranges must be cut
 * alike, and evaluate() must agree with it on the "good query set" (sampled for the largest cases).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  compileSnapshot,
  connectivity,
  evaluate,
  externalPeers,
  loadSnapshot,
  type CompiledSnapshot,
  type Conns,
  type Endpoint,
  type Protocol,
} from '../../src/engine';
import { readManifests } from './manifest-files';

export interface ExpectedConnlist {
  readonly workloads: string[];
  readonly externalPeers: { asSource: string[]; asDestination: string[] };
  readonly connections: { src: string; dst: string; conns: Conns }[];
}

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const FIXED_PORTS = [1, 53, 80, 8080, 65535];
/** Above this many decided pairs, evaluate() is checked on an evenly spaced sample of them. */
const MAX_PAIRS_PER_CASE = 4000;

/** Sub-folders of `root` holding an expected.json, sorted. */
export function conformanceCases(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, 'expected.json')))
    .map((e) => e.name)
    .sort();
}

function canonicalConns(conns: Conns): string {
  if (conns === 'All Connections') return conns;
  return conns
    .map((g) => `${g.protocol} ${g.ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`)
    .join(',');
}

export const connectionKeys = (list: readonly { src: string; dst: string; conns: Conns }[]) =>
  list.map((c) => `${c.src} => ${c.dst} : ${canonicalConns(c.conns)}`).sort();

function allowedByExpected(conns: Conns | undefined, protocol: Protocol, port: number): boolean {
  if (conns === undefined) return false;
  if (conns === 'All Connections') return true;
  return conns.some((g) => g.protocol === protocol && g.ports.some(([a, b]) => a <= port && port <= b));
}

function portsToProbe(conns: Conns | undefined, protocol: Protocol): number[] {
  if (conns === undefined || conns === 'All Connections') return FIXED_PORTS;
  const group = conns.find((g) => g.protocol === protocol);
  if (group === undefined) return FIXED_PORTS;
  const ports = new Set<number>();
  for (const [a, b] of group.ports) for (const p of [a - 1, a, b, b + 1]) if (p >= 1 && p <= 65535) ports.add(p);
  return [...ports];
}

const endpoint = (peer: string): Endpoint => (peer.includes('/') ? { workload: peer } : { ip: peer.split('-')[0]! });

/** The three tests of one case; `strict` is `test`, or `test.failing` for a known divergence. */
export function describeConformanceCase(dir: string, strict: jest.It): void {
  let expected: ExpectedConnlist;
  let compiled: CompiledSnapshot;

  beforeAll(() => {
    expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    compiled = compileSnapshot(loadSnapshot(readManifests(path.join(dir, 'input'))));
  });

  strict('connectivity equals the expected connlist (as sets)', () => {
    const report = connectivity(compiled);
    expect([...report.workloads].sort()).toEqual([...expected.workloads].sort());
    expect(connectionKeys(report.connections)).toEqual(connectionKeys(expected.connections));
  });

  strict('external ranges are cut as netpol-analyzer cuts them', () => {
    const peers = externalPeers(compiled);
    expect([...peers.asSource].sort()).toEqual([...expected.externalPeers.asSource].sort());
    expect([...peers.asDestination].sort()).toEqual([...expected.externalPeers.asDestination].sort());
  });

  strict('evaluate agrees with the expected connlist on the sampled query set', () => {
    const byPair = new Map(expected.connections.map((c) => [`${c.src}|${c.dst}`, c.conns] as const));
    const pairs: [string, string][] = [];
    for (const a of expected.workloads) for (const b of expected.workloads) if (a !== b) pairs.push([a, b]);
    for (const s of expected.externalPeers.asSource) for (const w of expected.workloads) pairs.push([s, w]);
    for (const w of expected.workloads) for (const d of expected.externalPeers.asDestination) pairs.push([w, d]);
    const stride = Math.max(1, Math.ceil(pairs.length / MAX_PAIRS_PER_CASE));
    const mismatches: string[] = [];
    let queries = 0;
    pairs.forEach(([src, dst], i) => {
      const conns = byPair.get(`${src}|${dst}`);
      // Port-restricted pairs are always checked; the rest is sampled on big cases.
      if (i % stride !== 0 && (conns === undefined || conns === 'All Connections')) return;
      for (const protocol of PROTOCOLS) {
        for (const port of portsToProbe(conns, protocol)) {
          queries++;
          const verdict = evaluate(compiled, { from: endpoint(src), to: endpoint(dst), protocol, port });
          const want = allowedByExpected(conns, protocol, port);
          if (verdict.allowed !== want)
            mismatches.push(`${src} -> ${dst} ${protocol} ${port}: got ${verdict.allowed}, want ${want}`);
        }
      }
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(queries).toBeGreaterThan(0);
  });
}
