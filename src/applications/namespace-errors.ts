import { AppError, ErrorCode } from '../common/errors/app-error';

/**
 * When two transactions grant one namespace at once, the database has the last word: the second
 * exclusive grant breaks the unique index on ("namespace", "exclusiveKey") (P2002), and a grant
 * whose mode disagrees with the namespace's breaks the foreign key on ("namespace", "shared") (P2003).
 * Either answers 409 `namespace/taken`, as the check before it would have.
 */
export function namespaceConflictOf(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, meta, message } = error as { code?: unknown; meta?: unknown; message?: unknown };
  if (code !== 'P2002' && code !== 'P2003') return undefined;
  const said = `${JSON.stringify(meta ?? {})} ${typeof message === 'string' ? message : ''}`;
  if (!/NamespaceGrant|exclusiveKey/.test(said)) return undefined;
  return new AppError(
    ErrorCode.NamespaceTaken,
    'the namespace was granted to another application at the same time; it is owned by another application',
    [{ field: 'namespace', reason: 'is owned by another application; send shared: true to share it' }],
  );
}
