import { AppError, ErrorCode } from '../common/errors/app-error';
import { errorCodeToHttpStatus } from '../common/errors/error-code.mappers';
import { publishWithRetries, TOPOLOGY_CHANGED } from './publish-retry';

/** An error as Prisma throws it: the code is what the retry logic reads. */
function prismaError(code: string): Error {
  return Object.assign(new Error(`prisma ${code}`), { code, name: 'PrismaClientKnownRequestError' });
}

/** A raw query's failure as Prisma 7 throws it through a driver adapter (pg or PGlite). */
function rawQueryError(kind: string, originalCode: string): Error {
  return Object.assign(prismaError('P2010'), {
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode, kind } } },
  });
}

/** An attempt that answers each of `outcomes` in turn (an Error is thrown) and counts its calls. */
function scripted<T>(outcomes: (T | typeof TOPOLOGY_CHANGED | Error)[]) {
  const calls: number[] = [];
  const attempt = (n: number) => {
    calls.push(n);
    const outcome = outcomes[calls.length - 1];
    return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
  };
  return { attempt, calls };
}

async function conflictOf(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('publishWithRetries', () => {
  it('answers the first commit', async () => {
    const { attempt, calls } = scripted(['v1']);
    await expect(publishWithRetries('shop', 5, attempt)).resolves.toBe('v1');
    expect(calls).toEqual([1]);
  });

  it('runs again when the topology changed between read and commit, or a concurrent publish took the number', async () => {
    const { attempt, calls } = scripted([TOPOLOGY_CHANGED, prismaError('P2002'), prismaError('P2034'), 'v2']);
    await expect(publishWithRetries('shop', 5, attempt)).resolves.toBe('v2');
    expect(calls).toEqual([1, 2, 3, 4]);
  });

  it('answers a 409 version/conflict that says to retry when every attempt met a changed topology', async () => {
    const { attempt, calls } = scripted([TOPOLOGY_CHANGED, TOPOLOGY_CHANGED, TOPOLOGY_CHANGED]);
    const error = await conflictOf(publishWithRetries('shop', 3, attempt));
    expect(calls).toEqual([1, 2, 3]);
    expect(error.code).toBe(ErrorCode.VersionConflict);
    expect(errorCodeToHttpStatus(error.code)).toBe(409);
    expect(error.message).toMatch(/"shop".*retry/);
  });

  it.each(['P2002', 'P2034'])('maps %s after the last attempt to version/conflict', async (code) => {
    const { attempt, calls } = scripted([prismaError(code), prismaError(code)]);
    const error = await conflictOf(publishWithRetries('shop', 2, attempt));
    expect(calls).toEqual([1, 2]);
    expect(error.code).toBe(ErrorCode.VersionConflict);
  });

  it('runs again when the raw INSERT of the version met a unique violation (P2010, SQLSTATE 23505)', async () => {
    const { attempt, calls } = scripted([rawQueryError('UniqueConstraintViolation', '23505'), 'v2']);
    await expect(publishWithRetries('shop', 5, attempt)).resolves.toBe('v2');
    expect(calls).toEqual([1, 2]);
  });

  it('runs again when a raw query met a write conflict or a deadlock (P2010, SQLSTATE 40001 and 40P01)', async () => {
    const { attempt, calls } = scripted([
      rawQueryError('TransactionWriteConflict', '40001'),
      rawQueryError('TransactionWriteConflict', '40P01'),
      'v2',
    ]);
    await expect(publishWithRetries('shop', 5, attempt)).resolves.toBe('v2');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('maps an expired transaction (P2028) to version/conflict at once, without adding load by retrying', async () => {
    const { attempt, calls } = scripted([prismaError('P2028'), 'never']);
    const error = await conflictOf(publishWithRetries('shop', 5, attempt));
    expect(calls).toEqual([1]);
    expect(error.code).toBe(ErrorCode.VersionConflict);
    expect(error.message).toMatch(/expired.*retry/);
  });

  it('rethrows anything else unchanged, without retrying', async () => {
    const invalid = new AppError(ErrorCode.VersionInvalid, 'lint errors', { findings: [] });
    const other = prismaError('P2025');
    const rawOther = rawQueryError('ForeignKeyConstraintViolation', '23503');
    for (const failure of [invalid, other, rawOther]) {
      const { attempt, calls } = scripted([failure, 'never']);
      await expect(publishWithRetries('shop', 5, attempt)).rejects.toBe(failure);
      expect(calls).toEqual([1]);
    }
  });
});
