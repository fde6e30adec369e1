/**
 * The generation invariant: policies generated from a topology allow exactly the declared flows.
 *
 * The oracle, per (source, destination, protocol, port), with `allowed = egressOk && ingressOk`
 * (rule 3), and always allowed when source and destination are the same component (rule 15):
 * - egressOk: the source is an IP; or its component has no flow (no policy: open); or isolation is
 *   `ingress` (egress never isolated); or some flow from the source component has a `to` matching
 *   the destination and ports covering (protocol, port); or DNS egress is on and the destination is
 *   kube-dns on UDP/TCP 53.
 * - ingressOk: the destination is an IP; or its component has no flow; or some flow into the
 *   destination component has a `from` matching the source and ports covering (protocol, port).
 * - A flow peer matches: a component -> that component's workload; an external -> an IP inside the
 *   cidr and outside every except; a selector -> a workload (never an IP) whose pod labels match the
 *   podSelector and whose namespace matches the namespaceSelector, where a podSelector alone means
 *   the namespace of the component at the other end of the flow.
 * - Ports cover: no ports -> everything; else some port of the protocol that is whole-protocol, or a
 *   numeric range containing the port, or a name that the destination workload defines for that
 *   protocol with that number.
 * The oracle is written from the topology alone (its own matchLabels matching, generated selectors
 * use matchLabels only), never from the generated policies.
 */
import fc from 'fast-check';
import { propertyRuns } from '../../test/support/property-runs';
import { compileSnapshot } from './compile';
import { evaluate } from './evaluate';
import { KUBE_DNS_WORKLOAD, componentWorkloadId, snapshotFromTopology } from './from-topology';
import { generateNetworkPolicies, resolveSettings } from './generate';
import type { Endpoint, Snapshot, Workload } from './model';
import type { Component, ComponentPort, External, Flow, FlowPeer, FlowPort, Protocol, Topology } from './topology';
import { validateTopology } from './validate-topology';
import ipaddr from 'ipaddr.js';

const NAMESPACES = ['alpha', 'beta', 'gamma'] as const;
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const PORT_POOL = [53, 80, 443, 5000, 8080, 9000] as const;
const PORT_NAMES = ['http', 'grpc', 'metrics', 'admin'] as const;
const EXTERNALS: readonly External[] = [
  { name: 'corp', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
  { name: 'anywhere', cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] },
  { name: 'partner', cidr: '203.0.113.0/28', except: [] },
  { name: 'partner6', cidr: '2001:db8::/32', except: ['2001:db8:bad::/48'] },
];
/** Inside, at the edge of, and outside the externals and their excepts; IPv6 and IPv4-mapped too. */
const IPS = [
  '10.0.0.1',
  '10.1.2.3',
  '10.255.255.255',
  '192.168.1.1',
  '203.0.113.7',
  '203.0.113.16',
  '8.8.8.8',
  '2001:db8::1',
  '2001:db8:bad::1',
  '2001:db9::1',
  '::ffff:203.0.113.7',
];
const FIXED_PORTS = [1, 53, 80, 8080, 65535];

const componentPortsArb = fc
  .uniqueArray(fc.record({ port: fc.constantFrom(...PORT_POOL), protocol: fc.constantFrom(...PROTOCOLS) }), {
    maxLength: 3,
    selector: (p) => `${p.protocol}/${p.port}`,
  })
  .chain((ports) =>
    fc
      .shuffledSubarray([...PORT_NAMES], { minLength: ports.length, maxLength: ports.length })
      .chain((names) =>
        fc
          .array(fc.boolean(), { minLength: ports.length, maxLength: ports.length })
          .map((named) => ports.map((p, i): ComponentPort => (named[i] ? { ...p, name: names[i]! } : p))),
      ),
  );

const componentsArb = fc
  .array(
    fc.record({ namespace: fc.constantFrom(...NAMESPACES), tier: fc.constantFrom('a', 'b'), ports: componentPortsArb }),
    {
      minLength: 2,
      maxLength: 5,
    },
  )
  .map((cs) =>
    cs.map((c, i): Component => ({
      name: `c${i}`,
      namespace: c.namespace,
      // `fp-id` is unique, so a component's matchLabels select its own pods only.
      labels: { 'fp-id': `c${i}`, tier: c.tier },
      ports: c.ports,
    })),
  );

const selectorArb: fc.Arbitrary<FlowPeer> = fc.constantFrom<FlowPeer>(
  { selector: { podSelector: { matchLabels: { tier: 'a' } } } },
  { selector: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'beta' } } } },
  { selector: { namespaceSelector: {}, podSelector: { matchLabels: { tier: 'b' } } } },
  { selector: { namespaceSelector: {} } },
);

