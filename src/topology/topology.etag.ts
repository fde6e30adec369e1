import { AppError, ErrorCode } from '../common/errors/app-error';
import type { StoredTopology } from './topology.model';
import { topologyDigest } from './topology.digest';

/** The topology document's strong ETag: its digest, quoted. JSON and YAML share it (they carry the same document). */
export function topologyEtag(application: string, topology: StoredTopology): string {
  return `"${topologyDigest(application, topology)}"`;
}

/**
 * If-Match (RFC 9110 13.1.1): `*` matches any current document; otherwise one of the listed tags must
 * equal the current ETag by the strong comparison, so a weak tag (`W/"..."`) never matches. Throws 412
 * with the current ETag in the details, for the caller to re-read and retry.
 */
export function assertIfMatch(ifMatch: string | undefined, current: string): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((tag) => tag.trim());
  if (tags.some((tag) => tag === '*' || tag === current)) return;
  throw new AppError(
    ErrorCode.TopologyPreconditionFailed,
    `The topology changed: If-Match ${ifMatch} does not match the current ETag ${current}`,
    { etag: current },
  );
}
