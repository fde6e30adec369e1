/**
 * A database of its own for each test file, so files run in parallel with no shared state.
 *
 * With DATABASE_URL (CI points it at a fresh database on the local Postgres): Jest's globalSetup
 * migrates one template database once; each file clones it with CREATE DATABASE ... TEMPLATE, which
 * copies files instead of replaying migrations. Without DATABASE_URL: the template is an embedded
 * PGlite data folder migrated once (and kept for later runs, see keptPGliteTemplates), and each file
 * gets a copy of that folder; an empty database is a copy of the folder as PGlite's initdb left it,
 * before the migrations.
 *
 * globalSetup hands the template to the test workers through environment variables (workers are
 * started after it, with its environment). Run without it, each file migrates its own database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import type { AppConfig } from '../../src/config/config';
import { applyMigrations, MIGRATIONS_DIR } from '../../src/database/migrator';
import { createPGliteAdapterFactory } from '../../src/database/pglite-adapter';

export interface TestDatabase {
  /** Spread over a loaded AppConfig: `databaseUrl` on Postgres, `dataDir` (and no databaseUrl) on PGlite. */
  readonly config: Partial<AppConfig>;
  /** Removes the database; safe to call twice. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** false: an empty database, no migration applied (to test migrating itself). Default true. */
  readonly migrated?: boolean;
  /**
   * PGlite only, with `migrated: false`: false gives an empty folder, so PGlite itself creates the
   * database there (initdb) as on a new user's first start. Default true: a copy of the run's empty
   * template, which skips initdb's ~7 CPU-seconds (a second PGlite runs beside the one that runs it).
   */
  readonly initialized?: boolean;
}

// Set by globalSetup for the workers. Postgres: the template database, and the prefix of every
// database name this run creates. PGlite: the migrated template folder, an empty (initialized, not
// migrated) one, and the run's folder.
const PG_TEMPLATE_ENV = 'FLOWPOLICY_TEST_PG_TEMPLATE';
const PG_PREFIX_ENV = 'FLOWPOLICY_TEST_PG_PREFIX';
const PGLITE_TEMPLATE_ENV = 'FLOWPOLICY_TEST_PGLITE_TEMPLATE';
const PGLITE_EMPTY_TEMPLATE_ENV = 'FLOWPOLICY_TEST_PGLITE_EMPTY_TEMPLATE';
const PGLITE_ROOT_ENV = 'FLOWPOLICY_TEST_PGLITE_ROOT';

const NODE_MODULES = resolve(__dirname, '../../node_modules');
const CACHE_DIR = join(NODE_MODULES, '.cache/flowpolicy');

/** The backend this run tests against: Postgres when DATABASE_URL is set, else embedded PGlite. */
export function testBackend(): 'postgres' | 'pglite' {
  return serverUrl() === undefined ? 'pglite' : 'postgres';
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  const server = serverUrl();
  return server === undefined
    ? createPGliteDatabase(migrated, options.initialized ?? true)
    : createPostgresDatabase(server, migrated);
}

/** An embedded PGlite database in a fresh temporary folder, whatever DATABASE_URL says. */
export async function createPGliteTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  return createPGliteDatabase(options.migrated ?? true, options.initialized ?? true);
}

// ---- globalSetup / globalTeardown ------------------------------------------------------------

/** Migrates this run's template once and publishes it to the workers (called by globalSetup). */
export async function prepareTemplate(): Promise<void> {
  // Both the e2e and the slow project's global setups call this; the first one of a run does the work.
  if (process.env[PG_TEMPLATE_ENV] !== undefined || process.env[PGLITE_TEMPLATE_ENV] !== undefined) return;
  const server = serverUrl();
  const runId = randomBytes(3).toString('hex');
  if (server === undefined) {
    const root = await mkdtemp(join(scratchDir(), `flowpolicy-test-${runId}-`));
    const templates = await keptPGliteTemplates(root);
    process.env[PGLITE_ROOT_ENV] = root;
    process.env[PGLITE_TEMPLATE_ENV] = templates.migrated;
    process.env[PGLITE_EMPTY_TEMPLATE_ENV] = templates.empty;
  } else {
    const prefix = `${identifier(new URL(server).pathname.slice(1)).slice(0, 40)}_${runId}`;
    const template = `${prefix}_template`;
    await withAdmin(server, (admin) => admin.query(`CREATE DATABASE ${quote(template)}`));
    await applyMigrations(new PrismaPg({ connectionString: databaseUrl(server, template) }), MIGRATIONS_DIR);
    process.env[PG_PREFIX_ENV] = prefix;
    process.env[PG_TEMPLATE_ENV] = template;
  }
}