function flowPortArb(destination: Component | undefined): fc.Arbitrary<FlowPort> {
  const numeric = fc
    .record({
      port: fc.constantFrom(...PORT_POOL, 81, 1000),
      protocol: fc.constantFrom(...PROTOCOLS),
      span: fc.constantFrom(0, 0, 1, 5),
    })
    .map(({ port, protocol, span }): FlowPort =>
      span === 0 ? { port, protocol } : { port, endPort: port + span, protocol },
    );
  const whole = fc.constantFrom(...PROTOCOLS).map((protocol): FlowPort => ({ protocol }));
  const named = (destination?.ports ?? []).filter((p) => p.name !== undefined);
  const options = [numeric, numeric, whole];
  if (named.length > 0)
    options.push(fc.constantFrom(...named).map((p): FlowPort => ({ port: p.name!, protocol: p.protocol })));
  return fc.oneof(...options);
}

function topologyArb(): fc.Arbitrary<Topology> {
  return fc
    .record({
      components: componentsArb,
      externals: fc.subarray([...EXTERNALS]),
      isolation: fc.constantFrom('both' as const, 'ingress' as const),
      dnsEgress: fc.boolean(),
    })
    .chain(({ components, externals, isolation, dnsEgress }) => {
      const componentPeer = fc.constantFrom(...components).map((c): FlowPeer => ({ component: c.name }));
      const otherPeer =
        externals.length > 0
          ? fc.oneof(
              selectorArb,
              fc.constantFrom(...externals).map((e): FlowPeer => ({ external: e.name })),
            )
          : selectorArb;
      const endsArb = fc.oneof(
        fc.tuple(componentPeer, componentPeer),
        fc.tuple(componentPeer, otherPeer),
        fc.tuple(otherPeer, componentPeer),
      );
      const flowArb = endsArb.chain(([from, to]) => {
        const destination = 'component' in to ? components.find((c) => c.name === to.component) : undefined;
        return fc.array(flowPortArb(destination), { maxLength: 3 }).map((ports): Flow => ({ from, to, ports }));
      });
      return fc
        .array(flowArb, { maxLength: 8 })
        .map((flows): Topology => ({ name: 'prop', components, externals, flows, settings: { isolation, dnsEgress } }));
    })
    .filter((t) => validateTopology(t).length === 0);
}

// ---- the oracle -------------------------------------------------------------------------------

type End = { readonly workload: Workload } | { readonly ip: string };

function matchLabels(
  selector: { matchLabels?: Readonly<Record<string, string>> },
  labels: Readonly<Record<string, string>>,
) {
  return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

/** An IPv4-mapped IPv6 address is its IPv4 address; a CIDR of the other family never contains it. */
function inCidr(ip: string, cidr: string): boolean {
  const addr = ipaddr.process(ip);
  const [network, bits] = ipaddr.parseCIDR(cidr);
  return addr.kind() === network.kind() && addr.match(network, bits);
}

function peerMatches(t: Topology, peer: FlowPeer, end: End, otherEndNamespace: string): boolean {
  if ('component' in peer) {
    const c = t.components.find((x) => x.name === peer.component)!;
    return 'workload' in end && end.workload.id === componentWorkloadId(c);
  }
  if ('external' in peer) {
    const e = t.externals.find((x) => x.name === peer.external)!;
    return 'ip' in end && inCidr(end.ip, e.cidr) && !e.except.some((x) => inCidr(end.ip, x));
  }
  if (!('workload' in end)) return false;
  const { namespaceSelector, podSelector } = peer.selector;
  const w = end.workload;
  const nsOk = namespaceSelector
    ? matchLabels(namespaceSelector, { 'kubernetes.io/metadata.name': w.namespace })
    : w.namespace === otherEndNamespace;
  return nsOk && (podSelector === undefined || matchLabels(podSelector, w.labels));
}

function portsCover(ports: readonly FlowPort[], protocol: Protocol, port: number, destination: End): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if (p.protocol !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.port <= port && port <= (p.endPort ?? p.port);
    return (
      'workload' in destination &&
      destination.workload.ports.some(
        (cp) => cp.name === p.port && cp.protocol === protocol && cp.containerPort === port,
      )
    );
  });
}

function componentOf(t: Topology, end: End): Component | undefined {
  return 'workload' in end ? t.components.find((c) => componentWorkloadId(c) === end.workload.id) : undefined;
}

function hasFlows(t: Topology, c: Component): boolean {
  return t.flows.some(
    (f) => ('component' in f.from && f.from.component === c.name) || ('component' in f.to && f.to.component === c.name),
  );
}

