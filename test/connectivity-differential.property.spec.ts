/**
 * Differential property test of connectivity(): on random snapshots, the per-class algorithm of
 * src/engine/connectivity.ts must give exactly what today's per-pair algorithm gave (the copy kept in
 * src/bench/baseline) and exactly what evaluate() answers pair by pair, port atom by port atom.
 * The snapshots mix IPv4 and IPv6 ipBlocks with excepts, ipBlock peers with named ports in both
 * directions, pods with IPv4/IPv6 pod IPs inside and outside those blocks, and are read under every
 * AnalysisOptions (podIps ignore/match, enforcement standard/none); external ranges of both families
 * are compared too. The table's connlist order and its filters are checked against the sorted,
 * filtered report.
 * Each property checks 150 snapshots in the slow project and 15 in the unit one
 * (test/support/property-runs.ts); FC_RUNS sets the number in both.
 * Most of the time goes to the per-pair evaluate() oracle, not to the comparisons: each comparison
 * tries Node's strict deep equality first and leaves the verdict (and the report of a difference) to
 * Jest's toEqual only when that finds the two apart, since Jest's equality is several times slower.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { baselineConnectivity } from '../src/bench/baseline/connectivity';
import { connectivityTuning } from '../src/engine/connectivity';
import { propertyRuns } from './support/property-runs';
import { policy } from './support/snapshot-builders';
import {
  PortSet,
  compileSnapshot,
  connectivity,
  connectivityTable,
  evaluate,
  type AdminPeer,
  type AdminPolicy,
  type AdminPolicySet,
  type AdminPort,
  type AdminRule,
  type AnalysisOptions,
  type CompiledSnapshot,
  type ConnectivityTable,
  type Conns,
  type Endpoint,
  type LabelSelector,
  type NetworkPolicy,
  type Protocol,
  type Snapshot,
  type Workload,
  sortedConnections,
} from '../src/engine';

const RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : propertyRuns(150);

/**
 * expect(actual).toEqual(expected), with a cheap first look: strictly deep-equal values are equal to
 * toEqual as well, so only values that differ there (or differ only in ways toEqual ignores, such as
 * an undefined property) go to Jest, which then gives the verdict and reports the difference.
 */
function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}
const NAMESPACES = ['ns-a', 'ns-b', 'ns-c'] as const;
const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
/** TCP more often than not, so named ports of rules and pods meet often enough to matter. */
const protocolArb = fc.constantFrom<Protocol>('TCP', 'TCP', 'UDP', 'SCTP');
const PORT_NAMES = ['http', 'grpc', 'dns'] as const;
const PORT_NUMBERS = [53, 80, 81, 443, 8080, 9000] as const;
const LABELS = { app: ['a', 'b', 'c'], tier: ['x', 'y'], team: ['t1', 't2'] } as const;
type LabelKey = keyof typeof LABELS;
const KEYS = Object.keys(LABELS) as LabelKey[];
const IP_BLOCKS = [
  { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.0/24'] },
  { cidr: '10.1.0.0/16' },
  { cidr: '192.168.1.0/24', except: [] },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
  { cidr: '203.0.113.7/32' },
  { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] },
  { cidr: 'fd00::/16', except: ['fd00::/112'] },
  { cidr: '::/0', except: ['2001:db8::/32'] },
] as const;
/**
 * Pod IPs, inside and outside the blocks above and their excepts, so that under `podIps: match`
 * workloads alike in every label fall differently into ipBlocks (and classes must tell them apart).
 */
const POD_IPS = [
  '10.1.0.5',
  '10.2.3.9',
  '10.9.0.1',
  '192.168.1.20',
  '203.0.113.7',
  '172.16.0.1',
  'fd00::5',
  'fd00::1:5',
  '2001:db8:1::9',
  '2001:db8:2::9',
] as const;

const labelsArb = (keys: readonly string[], values: (key: string) => readonly string[]) =>
  fc
    .subarray([...keys])
    .chain((chosen) =>
      fc
        .tuple(...chosen.map((k) => fc.constantFrom(...values(k))))
        .map((vs) => Object.fromEntries(chosen.map((k, i) => [k, vs[i]!]))),
    );

