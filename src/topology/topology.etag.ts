import { AppError, ErrorCode } from '../common/errors/app-error';
import { ifMatchHolds } from '../common/http/if-match';
import { topologyDigest } from '../engine';
import type { StoredTopology } from './topology.model';

/**
 * The topology document's strong ETag: the engine's digest of its canonical form, quoted. JSON and YAML
 * share it (they carry the same document), and a change of the response shape leaves it alone.
 */
export function topologyEtag(application: string, topology: StoredTopology): string {
  return `"${topologyDigest(application, topology)}"`;
}

/** If-Match (ifMatchHolds) or 412, with the current ETag in the details, for the caller to re-read and retry. */
export function assertIfMatch(ifMatch: string | undefined, current: string): void {
  if (ifMatchHolds(ifMatch, current)) return;
  throw new AppError(
    ErrorCode.TopologyPreconditionFailed,
    `The topology changed: If-Match ${ifMatch} does not match the current ETag ${current}`,
    { etag: current },
  );
}
