/**
 * Analysis of hand-written policies (not generated ones), as a cluster would enforce them:
 * random pods (named container ports, IPv4/IPv6 pod IPs) and random NetworkPolicies whose peers mix
 * pod selectors and IPv4/IPv6 ipBlocks with except, and whose ports mix numbers, ranges, whole
 * protocols and NAMED ports, in both directions, under both `podIps` options.
 *
 * 1. evaluate() equals an oracle written from the Kubernetes rules alone (DESIGN.md): rule 12 says a
 *    named port resolves on the destination pod whatever the peer (so an ingress rule from an ipBlock
 *    resolves it on the selected pod, and an egress rule toward an external address matches none);
 *    rule 14 makes an ipBlock its CIDR minus except, IPv4 or IPv6, and under `podIps: match` it also
 *    matches a pod whose IP it contains, that IP then standing for the pod.
 * 2. connectivity() agrees with evaluate() on every pair of workloads and on every external range
 *    (queried at its first address), and every external address lies in exactly one range per
 *    direction, of its own family (so an IPv6 block can never go missing from the connectivity).
 */
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { propertyRuns } from '../../test/support/property-runs';
import type { AnalysisOptions } from './analysis-options';
import { compileSnapshot } from './compile';
import { connectivity, externalPeers } from './connectivity';
import { evaluate } from './evaluate';
import { addressText, parseAddress, parseRange } from './ip-ranges';
import type { Conns, Endpoint, NetworkPolicy, Snapshot, Workload } from './model';
import type { Protocol } from './topology';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const LABELS = ['a', 'b'] as const;
const NAMED: readonly { name: string; port: number; protocol: Protocol }[] = [
  { name: 'http', port: 80, protocol: 'TCP' },
  { name: 'http', port: 8080, protocol: 'TCP' },
  { name: 'grpc', port: 50051, protocol: 'TCP' },
  { name: 'grpc', port: 9000, protocol: 'UDP' },
];
const BLOCKS: readonly { cidr: string; except?: string[] }[] = [
  { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
  { cidr: '10.1.0.0/16' },
  { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] },
  { cidr: '2001:db8::/32', except: ['2001:db8:bad::/48'] },
  { cidr: '2001:db8:bad::/48' },
  { cidr: '::/0' },
];
const POD_IPS = ['10.1.2.3', '10.2.0.9', '192.168.0.5', '2001:db8::5', '2001:db8:bad::7', '2001:db9::2'];
const OTHER_IPS = [
  '10.9.9.9',
  '8.8.8.8',
  '192.168.7.7',
  '2001:db8::1',
  '2001:db8:bad::1',
  '2001:dba::1',
  '::ffff:10.1.2.3',
];
const PORTS = [1, 79, 80, 443, 8080, 9000, 50051, 65535];

interface Pod {
  readonly name: string;
  readonly label: string;
  readonly ports: readonly { name: string; port: number; protocol: Protocol }[];
  readonly ips: readonly string[];
}
type Peer = { podSelector: { matchLabels: { l: string } } } | { ipBlock: { cidr: string; except?: string[] } };
type Port = { protocol?: Protocol; port?: number | string; endPort?: number };
interface Rule {
  readonly peers?: Peer[];
  readonly ports?: Port[];
}
interface Policy {
  readonly name: string;
  readonly select: string | null;
  readonly types: readonly ('Ingress' | 'Egress')[];
  readonly ingress: readonly Rule[];
  readonly egress: readonly Rule[];
}

