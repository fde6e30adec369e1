/**
 * Prisma's driver adapter factory for an embedded PGlite database (npm pglite-prisma-adapter),
 * with two defects of its 0.7.2 release corrected for the schema engine's sake:
 *
 * - `executeScript` (how the engine runs a migration.sql) starts `PGlite.exec` without awaiting it,
 *   so a failing migration is recorded in _prisma_migrations as applied and its error surfaces as an
 *   unhandled rejection. Ours awaits it and reports the error to the engine like any query error.
 * - `connectToShadowDb` opens an in-memory PGlite that nothing ever closes. Ours closes it when the
 *   engine disposes the shadow connection.
 *
 * Queries and interactive transactions are the package's own code.
 */
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** The package's adapter object, as far as we rely on its (undeclared) fields. */
interface PGliteAdapterInternals {
  client: PGlite;
  onError(error: unknown): never;
}

export function createPGliteAdapterFactory(client: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(client) as unknown as SqlMigrationAwareDriverAdapterFactory;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withAwaitedScripts(await factory.connect()),
    connectToShadowDb: async () => {
      const shadow = new PGlite();
      const adapter = withAwaitedScripts(await new PrismaPGlite(shadow).connect());
      return Object.assign(adapter, { dispose: () => shadow.close() });
    },
  };
}

function withAwaitedScripts(adapter: unknown): SqlDriverAdapter {
  const internals = adapter as PGliteAdapterInternals & SqlDriverAdapter;
  if (!(internals.client instanceof PGlite) || typeof internals.onError !== 'function') {
    throw new Error('pglite-prisma-adapter changed shape: review src/database/pglite-adapter.ts');
  }
  internals.executeScript = async (script: string): Promise<void> => {
    try {
      await internals.client.exec(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return internals;
}
