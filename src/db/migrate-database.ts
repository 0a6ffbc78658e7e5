import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { AppError } from '../core/errors';
import { projectRoot } from '../lib/project-root';
import type { Database } from './database';
import { loadSchemaEngine } from './schema-engine';

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Applies the committed migrations under prisma/migrations that the database has not seen, the
 * way `prisma migrate deploy` does (same `_prisma_migrations` table). Returns the names applied
 * now. Callers that may run beside other instances hold `db.withMigrationLock` around it.
 */
export async function migrateDatabase(db: Database, migrationsDir = defaultMigrationsDir()): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  // Most starts have nothing to apply: then the schema engine is not loaded at all. Its
  // WebAssembly stays in the process's memory once loaded (about 90 MB of resident memory).
  if (await allApplied(db, migrationsList)) return [];
  const adapter = db.openMigrationAdapter();
  try {
    const engine = await loadSchemaEngine(adapter.factory);
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return appliedMigrationNames;
    } finally {
      engine.free();
    }
  } catch (cause) {
    throw new AppError('DB_MIGRATION_FAILED', `Applying migrations failed: ${describe(cause)}`, {}, { cause });
  } finally {
    await adapter.release();
  }
}

/**
 * The SQL that would take a database built by the committed migrations to what schema.prisma
 * describes; empty when they agree. Builds the migrations in a throwaway shadow database.
 */
export async function diffMigrationsToSchema(
  db: Database,
  migrationsDir = defaultMigrationsDir(),
  schemaPath = path.join(projectRoot(), 'prisma', 'schema.prisma'),
): Promise<string> {
  const migrationsList = await readMigrations(migrationsDir);
  const schema = { path: 'schema.prisma', content: await readFile(schemaPath, 'utf8') };
  const adapter = db.openMigrationAdapter();
  try {
    const engine = await loadSchemaEngine(adapter.factory, [schema]);
    try {
      const { stdout } = await engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      return isEmptyMigration(stdout ?? '') ? '' : (stdout ?? '');
    } finally {
      engine.free();
    }
  } finally {
    await adapter.release();
  }
}

/** Whether `_prisma_migrations` records every committed migration as applied and none as failed. */
async function allApplied(db: Database, migrations: MigrationList): Promise<boolean> {
  const [table] = await db.prisma.$queryRaw<Array<{ exists: boolean }>>`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`;
  if (!table?.exists) return false;
  const rows = await db.prisma.$queryRaw<Array<{ migration_name: string; finished: boolean }>>`
    SELECT migration_name, (finished_at IS NOT NULL) AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL`;
  // A failed migration is the engine's to report.
  if (rows.some((r) => !r.finished)) return false;
  const applied = new Set(rows.map((r) => r.migration_name));
  return migrations.migrationDirectories.every((m) => applied.has(m.path));
}

export function defaultMigrationsDir(): string {
  return path.join(projectRoot(), 'prisma', 'migrations');
}

/** Reads prisma/migrations the way Prisma's CLI does: one folder per migration, in name order. */
export async function readMigrations(dir: string): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(path.join(dir, name, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: 'ok' as const, value }),
            (error: unknown) => ({ tag: 'error' as const, value: describe(error) }),
          ),
        },
      })),
    ),
  };
}

function isEmptyMigration(sql: string): boolean {
  return sql.trim() === '' || sql.trim() === '-- This is an empty migration.';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
