// ESLint (flat config) with typescript-eslint; Prettier owns formatting (eslint-config-prettier
// turns off the rules that would fight it). The engine's dependency rule is enforced twice: here
// with no-restricted-imports, and by dependency-cruiser (.dependency-cruiser.cjs) over the graph.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'coverage/**', 'test/fixtures/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    // Specs may use the shared test helpers; the engine's own code may not leave src/engine.
    ignores: ['src/engine/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@prisma/*', 'prisma', 'pg', '@electric-sql/*'], message: 'src/engine is framework-free.' },
            { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'], message: 'src/engine does no I/O; callers pass contents in.' },
            { group: ['../*', '!./*'], message: 'src/engine imports nothing from other folders of src/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
