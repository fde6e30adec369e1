// Prisma CLI configuration. The service itself never needs the CLI: it applies prisma/migrations at
// start through Prisma's WebAssembly schema engine (src/database/migrator.ts). Users with internet
// access can still run `npx prisma migrate deploy` against DATABASE_URL.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/flowpolicy' },
});
