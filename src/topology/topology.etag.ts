import { AppError, ErrorCode } from '../common/errors/app-error';
import { ifMatchHolds } from '../common/http/if-match';
import type { StoredTopology } from './topology.model';
import { topologyDigest } from './topology.digest';

/** The topology document's strong ETag: its digest, quoted. JSON and YAML share it (they carry the same document). */
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
