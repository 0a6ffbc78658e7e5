import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI only (generate, and migrate where its engine binaries are available).
// The service itself applies migrations through src/db/migrate.ts, with no engine binary.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/hiephoi' },
});
