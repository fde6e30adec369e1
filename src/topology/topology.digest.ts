import { canonicalJson, sha256Hex } from '../engine';
import type { StoredTopology } from './topology.model';
import { toTopologyDocument } from './topology.response';

/**
 * sha256 (hex) of the topology document (what GET /topology serves, keys sorted): equal topologies
 * give equal digests, so an audit event's digestBefore/After show whether and when a topology changed.
 */
export function topologyDigest(application: string, topology: StoredTopology): string {
  return sha256Hex(canonicalJson(toTopologyDocument(application, topology)));
}
