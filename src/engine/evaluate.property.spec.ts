/** Order independence and connectivity-versus-evaluate, on random snapshots (property; sizes: propertyRuns). */
import fc from 'fast-check';
import { propertyRuns } from '../../test/support/property-runs';
import { compileSnapshot } from './compile';
import { connectivity } from './connectivity';
import { evaluate } from './evaluate';
import type { Snapshot } from './model';
import { policy, snapshot, workload } from '../../test/support/snapshot-builders';

describe('order independence (property)', () => {
  const labels = fc.record(
    { app: fc.constantFrom('x', 'y', 'z'), tier: fc.constantFrom('fe', 'be') },
    { requiredKeys: ['app'] },
  );
  const selector = fc.oneof(
    fc.constant({}),
    labels.map((l) => ({ matchLabels: { app: l.app } })),
    fc.constantFrom('fe', 'be').map((t) => ({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: [t] }] })),
  );
  const peer = fc.oneof(
    selector.map((podSelector) => ({ podSelector })),
    selector.map((podSelector) => ({
      podSelector,
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } },
    })),
    fc.constant({ namespaceSelector: {} }),
    fc.constant({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }),
    fc.constant({ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:bad::/48'] } }),
  );
  const port = fc.constantFrom(
    { port: 80 },
    { port: 'http' },
    { protocol: 'UDP' },
    { port: 1000, endPort: 2000 },
    { port: 53, protocol: 'UDP' },
  );
  const rule = (field: 'from' | 'to') =>
    fc.record(
      { [field]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) },
      { requiredKeys: [] },
    );
  const spec = fc.record(
    {
      podSelector: selector,
      policyTypes: fc.subarray(['Ingress', 'Egress']),
      ingress: fc.array(rule('from'), { maxLength: 2 }),
      egress: fc.array(rule('to'), { maxLength: 2 }),
    },
    { requiredKeys: ['podSelector'] },
  );
  const world = fc
    .record({
      workloads: fc.array(fc.tuple(labels, fc.constantFrom('a', 'b'), fc.boolean()), { minLength: 1, maxLength: 5 }),
      specs: fc.array(fc.tuple(spec, fc.constantFrom('a', 'b')), { maxLength: 4 }),
    })
    .map(({ workloads, specs }) =>
      snapshot(
        workloads.map(([l, ns, named], i) =>
          workload(`w${i}`, l, ns, named ? [{ name: 'http', containerPort: 8000 + i, protocol: 'TCP' }] : []),
        ),
        specs.map(([sp, ns], i) => policy(`p${i}`, sp, ns)),
      ),
    );

  const keys = (s: Snapshot) =>
    connectivity(s)
      .connections.map((c) => `${c.src}>${c.dst}:${JSON.stringify(c.conns)}`)
      .sort();

  it('connectivity and evaluate do not depend on the order of workloads, namespaces and policies', () => {
    fc.assert(
      fc.property(world, fc.infiniteStream(fc.nat()), (s, seeds) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x) => [seeds.next().value as number, x] as const)
            .sort((p, q) => p[0] - q[0])
            .map(([, x]) => x);
        const shuffled: Snapshot = {
          ...s,
          workloads: shuffle(s.workloads),
          policies: shuffle(s.policies),
          namespaces: shuffle(s.namespaces),
        };
        expect(keys(shuffled)).toEqual(keys(s));
        for (const from of s.workloads) {
          for (const to of [
            ...s.workloads.map((w) => ({ workload: w.id })),
            { ip: '10.2.0.1' },
            { ip: '2001:db8::1' },
          ]) {
            for (const [protocol, p] of [
              ['TCP', 80],
              ['UDP', 53],
              ['TCP', 8001],
            ] as const) {
              const q = { from: { workload: from.id }, to, protocol, port: p };
              const a = evaluate(s, q);
              const b = evaluate(shuffled, q);
              expect(b.allowed).toBe(a.allowed);
              const refs = (v: typeof a) =>
                [...v.egress.allowedBy, ...v.ingress.allowedBy]
                  .map((r) => `${r.policy}/${r.direction}/${r.rule}`)
                  .sort();
              expect(refs(b)).toEqual(refs(a));
            }
          }
        }
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('connectivity agrees with evaluate on every pair of a random snapshot', () => {
    fc.assert(
      fc.property(world, (s) => {
        const compiled = compileSnapshot(s);
        const report = new Map(connectivity(compiled).connections.map((c) => [`${c.src}>${c.dst}`, c.conns] as const));
        for (const from of s.workloads) {
          for (const to of s.workloads) {
            if (from === to) continue;
            for (const [protocol, p] of [
              ['TCP', 80],
              ['UDP', 53],
              ['TCP', 1500],
              ['SCTP', 9],
            ] as const) {
              const conns = report.get(`${from.id}>${to.id}`);
              const want =
                conns === undefined
                  ? false
                  : conns === 'All Connections' ||
                    conns.some((g) => g.protocol === protocol && g.ports.some(([x, y]) => x <= p && p <= y));
              expect(
                evaluate(compiled, { from: { workload: from.id }, to: { workload: to.id }, protocol, port: p }).allowed,
              ).toBe(want);
            }
          }
        }
      }),
      { numRuns: propertyRuns(150) },
    );
  });
});
