/**
 * The netpol-analyzer conformance corpus (test/fixtures/conformance, see its README.md): every case
 * through test/support/conformance-case.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { conformanceCases, describeConformanceCase } from './support/conformance-case';

interface Divergence {
  readonly case: string;
  readonly rule: string;
}

const ROOT = path.join(__dirname, 'fixtures', 'conformance');
const divergences: Divergence[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'known-divergences.json'), 'utf8'));
const divergent = new Set(divergences.map((d) => d.case));
const cases = conformanceCases(ROOT);

test('the corpus is complete: 96 cases, every folder has input/ and expected.json', () => {
  expect(cases).toHaveLength(96);
  for (const c of cases) expect(fs.existsSync(path.join(ROOT, c, 'input'))).toBe(true);
});

test('known divergences name existing cases and the rule they break', () => {
  for (const d of divergences) {
    expect(cases).toContain(d.case);
    expect(d.rule).toMatch(/\S/);
  }
});

describe.each(cases)('%s', (name) => {
  describeConformanceCase(path.join(ROOT, name), divergent.has(name) ? test.failing : test);
});
