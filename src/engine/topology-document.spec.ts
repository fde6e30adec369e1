import { snapshotFromTopology } from './from-topology';
import { parseTopologyDocument } from './topology-document';
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
