import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaSdl } from './schema-sdl';

describe('schema.graphql', () => {
  it('matches the code-first schema (run `npm run graphql:schema` after changing resolvers or types)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(await buildSchemaSdl()).toBe(committed);
  });
});
