import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultMigrationsDir,
  diffMigrationsToSchema,
  migrateDatabase,
  readMigrations,
} from '../../../src/db/migrate-database';
import { projectRoot } from '../../../src/lib/project-root';
import { type Backend, backends, createTestDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(120_000);

const expectedTables = [
  '_prisma_migrations',
  'admin_sessions',
  'admin_users',
  'areas',
  'attachments',
  'audit_log',
  'broadcasts',
  'campaign_phases',
  'campaigns',
  'channel_credentials',
  'contacts',
  'conversation_states',
  'deliveries',
  'members',
  'plan_imports',
  'processed_updates',
  'reminder_log',
  'report_periods',
  'role_invites',
  'submission_drafts',
  'submission_revisions',
  'submissions',
];

describe.each(backends)('migrateDatabase on %s', (backend: Backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => t.dispose());

  it('creates every table of the schema when the database is empty', async () => {
    const migrations = await readMigrations(defaultMigrationsDir());
    const applied = await migrateDatabase(t.db);
    expect(applied).toEqual(migrations.migrationDirectories.map((d) => d.path));

    const rows = await t.db.prisma.$queryRawUnsafe<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(expectedTables);
  });

  it("records each migration with Prisma's checksum so prisma migrate deploy agrees", async () => {
    const rows = await t.db.prisma.$queryRawUnsafe<Array<{ migration_name: string; checksum: string; finished_at: Date | null }>>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    const migrations = await readMigrations(defaultMigrationsDir());
    expect(rows).toHaveLength(migrations.migrationDirectories.length);
    for (const [i, dir] of migrations.migrationDirectories.entries()) {
      const sql = await readFile(path.join(defaultMigrationsDir(), dir.path, 'migration.sql'));
      expect(rows[i]?.migration_name).toBe(dir.path);
      expect(rows[i]?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(rows[i]?.finished_at).toBeInstanceOf(Date);
    }
  });

  it('applies nothing when run again', async () => {
    expect(await migrateDatabase(t.db)).toEqual([]);
  });
});

describe('committed migrations and schema.prisma', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
  });
  afterAll(async () => t.dispose());

  // The SQL of both backends is PostgreSQL's, so one comparison covers both; PGlite gives the
  // schema engine a shadow database without needing rights to create one on a server.
  it('describe the same database (no drift)', async () => {
    expect(await diffMigrationsToSchema(t.db)).toBe('');
  });

  it('are reported as drifting when schema.prisma gains a column the migrations lack', async () => {
    const schema = await readFile(path.join(projectRoot(), 'prisma', 'schema.prisma'), 'utf8');
    const changed = schema.replace(/model Area \{\n/, 'model Area {\n  nickname String?\n');
    expect(changed).not.toBe(schema);
    const dir = await mkdtemp(path.join(tmpdir(), 'drift-'));
    const schemaPath = path.join(dir, 'schema.prisma');
    await writeFile(schemaPath, changed);
    const sql = await diffMigrationsToSchema(t.db, defaultMigrationsDir(), schemaPath);
    expect(sql).toContain('ALTER TABLE "areas" ADD COLUMN     "nickname" TEXT');
  });
});
