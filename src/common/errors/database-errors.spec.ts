import { ErrorCode } from './app-error';
import { fromDatabaseError } from './database-errors';

const prismaError = (code: string, message = 'Transaction API error') => Object.assign(new Error(message), { code });

describe('fromDatabaseError', () => {
  it.each([
    ['P2028', 'a transaction that found no connection in time, or expired'],
    ['P2034', 'a write conflict or deadlock'],
  ])('answers %s (%s) as a 503 to retry, not a 500', (code) => {
    const error = fromDatabaseError(prismaError(code));
    expect(error?.code).toBe(ErrorCode.DatabaseUnavailable);
    expect(error?.message).toBe('The database is busy; retry shortly');
  });

  it('answers a raw query’s write conflict or deadlock (P2010, 40001/40P01) as a 503 to retry, not a 500', () => {
    for (const originalCode of ['40001', '40P01']) {
      const raw = Object.assign(prismaError('P2010', 'Raw query failed'), {
        meta: {
          driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode, kind: 'TransactionWriteConflict' } },
        },
      });
      expect(fromDatabaseError(raw)?.message).toBe('The database is busy; retry shortly');
    }
  });

  it('answers a lost connection as unavailable', () => {
    expect(fromDatabaseError(prismaError('P1017', 'Server has closed the connection'))?.message).toBe(
      'The database is unavailable; retry shortly',
    );
  });

  it('leaves other errors to the caller (a unique violation is the feature’s to name)', () => {
    expect(fromDatabaseError(prismaError('P2002', 'Unique constraint failed'))).toBeUndefined();
    expect(fromDatabaseError(new Error('boom'))).toBeUndefined();
  });
});
