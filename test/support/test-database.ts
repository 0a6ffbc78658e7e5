import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type Database, openDatabase } from '../../src/db/database';
import { toPgPoolConfig } from '../../src/db/pg-pool-config';

export type Backend = 'pglite' | 'postgres';

/** Every integration suite runs against both: the embedded default and the real server. */
export const backends: readonly Backend[] = ['pglite', 'postgres'];

/** The machine's PostgreSQL (trust auth, database `test`); TEST_DATABASE_URL overrides it. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly db: Database;
  /** The URL a child process would use to reach the same data (postgres only). */
  readonly url?: string;
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database: an in-memory PGlite, or a schema of its own on the machine's
 * PostgreSQL, dropped again by `dispose`. Suites never see each other's rows.
 */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dir: ':memory:' });
    return { db, dispose: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = withSchema(testPostgresUrl, schema);
  const db = await openDatabase({ kind: 'postgres', url });
  return {
    db,
    url,
    async dispose() {
      await db.close();
      await dropSchema(schema);
    },
  };
}

export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('schema', schema);
  return parsed.toString();
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client(toPgPoolConfig(testPostgresUrl));
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
