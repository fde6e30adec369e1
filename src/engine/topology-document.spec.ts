import { snapshotFromTopology } from './from-topology';
import {
  parseTopologyDocument,
  readComponent,
  readExternal,
  readFlow,
  readTopologyDocument,
} from './topology-document';
import { TopologyError } from './topology-error';

const doc = `
namespace: shop
components:
  - { name: web, labels: { app: web }, ports: [{ name: http, port: 80 }] }
  - { name: db, namespace: data, labels: { role: db }, ports: [{ port: 3306 }] }
externals: [{ name: internet, cidr: 0.0.0.0/0 }]
flows:
  - { from: { external: internet }, to: { component: web }, ports: [{ port: http }] }
  - { from: { component: web }, to: { component: db }, ports: [{ port: 3306, endPort: 3307, protocol: TCP }] }
  - { from: { selector: { podSelector: { matchLabels: { app: ingress } } } }, to: { component: web } }
`;

function issues(text: string): string[] {
  try {
    parseTopologyDocument(text, 'app');
  } catch (e) {
    return (e as TopologyError).issues.map((i) => i.field);
  }
  return [];
}

describe('parseTopologyDocument', () => {
  it('fills in defaults: the fallback name, the default namespace, TCP, empty lists', () => {
    const t = parseTopologyDocument(doc, 'shop-app');
    expect(t.name).toBe('shop-app');
    expect(t.components.map((c) => [c.name, c.namespace])).toEqual([
      ['web', 'shop'],
      ['db', 'data'],
    ]);
    expect(t.components[0]!.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(t.externals).toEqual([{ name: 'internet', cidr: '0.0.0.0/0', except: [] }]);
    expect(t.flows[1]!.ports).toEqual([{ port: 3306, endPort: 3307, protocol: 'TCP' }]);
    expect(t.flows[2]!.ports).toEqual([]);
  });

  it('names every bad field at once', () => {
    expect(
      issues(`
name: Bad_Name
components:
  - { name: web, labels: {}, ports: [{ port: 0 }] }
externals: [{ name: x, cidr: 10.0.0.1/8 }]
flows:
  - { from: { component: web }, to: { component: web }, ports: [{ port: 80, endPort: 79, protocol: ICMP }] }
`),
    ).toEqual([
      'name',
      'components[0].labels',
      'components[0].ports[0].port',
      'externals[0].cidr',
      'flows[0].ports[0].protocol',
      'flows[0].ports[0].endPort',
    ]);
  });

  it('reports unknown components and undefined named ports from the cross-reference checks', () => {
    expect(
      issues(`
components: [{ name: web, labels: { app: web } }]
flows: [{ from: { component: web }, to: { component: api }, ports: [{ port: http }] }]
`),
    ).toEqual(['flows[0].to.component']);
    expect(
      issues(
        'components: [{ name: web, labels: { app: web } }]\nflows: [{ from: { component: web }, to: { component: web }, ports: [{ port: http }] }]',
      ),
    ).toEqual(['flows[0].ports[0].port']);
    expect(() => parseTopologyDocument('[1, 2', 'x', 'f.yaml')).toThrow(/^f\.yaml: invalid topology/);
  });

  it('holds component and external names to the DNS-1123 label rule, as the API does', () => {
    const named = (component: string, external: string) =>
      issues(
        `components: [{ name: ${JSON.stringify(component)}, labels: { app: web } }]\n` +
          `externals: [{ name: ${JSON.stringify(external)}, cidr: 10.0.0.0/8 }]`,
      );
    for (const bad of ['', 'a b', 'x\ny: evil', 'x'.repeat(10_000), 'Web', 'web.svc']) {
      expect(named(bad, 'internet')).toEqual(['components[0].name']);
      expect(named('web', bad)).toEqual(['externals[0].name']);
    }
    expect(named('web', 'internet')).toEqual([]);
  });
});

describe('the reader of parsed documents (what the API hands it)', () => {
  const problems = (read: () => unknown) => {
    try {
      read();
    } catch (e) {
      return (e as TopologyError).issues.map((i) => `${i.field}: ${i.message}`);
    }
    return [];
  };

  it('fills in the same defaults as the text reader: the default namespace, TCP, empty lists', () => {
    expect(readComponent({ labels: { app: 'web' }, ports: [{ port: 80 }] }, 'web', 'shop')).toEqual({
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP' }],
    });
    expect(readExternal({ cidr: '10.0.0.0/8' }, 'corp')).toEqual({ name: 'corp', cidr: '10.0.0.0/8', except: [] });
    expect(
      readFlow({ from: { component: 'a' }, to: { component: 'b' }, ports: [{ port: 53, protocol: 'UDP' }, {}] }),
    ).toEqual({
      from: { component: 'a' },
      to: { component: 'b' },
      ports: [{ port: 53, protocol: 'UDP' }, { protocol: 'TCP' }],
    });
  });

  it('refuses an address Kubernetes would not read in a CIDR: a leading zero in the dotted part, a zone', () => {
    const cidrProblem = ['cidr: must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32'];
    expect(problems(() => readExternal({ cidr: '::ffff:010.0.0.0/104' }, 'corp'))).toEqual(cidrProblem);
    expect(problems(() => readExternal({ cidr: '010.0.0.0/8' }, 'corp'))).toEqual(cidrProblem);
    expect(problems(() => readExternal({ cidr: 'fe80::%eth0/64' }, 'corp'))).toEqual(cidrProblem);
    expect(problems(() => readExternal({ cidr: '::ffff:10.0.0.0/104' }, 'corp'))).toEqual([]);
  });

  it('takes null for a field left out (a GraphQL client says "no value" so)', () => {
    expect(readComponent({ namespace: null, labels: { app: 'web' }, ports: null }, 'web', 'shop')).toEqual(
      readComponent({ labels: { app: 'web' } }, 'web', 'shop'),
    );
    expect(readFlow({ from: { component: 'a', external: null }, to: { component: 'b' }, description: null })).toEqual({
      from: { component: 'a' },
      to: { component: 'b' },
      ports: [],
    });
  });

  it('names problems relative to the single object it reads, and by path in a document', () => {
    const flow = { from: { component: 'a' }, to: { component: 'b' }, ports: [{ port: 'http', endPort: 90 }] };
    expect(problems(() => readFlow(flow))).toEqual(['ports[0].endPort: requires a numeric port']);
    expect(problems(() => readComponent({ labels: {}, ports: [{ port: 0 }] }, 'web', 'shop'))).toEqual([
      'labels: needs at least one label to select the pods',
      'ports[0].port: must be an integer from 1 to 65535',
    ]);
    const document = {
      components: [
        { name: 'a', labels: { app: 'a' } },
        { name: 'b', labels: { app: 'b' } },
      ],
      flows: [flow],
    };
    expect(problems(() => readTopologyDocument(document, { fallbackName: 'x' }))).toEqual([
      'flows[0].ports[0].endPort: requires a numeric port',
    ]);
  });

  it('reads the document namespace, else the given default, else `default`', () => {
    const document = { components: [{ name: 'a', labels: { app: 'a' } }] };
    const namespaceOf = (d: object, defaultNamespace?: string) =>
      readTopologyDocument(d, { fallbackName: 'x', defaultNamespace }).components[0]!.namespace;
    expect(namespaceOf(document)).toBe('default');
    expect(namespaceOf(document, 'shop')).toBe('shop');
    expect(namespaceOf({ ...document, namespace: 'store' }, 'shop')).toBe('store');
  });

  it('names the line and column of a YAML syntax error, and refuses several documents', () => {
    expect(problems(() => parseTopologyDocument('components:\n  - name: [web\n', 'x'))).toEqual([
      expect.stringMatching(/^\(document\): not valid YAML or JSON: .* at line 3, column 1$/),
    ]);
    expect(problems(() => parseTopologyDocument('components: []\n---\ncomponents: []\n', 'x'))).toEqual([
      '(document): must be one YAML document, not several',
    ]);
  });
});

describe('snapshotFromTopology', () => {
  it('makes each component a workload `<ns>/<name>[Component]` and labels namespaces by name', () => {
    const s = snapshotFromTopology(parseTopologyDocument(doc, 'shop'));
    expect(s.workloads.map((w) => w.id)).toEqual(['data/db[Component]', 'shop/web[Component]']);
    expect(s.workloads[1]!.ports).toEqual([{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
    expect(s.namespaces).toEqual([
      { name: 'data', labels: { 'kubernetes.io/metadata.name': 'data' } },
      { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } },
    ]);
    expect(s.policies.map((p) => p.metadata?.name)).toEqual(['shop-db', 'shop-web']);
    expect(
      snapshotFromTopology(parseTopologyDocument(doc, 'shop'), { includeKubeDns: true }).workloads.map((w) => w.id),
    ).toContain('kube-system/kube-dns[Deployment]');
  });
});
