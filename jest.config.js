/** One Jest run covers unit specs beside the code (src/**\/*.spec.ts) and e2e specs (test/**\/*.e2e-spec.ts). */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '(\\.spec|\\.e2e-spec)\\.ts$',
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
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
