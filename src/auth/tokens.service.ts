import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { ReadCache } from '../common/cache/read-cache';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { hasPrismaCode, PrismaCode } from '../common/errors/prisma-errors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PrismaService } from '../database/prisma.service';
import type { Principal, Requester } from '../common/access/request-context';
import type { Role } from '../common/access/roles';
import { displayPrefix, generateSecret, hashesMatch, hashSecret } from './token-secret';
import type { ApiToken, IssuedToken } from './token.model';
import { TokensRepository } from './tokens.repository';

/** `Bearer <token>`: one space, then an RFC 6750 b64token. The scheme is case-insensitive (RFC 9110). */
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;
/**
 * Authorization schemes other than Bearer that a client may send by mistake, named in the answer: the
 * IANA HTTP Authentication Scheme Registry, and `Token`, which some APIs use.
 */
const OTHER_SCHEMES = [
  'Basic',
  'Digest',
  'DPoP',
  'HOBA',
  'Mutual',
  'Negotiate',
  'NTLM',
  'OAuth',
  'PrivateToken',
  'SCRAM-SHA-1',
  'SCRAM-SHA-256',
  'vapid',
  'Token',
];
/** lastUsedAt is written at most this often per token. */
const TOUCH_INTERVAL_MS = 60_000;
/** Key of the advisory lock that serialises the bootstrap of replicas starting together. */
const BOOTSTRAP_LOCK = 0x666c6f77; // "flow"
/** Tokens remembered per replica: far more than the pipelines and portals of one organisation. */
const CACHED_TOKENS = 10_000;

export const BOOTSTRAP_TOKEN_NAME = 'bootstrap';