const podLabelsArb = labelsArb(KEYS, (k) => LABELS[k as LabelKey]);

const containerPortsArb = fc.uniqueArray(
  fc.record({
    name: fc.option(fc.constantFrom(...PORT_NAMES), { nil: undefined }),
    containerPort: fc.constantFrom(...PORT_NUMBERS),
    protocol: protocolArb,
  }),
  { maxLength: 3, selector: (p) => p.name ?? `#${p.containerPort}/${p.protocol}` },
);

const requirementArb = (keys: readonly string[], values: (key: string) => readonly string[]) =>
  fc.constantFrom(...keys).chain((key) =>
    fc.oneof(
      fc.record({
        key: fc.constant(key),
        operator: fc.constantFrom('In' as const, 'NotIn' as const),
        values: fc.subarray([...values(key)], { minLength: 1 }),
      }),
      fc.record({ key: fc.constant(key), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
    ),
  );

const selectorArb = (
  keys: readonly string[],
  values: (key: string) => readonly string[],
): fc.Arbitrary<LabelSelector> =>
  fc
    .record(
      {
        matchLabels: labelsArb(keys, values).filter((l) => Object.keys(l).length <= 1),
        matchExpressions: fc.array(requirementArb(keys, values), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((s) => s as LabelSelector);

const podSelectorArb = selectorArb(KEYS, (k) => LABELS[k as LabelKey]);
const NS_VALUES: Record<string, readonly string[]> = {
  'kubernetes.io/metadata.name': NAMESPACES,
  env: ['prod', 'dev'],
};
const namespaceSelectorArb = selectorArb(Object.keys(NS_VALUES), (k) => NS_VALUES[k]!);

const peerArb = fc.oneof(
  podSelectorArb.map((podSelector) => ({ podSelector })),
  namespaceSelectorArb.map((namespaceSelector) => ({ namespaceSelector })),
  fc.record({ podSelector: podSelectorArb, namespaceSelector: namespaceSelectorArb }),
  fc.constantFrom(...IP_BLOCKS).map((ipBlock) => ({ ipBlock })),
);

/** Any port, now and then: enough distinct numbers make more than 32 (or 128) port atoms. */
const widePortArb = fc
  .record({ port: fc.integer({ min: 1, max: 65535 }), span: fc.nat({ max: 2000 }), protocol: protocolArb })
  .map(({ port, span, protocol }) => ({
    port,
    ...(span > 1000 ? { endPort: Math.min(65535, port + span) } : {}),
    protocol,
  }));

const policyPortArb = fc.oneof(
  fc.record({ port: fc.constantFrom(...PORT_NUMBERS), protocol: protocolArb }, { requiredKeys: ['port'] }),
  fc
    .record({ port: fc.constantFrom(...PORT_NUMBERS), span: fc.integer({ min: 0, max: 600 }), protocol: protocolArb })
    .map(({ port, span, protocol }) => ({ port, endPort: port + span, protocol })),
  fc.record({ port: fc.constantFrom(...PORT_NAMES), protocol: protocolArb }, { requiredKeys: ['port'] }),
  fc.record({ protocol: protocolArb }, { requiredKeys: [] }),
);

/** An ipBlock-only peer list with a named port: the ports resolve on the destination pod (rule 12). */
const ipPeersWithNamedPortArb = fc.record({
  peers: fc.uniqueArray(
    fc.constantFrom(...IP_BLOCKS).map((ipBlock) => ({ ipBlock })),
    { minLength: 1, maxLength: 2 },
  ),
  ports: fc.tuple(
    fc.record({ port: fc.constantFrom(...PORT_NAMES), protocol: protocolArb }, { requiredKeys: ['port'] }),
    fc.array(policyPortArb, { maxLength: 1 }),
  ),
});

/** Absent, empty, or a few entries: `[]` and absent both mean "every peer" / "every port" (rule 5). */
const listOrAbsent = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(fc.constant(undefined), fc.constant([] as T[]), fc.array(arb, { minLength: 1, maxLength: 3 }));

const ruleArb = (peersField: 'from' | 'to') =>
  fc.oneof(
    fc
      .record({
        peers: listOrAbsent(peerArb),
        ports: fc.oneof(
          { weight: 4, arbitrary: listOrAbsent(policyPortArb) },
          { weight: 1, arbitrary: fc.array(fc.oneof(widePortArb, policyPortArb), { minLength: 4, maxLength: 16 }) },
        ),
      })
      .map(({ peers, ports }) => ({
        ...(peers === undefined ? {} : { [peersField]: peers }),
        ...(ports === undefined ? {} : { ports }),
      })),
    ipPeersWithNamedPortArb.map(({ peers, ports }) => ({ [peersField]: peers, ports: [ports[0], ...ports[1]] })),
  );

const policyArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: podSelectorArb,
  policyTypes: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.option(fc.array(ruleArb('from'), { maxLength: 3 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleArb('to'), { maxLength: 3 }), { nil: undefined }),
});

const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({
    envs: fc.tuple(...NAMESPACES.map(() => fc.option(fc.constantFrom('prod', 'dev'), { nil: undefined }))),
    workloads: fc.array(
      fc.record({
        namespace: fc.constantFrom(...NAMESPACES),
        kind: fc.constantFrom(...KINDS),
        labels: podLabelsArb,
        ports: containerPortsArb,
        podIps: fc.subarray([...POD_IPS], { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    // Copies of drawn workloads (same namespace, labels and ports) with their own pod IPs: only
    // the pod IPs can tell them apart, so classes must split them by ipBlock under `podIps: match`.
    clones: fc.array(fc.record({ of: fc.nat(), podIps: fc.subarray([...POD_IPS], { maxLength: 2 }) }), {
      maxLength: 3,
    }),
    policies: fc.array(policyArb, { maxLength: 5 }),
  })
  .map(({ envs, workloads: drawn, clones, policies }) => {
    const workloads = [...drawn, ...clones.map((c) => ({ ...drawn[c.of % drawn.length]!, podIps: c.podIps }))];
    // A pod IP belongs to one pod: a later workload drawing an IP already taken goes without it.
    const taken = new Set<string>();
    const podIpsOf = (ips: readonly string[]) => {
      const own = ips.filter((ip) => !taken.has(ip));
      for (const ip of own) taken.add(ip);
      return own;
    };
    return {
      namespaces: NAMESPACES.map((name, i) => ({
        name,
        labels: { 'kubernetes.io/metadata.name': name, ...(envs[i] ? { env: envs[i] } : {}) },
      })),
      workloads: workloads.map((w, i): Workload => ({
        id: `${w.namespace}/w${i}[${w.kind}]`,
        namespace: w.namespace,
        name: `w${i}`,
        kind: w.kind,
        labels: w.labels,
        ports: w.ports.map((p) =>
          p.name === undefined ? { containerPort: p.containerPort, protocol: p.protocol } : p,
        ),
        podIps: podIpsOf(w.podIps),
      })),
      policies: policies.map(
        (p, i) =>
          ({
            apiVersion: 'networking.k8s.io/v1',
            kind: 'NetworkPolicy',
            metadata: { name: `p${i}`, namespace: p.namespace },
            spec: {
              podSelector: p.podSelector,
              ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}),
              ...(p.ingress ? { ingress: p.ingress } : {}),
              ...(p.egress ? { egress: p.egress } : {}),
            },
          }) as NetworkPolicy,
      ),
      warnings: [],
    };
  });

/** CIDRs of ANP/BANP `networks` peers: IPv4 and IPv6, overlapping the ipBlocks above. */
const NETWORKS = ['10.0.0.0/8', '10.1.0.0/16', '192.168.1.0/24', '0.0.0.0/0', '2001:db8::/32', 'fd00::/16'] as const;

const adminPeerArb = (direction: 'ingress' | 'egress'): fc.Arbitrary<AdminPeer> =>
  fc.oneof(
    namespaceSelectorArb.map((namespaces) => ({ namespaces })),
    fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: podSelectorArb }).map((pods) => ({ pods })),
    ...(direction === 'egress'
      ? [fc.subarray([...NETWORKS], { minLength: 1, maxLength: 2 }).map((networks) => ({ networks }))]
      : []),
  );

const adminPortArb: fc.Arbitrary<AdminPort> = fc.oneof(
  fc.record({ protocol: protocolArb, port: fc.constantFrom(...PORT_NUMBERS) }).map((portNumber) => ({ portNumber })),
  fc.constantFrom(...PORT_NAMES).map((namedPort) => ({ namedPort })),
  fc
    .record({ protocol: protocolArb, start: fc.constantFrom(...PORT_NUMBERS), span: fc.integer({ min: 0, max: 600 }) })
    .map(({ protocol, start, span }) => ({ portRange: { protocol, start, end: start + span } })),
);

const adminRulesArb = (direction: 'ingress' | 'egress', actions: readonly AdminRule['action'][]) =>
  fc
    .array(
      fc.record({
        action: fc.constantFrom(...actions),
        peers: fc.array(adminPeerArb(direction), { minLength: 1, maxLength: 2 }),
        ports: fc.option(fc.array(adminPortArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      }),
      { maxLength: 3 },
    )
    .map((rules) =>
      rules.map(({ ports, ...rule }, index): AdminRule => ({ index, ...rule, ...(ports ? { ports } : {}) })),
    );

const adminPolicyArb = (actions: readonly AdminRule['action'][]) =>
  fc.record({
    subject: fc.oneof(
      namespaceSelectorArb.map((namespaces) => ({ namespaces })),
      fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: podSelectorArb }).map((pods) => ({ pods })),
    ),
    ingress: adminRulesArb('ingress', actions),
    egress: adminRulesArb('egress', actions),
  });

/** Up to three ANPs (distinct priorities, Allow/Deny/Pass) and maybe the BANP (Allow/Deny). */
const adminSetArb: fc.Arbitrary<AdminPolicySet> = fc
  .record({
    anps: fc.array(adminPolicyArb(['Allow', 'Deny', 'Pass']), { maxLength: 3 }),
    banp: fc.option(adminPolicyArb(['Allow', 'Deny']), { nil: undefined }),
  })
  .map(({ anps, banp }) => ({
    anps: anps.map((p, i): AdminPolicy => ({
      kind: 'AdminNetworkPolicy',
      name: `anp${i}`,
      priority: i * 10,
      where: 'generated',
      ...p,
    })),
    ...(banp ? { banp: { kind: 'BaselineAdminNetworkPolicy', name: 'default', where: 'generated', ...banp } } : {}),
  }));

/**
 * Snapshots under random guardrails; in half of them the pods of ns-c sit on a primary
 * UserDefinedNetwork (isolated from the others).
 */
const adminSnapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({ snapshot: snapshotArb, admin: adminSetArb, udn: fc.boolean() })
  .map(({ snapshot, admin, udn }) => ({
    ...snapshot,
    admin,
    workloads: snapshot.workloads.map((w) =>
      udn && w.namespace === 'ns-c' ? { ...w, id: `ns-c[udn]/${w.name}[${w.kind}]`, network: 'ns-c[UDN]' } : w,
    ),
  }));

/**
 * How many ingress words connectivity buffers at a time: the default (one block), or so few that
 * every block holds one or a few source classes, so block boundaries are crossed.
 */
const DEFAULT_BLOCK_WORDS = connectivityTuning.blockWords;
const blockArb = fc.constantFrom(DEFAULT_BLOCK_WORDS, 1, 24, 64);

/** podIps: match and enforcement: none each in about a third of the runs. */
const optionsArb: fc.Arbitrary<AnalysisOptions> = fc.record({
  podIps: fc.constantFrom('ignore' as const, 'match' as const, 'match' as const),
  enforcement: fc.constantFrom('standard' as const, 'standard' as const, 'none' as const),
});

/** First port of every piece of 1..65535 that no number in the snapshot cuts, with the piece's end. */
function portAtoms(snapshot: Snapshot): [number, number][] {
  const starts = new Set([1]);
  const cut = (p: number) => {
    if (p >= 1 && p <= 65535) starts.add(p);
    if (p + 1 <= 65535) starts.add(p + 1);
  };
  for (const w of snapshot.workloads) for (const p of w.ports) cut(p.containerPort);
  for (const p of snapshot.policies)
    for (const rule of [...(p.spec?.ingress ?? []), ...(p.spec?.egress ?? [])])
      for (const port of rule.ports ?? []) {
        if (typeof port.port === 'number') cut(port.port);
        if (typeof port.endPort === 'number') cut(port.endPort);
      }
  const admin = snapshot.admin;
  for (const p of [...(admin?.anps ?? []), ...(admin?.banp !== undefined ? [admin.banp] : [])])
    for (const rule of [...p.ingress, ...p.egress])
      for (const port of rule.ports ?? []) {
        if ('portNumber' in port) cut(port.portNumber.port);
        if ('portRange' in port) [port.portRange.start, port.portRange.end].forEach(cut);
      }
  const sorted = [...starts].sort((a, b) => a - b);
  return sorted.map((a, i) => [a, i + 1 < sorted.length ? sorted[i + 1]! - 1 : 65535]);
}

/** What evaluate() allows from `from` to `to`, as conns (undefined when nothing). */
function evaluated(c: CompiledSnapshot, from: Endpoint, to: Endpoint, atoms: [number, number][]): Conns | undefined {
  let set = PortSet.NONE;
  for (const protocol of PROTOCOLS)
    for (const [a, b] of atoms)
      if (evaluate(c, { from, to, protocol, port: a }).allowed) set = set.union(PortSet.range(protocol, a, b));
  return set.isEmpty() ? undefined : set.toConns();
}

/** Every (src, dst) the connlist decides: workload pairs, external sources to workloads, workloads to external destinations. */
function decidedPairs(workloads: readonly string[], table: ConnectivityTable): [string, string][] {
  const pairs: [string, string][] = [];
  for (const s of workloads) for (const d of workloads) if (s !== d) pairs.push([s, d]);
  for (const a of table.externalPeers.asSource) for (const d of workloads) pairs.push([a, d]);
  for (const s of workloads) for (const a of table.externalPeers.asDestination) pairs.push([s, a]);
  return pairs;
}

const endpointOf = (peer: string): Endpoint => (peer.includes('/') ? { workload: peer } : { ip: peer.split('-')[0]! });

describe('connectivity equals the old algorithm and per-pair evaluate', () => {
  it('on random snapshots (selectors, AND peers, IPv4/IPv6 ipBlocks with excepts, named ports, pod IPs, options)', () => {
    fc.assert(
      fc.property(snapshotArb, optionsArb, blockArb, (snapshot, options, blockWords) => {
        const c = compileSnapshot(snapshot, options);
        connectivityTuning.blockWords = blockWords;
        let report: ReturnType<typeof connectivity>;
        try {
          report = connectivity(c);
        } finally {
          connectivityTuning.blockWords = DEFAULT_BLOCK_WORDS;
        }
        expectEqual(report, baselineConnectivity(c));

        const atoms = portAtoms(snapshot);
        const got = new Map(report.connections.map((x) => [`${x.src}>${x.dst}`, x.conns]));
        const table = connectivityTable(c);
        const pairs = decidedPairs(report.workloads, table);
        // Per-pair evaluate over every port atom, when there are not too many atoms to try.
        for (const [s, d] of atoms.length <= 64 ? pairs : []) {
          expectEqual([s, d, got.get(`${s}>${d}`)], [s, d, evaluated(c, endpointOf(s), endpointOf(d), atoms)]);
        }
        expect(got.size).toBeLessThanOrEqual(pairs.length);

        // The table's connlist order is the CLI's sorted order; filters drop exactly the other peers.
        const inOrder: { src: string; dst: string; conns: Conns }[] = [];
        table.forEach((src, dst, conns) => inOrder.push({ src, dst, conns }));
        expectEqual(inOrder, sortedConnections(report));
        // connectivity() builds its report without the walk: the walk in engine order must agree.
        const engineOrder: { src: string; dst: string; conns: Conns }[] = [];
        table.forEach((src, dst, conns) => engineOrder.push({ src, dst, conns }), { order: 'engine' });
        expectEqual(engineOrder, report.connections);
        const first = snapshot.workloads[0]!;
        const src = (p: string) => p.startsWith(first.namespace) || !p.includes('/');
        const dst = (p: string) => p !== first.id;
        const filtered: { src: string; dst: string; conns: Conns }[] = [];
        table.forEach((s, d, conns) => filtered.push({ src: s, dst: d, conns }), { filter: { src, dst } });
        expectEqual(
          filtered,
          sortedConnections(report).filter((x) => src(x.src) && dst(x.dst)),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('connectivity under the admin tiers equals per-pair evaluate', () => {
  it('on random snapshots with ANPs (Allow/Deny/Pass by priority), a BANP, networks peers, named ports and port ranges', () => {
    fc.assert(
      fc.property(adminSnapshotArb, optionsArb, (snapshot, options) => {
        const c = compileSnapshot(snapshot, options);
        const report = connectivity(c);
        const atoms = portAtoms(snapshot);
        const got = new Map(report.connections.map((x) => [`${x.src}>${x.dst}`, x.conns]));
        const table = connectivityTable(c);
        const pairs = decidedPairs(report.workloads, table);
        for (const [s, d] of pairs) {
          expectEqual([s, d, got.get(`${s}>${d}`)], [s, d, evaluated(c, endpointOf(s), endpointOf(d), atoms)]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('connectivity with many port atoms (bitsets of one to more than four words)', () => {
  const pod = (name: string, app: string, port: number): Workload => ({
    id: `default/${name}[Pod]`,
    namespace: 'default',
    name,
    kind: 'Pod',
    labels: { app },
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
  });
  const ports = (from: number, count: number) =>
    Array.from({ length: Math.round(count) }, (_, k) => ({ port: from + 3 * k, protocol: PROTOCOLS[k % 3]! }));
  const selecting = (name: string, app: string, spec: object) =>
    policy(name, { podSelector: { matchLabels: { app } }, ...spec });
  // About 5n atoms: from 1 word (n = 4) through exactly 4 words (n = 20..24) to 13 (n = 80).
  const sizes = Array.from({ length: 20 }, (_, k) => 4 * (k + 1));
  it.each(sizes)('equals the old algorithm with n = %i, in one block and in blocks of one source', (n) => {
    const snapshot: Snapshot = {
      namespaces: [{ name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }],
      workloads: [pod('a', 'a', 1001), pod('b', 'b', 2000), pod('c', 'a', 1500), pod('d', 'd', 1200)],
      policies: [
        selecting('a-in', 'a', {
          ingress: [
            { from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: ports(1000, n) },
            { from: [{ podSelector: {} }], ports: [{ port: 'http' }, ...ports(1400, n / 4)] },
          ],
        }),
        selecting('b-out', 'b', {
          policyTypes: ['Egress'],
          egress: [
            { to: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: ports(1100, n * 0.8) },
            { ports: [{ port: 'http' }] },
          ],
        }),
        selecting('d-out', 'd', { policyTypes: ['Egress'], egress: [{ ports: ports(1300, n / 2) }] }),
      ],
      warnings: [],
    };
    const c = compileSnapshot(snapshot);
    const expected = baselineConnectivity(c);
    expect(expected.connections.filter((x) => Array.isArray(x.conns)).length).toBeGreaterThan(3);
    for (const blockWords of [DEFAULT_BLOCK_WORDS, 1]) {
      connectivityTuning.blockWords = blockWords;
      try {
        expect(connectivity(c)).toEqual(expected);
      } finally {
        connectivityTuning.blockWords = DEFAULT_BLOCK_WORDS;
      }
    }
  });
});

describe('named ports resolved once per rule and ports under its names', () => {
  it('tell destinations apart by every named port of a rule, by number and protocol', () => {
    const pod = (name: string, ports: Workload['ports']): Workload => ({
      id: `default/${name}[Pod]`,
      namespace: 'default',
      name,
      kind: 'Pod',
      labels: { role: 'server' },
      ports,
    });
    const dns = (protocol: Protocol, containerPort = 53) => ({ name: 'dns', containerPort, protocol });
    const http = (containerPort: number) => ({ name: 'http', containerPort, protocol: 'TCP' as Protocol });
    const snapshot: Snapshot = {
      namespaces: [{ name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }],
      workloads: [
        pod('a', [dns('TCP'), http(80)]),
        pod('b', [dns('UDP'), http(80)]), // same numbers as a, another protocol for dns
        pod('c', [dns('TCP'), http(81)]), // same dns as a, another http
        pod('d', [http(80), { name: 'metrics', containerPort: 9090, protocol: 'TCP' }]),
        pod('e', [dns('TCP', 5353), http(80)]),
        { ...pod('client', []), labels: { role: 'client' } },
      ],
      policies: [
        policy('servers', {
          podSelector: { matchLabels: { role: 'server' } },
          ingress: [{ ports: [{ port: 'dns', protocol: 'TCP' }, { port: 'http' }] }, { ports: [{ port: 'metrics' }] }],
        }),
        policy('client', {
          podSelector: { matchLabels: { role: 'client' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: {} }], ports: [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }] }],
        }),
      ],
      warnings: [],
    };
    const c = compileSnapshot(snapshot);
    const report = connectivity(c);
    expect(report).toEqual(baselineConnectivity(c));
    const conns = (src: string, dst: string) =>
      report.connections.find((x) => x.src === `default/${src}[Pod]` && x.dst === `default/${dst}[Pod]`)?.conns;
    const tcp = (...ports: number[]) => [{ protocol: 'TCP', ports: ports.map((p) => [p, p]) }];
    expect(conns('d', 'a')).toEqual(tcp(53, 80));
    expect(conns('d', 'b')).toEqual(tcp(80));
    expect(conns('d', 'c')).toEqual(tcp(53, 81));
    expect(conns('a', 'e')).toEqual(tcp(80, 5353));
    expect(conns('client', 'a')).toEqual(tcp(80));
    expect(conns('client', 'b')).toEqual(tcp(80));
  });
});

describe('workload classes under podIps: match', () => {
  it('split workloads alike in labels and ports whose pod IPs fall differently into an ipBlock', () => {
    const pod = (name: string, podIps: string[], app: string): Workload => ({
      id: `default/${name}[Pod]`,
      namespace: 'default',
      name,
      kind: 'Pod',
      labels: { app },
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      podIps,
    });
    const snapshot: Snapshot = {
      namespaces: [{ name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }],
      workloads: [
        pod('in', ['10.0.0.5', 'fd00::5'], 'client'),
        pod('out', ['10.9.0.5'], 'client'),
        pod('server', [], 'server'),
      ],
      policies: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'server-from-block', namespace: 'default' },
          spec: {
            podSelector: { matchLabels: { app: 'server' } },
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/64' } }], ports: [{ port: 'http' }] }],
          },
        } as NetworkPolicy,
      ],
      warnings: [],
    };
    const toServer = (options: AnalysisOptions) =>
      connectivity(snapshot, options).connections.filter((x) => x.dst === 'default/server[Pod]');
    expect(toServer({ podIps: 'ignore' }).filter((x) => !x.src.includes('::'))).toEqual([]);
    expect(toServer({ podIps: 'match' })).toEqual([
      { src: 'default/in[Pod]', dst: 'default/server[Pod]', conns: [{ protocol: 'TCP', ports: [[8080, 8080]] }] },
      expect.objectContaining({ src: 'fd00::-fd00::4' }),
      expect.objectContaining({ src: 'fd00::6-fd00::ffff:ffff:ffff:ffff' }),
    ]);
  });
});
