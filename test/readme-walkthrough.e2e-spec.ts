import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, type TestApp } from './support/app';
import { TEST_ADMIN_TOKEN } from './support/tokens';

/**
 * The README's three-tier walk-through, run as written: its first shell block under
 * "Walk-through" goes to bash with curl against the real service, so the copy-paste promise holds.
 */
const readme = () => readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

// Asynchronous on purpose: the server runs in this process, so a synchronous child would deadlock it.
const run = async (file: string, args: string[]) =>
  (await promisify(execFile)(file, args, { encoding: 'utf8' })).stdout;

function walkthroughScript(): string {
  const section = readme().slice(readme().indexOf('## Walk-through'));
  const match = /```sh\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README has no shell block in its walk-through');
  return match[1];
}

describe('README walk-through', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('works by copy-paste and leaves the three-tier topology in place', async () => {
    // The test app's admin token stands in for the one `npm start` writes to .data/admin-token.
    const script = walkthroughScript()
      .replace(/^FP=.*$/m, `FP=${base}`)
      .replace(/^TOKEN=.*$/m, `TOKEN=${TEST_ADMIN_TOKEN}`);
    expect(script).toContain('authorization: Bearer $TOKEN');
    expect(script).toContain('curl');
    const strict = script.replace(/curl -sS/g, 'curl -sS --fail-with-body');
    const output = await run('bash', ['-euo', 'pipefail', '-c', strict]);
    expect(output).toContain('"name":"shop"');
    expect(output).toMatch(/components:\n {2}- name: api/);
    const auth = ['-H', `authorization: Bearer ${TEST_ADMIN_TOKEN}`];
    const topology = JSON.parse(await run('curl', ['-sS', ...auth, `${base}/v1/applications/shop/topology`]));
    expect(topology.components.map((c: { name: string }) => c.name)).toEqual(['api', 'db', 'web']);
    expect(topology.flows).toHaveLength(3);
    const toDb = JSON.parse(await run('curl', ['-sS', ...auth, `${base}/v1/applications/shop/flows?to=db`]));
    expect(toDb.items).toEqual([expect.objectContaining({ from: { component: 'api' }, to: { component: 'db' } })]);
  });

  it('shows a refused mistake exactly as the README says', async () => {
    const block = /A mistake is refused[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme())?.[1] ?? '';
    const command = block
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    const expected = /# (\{"statusCode":422.*), \.\.\.\}/.exec(block)?.[1];
    expect(expected).toBeDefined();
    const output = await run('bash', ['-c', `FP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${command}`]);
    expect(output.startsWith(expected as string)).toBe(true);
  });

  it('accepts the GitOps example as the README shows', async () => {
    const block = /\(application `three-tier`\)[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme())?.[1] ?? '';
    const curls = block
      .split('\n')
      .filter((line) => !line.startsWith('npm'))
      .join('\n')
      .replace(/curl -sS/g, 'curl -sS --fail-with-body');
    const output = await run('bash', [
      '-euo',
      'pipefail',
      '-c',
      `cd ${join(__dirname, '..')}\nFP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${curls}`,
    ]);
    expect(output).toContain('"name":"three-tier"');
    expect(output).toContain('"components":[{"name":"api"');
  });

  it('runs the "For CI pipelines" block (after the walk-through): publish, pin, pull, then 304', async () => {
    const block = /### For CI pipelines[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme())?.[1] ?? '';
    expect(block).toContain('kubectl apply');
    const dir = mkdtempSync(join(tmpdir(), 'flowpolicy-ci-'));
    // kubectl is a stand-in that records what it would apply.
    const script = `cd ${dir}\nkubectl() { echo "kubectl $*"; }\nFP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${block}`;
    const first = await run('bash', ['-eo', 'pipefail', '-c', script]);
    expect(first).toContain('kubectl apply -f shop-policies.yaml');
    expect(readFileSync(join(dir, 'shop-policies.yaml'), 'utf8')).toContain('kind: NetworkPolicy');
    const second = await run('bash', ['-eo', 'pipefail', '-c', script]);
    expect(second).toContain('production policies unchanged');
    expect(JSON.parse(readFileSync(join(dir, 'shop-v1.json'), 'utf8')).kind).toBe('List');
  });

  it('runs the "Reachability" block (after the walk-through) as written', async () => {
    const block = /## Reachability[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme())?.[1] ?? '';
    const curls = block.replace(/curl -sS/g, 'curl -sS --fail-with-body');
    const output = await run('bash', [
      '-euo',
      'pipefail',
      '-c',
      `cd ${join(__dirname, '..')}\nFP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${curls}`,
    ]);
    const answers = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(answers.slice(0, 4).map((a) => a.allowed)).toEqual([false, true, true, false]);
    expect(answers[1].ingress.allowedBy[0].rule).toBe(0);
    expect(answers[4].components['shop/web[Component]']).toBe('web');
    expect(answers[5].undeclared).toContainEqual({
      from: 'web',
      to: 'db',
      conns: [{ protocol: 'TCP', ports: [[3306, 3306]] }],
    });
    expect(answers[6].workloads.length).toBeGreaterThan(5);
  });

  it('runs the "Access control" block: a scoped CI token sees only its application', async () => {
    const block = /## Access control[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme())?.[1] ?? '';
    expect(block).toContain('POST $FP/v1/tokens');
    const strict = block.replace(/curl -sS/g, 'curl -sS --fail-with-body');
    const output = await run('bash', ['-euo', 'pipefail', '-c', `FP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${strict}`]);
    const [applications, tokens] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(applications.items.map((a: { name: string }) => a.name)).toEqual(['shop']);
    expect(applications.total).toBe(1);
    expect(tokens.items).toContainEqual(
      expect.objectContaining({ name: 'ci-shop', role: 'publisher', applications: ['shop'] }),
    );
    expect(JSON.stringify(tokens)).not.toMatch(/"token"/);
  });

  it('runs the "Namespaces belong to applications" block: conflicts listed, a namespace granted to shop', async () => {
    const block = /### Namespaces belong to applications[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme())?.[1] ?? '';
    expect(block).toContain('/v1/namespaces?conflict=true');
    const strict = block.replace(/curl -sS/g, 'curl -sS --fail-with-body');
    const output = await run('bash', ['-euo', 'pipefail', '-c', `FP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${strict}`]);
    const [conflicts, granted] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(conflicts).toMatchObject({ items: [], total: 0 });
    expect(granted).toMatchObject({ namespace: 'shop-jobs', shared: false, conflict: false });
    const auth = ['-H', `authorization: Bearer ${TEST_ADMIN_TOKEN}`];
    const shop = JSON.parse(await run('curl', ['-sS', ...auth, `${base}/v1/applications/shop`]));
    expect(shop.ownedNamespaces.map((o: { namespace: string }) => o.namespace)).toEqual(['shop', 'shop-jobs']);
  });

  it('runs the "Guardrails in the service" blocks (after the GitOps example): the tiers, then a publish refused', async () => {
    const [main, refusal] = [
      ...readme().matchAll(/## Guardrails in the service[\s\S]*?```sh\n([\s\S]*?)```[\s\S]*?```sh\n([\s\S]*?)```/g),
    ][0]!.slice(1);
    const strict = main.replace(/curl -sS/g, 'curl -sS --fail-with-body');
    const output = await run('bash', ['-euo', 'pipefail', '-c', `FP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${strict}`]);
    const [stored, published, , version, toApi, toInternet, unguarded] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(stored.items.map((i: { kind: string }) => i.kind)).toEqual([
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
    ]);
    expect(published).toMatchObject({ number: 1, adminNetworkPolicies: ['allow-dns'], baseline: true });
    expect(version.guardrailVersion).toBe(1);
    expect(toApi).toMatchObject({ allowed: true, tier: 'networkpolicy', guardrailVersion: 1 });
    expect(toInternet).toMatchObject({
      allowed: false,
      tier: 'baseline',
      egress: { decision: { tier: 'baseline', action: 'Deny', policy: 'default', rule: 0 } },
    });
    expect(unguarded).toMatchObject({ allowed: true, tier: 'default', guardrailVersion: null });

    const command = refusal
      .split('\n')
      .filter((line) => !line.startsWith('# '))
      .join('\n');
    const expected = /# (\{"statusCode":422.*), \.\.\.\}/.exec(refusal)?.[1];
    expect(expected).toBeDefined();
    // The refusal block reuses $GUARDRAILS from the first block, as a reader's shell would have it.
    const definition = /^GUARDRAILS='[\s\S]*?'$/m.exec(main)?.[0] ?? '';
    const refused = await run('bash', ['-c', `FP=${base}\nTOKEN=${TEST_ADMIN_TOKEN}\n${definition}\n${command}`]);
    expect(refused.startsWith(expected as string)).toBe(true);
  });
});
