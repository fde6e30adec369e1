import type { FastifyReply } from 'fastify';
import { prefersYaml } from '../common/http/content-negotiation';

/**
 * Every manifests answer needs a token, and what a token may read differs from token to token: so
 * `private` (RFC 9111 5.2.2.7) keeps shared caches (a CDN, a proxy) from storing an answer and replaying
 * it to a caller the service never authenticated. The caller's own cache (a CI runner's) may keep a
 * numbered version for a year: it never changes.
 */
export const IMMUTABLE = 'private, max-age=31536000, immutable';
/** A pointer that moves (latest, a channel, the draft): caches must revalidate, and a 304 is cheap. */
export const REVALIDATE = 'private, no-cache';
/** The answer differs by representation and by caller (a token scoped elsewhere gets a 404). */
const VARY = 'Accept, Authorization';

export interface ManifestsBody {
  readonly digest: string;
  /** Canonical multi-document YAML. */
  readonly manifests: string;
  /** The same policies as a `kind: List` in JSON, made only when asked for. */
  readonly listJson: () => string;
}

/**
 * Writes a policy set as YAML (default) or a `kind: List` JSON (`Accept: application/json`), with a
 * strong ETag per representation (`"<digest>"`, `"<digest>-json"`) and a 304 when If-None-Match has it.
 */
export function sendManifests(
  reply: FastifyReply,
  headers: { accept?: string; 'if-none-match'?: string },
  body: ManifestsBody,
  cacheControl: string,
): string | undefined {
  const json = wantsJson(headers.accept);
  const etag = json ? `"${body.digest}-json"` : `"${body.digest}"`;
  void reply.header('etag', etag).header('cache-control', cacheControl).header('vary', VARY);
  if (matches(headers['if-none-match'], etag)) {
    void reply.status(304);
    return undefined;
  }
  if (json) {
    void reply.header('content-type', 'application/json; charset=utf-8');
    return body.listJson();
  }
  void reply.header('content-type', 'application/yaml; charset=utf-8');
  return body.manifests;
}

/** YAML unless the client ranks JSON first. */
function wantsJson(accept: string | undefined): boolean {
  return accept !== undefined && /application\/json/i.test(accept) && !prefersYaml(accept);
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): `W/` prefixes are ignored; `*` matches. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
