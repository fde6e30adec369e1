import { generateNetworkPolicies, parseTopologyDocument } from '.';
import { drift } from './drift';

const topology = parseTopologyDocument(
  `
namespace: shop
components:
  - { name: web, labels: { app: web }, ports: [{ port: 80 }] }
  - { name: api, labels: { app: api }, ports: [{ name: http, port: 5000 }] }
  - { name: db, labels: { app: db }, ports: [{ port: 3306 }] }
externals: [{ name: internet, cidr: 0.0.0.0/0, except: [10.0.0.0/8] }]
flows:
  - { from: { external: internet }, to: { component: web }, ports: [{ port: 80 }] }
  - { from: { component: web }, to: { component: api }, ports: [{ port: http }] }
  - { from: { component: api }, to: { component: db }, ports: [{ port: 3306 }] }
  - { from: { component: api }, to: { selector: { namespaceSelector: { matchLabels: { team: ops } } } } }
`,
  'shop',
);

describe('drift', () => {
  it('finds nothing blocked or undeclared when the live policies are the generated ones', () => {
    const report = drift(topology, generateNetworkPolicies(topology));
    expect(report.blocked).toEqual([]);
    expect(report.undeclared).toEqual([]);
    // A selector end names pods outside the application: it cannot be checked on components alone.
    expect(report.unchecked).toEqual([{ id: 'flows[3]', reason: 'a selector end names pods outside the application' }]);
  });

  it('reports a declared flow the live policies block, with the reason of the denying side', () => {
    const live = generateNetworkPolicies({ ...topology, flows: topology.flows.filter((_, i) => i !== 2) });
    const report = drift(topology, live);
    expect(report.blocked).toEqual([
      expect.objectContaining({
        id: 'flows[2]',
        from: { component: 'api' },
        to: { component: 'db' },
        blocked: [{ protocol: 'TCP', ports: [[3306, 3306]] }],
      }),
    ]);
    expect(report.blocked[0]!.reason).not.toBe('');
  });

  it('reports connections the live policies allow between components that no flow declares', () => {
    const report = drift(topology, []);
    expect(report.blocked).toEqual([]);
    expect(report.undeclared).toContainEqual({ from: 'web', to: 'db', conns: 'All Connections' });
    // Declared ports are taken out: web -> api is open, minus the declared 5000.
    const webToApi = report.undeclared.find((u) => u.from === 'web' && u.to === 'api')!;
    expect(webToApi.conns).not.toBe('All Connections');
  });

  it('checks a flow from an external at its representative address, outside its except ranges', () => {
    const live = generateNetworkPolicies({ ...topology, flows: topology.flows.filter((_, i) => i !== 0) });
    expect(drift(topology, live).blocked.map((b) => b.id)).toEqual(['flows[0]']);
  });
});
