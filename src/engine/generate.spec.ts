import { connectivity } from './connectivity';
import { evaluate } from './evaluate';
import { snapshotFromTopology } from './from-topology';
import fc from 'fast-check';
import { propertyRuns } from '../../test/support/property-runs';
import { canonicalJson } from './canonical';
import { generateNetworkPolicies, policyName, portKey, ruleKey, type PolicyPort } from './generate';
import type { Topology } from './topology';
import { TopologyError } from './topology-error';

/** The seed scenario of DESIGN.md. */
const threeTier: Topology = {
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
      namespace: 'shop',
      labels: { role: 'db' },
      ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }],
    },
  ],
  externals: [{ name: 'internet', cidr: '0.0.0.0/0', except: [] }],
  flows: [
    {
      from: { external: 'internet' },
      to: { component: 'web' },
      ports: [{ port: 80, protocol: 'TCP' }],
    },
    {
      from: { component: 'web' },
      to: { component: 'api' },
      ports: [{ port: 5000, protocol: 'TCP' }],
    },
    {
      from: { component: 'api' },
      to: { component: 'db' },
      ports: [{ port: 3306, protocol: 'TCP' }],
    },
  ],
};

const labels = {
  'app.kubernetes.io/managed-by': 'flowpolicy',
  'flowpolicy.io/application': 'shop',
};
const dnsRule = {
  to: [
    {
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
      },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'TCP', port: 53 },
    { protocol: 'UDP', port: 53 },
  ],
};

