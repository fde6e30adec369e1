import crypto from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import type { AuditRepository } from '../audit/audit.repository';
import type { AppConfig } from '../config/config';
import type { PrismaService } from '../database/prisma.service';
import { displayPrefix, generateSecret, hashesMatch, hashSecret } from './token-secret';
import type { ApiToken } from './token.model';
import type { TokensRepository } from './tokens.repository';
import { parseAuthorization, TokensService } from './tokens.service';

const SECRET = generateSecret();
const TOKEN: ApiToken = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'ci',
  role: 'publisher',
  applications: ['shop'],
  prefix: displayPrefix(SECRET),
  expiresAt: null,
  revokedAt: null,
  createdAt: new Date(),
  lastUsedAt: new Date(),
};

function repositoryWith(stored: Partial<ApiToken> | undefined) {
  return {
    findByHash: jest.fn(async (hash: string) =>
      stored && hash === hashSecret(SECRET) ? { token: { ...TOKEN, ...stored }, tokenHash: hash } : undefined,
    ),
    touch: jest.fn(async () => {}),
    revoke: jest.fn(async () => true),
  };
}

function serviceWith(stored: Partial<ApiToken> | undefined, { cacheTtlMs = 0 } = {}) {
  const repository = repositoryWith(stored);
  // The transaction runs its callback on a stand-in client; the audit record is a no-op.
  const prisma = { $transaction: async (work: (tx: unknown) => Promise<unknown>) => work({}) };
  const audit = { record: async () => {} };
  const service = new TokensService(
    prisma as unknown as PrismaService,
    repository as unknown as TokensRepository,
    audit as unknown as AuditRepository,
    { cacheTtlMs } as AppConfig,
  );
  return Object.assign(service, { repository });
}

describe('token secrets', () => {
  it('are fp_ and 32 random bytes in base64url, different every time', () => {
    const secrets = new Set(Array.from({ length: 100 }, generateSecret));
    expect(secrets.size).toBe(100);
    for (const secret of secrets) expect(secret).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
    expect(displayPrefix(SECRET)).toBe(SECRET.slice(0, 8));
  });

  it('are stored as their sha256 in hex', () => {
    expect(hashSecret('fp_x')).toBe(crypto.createHash('sha256').update('fp_x').digest('hex'));
  });

  it('are compared with crypto.timingSafeEqual, also when authenticating', async () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      expect(hashesMatch(hashSecret('a'), hashSecret('a'))).toBe(true);
      expect(hashesMatch(hashSecret('a'), hashSecret('b'))).toBe(false);
      expect(spy).toHaveBeenCalledTimes(2);
      spy.mockClear();
      await expect(serviceWith({}).authenticate(`Bearer ${SECRET}`)).resolves.toMatchObject({ name: 'ci' });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('TokensService.authenticate', () => {
  const codeOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, message: (error as AppError).message };
  };

  it('answers the principal of a valid token', async () => {
    expect(await serviceWith({}).authenticate(`Bearer ${SECRET}`)).toEqual({
      id: TOKEN.id,
      name: 'ci',
      role: 'publisher',
      applications: ['shop'],
    });
  });

  it('refuses unknown, revoked and expired tokens', async () => {
    expect(await codeOf(serviceWith(undefined).authenticate(`Bearer ${SECRET}`))).toMatchObject({
      code: 'auth/unauthenticated',
      message: expect.stringMatching(/not valid/),
    });
    expect(await codeOf(serviceWith({ revokedAt: new Date() }).authenticate(`Bearer ${SECRET}`))).toMatchObject({
      message: expect.stringMatching(/revoked/),
    });
    const expired = serviceWith({ expiresAt: new Date(Date.now() - 1000) }).authenticate(`Bearer ${SECRET}`);
    expect(await codeOf(expired)).toMatchObject({ message: expect.stringMatching(/expired/) });
  });

  it('remembers a token for CACHE_TTL_MS, so a request costs no lookup, and forgets it when revoked here', async () => {
    const service = serviceWith({}, { cacheTtlMs: 60_000 });
    for (let i = 0; i < 3; i++) await service.authenticate(`Bearer ${SECRET}`);
    expect(service.repository.findByHash).toHaveBeenCalledTimes(1);
    // lastUsedAt (a moment ago) is fresh: no write either.
    expect(service.repository.touch).not.toHaveBeenCalled();
    await service.revoke({ id: TOKEN.id, by: { requestId: 'test' } });
    await service.authenticate(`Bearer ${SECRET}`);
    expect(service.repository.findByHash).toHaveBeenCalledTimes(2);
  });

  it('looks every token up when CACHE_TTL_MS is 0, and never remembers an unknown secret', async () => {
    const uncached = serviceWith({});
    for (let i = 0; i < 3; i++) await uncached.authenticate(`Bearer ${SECRET}`);
    expect(uncached.repository.findByHash).toHaveBeenCalledTimes(3);
    const unknown = serviceWith(undefined, { cacheTtlMs: 60_000 });
    for (let i = 0; i < 2; i++) await unknown.authenticate(`Bearer ${SECRET}`).catch(() => undefined);
    expect(unknown.repository.findByHash).toHaveBeenCalledTimes(2);
  });

  it('writes lastUsedAt at most once a minute, also from the cache', async () => {
    const service = serviceWith({ lastUsedAt: null }, { cacheTtlMs: 60_000 });
    const now = new Date();
    await service.authenticate(`Bearer ${SECRET}`, now);
    await service.authenticate(`Bearer ${SECRET}`, new Date(now.getTime() + 1000));
    expect(service.repository.touch).toHaveBeenCalledTimes(1);
    await service.authenticate(`Bearer ${SECRET}`, new Date(now.getTime() + 61_000));
    expect(service.repository.touch).toHaveBeenCalledTimes(2);
  });

  it.each([
    [undefined, /Authentication required/],
    ['', /Authentication required/],
    ['Basic dXNlcjpwYXNz', /scheme "Basic"/],
    ['Token fp_abc', /scheme "Token"/],
    ['Bearer', /has no token/],
    ['Bearer ', /has no token/],
    ['Bearer  fp_abc', /one space/],
    ['Bearer fp_abc extra', /one space/],
    [' Bearer fp_abc', /Malformed/],
    ['Bearer fp_a"bc', /one space/],
  ])('refuses the Authorization header %j', (header, message) => {
    expect(() => parseAuthorization(header)).toThrow(message);
  });

  it('accepts the scheme in any case (RFC 9110)', () => {
    expect(parseAuthorization('bearer fp_abc')).toBe('fp_abc');
    expect(parseAuthorization('BEARER fp_abc')).toBe('fp_abc');
  });
});
