import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Connection, NetworkPolicy } from '../engine';
import { connectionLine } from './connlist-format';
import { applicationNameFromFile, run } from './run';

const root = join(__dirname, '..', '..');
const conformanceCase = join(root, 'test/fixtures/conformance/netpol-analysis-example-minimal');
const fixture = (name: string) => join(root, 'test/fixtures/cli', name);

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const expected = JSON.parse(readFileSync(join(conformanceCase, 'expected.json'), 'utf8')) as {
  workloads: string[];
  connections: Connection[];
};

describe('flowpolicy analyze', () => {
  it('prints the conformance JSON of a case', async () => {
    const { code, stdout } = await cli('analyze', join(conformanceCase, 'input'), '--output', 'json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { workloads: string[]; connections: Connection[] };
    expect(out.workloads).toEqual(expected.workloads);
    expect(out.connections).toEqual(expected.connections);
  });

  it('prints connlist txt lines in byte order, IP ranges marked [External]', async () => {
    const { code, stdout } = await cli('analyze', join(conformanceCase, 'input'));
    expect(code).toBe(0);
    expect(stdout).toBe(expected.connections.map((c) => `${connectionLine(c)}\n`).join(''));
    expect(stdout).toContain('0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080\n');
  });

  it('explains each connection with the rule that allows it, and renders md and dot', async () => {
    const explained = await cli('analyze', join(conformanceCase, 'input'), '--explain');
    expect(explained.stdout).toMatch(/TCP 9090 egress: .*allowed by default\/frontend-netpol egress\[0\]/);
    const md = await cli('analyze', join(conformanceCase, 'input'), '--output', 'md');
    expect(md.stdout.split('\n')[0]).toBe('| src | dst | conns |');
    expect(md.stdout.trim().split('\n')).toHaveLength(expected.connections.length + 2);
    const dot = await cli('analyze', join(conformanceCase, 'input'), '--output', 'dot');
    expect(dot.stdout).toContain('"default/frontend[Deployment]" -> "default/backend[Deployment]" [label="TCP 9090"];');
  });

  it('exits 2 naming the path for a missing input and for a bad option', async () => {
    const missing = await cli('analyze', 'no/such/dir');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/dir');
    expect((await cli('analyze', join(conformanceCase, 'input'), '--output', 'pdf')).code).toBe(2);
  });
});

describe('flowpolicy generate', () => {
  it('prints the seed scenario policies for examples/three-tier.yaml', async () => {
    const { code, stdout } = await cli('generate', join(root, 'examples/three-tier.yaml'), '--isolation', 'ingress');
    expect(code).toBe(0);
    const policies = parseAllDocuments(stdout).map((d) => d.toJS() as NetworkPolicy);
    expect(policies.map((p) => p.metadata?.name)).toEqual(['three-tier-api', 'three-tier-db', 'three-tier-web']);
    expect(policies[1]!.spec).toEqual({
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { name: 'api-pod' } } }], ports: [{ port: 3306, protocol: 'TCP' }] },
      ],
    });
  });

  it('is byte-identical across runs and prints a List with --output json', async () => {
    const a = await cli('generate', join(root, 'examples/three-tier.yaml'));
    const b = await cli('generate', join(root, 'examples/three-tier.yaml'));
    expect(a.stdout).toBe(b.stdout);
    const list = JSON.parse((await cli('generate', join(root, 'examples/three-tier.yaml'), '-o', 'json')).stdout);
    expect(list.kind).toBe('List');
  });

  it('rejects an invalid topology with exit 2 and every problem named with the file', async () => {
    const { code, stderr } = await cli('generate', fixture('bad-topology.yaml'));
    expect(code).toBe(2);
    expect(stderr).toContain('bad-topology.yaml');
    expect(stderr).toContain('flows[0].ports[0].port');
  });

  it('names the application after the file by default', () => {
    expect(applicationNameFromFile('/x/My_App.v2.yaml')).toBe('my-app-v2');
  });
});

describe('flowpolicy lint', () => {
  it('lints a topology document; --strict turns warnings into exit 1', async () => {
    const plain = await cli('lint', fixture('unisolated.yaml'));
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('warning: component batch: component has no flows');
    expect((await cli('lint', fixture('unisolated.yaml'), '--strict')).code).toBe(1);
  });

  it('lints manifests and prints JSON findings', async () => {
    const { code, stdout } = await cli('lint', join(conformanceCase, 'input'), '--output', 'json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { code: string }[]).map((f) => f.code)).toContain('cni-required');
  });
});

describe('flowpolicy usage', () => {
  it('prints help with exit 0 and rejects unknown commands with exit 2', async () => {
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('generate', '--help')).stdout).toContain('Usage: flowpolicy');
    const unknown = await cli('deploy');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "deploy"');
  });
});
