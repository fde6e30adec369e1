/** `npm run graphql:schema`: writes schema.graphql, which a test keeps in step with the code. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaSdl } from './schema-sdl';

buildSchemaSdl()
  .then((sdl) => {
    writeFileSync(join(__dirname, '..', '..', 'schema.graphql'), sdl);
    process.stdout.write('wrote schema.graphql\n');
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
