import * as inviteCodes from '../../../src/core/members/generate-invite-code';
import type { RosterRow } from '../../../src/core/roster/parse-roster';
import type { PrismaClient } from '../../../src/db/generated/client';
import { importRoster } from '../../../src/db/import-roster';
import { migrateDatabase } from '../../../src/db/migrate-database';
import { seedDatabase } from '../../../src/db/seed-database';
import { type Backend, backends, createTestDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(120_000);

// Valid tax codes (check digit computed).
const TAX_A = '2400123458';
const TAX_B = '2400567894';
const TAX_C = '2400777122';
const TAX_D = '2400102031';

describe.each(backends)('importRoster on %s', (backend: Backend) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let area: (code: string) => number;

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await migrateDatabase(t.db);
    await seedDatabase(t.db.prisma);
    prisma = t.db.prisma;
    const areas = await prisma.area.findMany();
    area = (code) => {
      const found = areas.find((a) => a.code === code);
      if (found === undefined) throw new Error(`no area ${code}`);
      return found.id;
    };
  });
  afterAll(async () => t.dispose());
  afterEach(async () => {
    jest.restoreAllMocks();
    await prisma.member.deleteMany();
    await prisma.auditLog.deleteMany();
  });

  function row(overrides: Partial<RosterRow> & Pick<RosterRow, 'line' | 'name'>): RosterRow {
    return {
      taxCode: null,
      areaId: area('hiep-hoa'),
      type: 'enterprise',
      contactPerson: null,
      phone: null,
      address: null,
      ...overrides,
    };
  }

  function roster(): RosterRow[] {
    return [
      row({ line: 2, name: 'Công ty TNHH Hòa Bình', taxCode: TAX_A, contactPerson: 'Nguyễn Văn An', phone: '+84912345678', address: 'Thị trấn Thắng' }),
      row({ line: 3, name: 'Công ty CP Lục Ngạn Xanh', taxCode: TAX_B, areaId: area('luc-ngan'), phone: '+84987654321' }),
      row({ line: 5, name: 'Hội Doanh nghiệp huyện Hiệp Hòa', type: 'district_association', contactPerson: 'Trần Thị Bình' }),
    ];
  }

  const snapshot = () => prisma.member.findMany({ orderBy: { id: 'asc' } });

  it('creates active roster members with folded names and invite codes when the database has none', async () => {
    expect(await importRoster(prisma, roster())).toEqual({ created: 3, updated: 0, unchanged: 0, failed: [] });
    const members = await snapshot();
    expect(members.map((m) => [m.name, m.nameFolded, m.taxCode, m.type, m.status, m.source])).toEqual([
      ['Công ty TNHH Hòa Bình', 'cong ty tnhh hoa binh', TAX_A, 'enterprise', 'active', 'roster'],
      ['Công ty CP Lục Ngạn Xanh', 'cong ty cp luc ngan xanh', TAX_B, 'enterprise', 'active', 'roster'],
      ['Hội Doanh nghiệp huyện Hiệp Hòa', 'hoi doanh nghiep huyen hiep hoa', null, 'district_association', 'active', 'roster'],
    ]);
    expect(members[0]).toMatchObject({
      areaId: area('hiep-hoa'),
      contactPerson: 'Nguyễn Văn An',
      phone: '+84912345678',
      address: 'Thị trấn Thắng',
    });
    expect(members[1]?.areaId).toBe(area('luc-ngan'));
    for (const member of members) expect(member.inviteCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(members.map((m) => m.inviteCode)).size).toBe(3);
  });

  it('changes nothing and counts every row unchanged when the same rows are imported again', async () => {
    await importRoster(prisma, roster());
    const before = await snapshot();
    expect(await importRoster(prisma, roster())).toEqual({ created: 0, updated: 0, unchanged: 3, failed: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('counts a changed phone as updated and keeps the invite code and status', async () => {
    await importRoster(prisma, roster());
    const first = await prisma.member.findUniqueOrThrow({ where: { taxCode: TAX_A } });
    await prisma.member.update({ where: { id: first.id }, data: { status: 'suspended' } });
    const changed = roster().map((r) => (r.taxCode === TAX_A ? { ...r, phone: '+84355555555' } : r));

    expect(await importRoster(prisma, changed)).toEqual({ created: 0, updated: 1, unchanged: 2, failed: [] });
    const after = await prisma.member.findUniqueOrThrow({ where: { taxCode: TAX_A } });
    expect(after).toMatchObject({ phone: '+84355555555', inviteCode: first.inviteCode, status: 'suspended', source: 'roster' });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
  });

  it('updates name, area and type from the roster but keeps status, source and invite code of a self-registered member', async () => {
    const registered = await prisma.member.create({
      data: {
        name: 'Cty Hòa Bình',
        nameFolded: 'cty hoa binh',
        taxCode: TAX_A,
        areaId: area('yen-the'),
        status: 'pending',
        source: 'self_registered',
        inviteCode: 'ZZZZ2222',
        phone: '+84911111111',
      },
    });
    expect(await importRoster(prisma, roster().slice(0, 1))).toMatchObject({ created: 0, updated: 1 });
    expect(await prisma.member.findUniqueOrThrow({ where: { id: registered.id } })).toMatchObject({
      name: 'Công ty TNHH Hòa Bình',
      nameFolded: 'cong ty tnhh hoa binh',
      areaId: area('hiep-hoa'),
      status: 'pending',
      source: 'self_registered',
      inviteCode: 'ZZZZ2222',
      phone: '+84912345678',
    });
  });

  it('keeps stored contact, phone and address when the roster leaves them empty', async () => {
    await importRoster(prisma, roster());
    const blank = roster().map((r) => ({ ...r, contactPerson: null, phone: null, address: null }));
    expect(await importRoster(prisma, blank)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await prisma.member.findUniqueOrThrow({ where: { taxCode: TAX_A } })).toMatchObject({
      contactPerson: 'Nguyễn Văn An',
      phone: '+84912345678',
      address: 'Thị trấn Thắng',
    });
  });

  it('matches a member without tax code by folded name and type when the name is written differently', async () => {
    await importRoster(prisma, roster());
    const association = await prisma.member.findFirstOrThrow({ where: { type: 'district_association' } });
    const rewritten = [row({ line: 9, name: 'HỘI DOANH NGHIỆP HUYỆN HIỆP HOÀ', type: 'district_association', contactPerson: 'Lê Văn Cường' })];

    expect(await importRoster(prisma, rewritten)).toEqual({ created: 0, updated: 1, unchanged: 0, failed: [] });
    expect(await prisma.member.count({ where: { type: 'district_association' } })).toBe(1);
    expect(await prisma.member.findUniqueOrThrow({ where: { id: association.id } })).toMatchObject({
      name: 'HỘI DOANH NGHIỆP HUYỆN HIỆP HOÀ',
      contactPerson: 'Lê Văn Cường',
      inviteCode: association.inviteCode,
    });
  });

  it('creates a separate member when the name is the same but the type differs', async () => {
    await importRoster(prisma, roster());
    const collective = [row({ line: 2, name: 'Hội Doanh nghiệp huyện Hiệp Hòa', type: 'collective' })];
    expect(await importRoster(prisma, collective)).toMatchObject({ created: 1, updated: 0 });
    expect(await prisma.member.count({ where: { nameFolded: 'hoi doanh nghiep huyen hiep hoa' } })).toBe(2);
  });

  it('gives a tax code to the member stored earlier without one when the roster adds it', async () => {
    await importRoster(prisma, roster());
    const association = await prisma.member.findFirstOrThrow({ where: { type: 'district_association' } });
    const withTaxCode = [row({ line: 5, name: 'Hội Doanh nghiệp huyện Hiệp Hòa', type: 'district_association', taxCode: TAX_C })];
    expect(await importRoster(prisma, withTaxCode)).toMatchObject({ created: 0, updated: 1 });
    expect(await prisma.member.findUniqueOrThrow({ where: { id: association.id } })).toMatchObject({ taxCode: TAX_C });
    expect(await prisma.member.count()).toBe(3);
  });

  it('reports an ambiguous name match for that row and still stores the other rows', async () => {
    for (const inviteCode of ['AAAA2222', 'AAAA3333']) {
      await prisma.member.create({
        data: { name: 'Hội viên tập thể X', nameFolded: 'hoi vien tap the x', type: 'collective', inviteCode },
      });
    }
    const rows = [
      row({ line: 2, name: 'Hội viên tập thể X', type: 'collective' }),
      row({ line: 3, name: 'Công ty D', taxCode: TAX_D }),
    ];
    const result = await importRoster(prisma, rows);
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(result.failed).toEqual([{ line: 2, reason: expect.stringContaining('Có nhiều hội viên cùng tên “Hội viên tập thể X”') }]);
    expect(await prisma.member.findUnique({ where: { taxCode: TAX_D } })).not.toBeNull();
  });

  it('draws another invite code when the first one drawn is already taken', async () => {
    await prisma.member.create({ data: { name: 'Có sẵn', nameFolded: 'co san', inviteCode: 'TAKEN234' } });
    const draw = jest.spyOn(inviteCodes, 'generateInviteCode').mockReturnValueOnce('TAKEN234').mockReturnValueOnce('FRESH234');
    expect(await importRoster(prisma, roster().slice(0, 1))).toMatchObject({ created: 1, failed: [] });
    expect(draw).toHaveBeenCalledTimes(2);
    expect(await prisma.member.findUniqueOrThrow({ where: { taxCode: TAX_A } })).toMatchObject({ inviteCode: 'FRESH234' });
  });

  it('gives every member its own invite code when many are imported', async () => {
    const many = Array.from({ length: 60 }, (_, i) => row({ line: i + 2, name: `Hội viên tập thể số ${i}`, type: 'collective' }));
    expect(await importRoster(prisma, many)).toMatchObject({ created: 60 });
    const codes = (await snapshot()).map((m) => m.inviteCode);
    expect(new Set(codes).size).toBe(60);
  });

  it('stores each member once when two imports of the same rows run at the same time', async () => {
    const withTaxCodes = roster().slice(0, 2);
    const [a, b] = await Promise.all([importRoster(prisma, withTaxCodes), importRoster(prisma, withTaxCodes)]);
    expect([...a.failed, ...b.failed]).toEqual([]);
    expect(await prisma.member.count()).toBe(2);
    expect(a.created + b.created).toBe(2);
    expect(a.updated + a.unchanged + b.updated + b.unchanged).toBe(2);
  });

  it('writes one audit entry with the counts and who imported what', async () => {
    await importRoster(prisma, roster());
    await importRoster(prisma, roster(), { actorType: 'admin', actorId: '7', source: 'danh-sach.xlsx' });
    const entries = await prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.actorType, e.actorId, e.action, e.entityType, e.details])).toEqual([
      ['cli', null, 'roster.import', 'member', { source: null, rows: 3, created: 3, updated: 0, unchanged: 0, failed: 0, failedLines: [] }],
      ['admin', '7', 'roster.import', 'member', { source: 'danh-sach.xlsx', rows: 3, created: 0, updated: 0, unchanged: 3, failed: 0, failedLines: [] }],
    ]);
  });
});
