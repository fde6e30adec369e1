import { parseAllDocuments } from 'yaml';
import { generateNetworkPolicies } from './generate';
import { digestOf, listJsonOf, policiesOfManifests, toListJson, toYaml } from './manifests';
import type { NetworkPolicy } from './model';
import type { Topology } from './topology';
import { schemaProblems } from '../../test/support/kubernetes-schema';

const topology: Topology = {
  name: 'shop',
  components: [
    {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
    {
      name: 'api',
      namespace: 'shop',
      labels: { name: 'api-pod' },
      ports: [{ name: 'api', port: 5000, protocol: 'TCP' }],
    },
    {
      name: 'db',
      namespace: 'data',
      labels: { role: 'db' },
      ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }],
    },
    {
      name: 'metrics',
      namespace: 'shop',
      labels: { app: 'metrics' },
      ports: [{ port: 9000, protocol: 'UDP' }],
    },
  ],
  externals: [{ name: 'internet', cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }],
  flows: [
    {
      from: { external: 'internet' },
      to: { component: 'web' },
      ports: [{ port: 'http', protocol: 'TCP' }],
    },
    {
      from: { component: 'web' },
      to: { component: 'api' },
      ports: [{ port: 'api', protocol: 'TCP' }],
    },
    {
      from: { component: 'api' },
      to: { component: 'db' },
      ports: [{ port: 3306, protocol: 'TCP' }],
    },
    {
      from: { component: 'api' },
      to: { component: 'metrics' },
      ports: [{ port: 9000, endPort: 9010, protocol: 'UDP' }],
    },
    { from: { component: 'api' }, to: { external: 'internet' }, ports: [] },
    {
      from: {
        selector: {
          namespaceSelector: { matchLabels: { team: 'ops' } },
          podSelector: {
            matchExpressions: [{ key: 'tier', operator: 'In', values: ['mon'] }],
          },
        },
      },
      to: { component: 'metrics' },
      ports: [{ protocol: 'SCTP' }],
    },
  ],
};

describe('manifests', () => {
  const policies = generateNetworkPolicies(topology);

  it('generated policies pass kubernetes-models validation in both isolation modes', () => {
    expect(policies).toHaveLength(4);
    expect(schemaProblems(policies)).toEqual([]);
    expect(schemaProblems(generateNetworkPolicies(topology, { isolation: 'ingress' }))).toEqual([]);
  });

  it('the validator does reject a malformed policy', () => {
    const bad = { ...policies[0]!, spec: { podSelector: {}, policyTypes: ['Sideways'] } } as unknown as NetworkPolicy;
    expect(schemaProblems([bad])).toHaveLength(1);
  });

  it('toYaml is byte-identical for equal input, whatever key order it was built in', () => {
    const reordered = JSON.parse(JSON.stringify(policies), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as NetworkPolicy[];
    expect(toYaml(reordered)).toBe(toYaml(policies));
    expect(digestOf(reordered)).toBe(digestOf(policies));
    expect(digestOf(policies)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('toYaml is one sorted document per policy that parses back to the policies', () => {
    const text = toYaml(policies);
    const docs = parseAllDocuments(text).map((d) => d.toJS() as NetworkPolicy);
    expect(docs).toEqual(policies);
    expect(text.startsWith('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    expect(toYaml([])).toBe('');
  });

  it('quotes the label keys and values a YAML 1.1 reader (Kubernetes) would read as booleans', () => {
    const yesNo: Topology = {
      name: 'yes',
      components: [
        {
          name: 'a',
          namespace: 'on',
          labels: { app: 'yes', tier: 'on', y: 'off', n: 'y', e5: 'n' },
          ports: [{ port: 80, protocol: 'TCP' }],
        },
        { name: 'b', namespace: 'on', labels: { app: 'no' }, ports: [{ port: 80, protocol: 'TCP' }] },
      ],
      externals: [],
      flows: [{ from: { component: 'b' }, to: { component: 'a' }, ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    const generated = generateNetworkPolicies(yesNo);
    const text = toYaml(generated);
    const matchLabels = [
      '    matchLabels:',
      '      app: "yes"',
      '      "e5": "n"',
      '      "n": "y"',
      '      tier: "on"',
      '      "y": "off"',
    ].join('\n');
    expect(text).toContain(matchLabels);
    expect(text).toContain('              app: "no"\n');
    expect(text).toContain('  namespace: "on"\n');
    expect(parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS() as NetworkPolicy)).toEqual(generated);
  });

  it('a different policy set has a different digest', () => {
    expect(digestOf(generateNetworkPolicies(topology, { isolation: 'ingress' }))).not.toBe(digestOf(policies));
  });

  it('toListJson is a kind: List with the policies as items', () => {
    const list = JSON.parse(toListJson(policies)) as {
      apiVersion: string;
      kind: string;
      items: NetworkPolicy[];
    };
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.items).toEqual(policies);
  });

  it('parses its manifests back to the same policies, and renders them as a List from the text alone', () => {
    const rendered = { manifests: toYaml(policies) };
    expect(policiesOfManifests(rendered.manifests)).toEqual(policies);
    expect(policiesOfManifests('')).toEqual([]);
    expect(listJsonOf(rendered)).toBe(toListJson(policies));
    expect(listJsonOf({ manifests: '' })).toBe(toListJson([]));
  });
});
