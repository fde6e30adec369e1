import { AppError, ErrorCode } from './app-error';
import { isWriteConflict } from './prisma-errors';

/**
 * Database failures that are not the caller's fault but not our bug either: a lost connection is
 * a 503 the client may retry. Prisma codes are matched by name (P1001: can't reach the server,
 * P1017: server closed the connection, P2024: pool timeout).
 */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/**
 * Socket errors, and SQLSTATEs of a server going away: 57P01-57P03 (admin shutdown, crash shutdown,
 * cannot connect now) and class 08 (connection exceptions).
 */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
/** What pg and Prisma say, without a code we can match, when the connection is lost. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|Can't reach database|encountered a connection error and is not queryable|terminating connection due to administrator command|the database system is (shutting down|starting up)/;

/**
 * The database was reachable but too busy for this request: a transaction found no connection within
 * TRANSACTION_MAX_WAIT_MS or outlived its timeout (P2028), or a write conflict or deadlock aborted it
 * (P2034, or P2010 from a raw query). Publish retries these itself (publish-retry.ts); anywhere else they are a 503 to retry,
 * never a 500.
 */
const BUSY_PRISMA_CODES = new Set(['P2028', 'P2034']);

export function fromDatabaseError(exception: unknown): AppError | undefined {
  const error = exception as { code?: unknown; name?: unknown; cause?: unknown; message?: unknown; meta?: unknown };
  if (typeof error !== 'object' || error === null) return undefined;
  const code = typeof error.code === 'string' ? error.code : undefined;
  // A raw query that failed (P2010) carries the server's SQLSTATE in meta.code.
  const metaCode = (error.meta as { code?: unknown } | undefined)?.code;
  const unavailable =
    (code !== undefined && (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) ||
    (typeof metaCode === 'string' && UNAVAILABLE_SOCKET_CODES.has(metaCode)) ||
    error.name === 'PrismaClientInitializationError' ||
    (typeof error.message === 'string' && UNAVAILABLE_MESSAGE.test(error.message));
  if (unavailable) return new AppError(ErrorCode.DatabaseUnavailable, 'The database is unavailable; retry shortly');
  if ((code !== undefined && BUSY_PRISMA_CODES.has(code)) || isWriteConflict(exception)) {
    return new AppError(ErrorCode.DatabaseUnavailable, 'The database is busy; retry shortly');
  }
  if (error.cause && error.cause !== exception) return fromDatabaseError(error.cause);
  return undefined;
}