@Injectable()
export class TokensService {
  /**
   * Tokens found by the hash of their secret, for CACHE_TTL_MS: every request is authenticated, and
   * a database round trip per request would cost more than most answers. Unknown secrets are not
   * remembered (a caller guessing would only churn the cache). A revoke forgets the token here at
   * once; other replicas notice within the TTL.
   */
  private readonly cache: ReadCache<{ token: ApiToken; tokenHash: string }>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly tokens: TokensRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new ReadCache({ ttlMs: config.cacheTtlMs, max: CACHED_TOKENS });
  }

  /** The caller behind an Authorization header; 401 `auth/unauthenticated` when there is none. */
  async authenticate(header: string | undefined, now = new Date()): Promise<Principal> {
    const secret = parseAuthorization(header);
    const presented = hashSecret(secret);
    // Only a token whose stored hash equals the presented one is remembered under it, so a hit needs no check.
    const found = await this.cache.getOrLoad(presented, async () => {
      const stored = await this.tokens.findByHash(presented);
      return stored && hashesMatch(stored.tokenHash, presented) ? stored : undefined;
    });
    if (!found) throw unauthenticated('The token is not valid');
    const { token } = found;
    if (token.revokedAt !== null) throw unauthenticated('The token has been revoked');
    if (token.expiresAt !== null && token.expiresAt <= now) {
      throw unauthenticated(`The token expired at ${token.expiresAt.toISOString()}`);
    }
    // lastUsedAt is for people auditing tokens: a minute's precision spares a write per request.
    const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
    if (token.lastUsedAt === null || token.lastUsedAt < staleBefore) {
      await this.tokens.touch(token.id, now, staleBefore);
      found.token = { ...token, lastUsedAt: now };
    }
    return { id: token.id, name: token.name, role: token.role, applications: [...token.applications] };
  }

  async create({
    by,
    ...input
  }: {
    name: string;
    role: Role;
    applications?: readonly string[];
    expiresAt?: Date;
    by: Requester;
  }): Promise<IssuedToken> {
    const secret = generateSecret();
    const issued = this.prisma.$transaction(async (tx) => {
      const token = await this.tokens.create(
        {
          name: input.name,
          role: input.role,
          applications: [...new Set(input.applications ?? [])].sort(),
          expiresAt: input.expiresAt ?? null,
          tokenHash: hashSecret(secret),
          prefix: displayPrefix(secret),
        },
        tx,
      );
      // Never the secret: the event names the token by id, name and display prefix.
      await this.audit.record(tx, {
        by,
        action: 'token.create',
        target: token.id,
        details: { name: token.name, role: token.role, applications: [...token.applications], prefix: token.prefix },
      });
      return { token, secret };
    });
    // Names are unique (a constraint, so two requests racing for one name cannot both win).
    return issued.catch((error: unknown) => {
      if (!hasPrismaCode(error, PrismaCode.UniqueViolation)) throw error;
      throw new AppError(
        ErrorCode.TokenExists,
        `a token named "${input.name}" exists (revoked ones keep their names)`,
        [{ field: 'name', reason: 'is already taken' }],
      );
    });
  }

  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  /** Revokes a token (idempotent); 404 `token/not_found` when no token has this id. */
  async revoke({ id, by }: { id: string; by: Requester }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (!(await this.tokens.revoke(id, new Date(), tx)))
        throw AppError.notFound(ErrorCode.TokenNotFound, 'token', id);
      await this.audit.record(tx, { by, action: 'token.revoke', target: id });
    });
    this.cache.deleteWhere((cached) => cached.token.id === id);
  }

  /**
   * At start: `adminToken` (FLOWPOLICY_ADMIN_TOKEN) becomes the "bootstrap" admin token; without
   * it, a database with no token at all gets a new admin token, whose secret is returned (to show
   * once). Replicas starting together take an advisory lock, so exactly one of them creates it.
   *
   * A new secret replaces the previous one: the token that held the name is revoked and renamed
   * `bootstrap-<its id>` (`retired` says which), so rotating the variable locks the old secret out.
   */
  async bootstrap({ adminToken }: { adminToken?: string }): Promise<{ created?: string; retired?: ApiToken }> {
    const result = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
      const admin = { name: BOOTSTRAP_TOKEN_NAME, role: 'admin' as const, applications: [] };
      if (adminToken !== undefined) {
        const tokenHash = hashSecret(adminToken);
        const previous = await this.tokens.findByName(BOOTSTRAP_TOKEN_NAME, tx);
        const replaced =
          previous !== undefined && (await this.tokens.findByHash(tokenHash, tx))?.token.id !== previous.id;
        if (replaced) await this.tokens.retire(previous, new Date(), tx);
        await this.tokens.upsertBootstrap({ ...admin, tokenHash, prefix: displayPrefix(adminToken) }, tx);
        return replaced ? { retired: previous } : {};
      }
      if ((await this.tokens.count(tx)) > 0) return {};
      const secret = generateSecret();
      await this.tokens.create({ ...admin, tokenHash: hashSecret(secret), prefix: displayPrefix(secret) }, tx);
      return { created: secret };
    });
    if (result.retired !== undefined) this.cache.deleteWhere((cached) => cached.token.id === result.retired!.id);
    return result;
  }
}

/** The secret of a well-formed `Authorization: Bearer <token>` header; 401 with the reason otherwise. */
export function parseAuthorization(header: string | undefined): string {
  if (header === undefined || header === '') {
    throw unauthenticated('Authentication required: send the header "Authorization: Bearer <token>"');
  }
  const bearer = BEARER.exec(header);
  if (bearer) return bearer[1];
  const first = /^(\S+)/.exec(header)?.[1] ?? '';
  // Only a scheme we know is named back: the first word of a header without one may be the secret.
  const known = OTHER_SCHEMES.find((scheme) => scheme.toLowerCase() === first.toLowerCase());
  const reason =
    first.toLowerCase() !== 'bearer'
      ? known !== undefined
        ? `uses the scheme "${known}"`
        : 'does not start with the scheme "Bearer" (its content is not repeated here: it may be a secret)'
      : header.trim().toLowerCase() === 'bearer'
        ? 'has no token'
        : 'must be "Bearer", one space and the token, with no other spaces or characters';
  throw unauthenticated(`Malformed Authorization header: it ${reason}; expected "Bearer <token>"`);
}

function unauthenticated(message: string): AppError {
  return new AppError(ErrorCode.Unauthenticated, message);
}
