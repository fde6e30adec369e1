import { AppError, ErrorCode } from './app-error';

/**
 * Database failures that are not the caller's fault but not our bug either: a lost connection is
 * a 503 the client may retry. Prisma codes are matched by name (P1001: can't reach the server,
 * P1017: server closed the connection, P2024: pool timeout).
 */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03']);

export function fromDatabaseError(exception: unknown): AppError | undefined {
  const error = exception as { code?: unknown; name?: unknown; cause?: unknown; message?: unknown };
  if (typeof error !== 'object' || error === null) return undefined;
  const code = typeof error.code === 'string' ? error.code : undefined;
  const unavailable =
    (code !== undefined && (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) ||
    error.name === 'PrismaClientInitializationError' ||
    (typeof error.message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|Can't reach database/.test(error.message));
  if (unavailable) return new AppError(ErrorCode.DatabaseUnavailable, 'The database is unavailable; retry shortly');
  if (error.cause && error.cause !== exception) return fromDatabaseError(error.cause);
  return undefined;
}
