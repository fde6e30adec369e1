/**
 * The identity of a topology document: sha256 of its canonical form. The API's ETag and the audit
 * trail's digests are this, so they change when the document does and never with how a transport
 * happens to present it.
 */
import { canonicalJson, sha256Hex } from './canonical';
import type { Component, External, Flow, Topology } from './topology';

/**
 * The document as a plain value, keys left to canonicalJson to sort: the application's name and its
 * components, externals and flows (without flow ids, which the store assigns; a missing description
 * is ''). Settings are not part of the document.
 */
export function canonicalTopologyDocument(
  name: string,
  topology: Pick<Topology, 'components' | 'externals' | 'flows'>,
) {
  return {
    name,
    components: topology.components.map(canonicalComponent),
    externals: topology.externals.map((e: External) => ({ name: e.name, cidr: e.cidr, except: [...e.except] })),
    flows: topology.flows.map((f: Flow) => ({
      from: f.from,
      to: f.to,
      ports: f.ports.map((p) => ({ port: p.port, endPort: p.endPort, protocol: p.protocol })),
      description: f.description ?? '',
    })),
  };
}

function canonicalComponent(c: Component) {
  return {
    name: c.name,
    namespace: c.namespace,
    labels: { ...c.labels },
    ports: c.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
  };
}

type DocumentParts = Pick<Topology, 'components' | 'externals' | 'flows'>;

/** Digests by topology object and application name: topologies are readonly values. */
const digests = new WeakMap<DocumentParts, Map<string, string>>();

/**
 * sha256 (hex) of the canonical document: equal documents give equal digests. Remembered per
 * (topology object, name): one write asks for the digest of the same topology up to three times (the
 * If-Match check, the audit event, the answer's ETag), and a publish again for its draft's source.
 */
export function topologyDigest(name: string, topology: DocumentParts): string {
  let byName = digests.get(topology);
  if (byName === undefined) digests.set(topology, (byName = new Map()));
  let digest = byName.get(name);
  if (digest === undefined) {
    byName.set(name, (digest = sha256Hex(canonicalJson(canonicalTopologyDocument(name, topology)))));
  }
  return digest;
}
