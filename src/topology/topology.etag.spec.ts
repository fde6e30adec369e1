import type { StoredTopology } from './topology.model';

/**
 * The topology's ETag (and the audit digest) are a hash of the document in the engine's canonical form,
 * not of what the REST mapper answers: a change of the response shape must not change every stored
 * topology's ETag (clients' If-Match) or make the audit trail's digests disagree with the ones before.
 */
jest.mock('./topology.response', () => {
  const actual = jest.requireActual<typeof import('./topology.response')>('./topology.response');
  return {
    ...actual,
    // A response shape that changed: a new field on every component and flow.
    toComponentResponse: (c: Parameters<typeof actual.toComponentResponse>[0]) => ({
      ...actual.toComponentResponse(c),
      kind: 'Component',
    }),
    toTopologyDocument: (name: string, t: StoredTopology) => ({
      ...actual.toTopologyDocument(name, t),
      apiVersion: 'flowpolicy/v2',
    }),
  };
});

// Imported after the mock is in place.
import { assertIfMatch, topologyEtag } from './topology.etag';

const topology: StoredTopology = {
  components: [
    { name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    { name: 'db', namespace: 'shop', labels: { role: 'db' }, ports: [{ port: 3306, protocol: 'TCP' }] },
  ],
  externals: [{ name: 'internet', cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }],
  flows: [
    { id: '00000000-0000-4000-8000-000000000001', from: { external: 'internet' }, to: { component: 'web' }, ports: [] },
    {
      id: '00000000-0000-4000-8000-000000000002',
      from: { component: 'web' },
      to: { component: 'db' },
      ports: [{ port: 3306, endPort: 3307, protocol: 'TCP' }],
      description: 'orders',
    },
  ],
};

/** The ETag of `topology` as the service computed it before this change (main at de75535): existing clients hold it. */
const PINNED = '"e7399eed25a001efaf233813c658a2be8754abd61616962b2fb809269907e269"';

describe('topologyEtag', () => {
  it('is what it was for existing data, whatever shape the REST response has', () => {
    expect(topologyEtag('shop', topology)).toBe(PINNED);
  });

  it('changes with the document, not with flow ids or the order of keys', () => {
    const renamed = { ...topology, flows: topology.flows.map((f, i) => ({ ...f, id: `id-${i}` })) };
    expect(topologyEtag('shop', renamed)).toBe(PINNED);
    const reordered = {
      ...topology,
      components: topology.components.map((c) => ({
        ports: c.ports,
        labels: c.labels,
        namespace: c.namespace,
        name: c.name,
      })),
    };
    expect(topologyEtag('shop', reordered)).toBe(PINNED);
    expect(topologyEtag('other', topology)).not.toBe(PINNED);
    const moved = {
      ...topology,
      components: [{ ...topology.components[0]!, namespace: 'store' }, topology.components[1]!],
    };
    expect(topologyEtag('shop', moved)).not.toBe(PINNED);
  });

  it('If-Match holds to the strong comparison', () => {
    expect(() => assertIfMatch(undefined, PINNED)).not.toThrow();
    expect(() => assertIfMatch('*', PINNED)).not.toThrow();
    expect(() => assertIfMatch(`"x", ${PINNED}`, PINNED)).not.toThrow();
    expect(() => assertIfMatch(`W/${PINNED}`, PINNED)).toThrow(/does not match/);
  });
});
