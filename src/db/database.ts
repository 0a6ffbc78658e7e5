import { mkdirSync } from 'node:fs';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client, Pool, type PoolConfig } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import { schemaOf, toPgPoolConfig } from './pg-pool-config';
import { createSqlDatabase, preparedStatementName, type SqlDatabase } from './sql/sql-session';

/** Where the data lives: the embedded PGlite under DATA_DIR, or a PostgreSQL server. */
export type DatabaseTarget =
  | { readonly kind: 'pglite'; readonly dir: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly prisma: PrismaClient;
  /** Plain SQL on the same connections as `prisma`, for the paths where Prisma's overhead shows. */
  readonly sql: SqlDatabase;
  /**
   * A driver adapter for Prisma's schema engine, and how to let its connections go. The engine
   * holds a session-level advisory lock on its connection while it migrates; a connection of
   * its own, closed afterwards, makes sure that lock does not outlive the call.
   */
  openMigrationAdapter(): { factory: SqlMigrationAwareDriverAdapterFactory; release(): Promise<void> };
  /** Runs `fn` while holding the cluster-wide migration lock (several instances may start at once). */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  /** True when a trivial query answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the database the config names. Nothing is migrated here; see `migrateDatabase`. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.dir) : openPostgres(target.url);
}

async function openPglite(dir: string): Promise<Database> {
  if (dir !== ':memory:') mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir === ':memory:' ? undefined : dir);
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'pglite',
    prisma,
    sql: createSqlDatabase(await adapterFactory.connect()),
    openMigrationAdapter: () => pgliteMigrationAdapter(adapterFactory),
    // One process owns a PGlite directory, so there is nobody to race.
    withMigrationLock: (fn) => fn(),
    ping: () => pingWith(prisma),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * One process owns a PGlite directory, so the engine shares the client's connection. Its shadow
 * database (for diffs) is a PGlite of ours rather than the adapter's own, which is never closed
 * and whose timers would keep the process alive for seconds after the work is done.
 */
function pgliteMigrationAdapter(main: PrismaPGlite) {
  const shadows: PGlite[] = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb() {
      const shadow = await PGlite.create();
      shadows.push(shadow);
      return new PrismaPGlite(shadow).connect();
    },
  };
  return {
    factory,
    release: async () => {
      await Promise.all(shadows.splice(0).map((shadow) => shadow.close()));
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const poolConfig = toPgPoolConfig(url);
  const schema = schemaOf(url);
  if (schema) await createSchemaIfMissing(poolConfig, schema);
  // One pool for the Prisma client and the plain-SQL paths, so the connection limit holds for both.
  const pool = new Pool(poolConfig);
  const adapterFactory = new PrismaPg(pool, { ...(schema ? { schema } : {}), statementNameGenerator: preparedStatementName });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'postgres',
    prisma,
    sql: createSqlDatabase(await adapterFactory.connect()),
    openMigrationAdapter() {
      const pool = new Pool({ ...poolConfig, max: 2 });
      return { factory: new PrismaPg(pool, schema ? { schema } : undefined), release: () => pool.end() };
    },
    withMigrationLock: (fn) => withAdvisoryLock(poolConfig, fn),
    ping: () => pingWith(prisma),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** An arbitrary constant shared by every instance of the service: the key of the migration lock. */
const MIGRATION_LOCK_KEY = 7_263_540_211;

async function withAdvisoryLock<T>(poolConfig: PoolConfig, fn: () => Promise<T>): Promise<T> {
  return withPgClient(poolConfig, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  });
}

async function createSchemaIfMissing(poolConfig: PoolConfig, schema: string): Promise<void> {
  await withPgClient(poolConfig, (client) => client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`));
}

async function withPgClient<T>(poolConfig: PoolConfig, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(poolConfig);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function pingWith(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
