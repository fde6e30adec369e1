import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { connectionLine, type Connection, type NetworkPolicy } from '../engine';
import { applicationNameFromFile, run } from './run';

const root = join(__dirname, '..', '..');
const conformanceCase = join(root, 'test/fixtures/conformance/netpol-analysis-example-minimal');
const fixture = (name: string) => join(root, 'test/fixtures/cli', name);
const engineRule = (name: string) => join(root, 'test/fixtures/engine-rules', name, 'input.yaml');

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
    expect(explained.stdout).toMatch(
      /TCP 9090 egress \(networkpolicy\): .*allowed by default\/frontend-netpol egress\[0\]/,
    );
    const md = await cli('analyze', join(conformanceCase, 'input'), '--output', 'md');
    expect(md.stdout.split('\n')[0]).toBe('| src | dst | conns |');
    expect(md.stdout.trim().split('\n')).toHaveLength(expected.connections.length + 2);
    const dot = await cli('analyze', join(conformanceCase, 'input'), '--output', 'dot');
    expect(dot.stdout).toContain('"default/frontend[Deployment]" -> "default/backend[Deployment]" [label="TCP 9090"];');
  });

  it('analyses AdminNetworkPolicies and the BaselineAdminNetworkPolicy among the manifests, naming the deciding tier', async () => {
    const blog = join(root, 'test/fixtures/conformance-anp/anp_banp_blog_demo/input');
    const { code, stdout } = await cli('analyze', blog, '--explain');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /TCP 1 ingress \(networkpolicy\): .*allowed by foo\/allow-monitoring ingress\[0\]; passed on by AdminNetworkPolicy pass-monitoring ingress\[0\]/,
    );
    // bar -> foo: the BANP denies it, so it is not listed.
    expect(stdout).not.toContain('bar/mybar[Pod] => foo/myfoo[Pod]');
    const bad = await cli('analyze', join(root, 'test/fixtures/conformance-anp-errors/anp_bad_path_test_2/input'));
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(
      /anps\.yaml: document \d+: AdminNetworkPolicy "invalid-priority": spec\.priority 1001 is out of range/,
    );
  });

  it('exits 2 naming the path for a missing input and for a bad option', async () => {
    const missing = await cli('analyze', 'no/such/dir');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/dir');
    expect((await cli('analyze', join(conformanceCase, 'input'), '--output', 'pdf')).code).toBe(2);
    const podIps = await cli('analyze', join(conformanceCase, 'input'), '--pod-ips', 'sometimes');
    expect([podIps.code, podIps.stderr]).toEqual([
      2,
      expect.stringContaining('--pod-ips must be one of ignore, match'),
    ]);
    expect((await cli('analyze', join(conformanceCase, 'input'), '--enforcement', 'off')).code).toBe(2);
  });

  it('says so and exits 2 on a folder without manifests', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'flowpolicy-empty-'));
    try {
      const { code, stdout, stderr } = await cli('analyze', empty);
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toBe(`flowpolicy: ${empty}: no manifests found (no .yaml, .yml or .json file)\n`);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('says so and exits 2 when the files hold no workload and no policy (blank files, only skipped kinds)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowpolicy-nothing-'));
    try {
      writeFileSync(join(dir, 'blank.yaml'), '# nothing here\n');
      writeFileSync(join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\n');
      const { code, stdout, stderr } = await cli('analyze', dir);
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toContain('kind Service skipped');
      expect(stderr).toContain(
        `flowpolicy: ${dir}: no manifests found (no Pod, workload controller or NetworkPolicy)\n`,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('lets the office range reach api on its named port from an ipBlock (issue 11 reproduction)', async () => {
    const { code, stdout } = await cli('analyze', engineRule('named-port-from-ip-block-resolved-on-destination'));
    expect(code).toBe(0);
    expect(stdout).toBe(
      '192.0.2.0-192.0.2.255[External] => default/api[Pod] : TCP 50051\n' +
        'default/api[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n',
    );
  });

  it('writes IPv6 ranges first-last in canonical text, beside the IPv4 ones', async () => {
    const { code, stdout } = await cli('analyze', engineRule('dual-stack-ip-blocks'));
    expect(code).toBe(0);
    expect(stdout).toContain(
      '2001:db8:1::-2001:db8:1:fe:ffff:ffff:ffff:ffff[External] => shop/web[Deployment] : TCP 8080\n',
    );
    expect(stdout).toContain('203.0.113.0-203.0.113.127[External] => shop/web[Deployment] : TCP 8080\n');
    expect(stdout).toContain(
      'shop/web[Deployment] => 2001:db8:2::-2001:db8:2:ffff:ffff:ffff:ffff:ffff[External] : TCP 443\n',
    );
  });

  it('matches pods by their IPs under --pod-ips match, and not by default', async () => {
    const input = engineRule('pod-ip-in-ip-block-matched');
    const line = 'default/client[Pod] => default/server[Pod] : TCP 8080\n';
    expect((await cli('analyze', input)).stdout).not.toContain(line);
    const matched = await cli('analyze', input, '--pod-ips', 'match', '--output', 'json');
    expect(matched.code).toBe(0);
    const json = JSON.parse(matched.stdout) as { connections: Connection[]; externalPeers: { asSource: string[] } };
    expect(json.connections).toContainEqual({
      src: 'default/client[Pod]',
      dst: 'default/server[Pod]',
      conns: [{ protocol: 'TCP', ports: [[8080, 8080]] }],
    });
    // The client's IP 10.244.1.5 is the client, not an external address.
    expect(json.externalPeers.asSource).toEqual(
      expect.arrayContaining(['10.244.1.0-10.244.1.4', '10.244.1.6-10.244.1.255']),
    );
  });

  it('allows everything under --enforcement none and says why on stderr', async () => {
    const { code, stdout, stderr } = await cli('analyze', join(conformanceCase, 'input'), '--enforcement', 'none');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.every((l) => l.endsWith(' : All Connections'))).toBe(true);
    expect(lines).toContain('default/backend[Deployment] => default/frontend[Deployment] : All Connections');
    expect(stderr).toContain('flowpolicy: warning: NetworkPolicy is not enforced (enforcement: none)');
  });

  it('carries the --enforcement none warning in the json document (warnings), and none without it', async () => {
    const none = await cli('analyze', join(conformanceCase, 'input'), '--enforcement', 'none', '--output', 'json');
    expect(none.code).toBe(0);
    const json = JSON.parse(none.stdout) as { connections: unknown[]; warnings?: string[] };
    expect(json.connections.length).toBeGreaterThan(0);
    expect(json.warnings).toEqual([expect.stringMatching(/^NetworkPolicy is not enforced \(enforcement: none\)/)]);
    expect(none.stderr).toContain(`flowpolicy: warning: ${json.warnings![0]!}`);
    const standard = await cli('analyze', join(conformanceCase, 'input'), '--output', 'json');
    expect(JSON.parse(standard.stdout)).not.toHaveProperty('warnings');
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

  it('exits 1 on an error with or without --strict', async () => {
    for (const strict of [[], ['--strict']]) {
      const { code, stdout } = await cli('lint', fixture('lint-error.yaml'), ...strict);
      expect(code).toBe(1);
      expect(stdout).toContain(
        'error: policy shop/web ingress[0]: no selected workload defines a TCP port named "https"',
      );
    }
  });

  it('reports an invalid topology as error findings and exits 1, with or without --strict', async () => {
    for (const strict of [[], ['--strict']]) {
      const { code, stdout, stderr } = await cli('lint', fixture('bad-topology.yaml'), ...strict);
      expect([code, stderr]).toEqual([1, '']);
      expect(stdout).toBe('error: flows[0].ports[0].port: must be an integer from 1 to 65535 [topology-invalid]\n');
    }
  });

  it('never fails on info findings, even under --strict; skipped kinds get one warning each on stderr', async () => {
    const { code, stdout, stderr } = await cli('lint', fixture('lint-info-only.yaml'), '--strict');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([expect.stringMatching(/^info: cluster: .*\[cni-required\]$/)]);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^flowpolicy: warning: .*lint-info-only\.yaml: kind ConfigMap skipped \(1 document\)/),
      expect.stringMatching(/^flowpolicy: warning: .*lint-info-only\.yaml: kind Service skipped \(1 document\)/),
    ]);
  });

  it('lints manifests and prints JSON findings', async () => {
    const { code, stdout } = await cli('lint', join(conformanceCase, 'input'), '--output', 'json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { code: string }[]).map((f) => f.code)).toContain('cni-required');
  });
});

describe('flowpolicy usage', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v'])
      expect(await cli(flag)).toEqual({ code: 0, stdout: `flowpolicy ${version}\n`, stderr: '' });
  });

  it('prints help with exit 0 and rejects unknown commands with exit 2', async () => {
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('generate', '--help')).stdout).toContain('Usage: flowpolicy');
    const unknown = await cli('deploy');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "deploy"');
  });
});
