import type { ApiToken, IssuedToken } from './token.model';

export function toTokenResponse(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    applications: [...token.applications],
    prefix: token.prefix,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

/** The creation answer, the only one that carries the secret. */
export function toIssuedTokenResponse({ token, secret }: IssuedToken) {
  return {
    id: token.id,
    token: secret,
    name: token.name,
    role: token.role,
    applications: [...token.applications],
    prefix: token.prefix,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  };
}

/** GraphQL nodes keep Dates (the ISO scalar serialises them). */
export function toTokenNode(token: ApiToken) {
  return { ...token, applications: [...token.applications] };
}

export function toIssuedTokenNode({ token, secret }: IssuedToken) {
  return { ...toTokenNode(token), token: secret };
}