const peerArb: fc.Arbitrary<Peer> = fc.oneof(
  fc.constantFrom(...LABELS).map((l): Peer => ({ podSelector: { matchLabels: { l } } })),
  fc.constantFrom(...BLOCKS).map((b): Peer => ({ ipBlock: { ...b } })),
  fc.constantFrom(...BLOCKS).map((b): Peer => ({ ipBlock: { ...b } })),
);
const portArb: fc.Arbitrary<Port> = fc.oneof(
  fc.constantFrom('http', 'grpc').map((port): Port => ({ port })),
  fc.constantFrom('http', 'grpc').map((port): Port => ({ port, protocol: 'UDP' })),
  fc.constantFrom(80, 443, 9000).map((port): Port => ({ port, protocol: 'TCP' })),
  fc.constantFrom(...PROTOCOLS).map((protocol): Port => ({ protocol })),
  fc.constant<Port>({ port: 8000, endPort: 9000 }),
);
const ruleArb: fc.Arbitrary<Rule> = fc.record(
  {
    peers: fc.array(peerArb, { minLength: 1, maxLength: 3 }),
    ports: fc.array(portArb, { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const policiesArb = fc.array(
  fc.record({
    select: fc.constantFrom<string | null>('a', 'b', null),
    types: fc.constantFrom<('Ingress' | 'Egress')[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    ingress: fc.array(ruleArb, { maxLength: 2 }),
    egress: fc.array(ruleArb, { maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 3 },
);
const podsArb = fc
  .tuple(
    fc.array(
      fc.record({
        label: fc.constantFrom(...LABELS),
        ports: fc.subarray([...NAMED], { maxLength: 2 }),
        ipCount: fc.nat(2),
      }),
      { minLength: 2, maxLength: 4 },
    ),
    fc.shuffledSubarray(POD_IPS, { minLength: POD_IPS.length, maxLength: POD_IPS.length }),
  )
  .map(([pods, ips]) =>
    pods.map((p, i): Pod => {
      // Names unique per pod (a pod cannot name two ports alike).
      const ports = p.ports.filter((x, j) => p.ports.findIndex((y) => y.name === x.name) === j);
      return { name: `p${i}`, label: p.label, ports, ips: ips.slice(2 * i, 2 * i + Math.min(p.ipCount, 2)) };
    }),
  );
const scenarioArb = fc.record({ pods: podsArb, policies: policiesArb, podIps: fc.constantFrom('ignore', 'match') });

const id = (pod: Pod) => `default/${pod.name}[Pod]`;

function snapshotOf(pods: readonly Pod[], policies: readonly Omit<Policy, 'name'>[]): Snapshot {
  const workloads: Workload[] = pods.map((p) => ({
    id: id(p),
    namespace: 'default',
    name: p.name,
    kind: 'Pod',
    labels: { l: p.label },
    ports: p.ports.map((x) => ({ name: x.name, containerPort: x.port, protocol: x.protocol })),
    ...(p.ips.length > 0 ? { podIps: p.ips } : {}),
  }));
  const rule = (field: 'from' | 'to', r: Rule) => ({
    ...(r.peers ? { [field]: r.peers } : {}),
    ...(r.ports ? { ports: r.ports } : {}),
  });
  const manifests = policies.map(
    (p, i) =>
      ({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `np${i}`, namespace: 'default' },
        spec: {
          podSelector: p.select === null ? {} : { matchLabels: { l: p.select } },
          policyTypes: [...p.types],
          ingress: p.ingress.map((r) => rule('from', r)),
          egress: p.egress.map((r) => rule('to', r)),
        },
      }) as NetworkPolicy,
  );
  return {
    namespaces: [{ name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }],
    workloads,
    policies: manifests,
    warnings: [],
  };
}

// ---- the oracle -------------------------------------------------------------------------------

type End = { readonly pod: Pod } | { readonly ip: string };

/**
 * The oracle's answers about addresses, kept by their texts: the same few addresses and blocks come
 * back in every pair, port and run, and parsing them with ipaddr.js each time was most of the spec's time.
 */
const inBlockAnswers = new Map<string, boolean>();
const canonicalTexts = new Map<string, string>();

function inBlock(ip: string, block: { cidr: string; except?: string[] }): boolean {
  const key = `${ip} ${block.cidr} ${(block.except ?? []).join(' ')}`;
  let answer = inBlockAnswers.get(key);
  if (answer === undefined) {
    const addr = ipaddr.process(ip);
    const inside = (cidr: string) => {
      const [net, bits] = ipaddr.parseCIDR(cidr);
      return net.kind() === addr.kind() && addr.match(net, bits);
    };
    answer = inside(block.cidr) && !(block.except ?? []).some(inside);
    inBlockAnswers.set(key, answer);
  }
  return answer;
}

function canonical(ip: string): string {
  let text = canonicalTexts.get(ip);
  if (text === undefined) {
    text = ipaddr.process(ip).toString();
    canonicalTexts.set(ip, text);
  }
  return text;
}

function oracle(
  pods: readonly Pod[],
  policies: readonly Omit<Policy, 'name'>[],
  podIps: string,
  from: End,
  to: End,
  protocol: Protocol,
  port: number,
): boolean {
  const resolve = (e: End): End => {
    if ('pod' in e || podIps !== 'match') return e;
    const pod = pods.find((p) => p.ips.some((x) => canonical(x) === canonical(e.ip)));
    return pod ? { pod } : e;
  };
  const [src, dst] = [resolve(from), resolve(to)];
  if ('pod' in src && 'pod' in dst && src.pod === dst.pod) return true; // rule 15
  const peerMatches = (peers: Peer[] | undefined, end: End) =>
    peers === undefined ||
    peers.some((peer) =>
      'podSelector' in peer
        ? 'pod' in end && end.pod.label === peer.podSelector.matchLabels.l
        : 'ip' in end
          ? inBlock(end.ip, peer.ipBlock)
          : podIps === 'match' && end.pod.ips.some((ip) => inBlock(ip, peer.ipBlock)),
    );
  // Rule 12: a name is looked up on the destination pod; an IP destination has none.
  const portMatches = (ports: Port[] | undefined) =>
    ports === undefined ||
    ports.some((p) => {
      if ((p.protocol ?? 'TCP') !== protocol) return false;
      if (p.port === undefined) return true;
      if (typeof p.port === 'number') return p.port <= port && port <= (p.endPort ?? p.port);
      return (
        'pod' in dst && dst.pod.ports.some((cp) => cp.name === p.port && cp.protocol === protocol && cp.port === port)
      );
    });
  const sideOk = (self: End, peer: End, type: 'Ingress' | 'Egress') => {
    if (!('pod' in self)) return true;
    const selecting = policies.filter(
      (p) => p.types.includes(type) && (p.select === null || p.select === self.pod.label),
    );
    if (selecting.length === 0) return true;
    return selecting.some((p) =>
      (type === 'Ingress' ? p.ingress : p.egress).some((r) => peerMatches(r.peers, peer) && portMatches(r.ports)),
    );
  };
  return sideOk(src, dst, 'Egress') && sideOk(dst, src, 'Ingress');
}

// ---- checks -----------------------------------------------------------------------------------

const endpoint = (e: End): Endpoint => ('pod' in e ? { workload: id(e.pod) } : { ip: e.ip });
const text = (e: End) => ('pod' in e ? id(e.pod) : e.ip);

function covers(conns: Conns | undefined, protocol: Protocol, port: number): boolean {
  if (conns === undefined) return false;
  if (conns === 'All Connections') return true;
  return conns.some((g) => g.protocol === protocol && g.ports.some(([a, b]) => a <= port && port <= b));
}

describe('analysis of hand-written policies (property)', () => {
  it('evaluate() follows the rules: named ports from and to ipBlocks, IPv6 blocks, pod IPs', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pods, policies, podIps }) => {
        const options: AnalysisOptions = { podIps: podIps as 'ignore' | 'match' };
        const compiled = compileSnapshot(snapshotOf(pods, policies), options);
        const ends: End[] = [...pods.map((pod) => ({ pod })), ...[...POD_IPS, ...OTHER_IPS].map((ip) => ({ ip }))];
        for (const from of ends) {
          for (const to of ends) {
            if ('ip' in from && 'ip' in to) continue;
            for (const protocol of PROTOCOLS) {
              for (const port of PORTS) {
                const want = oracle(pods, policies, podIps, from, to, protocol, port);
                const got = evaluate(compiled, { from: endpoint(from), to: endpoint(to), protocol, port });
                if (got.allowed !== want) {
                  throw new Error(
                    `${text(from)} -> ${text(to)} ${protocol} ${port} (podIps ${podIps}): evaluate ${got.allowed}, oracle ${want}\n` +
                      `egress: ${got.egress.reason}\ningress: ${got.ingress.reason}`,
                  );
                }
              }
            }
          }
        }
      }),
      { numRuns: propertyRuns(50) },
    );
  });

  it('connectivity() agrees with evaluate() on every pair and every external range, of both families', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pods, policies, podIps }) => {
        const options: AnalysisOptions = { podIps: podIps as 'ignore' | 'match' };
        const compiled = compileSnapshot(snapshotOf(pods, policies), options);
        const report = connectivity(compiled);
        const conns = new Map(report.connections.map((c) => [`${c.src}>${c.dst}`, c.conns] as const));
        const peers = externalPeers(compiled);
        const check = (src: string, dst: string, from: Endpoint, to: Endpoint) => {
          for (const protocol of PROTOCOLS) {
            for (const port of PORTS) {
              const allowed = evaluate(compiled, { from, to, protocol, port }).allowed;
              const covered = covers(conns.get(`${src}>${dst}`), protocol, port);
              // Jest's expect() costs more than the comparison: it is reached only to report a difference.
              if (covered !== allowed)
                expect(`${src} -> ${dst} ${protocol} ${port}: ${covered}`).toBe(
                  `${src} -> ${dst} ${protocol} ${port}: ${allowed}`,
                );
            }
          }
        };
        for (const s of pods)
          for (const d of pods) if (s !== d) check(id(s), id(d), endpoint({ pod: s }), endpoint({ pod: d }));
        const first = (range: string) => {
          const r = parseRange(range)!;
          return addressText({ family: r.family, value: r.first });
        };
        for (const range of peers.asSource)
          for (const d of pods) check(range, id(d), { ip: first(range) }, endpoint({ pod: d }));
        for (const range of peers.asDestination)
          for (const s of pods) check(id(s), range, endpoint({ pod: s }), { ip: first(range) });

        // Every external address is in exactly one range per direction; under `match` pod IPs are in none.
        const podAddresses = new Set(
          podIps === 'match' ? pods.flatMap((p) => p.ips.map((ip) => addressText(parseAddress(ip)))) : [],
        );
        const ipv6Named = policies.some((p) =>
          [...p.ingress, ...p.egress].some((r) =>
            (r.peers ?? []).some((x) => 'ipBlock' in x && x.ipBlock.cidr.includes(':')),
          ),
        );
        for (const ip of [...POD_IPS, ...OTHER_IPS]) {
          const addr = parseAddress(ip);
          const expected = podAddresses.has(addressText(addr)) || (addr.family === 'ipv6' && !ipv6Named) ? 0 : 1;
          for (const ranges of [peers.asSource, peers.asDestination]) {
            const holding = ranges.filter((range) => {
              const r = parseRange(range)!;
              return r.family === addr.family && r.first <= addr.value && addr.value <= r.last;
            });
            expect([ip, holding.length]).toEqual([ip, expected]);
          }
        }
      }),
      { numRuns: propertyRuns(40) },
    );
  });
});
