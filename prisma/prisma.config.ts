import { defineConfig } from 'prisma/config';

// Paths are relative to this file. `generate` needs no database; the URL is only read by Prisma's own
// migrate commands (`prisma migrate deploy` on a machine with internet) and may be unset otherwise.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
