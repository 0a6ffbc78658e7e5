import type { Audience } from '../../../src/core/broadcasts/audience';
import { audienceMemberWhere, audienceSql, countAudience } from '../../../src/db/audience-where';
import type { MemberStatus, MemberType, PrismaClient } from '../../../src/db/generated/client';
import { migrateDatabase } from '../../../src/db/migrate-database';
import { seedDatabase } from '../../../src/db/seed-database';
import type { SqlDatabase } from '../../../src/db/sql/sql-session';
import { type Backend, backends, createTestDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(120_000);

/**
 * `audienceSql` (the plain-SQL paths) must name exactly the members `audienceMemberWhere` (the
 * Prisma paths) names, for every kind of audience.
 */
describe.each(backends)('audienceSql against audienceMemberWhere on %s', (backend: Backend) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let sql: SqlDatabase;
  /** Member ids by the seed's short names. */
  const ids: Record<string, number> = {};
  let areaId: (code: string) => number;
  let halfYearId: number;
  let fullYearId: number;
  let allMemberIds: number[];
  let activeMemberIds: number[];

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await migrateDatabase(t.db);
    await seedDatabase(t.db.prisma);
    prisma = t.db.prisma;
    sql = t.db.sql;

    const areas = await prisma.area.findMany();
    areaId = (code) => {
      const area = areas.find((a) => a.code === code);
      if (!area) throw new Error(`no area ${code}`);
      return area.id;
    };
    const periods = await prisma.reportPeriod.findMany({ where: { campaign: { year: 2022, status: 'published' } } });
    halfYearId = (periods.find((p) => p.code === '6-thang') as { id: number }).id;
    fullYearId = (periods.find((p) => p.code === 'ca-nam') as { id: number }).id;

    const members: { key: string; type: MemberType; status: MemberStatus; area: string | null }[] = [
      { key: 'entCity', type: 'enterprise', status: 'active', area: 'tp-bac-giang' },
      { key: 'entHiepHoa', type: 'enterprise', status: 'active', area: 'hiep-hoa' },
      { key: 'assocHiepHoa', type: 'district_association', status: 'active', area: 'hiep-hoa' },
      { key: 'collectiveNoArea', type: 'collective', status: 'active', area: null },
      { key: 'collectiveLangGiang', type: 'collective', status: 'active', area: 'lang-giang' },
      { key: 'entLucNam', type: 'enterprise', status: 'active', area: 'luc-nam' },
      { key: 'pendingCity', type: 'enterprise', status: 'pending', area: 'tp-bac-giang' },
      { key: 'suspendedHiepHoa', type: 'enterprise', status: 'suspended', area: 'hiep-hoa' },
      { key: 'rejectedAssoc', type: 'district_association', status: 'rejected', area: null },
      { key: 'suspendedYenThe', type: 'collective', status: 'suspended', area: 'yen-the' },
    ];
    for (const [i, m] of members.entries()) {
      const created = await prisma.member.create({
        data: {
          name: `Hội viên ${m.key}`,
          nameFolded: `hoi vien ${m.key.toLowerCase()}`,
          taxCode: `01001091${String(i).padStart(2, '0')}`,
          type: m.type,
          status: m.status,
          areaId: m.area ? areaId(m.area) : null,
          inviteCode: `AUD-${i}`,
        },
      });
      ids[m.key] = created.id;
    }

    // Contacts: an active and a blocked one, and an office contact without a member.
    await prisma.contact.createMany({
      data: [
        { channel: 'telegram', platformUserId: '7000000001', memberId: ids.entCity },
        { channel: 'zalo_oa', platformUserId: '7000000002', memberId: ids.entHiepHoa, status: 'blocked' },
        { channel: 'telegram', platformUserId: '7000000003', memberId: ids.assocHiepHoa },
        { channel: 'zalo_bot', platformUserId: '7000000004', memberId: ids.suspendedHiepHoa },
        { channel: 'webchat', platformUserId: '7000000005', role: 'office' },
      ],
    });

    // Submissions: some members filed the half-year report, one only the full-year one, and a
    // suspended member filed before it was suspended.
    const submit = (memberId: number, periodId: number) =>
      prisma.submission.create({
        data: {
          memberId,
          periodId,
          currentRevision: 1,
          firstSubmittedAt: new Date('2022-07-05T03:00:00Z'),
          lastSubmittedAt: new Date('2022-07-05T03:00:00Z'),
          onTime: true,
        },
      });
    await submit(ids.entCity as number, halfYearId);
    await submit(ids.assocHiepHoa as number, halfYearId);
    await submit(ids.suspendedHiepHoa as number, halfYearId);
    await submit(ids.collectiveLangGiang as number, fullYearId);

    allMemberIds = (await prisma.member.findMany({ select: { id: true } })).map((m) => m.id).sort(byNumber);
    activeMemberIds = (await prisma.member.findMany({ where: { status: 'active' }, select: { id: true } }))
      .map((m) => m.id)
      .sort(byNumber);
  });
  afterAll(async () => t.dispose());

  it('seeds members of every status, so that "active" is a real restriction', () => {
    expect(allMemberIds).toHaveLength(10);
    expect(activeMemberIds).toHaveLength(6);
  });

  /** The audiences to compare, with the members each must name (by the seed's short names). */
  const cases: { name: string; audience: () => Audience; expected: string[] }[] = [
    {
      name: 'all',
      audience: () => ({ kind: 'all' }),
      expected: ['entCity', 'entHiepHoa', 'assocHiepHoa', 'collectiveNoArea', 'collectiveLangGiang', 'entLucNam'],
    },
    {
      name: 'areas (one area, with inactive members too)',
      audience: () => ({ kind: 'areas', areaIds: [areaId('hiep-hoa')] }),
      expected: ['entHiepHoa', 'assocHiepHoa'],
    },
    {
      name: 'areas (several, one with only an inactive member, one with none)',
      audience: () => ({ kind: 'areas', areaIds: [areaId('tp-bac-giang'), areaId('lang-giang'), areaId('yen-the'), areaId('son-dong')] }),
      expected: ['entCity', 'collectiveLangGiang'],
    },
    {
      name: 'member_types (one type)',
      audience: () => ({ kind: 'member_types', types: ['district_association'] }),
      expected: ['assocHiepHoa'],
    },
    {
      name: 'member_types (two types)',
      audience: () => ({ kind: 'member_types', types: ['enterprise', 'collective'] }),
      expected: ['entCity', 'entHiepHoa', 'collectiveNoArea', 'collectiveLangGiang', 'entLucNam'],
    },
    {
      name: 'not_submitted (the half-year report)',
      audience: () => ({ kind: 'not_submitted', periodId: halfYearId }),
      expected: ['entHiepHoa', 'collectiveNoArea', 'collectiveLangGiang', 'entLucNam'],
    },
    {
      name: 'not_submitted (the full-year report)',
      audience: () => ({ kind: 'not_submitted', periodId: fullYearId }),
      expected: ['entCity', 'entHiepHoa', 'assocHiepHoa', 'collectiveNoArea', 'entLucNam'],
    },
    {
      name: 'members (active and inactive ids, and one that does not exist)',
      audience: () => ({
        kind: 'members',
        memberIds: [ids.collectiveNoArea as number, ids.entLucNam as number, ids.pendingCity as number, ids.rejectedAssoc as number, 999_999],
      }),
      expected: ['collectiveNoArea', 'entLucNam'],
    },
  ];

  it('covers every kind of audience', () => {
    const kinds = new Set(cases.map((c) => c.audience().kind));
    expect([...kinds].sort()).toEqual(['all', 'areas', 'member_types', 'members', 'not_submitted']);
  });

  describe.each(cases)('$name', ({ audience, expected }) => {
    async function prismaIds(): Promise<number[]> {
      const rows = await prisma.member.findMany({ where: audienceMemberWhere(audience()), select: { id: true } });
      return rows.map((r) => r.id).sort(byNumber);
    }

    it('names the same members in SQL as the Prisma filter, and a non-trivial set', async () => {
      const { where, params } = audienceSql(audience(), 1);
      const rows = await sql.transaction((s) => s.query<{ id: number }>(`SELECT m.id FROM members m WHERE ${where}`, params));
      const sqlIds = rows.map((r) => r.id).sort(byNumber);
      const viaPrisma = await prismaIds();

      expect(sqlIds).toEqual(viaPrisma);
      expect(viaPrisma).toEqual(expected.map((key) => ids[key] as number).sort(byNumber));
      expect(sqlIds.length).toBeGreaterThan(0);
      expect(sqlIds.length).toBeLessThan(allMemberIds.length);
    });

    it('numbers its placeholders from `first`', async () => {
      // A condition of the caller's own comes first, as $1, and excludes nobody.
      const { where, params } = audienceSql(audience(), 2);
      const rows = await sql.transaction((s) =>
        s.query<{ id: number }>(`SELECT m.id FROM members m WHERE m.id > $1 AND ${where} ORDER BY m.id`, [0, ...params]),
      );
      expect(rows.map((r) => r.id)).toEqual(await prismaIds());
    });

    it('counts the same members and active contacts as countAudience', async () => {
      const { where, params } = audienceSql(audience(), 1);
      const [counts] = await sql.transaction((s) =>
        s.query<{ members: number; contacts: number }>(
          `SELECT (SELECT count(*) FROM members m WHERE ${where}) AS members,
             (SELECT count(*) FROM contacts c JOIN members m ON m.id = c.member_id WHERE c.status = 'active' AND ${where}) AS contacts`,
          params,
        ),
      );
      expect(counts).toEqual(await countAudience(prisma, audience()));
    });
  });

  it('excludes members whose active status changes afterwards, in both', async () => {
    await prisma.member.update({ where: { id: ids.entLucNam as number }, data: { status: 'suspended' } });
    try {
      const audience: Audience = { kind: 'all' };
      const { where, params } = audienceSql(audience, 1);
      const rows = await sql.transaction((s) => s.query<{ id: number }>(`SELECT m.id FROM members m WHERE ${where}`, params));
      const viaPrisma = await prisma.member.findMany({ where: audienceMemberWhere(audience), select: { id: true } });
      expect(rows.map((r) => r.id).sort(byNumber)).toEqual(viaPrisma.map((r) => r.id).sort(byNumber));
      expect(rows.map((r) => r.id)).not.toContain(ids.entLucNam);
      expect(rows).toHaveLength(5);
    } finally {
      await prisma.member.update({ where: { id: ids.entLucNam as number }, data: { status: 'active' } });
    }
  });
});

function byNumber(a: number, b: number): number {
  return a - b;
}
