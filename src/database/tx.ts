import type { Prisma } from '../generated/prisma/client';

/** A Prisma client or an interactive transaction: repository methods accept either. */
export type Tx = Prisma.TransactionClient;
