import crypto from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import type { AuditRepository } from '../audit/audit.repository';
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

function serviceWith(stored: Partial<ApiToken> | undefined) {
  const repository = {
    findByHash: jest.fn(async (hash: string) =>
      stored && hash === hashSecret(SECRET) ? { token: { ...TOKEN, ...stored }, tokenHash: hash } : undefined,
    ),
    touch: jest.fn(async () => {}),
  };
  return new TokensService({} as PrismaService, repository as unknown as TokensRepository, {} as AuditRepository);
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
