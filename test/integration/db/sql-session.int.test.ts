import type { PrismaClient } from '../../../src/db/generated/client';
import { migrateDatabase } from '../../../src/db/migrate-database';
import { toPgPoolConfig } from '../../../src/db/pg-pool-config';
import { seedDatabase } from '../../../src/db/seed-database';
import type { SqlDatabase } from '../../../src/db/sql/sql-session';
import { type Backend, backends, createTestDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(120_000);

/**
 * The plain-SQL layer (`db.sql`) on both backends: transactions commit and roll back, connections
 * are given back, and rows decode to the same JavaScript values the Prisma client reads.
 */
describe.each(backends)('db.sql on %s', (backend: Backend) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let sql: SqlDatabase;
  /** How many transactions can be open at once: PGlite has one connection, pg a pool. */
  let capacity: number;

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await migrateDatabase(t.db);
    await seedDatabase(t.db.prisma);
    prisma = t.db.prisma;
    sql = t.db.sql;
    capacity = backend === 'pglite' ? 1 : (toPgPoolConfig(t.url as string).max as number);
  });
  afterAll(async () => t.dispose());

  /** Inserts an audit row through the session; returns its id. */
  async function insertAudit(
    s: Parameters<Parameters<SqlDatabase['transaction']>[0]>[0],
    action: string,
    at = new Date('2022-07-01T03:00:00.000Z'),
  ): Promise<number> {
    const rows = await s.query<{ id: number }>(
      `INSERT INTO audit_log (at, actor_type, action) VALUES ($1, 'test', $2) RETURNING id`,
      [at, action],
    );
    expect(rows).toHaveLength(1);
    return (rows[0] as { id: number }).id;
  }

  describe('transactions', () => {
    it('commits when fn resolves, and returns what fn returned', async () => {
      const id = await sql.transaction(async (s) => insertAudit(s, 'tx-commit'));
      expect(typeof id).toBe('number');
      const row = await prisma.auditLog.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ id, actorType: 'test', action: 'tx-commit', actorId: null, details: null });
    });

    it('rolls back when fn throws, and rethrows the same error', async () => {
      const boom = new Error('boom');
      let inserted: number | undefined;
      await expect(
        sql.transaction(async (s) => {
          inserted = await insertAudit(s, 'tx-rollback');
          // Visible inside the transaction…
          expect(await s.query('SELECT id FROM audit_log WHERE id = $1', [inserted])).toEqual([{ id: inserted }]);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(inserted).toEqual(expect.any(Number));
      // …and gone after it.
      expect(await prisma.auditLog.count({ where: { action: 'tx-rollback' } })).toBe(0);
      expect(await prisma.auditLog.findUnique({ where: { id: inserted as number } })).toBeNull();
    });

    it('rolls back everything when a statement fails, and rethrows the database error', async () => {
      await expect(
        sql.transaction(async (s) => {
          await insertAudit(s, 'tx-sql-error');
          // No such column: the statement and so the transaction fail.
          await s.query('SELECT no_such_column FROM audit_log');
        }),
      ).rejects.toThrow();
      expect(await prisma.auditLog.count({ where: { action: 'tx-sql-error' } })).toBe(0);
      // The connection is usable again afterwards.
      await expect(sql.transaction((s) => s.query<{ one: number }>('SELECT 1::int AS one'))).resolves.toEqual([{ one: 1 }]);
    });

    it('does not report a commit when a failed statement was caught inside fn (the transaction is aborted)', async () => {
      const outcome = sql.transaction(async (s) => {
        await insertAudit(s, 'tx-swallowed-error');
        await s.query('SELECT no_such_column FROM audit_log').catch(() => undefined);
        return 'resolved';
      });
      // PostgreSQL has aborted the transaction at the failed statement: its COMMIT is a rollback.
      // Resolving here would tell the caller its writes were kept when none were.
      await expect(outcome).rejects.toThrow();
      expect(await prisma.auditLog.count({ where: { action: 'tx-swallowed-error' } })).toBe(0);
    });

    it('gives the connection back after every commit and rollback', async () => {
      for (let i = 0; i < capacity + 3; i += 1) {
        await expect(sql.transaction(async () => Promise.reject(new Error(`fail ${i}`)))).rejects.toThrow(`fail ${i}`);
        await sql.transaction((s) => s.query('SELECT 1'));
      }
      // A leaked connection would leave none to start this one with.
      await expect(
        sql.transaction((s) => s.query<{ one: number }>('SELECT 1::int AS one'), { maxWaitMs: 2_000 }),
      ).resolves.toEqual([{ one: 1 }]);
    });

    it('fails a transaction that waits longer than maxWaitMs for a connection, and recovers', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const ready: Promise<void>[] = [];
      const holders = Array.from({ length: capacity }, () => {
        let inTransaction!: () => void;
        ready.push(new Promise<void>((resolve) => (inTransaction = resolve)));
        return sql.transaction(async (s) => {
          await s.query('SELECT 1');
          inTransaction();
          await held;
        });
      });
      // Every connection is in a transaction before the extra one asks for another.
      await Promise.all(ready);
      const startedAt = Date.now();
      await expect(sql.transaction((s) => s.query('SELECT 1'), { maxWaitMs: 200 })).rejects.toThrow(
        'no database connection within 200 ms',
      );
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      release();
      await Promise.all(holders);
      await expect(
        sql.transaction((s) => s.query<{ one: number }>('SELECT 1::int AS one'), { maxWaitMs: 2_000 }),
      ).resolves.toEqual([{ one: 1 }]);
    });

    it('execute returns the number of rows affected', async () => {
      await sql.transaction(async (s) => {
        await insertAudit(s, 'tx-execute');
        await insertAudit(s, 'tx-execute');
        await insertAudit(s, 'tx-execute');
      });
      const affected = await sql.transaction((s) =>
        s.execute(`UPDATE audit_log SET actor_id = $1 WHERE action = $2`, ['someone', 'tx-execute']),
      );
      expect(affected).toBe(3);
      expect(await sql.transaction((s) => s.execute(`DELETE FROM audit_log WHERE action = $1`, ['nothing-like-this']))).toBe(0);
      expect(await prisma.auditLog.count({ where: { action: 'tx-execute', actorId: 'someone' } })).toBe(3);
    });

    // On pg a transaction begun with `prepare` prepares its statements once per connection (named
    // statements); other statements, the Prisma client's among them, are not. (PGlite's adapter
    // has no such option: nothing to test there.)
    if (backend === 'postgres')
      it('prepares the statements of a transaction begun with prepare, and only those', async () => {
        const text = 'SELECT $1::int + 1 AS next /* sql-session prepared-statement test */';
        const unprepared = 'SELECT $1::int + 2 AS next /* sql-session unprepared-statement test */';
        const listed = await sql.transaction(
          async (s) => {
            expect(await s.query<{ next: number }>(text, [1])).toEqual([{ next: 2 }]);
            expect(await s.query<{ next: number }>(text, [41])).toEqual([{ next: 42 }]);
            return s.query<{ name: string; statement: string }>(`SELECT name, statement FROM pg_prepared_statements`);
          },
          { prepare: true },
        );
        expect(listed.filter((p) => p.statement === text)).toEqual([{ name: expect.stringMatching(/^hh\d+$/), statement: text }]);
        await prisma.auditLog.count();
        const after = await sql.transaction(async (s) => {
          expect(await s.query<{ next: number }>(unprepared, [1])).toEqual([{ next: 3 }]);
          return s.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements`);
        });
        expect(after.filter((p) => p.statement === unprepared)).toEqual([]);
        // Prisma quotes its identifiers; ours are bare.
        expect(after.filter((p) => p.statement.includes('"audit_log"'))).toEqual([]);
      });
  });

  describe('decoded values', () => {
    it('reads a timestamp(3) written through the session as the same Date, stored as UTC like Prisma', async () => {
      const at = new Date('2022-07-09T16:59:59.987Z');
      const { id, returned } = await sql.transaction(async (s) => {
        const rows = await s.query<{ id: number; at: Date }>(
          `INSERT INTO audit_log (at, actor_type, action) VALUES ($1, 'test', 'ts-session') RETURNING id, at`,
          [at],
        );
        return { id: (rows[0] as { id: number }).id, returned: (rows[0] as { at: Date }).at };
      });
      expect(returned).toBeInstanceOf(Date);
      expect(returned.toISOString()).toBe('2022-07-09T16:59:59.987Z');

      const [read] = await sql.transaction((s) =>
        s.query<{ at: Date; text: string }>(
          `SELECT at, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS text FROM audit_log WHERE id = $1`,
          [id],
        ),
      );
      expect(read?.at).toBeInstanceOf(Date);
      expect(read?.at.getTime()).toBe(at.getTime());
      // The column holds the UTC wall time, as Prisma writes it.
      expect(read?.text).toBe('2022-07-09T16:59:59.987');
      const viaPrisma = await prisma.auditLog.findUniqueOrThrow({ where: { id } });
      expect(viaPrisma.at.getTime()).toBe(at.getTime());
    });

    it('reads a timestamp(3) Prisma wrote as the Date Prisma reads', async () => {
      const written = await prisma.auditLog.create({
        data: { at: new Date('2023-01-31T23:00:00.001Z'), actorType: 'test', action: 'ts-prisma' },
      });
      const [row] = await sql.transaction((s) =>
        s.query<{ at: Date; whole: Date }>(
          `SELECT at, date_trunc('second', at) AS whole FROM audit_log WHERE id = $1`,
          [written.id],
        ),
      );
      expect(row?.at).toBeInstanceOf(Date);
      expect(row?.at.toISOString()).toBe('2023-01-31T23:00:00.001Z');
      expect(row?.at.getTime()).toBe(written.at.getTime());
      expect(row?.whole.toISOString()).toBe('2023-01-31T23:00:00.000Z');
      // A Date parameter compares with the column as Prisma's would.
      const [match] = await sql.transaction((s) =>
        s.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE id = $1 AND at = $2`, [
          written.id,
          new Date('2023-01-31T23:00:00.001Z'),
        ]),
      );
      expect(match).toEqual({ n: 1 });
    });

    it('reads a @db.Date column as a Date at UTC midnight, equal to what Prisma reads', async () => {
      const campaign = await prisma.campaign.findUniqueOrThrow({
        where: { year: 2022 },
        include: { phases: { orderBy: { ordinal: 'asc' } } },
      });
      const [row] = await sql.transaction((s) =>
        s.query<{ docDate: Date }>(`SELECT doc_date AS "docDate" FROM campaigns WHERE year = $1`, [2022]),
      );
      expect(row?.docDate).toBeInstanceOf(Date);
      expect(row?.docDate.toISOString()).toBe('2022-04-21T00:00:00.000Z');
      expect(row?.docDate.getTime()).toBe(campaign.docDate.getTime());

      const phases = await sql.transaction((s) =>
        s.query<{ ordinal: number; startsOn: Date; endsOn: Date }>(
          `SELECT ordinal, starts_on AS "startsOn", ends_on AS "endsOn" FROM campaign_phases WHERE campaign_id = $1 ORDER BY ordinal`,
          [campaign.id],
        ),
      );
      expect(phases.map((p) => [p.ordinal, p.startsOn.toISOString(), p.endsOn.toISOString()])).toEqual([
        [1, '2022-01-01T00:00:00.000Z', '2022-06-30T00:00:00.000Z'],
        [2, '2022-07-01T00:00:00.000Z', '2022-12-31T00:00:00.000Z'],
      ]);
      expect(phases).toEqual(campaign.phases.map((p) => ({ ordinal: p.ordinal, startsOn: p.startsOn, endsOn: p.endsOn })));
    });

    it('writes a UTC-midnight Date parameter to a @db.Date column as that calendar date', async () => {
      const campaign = await prisma.campaign.create({
        data: {
          year: 2031,
          docNumber: '1/KH',
          docDate: new Date('2031-01-05T00:00:00Z'),
          title: 'T',
          overallTheme: 'O',
          fullText: 'F',
          phases: {
            create: { ordinal: 1, name: 'Đợt 1', startsOn: new Date('2031-01-01T00:00:00Z'), endsOn: new Date('2031-06-30T00:00:00Z'), theme: 'x' },
          },
        },
      });
      const affected = await sql.transaction((s) =>
        s.execute(`UPDATE campaign_phases SET ends_on = $1 WHERE campaign_id = $2 AND ordinal = 1`, [
          new Date('2031-07-15T00:00:00Z'),
          campaign.id,
        ]),
      );
      expect(affected).toBe(1);
      const phase = await prisma.campaignPhase.findFirstOrThrow({ where: { campaignId: campaign.id } });
      expect(phase.endsOn.toISOString()).toBe('2031-07-15T00:00:00.000Z');
      const [text] = await sql.transaction((s) =>
        s.query<{ endsOn: string }>(`SELECT ends_on::text AS "endsOn" FROM campaign_phases WHERE id = $1`, [phase.id]),
      );
      expect(text).toEqual({ endsOn: '2031-07-15' });
    });

    it('reads jsonb parsed, equal to what was written and to what Prisma reads', async () => {
      const details = {
        text: 'Hội doanh nghiệp "Bắc Giang"\n',
        amount: 12_500_000_000,
        ratio: 0.25,
        ok: true,
        nothing: null,
        list: [1, 'hai', { three: 3 }],
        nested: { deeper: { deepest: [] } },
      };
      const id = await sql.transaction(async (s) => {
        const rows = await s.query<{ id: number }>(
          `INSERT INTO audit_log (actor_type, action, details) VALUES ('test', 'json', $1::jsonb) RETURNING id`,
          [JSON.stringify(details)],
        );
        return (rows[0] as { id: number }).id;
      });
      const [row] = await sql.transaction((s) =>
        s.query<{ details: unknown; scalar: unknown; array: unknown; jsonNull: unknown }>(
          `SELECT details, '"just text"'::jsonb AS scalar, '[1,2]'::json AS array, 'null'::jsonb AS "jsonNull" FROM audit_log WHERE id = $1`,
          [id],
        ),
      );
      expect(row?.details).toEqual(details);
      expect(row?.scalar).toBe('just text');
      expect(row?.array).toEqual([1, 2]);
      expect(row?.jsonNull).toBeNull();
      expect((await prisma.auditLog.findUniqueOrThrow({ where: { id } })).details).toEqual(details);

      // A Json column Prisma wrote (the seeded report fields) reads back the same.
      const period = await prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } });
      const [fields] = await sql.transaction((s) =>
        s.query<{ fields: unknown }>(`SELECT fields FROM report_periods WHERE id = $1`, [period.id]),
      );
      expect(Array.isArray(fields?.fields)).toBe(true);
      expect(fields?.fields).toEqual(period.fields);
    });

    it('reads count(*) (bigint) as a number', async () => {
      const [row] = await sql.transaction((s) =>
        s.query<{ n: unknown; big: unknown; zero: unknown }>(
          `SELECT count(*) AS n, 9007199254740991::bigint AS big, (SELECT count(*) FROM areas WHERE false) AS zero FROM areas`,
        ),
      );
      expect(row).toEqual({ n: 10, big: Number.MAX_SAFE_INTEGER, zero: 0 });
      expect(typeof row?.n).toBe('number');
      expect(row?.n).toBe(await prisma.area.count());
    });

    it('reads NULL as null, whatever the column type, and binds a null parameter as NULL', async () => {
      const id = await sql.transaction(async (s) => {
        const rows = await s.query<{ id: number }>(
          `INSERT INTO audit_log (actor_type, actor_id, action, details) VALUES ('test', $1, 'nulls', $2::jsonb) RETURNING id`,
          [null, null],
        );
        return (rows[0] as { id: number }).id;
      });
      const [row] = await sql.transaction((s) =>
        s.query(
          `SELECT actor_id AS "actorId", entity_id AS "entityId", details, NULL::int AS int, NULL::bigint AS big,
             NULL::timestamp AS ts, NULL::date AS day, NULL::boolean AS flag, NULL::text[] AS list
           FROM audit_log WHERE id = $1`,
          [id],
        ),
      );
      expect(row).toStrictEqual({
        actorId: null,
        entityId: null,
        details: null,
        int: null,
        big: null,
        ts: null,
        day: null,
        flag: null,
        list: null,
      });
      const viaPrisma = await prisma.auditLog.findUniqueOrThrow({ where: { id } });
      expect(viaPrisma.actorId).toBeNull();
      expect(viaPrisma.details).toBeNull();
    });

    it('binds arrays to $n::int[] and $n::text[] parameters', async () => {
      const areas = await prisma.area.findMany({ orderBy: { id: 'asc' } });
      const picked = [areas[4], areas[0], areas[2]].map((a) => (a as { id: number }).id);
      const byId = await sql.transaction((s) =>
        s.query<{ id: number }>(`SELECT id FROM areas WHERE id = ANY($1::int[]) ORDER BY id`, [picked]),
      );
      expect(byId.map((r) => r.id)).toEqual([...picked].sort((a, b) => a - b));

      const byCode = await sql.transaction((s) =>
        s.query<{ code: string }>(`SELECT code FROM areas WHERE code = ANY($1::text[]) ORDER BY code`, [
          ['hiep-hoa', 'yen-the', 'no-such-area'],
        ]),
      );
      expect(byCode).toEqual([{ code: 'hiep-hoa' }, { code: 'yen-the' }]);

      const none = await sql.transaction((s) => s.query(`SELECT id FROM areas WHERE id = ANY($1::int[])`, [[]]));
      expect(none).toEqual([]);

      // An array column reads back as an array.
      const [echo] = await sql.transaction((s) =>
        s.query<{ ints: unknown; texts: unknown }>(`SELECT $1::int[] AS ints, $2::text[] AS texts`, [
          [3, 1, 2],
          ['a', 'b, c', 'Đ'],
        ]),
      );
      expect(echo).toEqual({ ints: [3, 1, 2], texts: ['a', 'b, c', 'Đ'] });
    });

    it('reads enum columns selected ::text as strings, equal to what Prisma reads', async () => {
      const area = await prisma.area.findUniqueOrThrow({ where: { code: 'tp-bac-giang' } });
      const member = await prisma.member.create({
        data: {
          name: 'Hội DN huyện Hiệp Hòa',
          nameFolded: 'hoi dn huyen hiep hoa',
          type: 'district_association',
          status: 'suspended',
          source: 'admin',
          inviteCode: 'ENUM-1',
          areaId: area.id,
        },
      });
      const [row] = await sql.transaction((s) =>
        s.query<{ type: string; status: string; source: string; kind: string; areaId: number; active: boolean }>(
          `SELECT m.type::text AS type, m.status::text AS status, m.source::text AS source, a.kind::text AS kind,
             m.area_id AS "areaId", a.active
           FROM members m JOIN areas a ON a.id = m.area_id WHERE m.id = $1`,
          [member.id],
        ),
      );
      expect(row).toStrictEqual({
        type: 'district_association',
        status: 'suspended',
        source: 'admin',
        kind: 'city',
        areaId: area.id,
        active: true,
      });
      expect(row).toMatchObject({ type: member.type, status: member.status, source: member.source, kind: area.kind });
      // And an enum parameter compares as text.
      const matched = await sql.transaction((s) =>
        s.query<{ id: number }>(`SELECT id FROM members WHERE status::text = $1 AND type::text = $2`, [
          'suspended',
          'district_association',
        ]),
      );
      expect(matched).toEqual([{ id: member.id }]);
    });
  });
});
