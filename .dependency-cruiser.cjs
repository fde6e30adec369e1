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