function oracle(t: Topology, src: End, dst: End, protocol: Protocol, port: number): boolean {
  if ('workload' in src && 'workload' in dst && src.workload.id === dst.workload.id) return true;
  const settings = resolveSettings(t);
  const srcComponent = componentOf(t, src);
  const dstComponent = componentOf(t, dst);
  const egressOk =
    srcComponent === undefined ||
    !hasFlows(t, srcComponent) ||
    settings.isolation === 'ingress' ||
    t.flows.some(
      (f) =>
        'component' in f.from &&
        f.from.component === srcComponent.name &&
        peerMatches(t, f.to, dst, srcComponent.namespace) &&
        portsCover(f.ports, protocol, port, dst),
    ) ||
    (settings.dnsEgress &&
      'workload' in dst &&
      dst.workload.id === KUBE_DNS_WORKLOAD.id &&
      port === 53 &&
      protocol !== 'SCTP');
  const ingressOk =
    dstComponent === undefined ||
    !hasFlows(t, dstComponent) ||
    t.flows.some(
      (f) =>
        'component' in f.to &&
        f.to.component === dstComponent.name &&
        peerMatches(t, f.from, src, dstComponent.namespace) &&
        portsCover(f.ports, protocol, port, dst),
    );
  return egressOk && ingressOk;
}

// ---- queries ----------------------------------------------------------------------------------

function candidatePorts(t: Topology): number[] {
  const ports = new Set(FIXED_PORTS);
  for (const c of t.components) for (const p of c.ports) [p.port - 1, p.port, p.port + 1].forEach((n) => ports.add(n));
  for (const f of t.flows) {
    for (const p of f.ports) {
      if (typeof p.port !== 'number') continue;
      [p.port - 1, p.port, p.endPort ?? p.port, (p.endPort ?? p.port) + 1].forEach((n) => ports.add(n));
    }
  }
  return [...ports].filter((n) => n >= 1 && n <= 65535).sort((a, b) => a - b);
}

const toEndpoint = (end: End): Endpoint => ('workload' in end ? { workload: end.workload.id } : { ip: end.ip });
const describe_ = (end: End): string => ('workload' in end ? end.workload.id : end.ip);

function pairs(snapshot: Snapshot): [End, End][] {
  const workloads: End[] = snapshot.workloads.map((workload) => ({ workload }));
  const ips: End[] = IPS.map((ip) => ({ ip }));
  const out: [End, End][] = [];
  for (const a of workloads) {
    for (const b of workloads) out.push([a, b]);
    for (const ip of ips) out.push([a, ip], [ip, a]);
  }
  return out;
}

/** A deterministic shuffle driven by fast-check's seed, so failures replay. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('generation then evaluation (property)', () => {
  it('allows exactly the declared flows, DNS when asked, self traffic, and whatever no policy isolates', () => {
    fc.assert(
      fc.property(topologyArb(), (topology) => {
        const policies = generateNetworkPolicies(topology);
        const snapshot = compileSnapshot(snapshotFromTopology(topology, { policies, includeKubeDns: true }));
        const ports = candidatePorts(topology);
        for (const [src, dst] of pairs(snapshotFromTopology(topology, { policies, includeKubeDns: true }))) {
          for (const protocol of PROTOCOLS) {
            for (const port of ports) {
              const expected = oracle(topology, src, dst, protocol, port);
              const verdict = evaluate(snapshot, { from: toEndpoint(src), to: toEndpoint(dst), protocol, port });
              if (verdict.allowed !== expected) {
                throw new Error(
                  `${describe_(src)} -> ${describe_(dst)} ${protocol} ${port}: evaluate says ${verdict.allowed}, oracle ${expected}\n` +
                    `egress: ${verdict.egress.reason}\ningress: ${verdict.ingress.reason}`,
                );
              }
            }
          }
        }
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('evaluation does not depend on the order of policies, workloads and namespaces', () => {
    fc.assert(
      fc.property(topologyArb(), fc.integer(), (topology, seed) => {
        const original = snapshotFromTopology(topology, { includeKubeDns: true });
        const shuffled: Snapshot = {
          ...original,
          namespaces: shuffle(original.namespaces, seed),
          workloads: shuffle(original.workloads, seed + 1),
          policies: shuffle(original.policies, seed + 2),
        };
        const a = compileSnapshot(original);
        const b = compileSnapshot(shuffled);
        for (const [src, dst] of pairs(original)) {
          for (const protocol of PROTOCOLS) {
            for (const port of [53, 80, 5000]) {
              const q = { from: toEndpoint(src), to: toEndpoint(dst), protocol, port };
              const [shuffledAllowed, originalAllowed] = [evaluate(b, q).allowed, evaluate(a, q).allowed];
              // Jest's expect() costs more than the comparison: it is reached only to report a difference.
              if (shuffledAllowed !== originalAllowed) expect(shuffledAllowed).toBe(originalAllowed);
            }
          }
        }
      }),
      { numRuns: propertyRuns(60) },
    );
  });
});
