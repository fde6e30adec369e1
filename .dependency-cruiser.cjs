/** Architecture rules checked by `npm run lint` (dependency-cruiser). */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment: 'src/engine is plain TypeScript: no framework, no database, no file system, no other src/ folder.',
      severity: 'error',
      from: { path: '^src/engine' },
      to: {
        pathNot: ['^src/engine', '^(crypto|node:crypto)$', '^node_modules/(yaml|ipaddr\\.js|diff|kubernetes-models|@kubernetes-models)/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'engine-no-node-io',
      severity: 'error',
      from: { path: '^src/engine' },
      to: { path: '^(fs|node:fs|fs/promises|child_process|net|http|https)$' },
    },
    {
      name: 'no-folder-cycles',
      comment:
        'A folder that imports another is not imported back (auth -> audit, never audit -> auth): features reach each other one way.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/', pathNot: '^src/generated' },
      to: { circular: true, pathNot: '^src/generated' },
    },
    {
      name: 'engine-only-through-its-index',
      comment: 'Outside src/engine, the engine is src/engine/index.ts: what it exports is its public API.',
      severity: 'error',
      from: {
        pathNot: [
          '^src/engine/',
          // The benchmark's baseline is the engine's connectivity algorithm before its rewrite, kept to
          // measure the ratio against; it is built on the engine's own building blocks on purpose, and is
          // a build script the service never imports (build-scripts-stay-out).
          '^src/bench/baseline/',
        ],
      },
      to: { path: '^src/engine/', pathNot: '^src/engine/index\\.ts$' },
    },
    {
      name: 'cli-only-from-its-entry',
      comment: 'src/cli is the command line: only src/cli.ts starts it, and nothing of the service depends on it.',
      severity: 'error',
      from: {
        // The connlist rendering the engine bench measures lives in the engine now (connlist-format.ts).
        pathNot: ['^src/cli\\.ts$', '^src/cli/'],
      },
      to: { path: '^src/cli/' },
    },
    {
      name: 'build-scripts-stay-out',
      comment:
        'print-schema (npm run graphql:schema) and the engine bench (npm run bench:engine) are programs of their own: nothing else imports them.',
      severity: 'error',
      from: { pathNot: ['^src/graphql/print-schema\\.ts$', '^src/bench/'] },
      to: { path: ['^src/graphql/print-schema\\.ts$', '^src/bench/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { pathNot: '^src/generated' },
      to: { circular: true, pathNot: '^src/generated' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^src/generated|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