describe('generateNetworkPolicies', () => {
  it('in ingress mode gives the db policy of the seed scenario exactly', () => {
    const policies = generateNetworkPolicies(threeTier, {
      isolation: 'ingress',
    });
    expect(policies.map((p) => p.metadata?.name)).toEqual(['shop-api', 'shop-db', 'shop-web']);
    expect(policies.find((p) => p.metadata?.name === 'shop-db')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'shop-db', namespace: 'shop', labels },
      spec: {
        podSelector: { matchLabels: { role: 'db' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { name: 'api-pod' } } }],
            ports: [{ protocol: 'TCP', port: 3306 }],
          },
        ],
      },
    });
    expect(policies.every((p) => p.spec?.egress === undefined)).toBe(true);
  });

  it('in both mode isolates egress too, allows DNS, and denies all ingress to a pure client', () => {
    const policies = generateNetworkPolicies(threeTier);
    const web = policies.find((p) => p.metadata?.name === 'shop-web')!;
    expect(web.spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
          ports: [{ protocol: 'TCP', port: 80 }],
        },
      ],
      egress: [
        dnsRule,
        {
          to: [{ podSelector: { matchLabels: { name: 'api-pod' } } }],
          ports: [{ protocol: 'TCP', port: 5000 }],
        },
      ].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    });
    const db = policies.find((p) => p.metadata?.name === 'shop-db')!;
    expect(db.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(db.spec?.egress).toEqual([dnsRule]);
  });

  it('leaves DNS out when dnsEgress is false, and topology settings are overridden by options', () => {
    const t: Topology = {
      ...threeTier,
      settings: { dnsEgress: false, isolation: 'ingress' },
    };
    expect(generateNetworkPolicies(t).every((p) => p.spec?.policyTypes?.length === 1)).toBe(true);
    const db = generateNetworkPolicies(t, { isolation: 'both' }).find((p) => p.metadata?.name === 'shop-db')!;
    expect(db.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(db.spec?.egress).toBeUndefined();
  });

  it('shares a peer between the policies that name it, frozen, so editing one policy cannot edit another', () => {
    const policies = generateNetworkPolicies(threeTier, { isolation: 'both' });
    const peersOf = (name: string) => {
      const spec = policies.find((p) => p.metadata?.name === name)?.spec;
      return [
        ...(spec?.ingress ?? []).flatMap((r) => r.from ?? []),
        ...(spec?.egress ?? []).flatMap((r) => r.to ?? []),
      ];
    };
    const every = ['shop-web', 'shop-api', 'shop-db'].flatMap(peersOf);
    expect(every.length).toBeGreaterThan(0);
    for (const peer of every) {
      expect(Object.isFrozen(peer)).toBe(true);
      expect(() => {
        (peer as { podSelector?: unknown }).podSelector = { matchLabels: { app: 'evil' } };
      }).toThrow(TypeError);
    }
  });

  it('gives no policy to a component without flows', () => {
    const t: Topology = {
      ...threeTier,
      components: [
        ...threeTier.components,
        {
          name: 'batch',
          namespace: 'shop',
          labels: { app: 'batch' },
          ports: [],
        },
      ],
    };
    expect(generateNetworkPolicies(t).map((p) => p.metadata?.name)).toEqual(['shop-api', 'shop-db', 'shop-web']);
  });

  it('selects a component of another namespace by namespace name and labels', () => {
    const t: Topology = {
      ...threeTier,
      components: threeTier.components.map((c) => (c.name === 'db' ? { ...c, namespace: 'data' } : c)),
    };
    const db = generateNetworkPolicies(t).find((p) => p.metadata?.name === 'shop-db')!;
    expect(db.metadata?.namespace).toBe('data');
    expect(db.spec?.ingress?.[0]?.from).toEqual([
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'shop' },
        },
        podSelector: { matchLabels: { name: 'api-pod' } },
      },
    ]);
  });

  it('writes IPv6 externals with their excepts as ipBlocks that allow exactly the declared flows', () => {
    const t: Topology = {
      ...threeTier,
      externals: [
        { name: 'office6', cidr: '2001:db8:1::/48', except: ['2001:db8:1:ff::/64'] },
        { name: 'mirror6', cidr: '2001:db8:2::/48', except: [] },
      ],
      flows: [
        { from: { external: 'office6' }, to: { component: 'web' }, ports: [{ port: 'http', protocol: 'TCP' }] },
        { from: { component: 'api' }, to: { external: 'mirror6' }, ports: [{ port: 443, protocol: 'TCP' }] },
      ],
    };
    const policies = generateNetworkPolicies(t, { dnsEgress: false });
    const web = policies.find((p) => p.metadata?.name === policyName('shop', 'web'))!;
    expect(web.spec?.ingress).toEqual([
      {
        from: [{ ipBlock: { cidr: '2001:db8:1::/48', except: ['2001:db8:1:ff::/64'] } }],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ]);
    const snapshot = snapshotFromTopology(t, { policies });
    const allowed = (from: string, to: string, port: number) =>
      evaluate(snapshot, {
        from: from.includes(':') ? { ip: from } : { workload: `shop/${from}[Component]` },
        to: to.includes(':') ? { ip: to } : { workload: `shop/${to}[Component]` },
        protocol: 'TCP',
        port,
      }).allowed;
    expect([
      allowed('2001:db8:1::9', 'web', 80),
      allowed('2001:db8:1:ff::9', 'web', 80),
      allowed('api', '2001:db8:2::1', 443),
      allowed('api', '2001:db8:3::1', 443),
    ]).toEqual([true, false, true, false]);
    expect(connectivity(snapshot).connections).toContainEqual({
      src: '2001:db8:1::-2001:db8:1:fe:ffff:ffff:ffff:ffff',
      dst: 'shop/web[Component]',
      conns: [{ protocol: 'TCP', ports: [[80, 80]] }],
    });
  });

  it('writes an IPv4-mapped external as the IPv4 CIDR it means, so a CNI matches IPv4 packets with it', () => {
    // The engine reads ::ffff:10.0.0.0/104 as 10.0.0.0/8; a CNI that parses the policy (Cilium's
    // netip.ParsePrefix, say) would keep it an IPv6 prefix that no IPv4 packet ever matches.
    const t: Topology = {
      ...threeTier,
      externals: [
        { name: 'corp', cidr: '::ffff:10.0.0.0/104', except: ['::ffff:10.2.0.0/112', '::ffff:10.1.0.0/112'] },
      ],
      flows: [{ from: { external: 'corp' }, to: { component: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    const web = generateNetworkPolicies(t, { dnsEgress: false }).find(
      (p) => p.metadata?.name === policyName('shop', 'web'),
    )!;
    expect(web.spec?.ingress).toEqual([
      {
        from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } }],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ]);
  });

  it('keeps a named port towards a component and resolves it for an ipBlock peer', () => {
    const t: Topology = {
      ...threeTier,
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
      ],
    };
    const [api, web] = generateNetworkPolicies(t, { dnsEgress: false });
    expect(api!.spec?.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { app: 'web' } } }],
        ports: [{ protocol: 'TCP', port: 'api' }],
      },
    ]);
    expect(web!.spec?.egress).toEqual([
      {
        to: [{ podSelector: { matchLabels: { name: 'api-pod' } } }],
        ports: [{ protocol: 'TCP', port: 'api' }],
      },
    ]);
    expect(web!.spec?.ingress).toEqual([
      {
        from: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
        ports: [{ protocol: 'TCP', port: 80 }],
      },
    ]);
  });

  it('merges duplicate peers and ports, groups peers sharing ports, and a portless flow allows everything', () => {
    const t: Topology = {
      ...threeTier,
      externals: [
        {
          name: 'office',
          cidr: '10.0.0.0/8',
          except: ['10.1.0.0/16', '10.1.0.0/16'],
        },
      ],
      flows: [
        {
          from: { component: 'web' },
          to: { component: 'db' },
          ports: [{ port: 3306, protocol: 'TCP' }],
        },
        {
          from: { component: 'api' },
          to: { component: 'db' },
          ports: [
            { port: 3306, protocol: 'TCP' },
            { port: 3306, protocol: 'TCP' },
          ],
        },
        {
          from: { component: 'api' },
          to: { component: 'db' },
          ports: [{ port: 3300, endPort: 3310, protocol: 'TCP' }],
        },
        { from: { external: 'office' }, to: { component: 'db' }, ports: [] },
      ],
    };
    const db = generateNetworkPolicies(t).find((p) => p.metadata?.name === 'shop-db')!;
    expect(db.spec?.ingress).toEqual([
      { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] },
      {
        from: [{ podSelector: { matchLabels: { app: 'web' } } }],
        ports: [{ protocol: 'TCP', port: 3306 }],
      },
      {
        from: [{ podSelector: { matchLabels: { name: 'api-pod' } } }],
        ports: [{ protocol: 'TCP', port: 3300, endPort: 3310 }],
      },
    ]);
  });

  it('is deterministic whatever the order of components and flows', () => {
    const shuffled: Topology = {
      ...threeTier,
      components: [...threeTier.components].reverse(),
      flows: [...threeTier.flows].reverse(),
    };
    expect(JSON.stringify(generateNetworkPolicies(shuffled))).toBe(JSON.stringify(generateNetworkPolicies(threeTier)));
  });

  it('puts policies only in owned namespaces: a component elsewhere is refused by name, a peer elsewhere is not', () => {
    const t: Topology = {
      ...threeTier,
      components: threeTier.components.map((c) => (c.name === 'db' ? { ...c, namespace: 'secret-app' } : c)),
    };
    expect(() => generateNetworkPolicies(t, { ownedNamespaces: ['shop'] })).toThrow(TopologyError);
    try {
      generateNetworkPolicies(t, { ownedNamespaces: ['shop'] });
    } catch (e) {
      expect((e as TopologyError).issues).toEqual([
        {
          field: 'components[2].namespace',
          message: 'component "db" is in namespace "secret-app", which application "shop" does not own',
        },
      ]);
    }
    const owned = generateNetworkPolicies(t, { ownedNamespaces: ['shop', 'secret-app'] });
    expect(owned.map((p) => p.metadata?.namespace)).toEqual(['secret-app', 'shop', 'shop']);
    // A selector peer may name any namespace: it only ever appears inside the owned namespace's rules.
    const withPeer: Topology = {
      ...threeTier,
      flows: [
        ...threeTier.flows,
        {
          from: { component: 'api' },
          to: {
            selector: {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } },
              podSelector: { matchLabels: { app: 'payments-api' } },
            },
          },
          ports: [{ port: 8443, protocol: 'TCP' }],
        },
      ],
    };
    const policies = generateNetworkPolicies(withPeer, { ownedNamespaces: ['shop'] });
    expect(new Set(policies.map((p) => p.metadata?.namespace))).toEqual(new Set(['shop']));
  });

  it('rejects unknown components, undefined or misplaced named ports and bad endPorts', () => {
    const bad: Topology = {
      ...threeTier,
      flows: [
        { from: { component: 'nope' }, to: { component: 'db' }, ports: [] },
        {
          from: { component: 'web' },
          to: { component: 'db' },
          ports: [{ port: 'nope', protocol: 'TCP' }],
        },
        {
          from: { component: 'web' },
          to: { component: 'db' },
          ports: [{ port: 90, endPort: 80, protocol: 'TCP' }],
        },
        {
          from: { component: 'web' },
          to: { external: 'internet' },
          ports: [{ port: 'https', protocol: 'TCP' }],
        },
      ],
    };
    expect(() => generateNetworkPolicies(bad)).toThrow(TopologyError);
    try {
      generateNetworkPolicies(bad);
    } catch (e) {
      expect((e as TopologyError).issues.map((i) => i.field).sort()).toEqual(
        [
          'flows[0].from.component',
          'flows[1].ports[0].port',
          'flows[2].ports[0].endPort',
          'flows[3].ports[0].port',
        ].sort(),
      );
    }
  });
});

