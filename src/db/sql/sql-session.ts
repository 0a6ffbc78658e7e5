import { ColumnTypeEnum, type ArgType, type ColumnType, type SqlDriverAdapter, type SqlQueryable, type Transaction } from '@prisma/driver-adapter-utils';

/** A value bound to a `$n` placeholder. Objects and arrays of objects go in as JSON text (cast `::jsonb`). */
export type SqlParam = string | number | boolean | Date | null | readonly (string | number)[];

/** Plain SQL, each statement on its own (on `SqlDatabase`) or inside one transaction; rows decoded to JavaScript values (see `decodeValue`). */
export interface SqlSession {
  query<Row extends object>(text: string, params?: readonly SqlParam[]): Promise<Row[]>;
  execute(text: string, params?: readonly SqlParam[]): Promise<number>;
}

export interface TransactionOptions {
  /** How long to wait for a connection (default 3 s). */
  readonly maxWaitMs?: number;
  /**
   * Prepare the transaction's statements on PostgreSQL (see `preparedStatementName`): for short
   * lookups by key, run on every message, whose planning cost more than running them. Not for
   * statements over tables that grow fast under them (a broadcast's deliveries): the plan kept
   * after five runs is made from the table sizes of that moment.
   */
  readonly prepare?: boolean;
}

export interface SqlDatabase extends SqlSession {
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Waiting
   * for a connection is bounded by `maxWaitMs`, so a hung database fails the call in seconds.
   */
  transaction<T>(fn: (session: SqlSession) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/**
 * SQL on the same driver adapter (and so the same pool, or the same PGlite) as the Prisma client,
 * without the client's query planning: the conversation's hot path measured about 1 ms of CPU per
 * Prisma query against 0.1–0.2 ms here (BENCHMARKS.md, "Inbound"). The adapter also gives both
 * databases one behaviour: timestamps without time zone are read and written as UTC, like Prisma.
 */
export function createSqlDatabase(adapter: SqlDriverAdapter): SqlDatabase {
  return {
    ...createSession(adapter),
    async transaction(fn, options = {}) {
      const tx = await withStartDeadline(adapter.startTransaction(), options.maxWaitMs ?? 3_000);
      // A failed statement aborts the transaction: a COMMIT would then roll back without an
      // error on pg, so `fn` catching the error must not make the call look committed. (There
      // are no savepoints to recover with.)
      let failed: { error: unknown } | undefined;
      const session = createSession(tx, (error) => (failed ??= { error }), options.prepare ?? false);
      let result;
      try {
        result = await fn(session);
        if (failed) throw new Error('transaction rolled back: a statement in it failed', { cause: failed.error });
      } catch (error) {
        await finish(tx, 'ROLLBACK').catch(() => undefined);
        throw error;
      }
      await finish(tx, 'COMMIT');
      return result;
    },
  };
}

/**
 * pg's adapter leaves COMMIT and ROLLBACK to its caller; PGlite's runs them itself ("phantom").
 * Either way the connection is given back, also when the statement fails.
 */
async function finish(tx: Transaction, statement: 'COMMIT' | 'ROLLBACK'): Promise<void> {
  if (!tx.options.usePhantomQuery) {
    try {
      await tx.executeRaw({ sql: statement, args: [], argTypes: [] });
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    }
  }
  await (statement === 'COMMIT' ? tx.commit() : tx.rollback());
}

async function withStartDeadline(start: Promise<Transaction>, maxWaitMs: number): Promise<Transaction> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no database connection within ${maxWaitMs} ms`)), maxWaitMs);
  });
  try {
    return await Promise.race([start, deadline]);
  } catch (error) {
    // A transaction that starts after all is given back at once.
    void start.then((late) => finish(late, 'ROLLBACK')).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The name under which pg prepares a statement once per connection (PrismaPg's
 * `statementNameGenerator`): those of transactions begun with `prepare`; '' (unnamed, parsed and
 * planned every time) for every other, the Prisma client's included. A prepared statement is
 * parsed once, and after five runs PostgreSQL keeps a generic plan: an inbound message's
 * statements took more planning than running (bench/inbound-telegram.ts: 600 → 880 updates/s).
 * Our texts take parameters for every value, so there are a few dozen of them: the names stay
 * bounded.
 */
export function preparedStatementName(query: { readonly sql: string }): string {
  return statementNames.get(query.sql) ?? '';
}

const statementNames = new Map<string, string>();

function nameStatement(text: string): void {
  if (!statementNames.has(text)) statementNames.set(text, `hh${statementNames.size + 1}`);
}

/** Statements on `queryable`; `onError` hears of each one that fails; `prepare`: see `TransactionOptions`. */
function createSession(queryable: SqlQueryable, onError?: (error: unknown) => void, prepare = false): SqlSession {
  const guard = <T>(statement: Promise<T>) =>
    statement.catch((error: unknown) => {
      onError?.(error);
      throw error;
    });
  return {
    async query<Row extends object>(text: string, params: readonly SqlParam[] = []) {
      if (prepare) nameStatement(text);
      const result = await guard(queryable.queryRaw({ sql: text, args: [...params], argTypes: params.map(argTypeOf) }));
      const { columnNames, columnTypes } = result;
      return result.rows.map((values) => {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < columnNames.length; i += 1) row[columnNames[i] as string] = decodeValue(values[i], columnTypes[i]);
        return row as Row;
      });
    },
    execute(text, params = []) {
      if (prepare) nameStatement(text);
      return guard(queryable.executeRaw({ sql: text, args: [...params], argTypes: params.map(argTypeOf) }));
    },
  };
}

function argTypeOf(value: SqlParam): ArgType {
  if (Array.isArray(value)) return { scalarType: typeof value[0] === 'number' ? 'int' : 'string', arity: 'list' };
  if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' };
  switch (typeof value) {
    case 'number':
      return { scalarType: Number.isInteger(value) ? 'int' : 'float', arity: 'scalar' };
    case 'boolean':
      return { scalarType: 'boolean', arity: 'scalar' };
    case 'string':
      return { scalarType: 'string', arity: 'scalar' };
    default:
      return { scalarType: 'unknown', arity: 'scalar' };
  }
}

/**
 * The adapters hand timestamps back as UTC text, `date` as `YYYY-MM-DD`, JSON as its text and
 * bigint as text; here they become Date (calendar dates at UTC midnight, as Prisma reads them),
 * parsed JSON and numbers. Enum columns must be selected `::text` (the adapters refuse them).
 */
export function decodeValue(value: unknown, type: ColumnType | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.DateTime:
      return new Date(value as string);
    case ColumnTypeEnum.Date:
      return new Date(`${value as string}T00:00:00Z`);
    case ColumnTypeEnum.Json:
      return typeof value === 'string' ? JSON.parse(value) : value;
    case ColumnTypeEnum.Int64:
      return Number(value);
    default:
      return value;
  }
}
