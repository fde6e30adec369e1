/**
 * Three Jest projects; `npm test` runs them all (as CI does), `npm run test:<project>` one of them:
 * - unit: specs without a database (src/**\/*.spec.ts, test/*.spec.ts), property runs at a tenth of
 *   their size: the developer's loop, an answer in seconds.
 * - e2e: the real application on a real database (test/**\/*.e2e-spec.ts but the slow ones).
 * - slow: the built service in a child process (faults, shutdown, attack), the 25-editor concurrency run,
 *   publishing 5,000 components on a busy CPU (publish-load),
 *   the fuzzer, and the property specs (*.property.spec.ts, in src/ and test/) at full size.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** test/ specs that belong to the slow project. */
const SLOW_E2E = ['faults', 'shutdown', 'concurrency', 'fuzz', 'attack', 'publish-load'].map(
  (name) => `<rootDir>/test/${name}.e2e-spec.ts`,
);

const common = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // NestJS 12 ships ES modules only; Jest's CommonJS runtime needs them compiled like our code.
  transform: { '^.+\\.(t|[cm]?j)s$': ['@swc/jest', swc] },
  // Compiled as well: @prisma/schema-engine-wasm's ES module bindings, so the migrator loads the schema
  // engine in-process as the service does (src/database/schema-engine.ts); and PGlite's CommonJS build,
  // whose dynamic import()s of Node built-ins Jest's runtime rejects unless they become require()s.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uid|load-esm|file-type|strtok3|token-types|@tokenizer|iterare|@borewit|content-disposition|cookie|@prisma/schema-engine-wasm|@electric-sql/pglite|mercurius|quick-lru)/)',
  ],
  // The generated Prisma client imports its own files as './x.js' (importFileExtension = "js").
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

/**
 * Projects with a database migrate one template for the whole run and clone it per file
 * (test/support/database.ts). Jest runs a global setup module once however many projects name it,
 * and only when one of them has a test to run: `npm run test:unit` migrates nothing.
 */
const withDatabase = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/*.spec.ts'],
      setupFiles: ['<rootDir>/test/setup/quick-properties.ts'],
    },
    {
      ...common,
      ...withDatabase,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...SLOW_E2E],
    },
    {
      ...common,
      ...withDatabase,
      displayName: 'slow',
      // Also builds the service the process specs start (npm run build, when src/ changed since the last).
      globalSetup: '<rootDir>/test/setup/global-setup-slow.ts',
      testMatch: [...SLOW_E2E, '<rootDir>/src/**/*.property.spec.ts', '<rootDir>/test/*.property.spec.ts'],
      setupFiles: ['<rootDir>/test/setup/full-properties.ts'],
    },
  ],
  // A bound for a hang, not a budget: generous, so a loaded machine makes a test slower, never failed
  // (migrating an empty embedded database took over a minute with six other builds running).
  testTimeout: 300_000,
  maxWorkers: 2,
};
