/**
 * The AdminNetworkPolicy / BaselineAdminNetworkPolicy extension of the conformance corpus
 * (test/fixtures/conformance-anp and conformance-anp-errors, see conformance-anp/README.md):
 * the 58 cases pass exactly like the core ones, and every invalid input is refused by the CLI with
 * exit code 2 and a message that says, in our words, what upstream's says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../src/cli/run';
import { conformanceCases, describeConformanceCase } from './support/conformance-case';

const ROOT = path.join(__dirname, 'fixtures', 'conformance-anp');
const ERRORS = path.join(__dirname, 'fixtures', 'conformance-anp-errors');
const cases = conformanceCases(ROOT);
const divergent = new Set(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'known-divergences.json'), 'utf8')) as { case: string }[]).map(
    (d) => d.case,
  ),
);
const inputs = fs
  .readdirSync(ERRORS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const refused = inputs.filter((c) => fs.existsSync(path.join(ERRORS, c, 'expected-error.txt')));

/** Upstream's error text (a substring of its message) and what ours must say instead. */
const MEANINGS: readonly (readonly [upstream: string, ours: RegExp])[] = [
  ['Two policies are considered to be conflicting if they are assigned the same priority.', /same priority conflict/],
  ['to field must be defined and contain at least one item', /\.to must be a list with at least one peer/],
  ['from field must be defined and contain at least one item', /\.from must be a list with at least one peer/],
  ['unrecognized action', /\.action is not a known action/],
  ['exactly one field must be set in a rule peer', /must set exactly one field of a rule peer/],
  ['exactly one field must be set in an AdminNetworkPolicyPort', /must set exactly one field of a port/],
  ['exactly one field must be set in a subject', /spec\.subject must set exactly one field of a subject/],
  ['invalid CIDR address', /is not a valid CIDR address/],
  [
    'Invalid Priority Value: 1001 in Admin Network Policy: "invalid-priority"; Priority value must be between 0-1000',
    /AdminNetworkPolicy "invalid-priority": spec\.priority 1001 is out of range: .* between 0 and 1000/,
  ],
  [
    'an AdminNetworkPolicy "same-name" is already exists. Only one object of a given kind can have a given name at a time.',
    /AdminNetworkPolicy "same-name": metadata\.name is used twice/,
  ],
  [
    'port range 10-1 is legal; start and end values of the port range should be in {1-65535} and end may not be less than start',
    /10-1 is not a valid port range: start and end must be ports 1-65535 and the end must not be below the start/,
  ],
  [
    'only one baseline admin network policy may be provided in input resources; one already exists',
    /a cluster has at most one baseline/,
  ],
  [
    'only one baseline admin network policy with metadata.name=default can be created in the cluster',
    /metadata\.name must be "default"/,
  ],
  [
    'Found Pods of the same owner workload `default/internal-security` and with differences in their labels, while a network policy contains selectors impacted by this gap.\n',
    /the pods of default\/internal-security\[\w+\] differ in labels that a policy selector reads/,
  ],
];

async function analyze(dir: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(['analyze', dir], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

test('the corpus is complete: 58 cases with input/ and expected.json; 39 error inputs, 35 refused', () => {
  expect(cases).toHaveLength(58);
  for (const c of cases) expect(fs.existsSync(path.join(ROOT, c, 'input'))).toBe(true);
  expect(inputs).toHaveLength(39);
  expect(refused).toHaveLength(35);
});

describe.each(cases)('%s', (name) => {
  describeConformanceCase(path.join(ROOT, name), divergent.has(name) ? test.failing : test);
});

describe.each(refused)('refuses %s', (name) => {
  it('exits 2 with a message that means what upstream requires', async () => {
    const upstream = fs.readFileSync(path.join(ERRORS, name, 'expected-error.txt'), 'utf8');
    const meaning = MEANINGS.find(([text]) => text === upstream);
    expect(meaning).toBeDefined();
    const { code, stdout, stderr } = await analyze(path.join(ERRORS, name, 'input'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(meaning![1]);
  });
});

describe.each(inputs.filter((c) => !refused.includes(c)))('accepts %s (no error expected upstream)', (name) => {
  it('analyses it', async () => {
    const { code, stderr } = await analyze(path.join(ERRORS, name, 'input'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
