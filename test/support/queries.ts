import type { INestApplication } from '@nestjs/common';
import { PrismaService } from '../../src/database/prisma.service';

/** Authentication's statements: the token lookup (cached for CACHE_TTL_MS) and the lastUsedAt touch (once a minute). */
const AUTHENTICATION = /"ApiToken"/;

const counters = new WeakMap<PrismaService, { count: number }>();

/**
 * How many SQL statements the application sends while `work` runs, leaving out authentication's:
 * whether a request looks its token up depends on the token cache's TTL and on the clock (the touch),
 * not on what the spec measures (the statements a query costs).
 */
export async function statementsDuring(app: INestApplication, work: () => Promise<unknown>): Promise<number> {
  const prisma = app.get(PrismaService);
  let counter = counters.get(prisma);
  if (counter === undefined) {
    const created = { count: 0 };
    // PrismaService's type says $on takes no listener (Nest builds it without its log options in the type).
    (prisma as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void }).$on(
      'query',
      (event) => {
        if (!AUTHENTICATION.test(event.query)) created.count += 1;
      },
    );
    counters.set(prisma, created);
    counter = created;
  }
  const before = counter.count;
  await work();
  return counter.count - before;
}
