import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './support/app';

/**
 * The README's three-tier walk-through, run as written: its first shell block under
 * "Walk-through" goes to bash with curl against the real service, so the copy-paste promise holds.
 */
function walkthroughScript(): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Walk-through'));
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

  it('works by copy-paste and leaves the three-tier topology in place', () => {
    const script = walkthroughScript().replace(/^FP=.*$/m, `FP=${base}`);
    expect(script).toContain('curl');
    const output = execFileSync(
      'bash',
      ['-euo', 'pipefail', '-c', script.replace(/curl -sS/g, 'curl -sS --fail-with-body')],
      {
        encoding: 'utf8',
      },
    );
    expect(output).toContain('"name":"shop"');
    expect(output).toMatch(/components:\n {2}- name: api/);
    const topology = JSON.parse(
      execFileSync('curl', ['-sS', `${base}/v1/applications/shop/topology`], { encoding: 'utf8' }),
    );
    expect(topology.components.map((c: { name: string }) => c.name)).toEqual(['api', 'db', 'web']);
    expect(topology.flows).toHaveLength(3);
    const flowsToDb = JSON.parse(
      execFileSync('curl', ['-sS', `${base}/v1/applications/shop/flows?to=db`], { encoding: 'utf8' }),
    );
    expect(flowsToDb.items).toEqual([expect.objectContaining({ from: { component: 'api' }, to: { component: 'db' } })]);
  });

  it('shows a refused mistake exactly as the README says', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const block = /A mistake is refused[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const command = block
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    const expected = /# (\{"statusCode":422.*), \.\.\.\}/.exec(block)?.[1];
    expect(expected).toBeDefined();
    const output = execFileSync('bash', ['-c', `FP=${base}\n${command}`], { encoding: 'utf8' });
    expect(output.startsWith(expected as string)).toBe(true);
  });
});
