import { generateNetworkPolicies } from './generate';
import { snapshotFromTopology } from './from-topology';
import { LINT_CODES, lint, type Finding } from './lint';
import { loadSnapshot } from './loader';
import type { Topology } from './topology';

const topology: Topology = {
  name: 'shop',
  components: [
    { name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    { name: 'api', namespace: 'shop', labels: { app: 'api' }, ports: [{ name: 'api', port: 5000, protocol: 'TCP' }] },
    { name: 'batch', namespace: 'shop', labels: { app: 'batch' }, ports: [] },
  ],
  externals: [{ name: 'nowhere', cidr: '10.0.0.0/8', except: ['10.0.0.0/9', '10.128.0.0/9'] }],
  flows: [
    { from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 5001, protocol: 'TCP' }] },
    { from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 4990, endPort: 5010, protocol: 'TCP' }] },
  ],
};

const codes = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.object}`);

describe('lint a topology', () => {
  it('reports undeclared ports, endPort, unisolated components, empty externals and the CNI reminder', () => {
    expect(codes(lint({ topology }))).toEqual([
      'warning component-unisolated component batch',
      'warning ipblock-empty external nowhere',
      'warning port-not-declared flows[0] (web -> api)',
      'info cni-required application shop',
      'info end-port-used flows[1] (web -> api)',
    ]);
  });

  it('reports a named port the destination does not define as an error instead of throwing', () => {
    const t: Topology = {
      ...topology,
      flows: [{ from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 'grpc', protocol: 'TCP' }] }],
    };
    const errors = lint({ topology: t }).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, f.object])).toEqual([[LINT_CODES.namedPortUndefined, 'flows[0].ports[0].port']]);
  });

  it('warns that DNS is blocked when egress is isolated without dnsEgress, and about overlapping labels', () => {
    const t: Topology = {
      ...topology,
      components: [
        ...topology.components,
        { name: 'web-canary', namespace: 'shop', labels: { app: 'web', track: 'canary' }, ports: [] },
      ],
    };
    const found = codes(lint({ topology: t, settings: { dnsEgress: false } }));
    expect(found).toContain('warning dns-blocked application shop');
    expect(found).toContain('warning component-labels-overlap component web');
    expect(codes(lint({ topology: t, settings: { dnsEgress: false, isolation: 'ingress' } }))).not.toContain(
      'warning dns-blocked application shop',
    );
  });
});

describe('lint a snapshot', () => {
  it('finds nothing wrong with the policies generated for a clean topology but the CNI reminder', () => {
    const clean: Topology = {
      ...topology,
      externals: [],
      flows: [{ from: { component: 'web' }, to: { component: 'api' }, ports: [{ port: 'api', protocol: 'TCP' }] }],
    };
    const snapshot = snapshotFromTopology(clean, { includeKubeDns: true });
    expect(codes(lint({ snapshot }))).toEqual(['info cni-required cluster']);
    const noDns = snapshotFromTopology(clean, { generation: { dnsEgress: false } });
    expect(codes(lint({ snapshot: noDns }))).toEqual(
      expect.arrayContaining([
        'warning dns-blocked workload shop/api[Component]',
        'warning dns-blocked workload shop/web[Component]',
      ]),
    );
  });

  it('reports policies and peers that select nothing, unresolvable named ports and named ports toward egress ipBlocks (an ingress one resolves on the selected pod)', () => {
    const yaml = `
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [ { name: c, image: x, ports: [ { name: http, containerPort: 80 } ] } ] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ghost, namespace: shop }
spec: { podSelector: { matchLabels: { app: ghost } }, policyTypes: [Ingress] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [ { podSelector: { matchLabels: { app: nobody } } } ]
      ports: [ { port: https } ]
    - from: [ { ipBlock: { cidr: 10.0.0.0/8, except: [10.0.0.0/9, 10.128.0.0/9] } } ]
      ports: [ { port: http } ]
  egress:
    - to: [ { ipBlock: { cidr: 0.0.0.0/0 } } ]
      ports: [ { port: 443, endPort: 445 } ]
    - to: [ { ipBlock: { cidr: "2001:db8::/32", except: ["2001:db8::/33", "2001:db8:8000::/33"] } } ]
      ports: [ { port: http } ]
`;
    const snapshot = loadSnapshot([{ name: 'in.yaml', content: yaml }]);
    expect(codes(lint({ snapshot }))).toEqual([
      'error named-port-undefined policy shop/web ingress[0]',
      'warning policy-selects-nothing policy shop/ghost',
      'warning ipblock-empty policy shop/web egress[1]',
      'warning named-port-with-ipblock policy shop/web egress[1]',
      'warning peer-selects-nothing policy shop/web ingress[0]',
      'warning ipblock-empty policy shop/web ingress[1]',
      'warning dns-blocked workload shop/web[Pod]',
      'info cni-required cluster',
      'info end-port-used policy shop/web egress[0]',
    ]);
  });

  it('gives the generated policies of a valid topology no errors', () => {
    const policies = generateNetworkPolicies({ ...topology, externals: [] });
    const findings = lint({ snapshot: snapshotFromTopology({ ...topology, externals: [] }, { policies }) });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
