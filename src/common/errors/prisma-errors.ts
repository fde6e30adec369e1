/** Prisma error codes we act on, by name (https://www.prisma.io/docs/orm/reference/error-reference). */
export const PrismaCode = {
  UniqueViolation: 'P2002',
  RecordNotFound: 'P2025',
  /** An interactive transaction could not start in time, or expired before its callback finished. */
  TransactionExpired: 'P2028',
  /** A write conflict or deadlock: the database aborted the transaction; running it again may succeed. */
  TransactionConflict: 'P2034',
} as const;

export function hasPrismaCode(
  error: unknown,
  code: (typeof PrismaCode)[keyof typeof PrismaCode] | typeof RAW_QUERY_FAILED,
): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** A raw query that failed: Prisma's P2010, with the driver adapter's error (and the SQLSTATE) in meta. */
const RAW_QUERY_FAILED = 'P2010';

/**
 * A unique constraint refused the write: P2002 from a model query; from a raw one, P2010 whose driver
 * adapter error is a UniqueConstraintViolation (SQLSTATE 23505), on pg and PGlite alike.
 */
export function isUniqueViolation(error: unknown): boolean {
  return hasPrismaCode(error, PrismaCode.UniqueViolation) || rawQueryErrorKind(error) === 'UniqueConstraintViolation';
}

/**
 * The database aborted the transaction on a write conflict or a deadlock: P2034 from a model query;
 * from a raw one, P2010 whose driver adapter error is a TransactionWriteConflict (SQLSTATE 40001, 40P01).
 */
export function isWriteConflict(error: unknown): boolean {
  return (
    hasPrismaCode(error, PrismaCode.TransactionConflict) || rawQueryErrorKind(error) === 'TransactionWriteConflict'
  );
}

/** The driver adapter's kind of error of a failed raw query (P2010), as Prisma 7 puts it in meta. */
function rawQueryErrorKind(error: unknown): unknown {
  if (!hasPrismaCode(error, RAW_QUERY_FAILED)) return undefined;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta;
  return meta?.driverAdapterError?.cause?.kind;
}
