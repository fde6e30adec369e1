/**
 * Golden fixtures for the Kubernetes rules of DESIGN.md, one folder per behaviour under
 * test/fixtures/engine-rules: input.yaml (manifests) + expected.json (queries with their verdicts,
 * optionally the analysis options, the full connectivity and the external peers). Rule 13 (Service port -> targetPort) concerns generation, not
 * analysis of pod-level policies, so no fixture covers it here.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  compileSnapshot,
  connectivity,
  evaluate,
  externalPeers,
  loadSnapshot,
  type AnalysisOptions,
  type CompiledSnapshot,
  type Conns,
  type DirectionVerdict,
  type Endpoint,
  type Protocol,
} from '../src/engine';

interface SideExpectation {
  readonly isolated?: boolean;
  readonly allowed?: boolean;
  /** `namespace/policy direction index` */
  readonly allowedBy?: string[];
  readonly policies?: string[];
}
interface QueryExpectation {
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number | string;
  readonly allowed: boolean;
  readonly egress?: SideExpectation;
  readonly ingress?: SideExpectation;
}
interface Expected {
  readonly rules: number[];
  readonly description: string;
  /** podIps / enforcement; the defaults when absent. */
  readonly options?: AnalysisOptions;
  readonly queries: QueryExpectation[];
  readonly connections?: { src: string; dst: string; conns: Conns }[];
  readonly externalPeers?: { asSource: string[]; asDestination: string[] };
  /** Reasons (substrings) every side of every query must give, e.g. under enforcement none. */
  readonly reason?: string;
}

const ROOT = path.join(__dirname, 'fixtures', 'engine-rules');
const FILES = ['expected.json', 'input.yaml'];
const ANALYSIS_RULES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17];
const scenarios = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const endpoint = (s: string): Endpoint => (s.includes('[') ? { workload: s } : { ip: s });
const read = (scenario: string): Expected =>
  JSON.parse(fs.readFileSync(path.join(ROOT, scenario, 'expected.json'), 'utf8'));
const key = (c: { src: string; dst: string; conns: Conns }) => `${c.src} => ${c.dst} : ${JSON.stringify(c.conns)}`;

function side(v: DirectionVerdict): SideExpectation {
  return {
    isolated: v.isolated,
    allowed: v.allowed,
    allowedBy: v.allowedBy.map((r) => `${r.policy} ${r.direction} ${r.rule}`),
    policies: [...v.policies].sort(),
  };
}

test('every scenario folder holds exactly input.yaml and expected.json (no orphans)', () => {
  expect(scenarios.length).toBeGreaterThan(0);
  for (const s of scenarios) expect(fs.readdirSync(path.join(ROOT, s)).sort()).toEqual(FILES);
  for (const e of fs.readdirSync(ROOT, { withFileTypes: true })) expect(e.isDirectory()).toBe(true);
});

test('every analysis rule of DESIGN.md has a scenario', () => {
  const covered = new Set(scenarios.flatMap((s) => read(s).rules));
  expect(ANALYSIS_RULES.filter((r) => !covered.has(r))).toEqual([]);
});

describe.each(scenarios)('%s', (scenario) => {
  const expected = read(scenario);
  let compiled: CompiledSnapshot;
  beforeAll(() => {
    const content = fs.readFileSync(path.join(ROOT, scenario, 'input.yaml'), 'utf8');
    compiled = compileSnapshot(loadSnapshot([{ name: `${scenario}/input.yaml`, content }]), expected.options);
  });

  test.each(expected.queries.map((q) => [`${q.from} -> ${q.to} ${q.protocol} ${q.port}`, q] as const))('%s', (_, q) => {
    const verdict = evaluate(compiled, {
      from: endpoint(q.from),
      to: endpoint(q.to),
      protocol: q.protocol,
      port: q.port,
    });
    expect(verdict.allowed).toBe(q.allowed);
    expect(verdict.allowed).toBe(verdict.egress.allowed && verdict.ingress.allowed);
    if (q.egress) expect(side(verdict.egress)).toMatchObject(q.egress);
    if (q.ingress) expect(side(verdict.ingress)).toMatchObject(q.ingress);
    if (expected.reason !== undefined) {
      expect(verdict.egress.reason).toContain(expected.reason);
      expect(verdict.ingress.reason).toContain(expected.reason);
    }
  });

  if (expected.connections !== undefined) {
    test('connectivity lists exactly the expected connections', () => {
      expect(connectivity(compiled).connections.map(key).sort()).toEqual(expected.connections!.map(key).sort());
    });
  }

  if (expected.externalPeers !== undefined) {
    test('external peers are cut as expected', () => {
      expect(externalPeers(compiled)).toEqual(expected.externalPeers);
    });
  }
});