/** Drops the template and whatever a crashed test file left behind (called by globalTeardown). */
export async function removeTemplate(): Promise<void> {
  const root = process.env[PGLITE_ROOT_ENV];
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  const prefix = process.env[PG_PREFIX_ENV];
  const server = serverUrl();
  if (prefix === undefined || server === undefined) return;
  await withAdmin(server, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [`${prefix}_`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
  });
}

// ---- Postgres ---------------------------------------------------------------------------------

async function createPostgresDatabase(server: string, migrated: boolean): Promise<TestDatabase> {
  const template = process.env[PG_TEMPLATE_ENV];
  const prefix = process.env[PG_PREFIX_ENV] ?? `${identifier(new URL(server).pathname.slice(1)).slice(0, 40)}_adhoc`;
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(server, name);
  const cloned = migrated && template !== undefined;
  await withAdmin(server, (admin) =>
    admin.query(`CREATE DATABASE ${quote(name)}${cloned ? ` TEMPLATE ${quote(template)}` : ''}`),
  );
  if (migrated && !cloned) await applyMigrations(new PrismaPg({ connectionString: url }), MIGRATIONS_DIR);
  let dropped = false;
  return {
    config: { databaseUrl: url },
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(server, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
    },
  };
}

/** Runs `work` on a short-lived connection to the server's DATABASE_URL database. */
async function withAdmin<T>(server: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A lowercase identifier made of a database name, for names we build from it. */
function identifier(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_]/g, '_') || 'flowpolicy';
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// ---- PGlite -----------------------------------------------------------------------------------