describe('policyName', () => {
  it('is DNS-1123 safe and at most 253 characters', () => {
    expect(policyName('shop', 'Web_Frontend')).toBe('shop-web-frontend');
    const long = policyName('shop', 'x'.repeat(400));
    expect(long.length).toBeLessThanOrEqual(253);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('never meets two components whose names sanitize alike: a name must be a DNS-1123 label', () => {
    const t: Topology = {
      ...threeTier,
      components: [...threeTier.components, { name: 'WEB', namespace: 'shop', labels: { app: 'web2' }, ports: [] }],
      flows: [...threeTier.flows, { from: { component: 'WEB' }, to: { component: 'api' }, ports: [] }],
    };
    expect(() => generateNetworkPolicies(t)).toThrow(/components\[3\]\.name: must be a DNS-1123 label/);
  });
});

describe('ruleKey', () => {
  // buildRules sorts rules by this key instead of canonicalJson of each rule; it must be the same text.
  const member = fc.oneof(fc.string(), fc.constantFrom('10', '9', '0', 'ports', 'peers', '__proto__x'));
  const peer = fc.dictionary(member, fc.oneof(fc.jsonValue(), fc.constant(undefined)));
  const ports = fc.array(fc.dictionary(member, fc.oneof(fc.integer(), fc.string(), fc.constant(undefined))));

  it('is canonicalJson of { peers, ports? }, from the canonical JSON of each peer and of the ports', () => {
    fc.assert(
      fc.property(fc.array(peer), fc.option(ports, { nil: undefined }), (peers, rulePorts) => {
        const rule = rulePorts === undefined ? { peers } : { peers, ports: rulePorts };
        const key = ruleKey(
          peers.map((p) => canonicalJson(p)),
          rulePorts === undefined ? undefined : canonicalJson(rulePorts),
        );
        expect(key).toBe(canonicalJson(rule));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('portKey', () => {
  // normalizePorts and buildRules dedupe, order and group ports by this key instead of canonicalJson.
  const port = fc.record(
    {
      endPort: fc.oneof(fc.integer(), fc.constant(undefined)),
      port: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.string(), fc.constant(undefined)),
      protocol: fc.oneof(fc.constantFrom('TCP', 'UDP', 'SCTP'), fc.string(), fc.constant(undefined)),
    },
    { requiredKeys: [] },
  );

  it('is canonicalJson of the port, whatever members it has and in whatever order they were set', () => {
    fc.assert(
      fc.property(port, fc.boolean(), (p, reversed) => {
        const built = (reversed ? Object.fromEntries(Object.entries(p).reverse()) : p) as PolicyPort;
        expect(portKey(built)).toBe(canonicalJson(built));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
