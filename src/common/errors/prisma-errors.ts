/** Prisma error codes we act on, by name (https://www.prisma.io/docs/orm/reference/error-reference). */
export const PrismaCode = {
  UniqueViolation: 'P2002',
  RecordNotFound: 'P2025',
  /** An interactive transaction could not start in time, or expired before its callback finished. */
  TransactionExpired: 'P2028',
  /** A write conflict or deadlock: the database aborted the transaction; running it again may succeed. */
  TransactionConflict: 'P2034',
} as const;

export function hasPrismaCode(error: unknown, code: (typeof PrismaCode)[keyof typeof PrismaCode]): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
