import { AppError, ErrorCode } from '../common/errors/app-error';
import { hasPrismaCode, isUniqueViolation, isWriteConflict, PrismaCode } from '../common/errors/prisma-errors';

/** What a publish attempt answers when the topology changed between its read and its commit. */
export const TOPOLOGY_CHANGED = Symbol('topology changed');

/**
 * Runs `attempt` until it commits, at most `attempts` times. Another try is what a conflict calls for:
 * the topology changed after it was read (the attempt answered TOPOLOGY_CHANGED), a concurrent publish
 * took the number (unique violation), or the database aborted the transaction on a write conflict or
 * deadlock (P2034, or P2010 from a raw query). When the tries run out, or the transaction expired (P2028: the machine or the
 * database was too slow to finish it in time; trying again at once would only add to the load), the
 * caller gets a 409 `version/conflict` that tells it to retry, never a 500. Anything else is rethrown
 * as it came: errors are mapped here, outside the transaction callback, so the codes are still visible.
 */
export async function publishWithRetries<T>(
  app: string,
  attempts: number,
  attempt: (n: number) => Promise<T | typeof TOPOLOGY_CHANGED>,
): Promise<T> {
  for (let n = 1; ; n++) {
    let outcome: T | typeof TOPOLOGY_CHANGED;
    try {
      outcome = await attempt(n);
    } catch (error) {
      if (hasPrismaCode(error, PrismaCode.TransactionExpired)) {
        throw versionConflict(app, 'the publish transaction expired before it could commit');
      }
      const retryable = isUniqueViolation(error) || isWriteConflict(error);
      if (!retryable) throw error;
      if (n < attempts) continue;
      throw versionConflict(app, `concurrent publishes conflicted ${attempts} times`);
    }
    if (outcome !== TOPOLOGY_CHANGED) return outcome;
    if (n >= attempts) throw versionConflict(app, `the topology changed during each of ${attempts} attempts`);
  }
}

function versionConflict(app: string, reason: string): AppError {
  return new AppError(
    ErrorCode.VersionConflict,
    `Cannot publish "${app}" now: ${reason}; nothing was published, retry the request`,
    { retry: true, reason },
  );
}
