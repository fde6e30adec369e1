import { connectivity } from './connectivity';
import { EngineInputError, loadSnapshot } from './loader';

const file = (content: string, name = 'm.yaml') => [{ name, content }];
const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: x}
${extra}
`;

describe('loadSnapshot', () => {
  it('names a pod after its controller owner, ignoring Node owners and defaulting kind to Pod', () => {
    const s = loadSnapshot(
      file(
        [
          pod('rs-pod-1', '  ownerReferences: [{kind: ReplicaSet, name: web-7d, controller: true}]'),
          pod('rs-pod-2', '  ownerReferences: [{kind: ReplicaSet, name: web-7d, controller: true}]'),
          pod('etcd-node1', '  ownerReferences: [{kind: Node, name: node1, controller: true}]'),
          pod('kindless-1', '  ownerReferences: [{name: owner, controller: true}]'),
          pod('not-controller', '  ownerReferences: [{kind: ReplicaSet, name: x}]'),
          pod('virt-launcher-vm-abc'),
        ].join('---\n'),
      ),
    );
    expect(s.workloads.map((w) => w.id)).toEqual([
      'default/etcd-node1[Pod]',
      'default/not-controller[Pod]',
      'default/owner[Pod]',
      'default/web-7d[ReplicaSet]',
    ]);
  });

  it('flattens List and typed lists whose items omit kind, and reads CronJob templates', () => {
    const s = loadSnapshot(
      file(
        `{"kind": "PodList", "items": [{"metadata": {"name": "a", "namespace": "n1"}}]}
---
kind: List
items:
- apiVersion: batch/v1
  kind: CronJob
  metadata: {name: nightly, namespace: n2}
  spec:
    jobTemplate:
      spec:
        template:
          metadata: {labels: {job: nightly}}
          spec:
            containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]
`,
      ),
    );
    expect(s.workloads.map((w) => w.id)).toEqual(['n1/a[Pod]', 'n2/nightly[CronJob]']);
    expect(s.workloads[1]).toMatchObject({
      labels: { job: 'nightly' },
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    });
  });

  it('creates used namespaces and adds the name label to declared ones (rule 9)', () => {
    const s = loadSnapshot(
      file(
        `kind: Namespace\nmetadata: {name: declared, labels: {team: a}}\n---\n${pod('p').replace('name: p', 'name: p\n  namespace: used')}`,
      ),
    );
    expect(s.namespaces).toEqual([
      { name: 'declared', labels: { team: 'a', 'kubernetes.io/metadata.name': 'declared' } },
      { name: 'used', labels: { 'kubernetes.io/metadata.name': 'used' } },
    ]);
  });

  it('reads JSON files and warns about kinds it does not analyse', () => {
    const s = loadSnapshot(file('{"kind": "Widget", "metadata": {"name": "w"}}', 'w.json'));
    expect(s.workloads).toEqual([]);
    expect(s.warnings).toEqual([
      'w.json: kind Widget skipped (1 document): only Namespaces, Nodes, Pods, workload controllers, NetworkPolicies, AdminNetworkPolicies and BaselineAdminNetworkPolicies are analysed',
    ]);
  });

  it('skips ConfigMaps and Services with one warning per kind and file', () => {
    const cm = (name: string) => `kind: ConfigMap\nmetadata: {name: ${name}}\n`;
    const s = loadSnapshot([
      ...file(`${cm('a')}---\n${cm('b')}---\nkind: Service\nmetadata: {name: s}\n---\n${pod('p')}`, 'app.yaml'),
      ...file(cm('c'), 'more.yaml'),
    ]);
    expect(s.workloads.map((w) => w.id)).toEqual(['default/p[Pod]']);
    expect(s.warnings).toEqual([
      expect.stringMatching(/^app\.yaml: kind ConfigMap skipped \(2 documents\)/),
      expect.stringMatching(/^app\.yaml: kind Service skipped \(1 document\)/),
      expect.stringMatching(/^more\.yaml: kind ConfigMap skipped \(1 document\)/),
    ]);
  });

  it('reads pod IPs from status.podIP and status.podIPs, of every pod of a workload, in canonical text', () => {
    const owned = (name: string, status: string) =>
      `kind: Pod\nmetadata: {name: ${name}, ownerReferences: [{kind: ReplicaSet, name: rs, controller: true}]}\nspec: {containers: [{name: c, image: x}]}\nstatus: ${status}\n`;
    const s = loadSnapshot(
      file(
        [
          owned('rs-b', '{podIP: 10.0.0.2, podIPs: [{ip: 10.0.0.2}, {ip: "FD00:0:0::2"}]}'),
          owned('rs-a', '{podIPs: [{ip: "::ffff:10.0.0.1"}]}'),
          'kind: Pod\nmetadata: {name: h}\nspec: {hostNetwork: true, containers: [{name: c, image: x}]}\nstatus: {podIP: 192.168.1.10}\n',
          'kind: ReplicaSet\nmetadata: {name: rs}\nspec: {template: {metadata: {labels: {a: b}}}}\n',
        ].join('---\n'),
      ),
    );
    const byId = new Map(s.workloads.map((w) => [w.id, w]));
    // The ReplicaSet's template represents the workload; its pods still bring their IPs.
    expect(byId.get('default/rs[ReplicaSet]')?.podIps).toEqual(['10.0.0.1', '10.0.0.2', 'fd00::2']);
    // A hostNetwork pod's IP is its node's: never the pod's.
    expect(byId.get('default/h[Pod]')?.podIps).toBeUndefined();
    expect(() =>
      loadSnapshot(file('kind: Pod\nmetadata: {name: p}\nstatus: {podIP: 10.0.0.300}\n', 'bad.yaml')),
    ).toThrow(/^bad\.yaml: document 1: status\.podIP\(s\) must be IP addresses/);
    // ipaddr.js reads 010.0.0.1 as octal (8.0.0.1); Kubernetes never writes it, so it is refused, not misread.
    for (const ip of ['"010.0.0.1"', '"167772161"', '"::ffff:010.0.0.1"']) {
      expect(() => loadSnapshot(file(`kind: Pod\nmetadata: {name: p}\nstatus: {podIP: ${ip}}\n`, 'bad.yaml'))).toThrow(
        /^bad\.yaml: document 1: status\.podIP\(s\) must be IP addresses/,
      );
    }
  });

  describe('a Deployment from git with its live ReplicaSet and pods (kubectl get -o yaml)', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]}
`;
    const replicaSet = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f7c9b4
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
spec:
  template:
    metadata: {labels: {app: web, pod-template-hash: 5d8f7c9b4}}
    spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]}
