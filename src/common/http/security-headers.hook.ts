import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Headers for an API that serves JSON and YAML to programs, never pages: nothing may be sniffed into
 * HTML, framed, or load anything (OWASP REST Security Cheat Sheet, "Security headers"). Set only
 * when a route has not set them, and Cache-Control is not touched: manifests carry their own
 * (immutable for numbered versions, no-cache for channels).
 */
const HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** HSTS tells browsers to come back over TLS only; meaningful only on an answer that came over TLS. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export function installSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(HEADERS)) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
    if (overTls(request)) void reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  });
}

/** TLS here, or at the ingress in front of us (which says so in X-Forwarded-Proto). */
function overTls(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}