async function createPGliteDatabase(migrated: boolean, initialized: boolean): Promise<TestDatabase> {
  const parent = process.env[PGLITE_ROOT_ENV] ?? scratchDir();
  const template = process.env[migrated ? PGLITE_TEMPLATE_ENV : PGLITE_EMPTY_TEMPLATE_ENV];
  const dataDir = await mkdtemp(join(parent, 'db-'));
  // PrismaService keeps the embedded database in `${dataDir}/pglite`.
  const folder = join(dataDir, 'pglite');
  // cpSync: about 60 ms for the ~1,000 files of a data folder, where fs/promises' cp takes 400+ ms.
  if ((migrated || initialized) && template !== undefined) cpSync(template, folder, { recursive: true });
  else if (migrated) await migratePGliteFolder(folder);
  let dropped = false;
  return {
    config: { databaseUrl: undefined, dataDir },
    async drop() {
      if (dropped) return;
      dropped = true;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The PGlite templates, empty and migrated. Making them costs about 8 CPU-seconds (initdb alone
 * about 7: a second PGlite runs beside it), which every `jest <one file>` paid. So they are kept in
 * the project's node_modules/.cache under the hash of what they are made of: this format's number,
 * the versions of PGlite, the schema engine and the PGlite adapter, and prisma/migrations' files.
 * Test files only ever copy a template, so a kept one is used in place. Made in `root` (the run's
 * folder) and renamed into the cache whole, so a run never sees half of one; a cache that cannot be
 * written changes nothing but the time: the run uses the templates it made in `root`. The code that
 * makes them is part of the hash (TEMPLATE_MAKERS). To start afresh: delete node_modules/.cache/flowpolicy.
 */
const PGLITE_TEMPLATE_FORMAT = 1;
const PROJECT_ROOT = resolve(__dirname, '../..');
/** The code that makes the templates: a change to it makes new ones. */
const TEMPLATE_MAKERS = [
  'src/database/migrator.ts',
  'src/database/pglite-adapter.ts',
  'src/database/schema-engine.ts',
  'test/support/database.ts',
].map((file) => join(PROJECT_ROOT, file));

async function keptPGliteTemplates(root: string): Promise<{ empty: string; migrated: string }> {
  const kept = join(CACHE_DIR, `pglite-templates-${pgliteTemplateHash()}`);
  const inside = (folder: string) => ({ empty: join(folder, 'empty'), migrated: join(folder, 'migrated') });
  if (existsSync(join(kept, 'migrated'))) return inside(kept);
  const made = join(root, 'templates');
  const templates = inside(made);
  // One initdb: its empty folder is kept before the migrations fill a copy of it.
  await initializePGliteFolder(templates.empty);
  cpSync(templates.empty, templates.migrated, { recursive: true });
  await migratePGliteFolder(templates.migrated);
  const partial = `${kept}.${process.pid}.${Date.now()}`;
  try {
    await mkdir(CACHE_DIR, { recursive: true });
    cpSync(made, partial, { recursive: true });
    renameSync(partial, kept);
    await pruneKeptTemplates(kept);
    return inside(kept);
  } catch {
    // Another run kept the same templates first, or the cache cannot be written: use this run's own.
    await rm(partial, { recursive: true, force: true });
    return templates;
  }
}

/**
 * Templates of earlier migrations or packages (77 MB each) are not used again once a day has passed:
 * a run still going on another branch copies from its own in place until it ends. Copies a killed run
 * left half made (`<name>.<pid>.<time>`) go after an hour.
 */
async function pruneKeptTemplates(kept: string): Promise<void> {
  const now = Date.now();
  for (const name of readdirSync(CACHE_DIR)) {
    const folder = join(CACHE_DIR, name);
    const maxAgeMs = /^pglite-templates-[0-9a-f]{32}$/.test(name)
      ? 24 * 3600_000
      : /^pglite-templates-[0-9a-f]{32}\.\d+\.\d+$/.test(name)
        ? 3600_000
        : undefined;
    if (folder === kept || maxAgeMs === undefined) continue;
    try {
      if (now - statSync(folder).mtimeMs > maxAgeMs) await rm(folder, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove: the next run tries again.
    }
  }
}

/** What the templates are made of (see PGLITE_TEMPLATE_FORMAT), the code that makes them included. */
function pgliteTemplateHash(): string {
  const hash = createHash('sha256').update(`${PGLITE_TEMPLATE_FORMAT}\0`);
  for (const name of ['@electric-sql/pglite', '@prisma/schema-engine-wasm', 'pglite-prisma-adapter']) {
    const manifest = readFileSync(join(NODE_MODULES, name, 'package.json'), 'utf8');
    hash.update(`${name}@${(JSON.parse(manifest) as { version: string }).version}\0`);
  }
  const migrations = readdirSync(MIGRATIONS_DIR, { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile())
    .map((file) => join(file.parentPath, file.name))
    .sort();
  for (const entry of [...migrations, ...TEMPLATE_MAKERS]) {
    hash
      .update(`${relative(PROJECT_ROOT, entry)}\0`)
      .update(readFileSync(entry))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** An empty embedded database: PGlite runs initdb in a folder that has none. */
async function initializePGliteFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const pglite = new PGlite(folder);
  await pglite.waitReady;
  await pglite.close();
}

async function migratePGliteFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const pglite = new PGlite(folder);
  try {
    await applyMigrations(createPGliteAdapterFactory(pglite), MIGRATIONS_DIR);
  } finally {
    await pglite.close();
  }
}

/**
 * Where PGlite folders go: memory-backed /dev/shm when the machine has it (copying a 40 MB data
 * folder there takes ~50 ms against ~800 ms on this machine's disk), else the OS temp folder.
 */
function scratchDir(): string {
  return process.env.FLOWPOLICY_TEST_TMPDIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
}

function serverUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}