`;
    const livePod = (name: string, ip: string, owner = 'web-5d8f7c9b4', hash = '5d8f7c9b4') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: {app: web, pod-template-hash: ${hash}}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${owner}, controller: true}]
spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: ${ip}}
`;
    const client = `apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {app: client}}
spec: {containers: [{name: c, image: c}]}
`;
    const egressToBlock = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.1.0.0/24}}], ports: [{port: 8080}]}]
`;
    const load = (...docs: string[]) =>
      loadSnapshot([
        { name: 'git/web.yaml', content: docs[0]! },
        { name: 'live.yaml', content: docs.slice(1).join('---\n') },
      ]);

    it("are one workload, the Deployment, with the pods' IPs (ReplicaSet owner reference)", () => {
      const s = load(
        deployment,
        replicaSet,
        livePod('web-5d8f7c9b4-abcde', '10.1.0.7'),
        livePod('web-5d8f7c9b4-fghij', '10.1.0.8'),
      );
      expect(s.workloads).toEqual([
        expect.objectContaining({
          id: 'shop/web[Deployment]',
          labels: { app: 'web' },
          podIps: ['10.1.0.7', '10.1.0.8'],
        }),
      ]);
    });

    it('are one workload without the ReplicaSet object, by its name [DEPLOYMENT]-[pod-template-hash]', () => {
      const s = load(deployment, livePod('web-5d8f7c9b4-abcde', '10.1.0.7'));
      expect(s.workloads.map((w) => [w.id, w.podIps])).toEqual([['shop/web[Deployment]', ['10.1.0.7']]]);
    });

    it('keep a ReplicaSet of no Deployment in the manifests, or whose name does not match the hash', () => {
      expect(load(client, livePod('web-5d8f7c9b4-abcde', '10.1.0.7')).workloads.map((w) => w.id)).toEqual([
        'shop/client[Pod]',
        'shop/web-5d8f7c9b4[ReplicaSet]',
      ]);
      const other = livePod('other-77-x', '10.1.0.9', 'other-77', '66');
      expect(load(deployment, other).workloads.map((w) => w.id)).toEqual([
        'shop/other-77[ReplicaSet]',
        'shop/web[Deployment]',
      ]);
    });

    it('under podIps: match, an ipBlock holding a live pod IP admits the Deployment', () => {
      const s = load(
        deployment + '---\n' + client + '---\n' + egressToBlock,
        replicaSet,
        livePod('web-5d8f7c9b4-abcde', '10.1.0.7'),
      );
      const toWeb = connectivity(s, { podIps: 'match' }).connections.filter((x) => x.src === 'shop/client[Pod]');
      expect(toWeb).toEqual([
        { src: 'shop/client[Pod]', dst: 'shop/web[Deployment]', conns: [{ protocol: 'TCP', ports: [[8080, 8080]] }] },
        expect.objectContaining({ dst: '10.1.0.0-10.1.0.6' }),
        expect.objectContaining({ dst: '10.1.0.8-10.1.0.255' }),
      ]);
    });
  });

  it('names the file and document of a syntax error', () => {
    const load = () => loadSnapshot(file('kind: Namespace\nmetadata: {name: a}\n---\nkind: [unclosed\n', 'bad.yaml'));
    expect(load).toThrow(EngineInputError);
    expect(load).toThrow(/^bad\.yaml: document 2: invalid YAML: /);
  });

  it('rejects a billion-laughs document instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(() => loadSnapshot(file(lines.join('\n'), 'lol.yaml'))).toThrow(
      /^lol\.yaml: expands to more than 200000 elements with its aliases \(the limit\)$/,
    );
  });

  it('rejects more than 100 aliases, and bracket nesting past 64, before building a tree', () => {
    const aliases = `a: &a [x]\nb: [${Array(101).fill('*a').join(',')}]\n`;
    expect(() => loadSnapshot(file(aliases, 'many.yaml'))).toThrow(/^many\.yaml: has more than 100 YAML aliases/);
    const deep = `kind: Pod\nmetadata: ${'['.repeat(65)}${']'.repeat(65)}\n`;
    expect(() => loadSnapshot(file(deep, 'deep.yaml'))).toThrow(/^deep\.yaml: nests deeper than 64 levels$/);
  });

  it.each([
    ['policyTypes', 'policyTypes: [Sideways]', /spec\.policyTypes\[0\] must be Ingress or Egress/],
    [
      'operator',
      'ingress: [{from: [{podSelector: {matchExpressions: [{key: a, operator: Near}]}}]}]',
      /operator must be one of/,
    ],
    [
      'ipBlock with selector',
      'ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]',
      /must not combine ipBlock/,
    ],
    ['bad CIDR', 'egress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}]}]', /cidr is not a valid CIDR/],
    [
      'except outside cidr',
      'egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]}]',
      /except\[0\] must be a strict subnet/,
    ],
    ['protocol', 'ingress: [{ports: [{port: 1, protocol: ICMP}]}]', /protocol must be one of TCP, UDP, SCTP/],
    [
      'endPort without numeric port',
      'ingress: [{ports: [{port: http, endPort: 90}]}]',
      /endPort requires a numeric port/,
    ],
    ['endPort below port', 'ingress: [{ports: [{port: 100, endPort: 90}]}]', /endPort must be >= port/],
    ['port out of range', 'ingress: [{ports: [{port: 70000}]}]', /port must be 1-65535/],
  ])('rejects an invalid NetworkPolicy (%s) naming file, document and field', (_, specLine, message) => {
    const doc = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ${specLine}\n`;
    expect(() => loadSnapshot(file(`kind: Namespace\nmetadata: {name: x}\n---\n${doc}`, 'np.yaml'))).toThrow(
      EngineInputError,
    );
    expect(() => loadSnapshot(file(`kind: Namespace\nmetadata: {name: x}\n---\n${doc}`, 'np.yaml'))).toThrow(
      new RegExp(`^np\\.yaml: document 2: .*${message.source}`),
    );
  });

  it('rejects the same policy defined twice', () => {
    const doc = 'kind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}}\n';
    expect(() => loadSnapshot(file(`${doc}---\n${doc}`))).toThrow(/default\/p is defined twice/);
  });
});
