// Writes test/support/openapi-types.ts, the TypeScript types of openapi.yaml (openapi-typescript), which
// the e2e specs' typed client (test/support/typed-api.ts) is checked against by tsc. With --check it
// writes nothing and fails when the file is not what openapi.yaml gives (npm run lint runs that).
// openapi.yaml itself is linted by Redocly and Spectral in `npm run lint:openapi`; here it is only read.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { createConfig } from '@redocly/openapi-core';
import prettier from 'prettier';

const source = new URL('../openapi.yaml', import.meta.url);
const target = fileURLToPath(new URL('../test/support/openapi-types.ts', import.meta.url));
const header = '// Generated from openapi.yaml by `npm run api:types` (scripts/api-types.mjs). Do not edit.\n\n';

const ast = await openapiTS(source, {
  // No lint rules here: the document's own lint (redocly.yaml, its ignore file) runs in lint:openapi.
  redocly: await createConfig({ rules: {} }),
  immutable: true,
  // A default (protocol: TCP) makes a field optional in a request, not required.
  defaultNonNullable: false,
  exportType: true,
});
const options = { ...(await prettier.resolveConfig(target)), filepath: target };
const text = await prettier.format(header + astToString(ast), options);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    console.error('test/support/openapi-types.ts is not what openapi.yaml gives: run `npm run api:types`.');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
