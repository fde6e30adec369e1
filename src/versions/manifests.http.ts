import type { FastifyReply } from 'fastify';
import { prefersYaml } from '../common/http/content-negotiation';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A pointer that moves (latest, a channel, the draft): caches must revalidate, and a 304 is cheap. */
export const REVALIDATE = 'no-cache';

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
  void reply.header('etag', etag).header('cache-control', cacheControl).header('vary', 'Accept');
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
