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
  transform: { '^.+\\.(t|m?j)s$': ['@swc/jest', swc] },
  // @prisma/schema-engine-wasm's bindings are ES modules as well: compiled, they let the migrator load
  // the schema engine in-process under Jest exactly as the service does (src/database/schema-engine.ts).
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uid|load-esm|file-type|strtok3|token-types|@tokenizer|iterare|@borewit|content-disposition|cookie|@prisma/schema-engine-wasm)/)',
  ],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
