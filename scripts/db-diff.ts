// Writes the next migration: the SQL from the committed migrations to schema.prisma, computed in
// an in-memory PGlite by Prisma's WebAssembly schema engine (no engine binary, no server needed).
// Usage: npm run db:diff -- <name>
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../src/db/database';
import { defaultMigrationsDir, diffMigrationsToSchema } from '../src/db/migrate-database';

async function main(): Promise<void> {
  const name = (process.argv[2] ?? '').trim();
  if (!/^[a-z0-9_]+$/.test(name)) {
    console.error('Usage: npm run db:diff -- <name>   (name: lower-case letters, digits, _)');
    process.exit(2);
  }
  const db = await openDatabase({ kind: 'pglite', dir: ':memory:' });
  try {
    const sql = await diffMigrationsToSchema(db);
    if (!sql) {
      console.log('schema.prisma and prisma/migrations agree: no migration needed.');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(defaultMigrationsDir(), `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
