import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { migrateDatabase } from '../../../src/db/migrate-database';
import { seedDatabase } from '../../../src/db/seed-database';
import type { PrismaClient } from '../../../src/db/generated/client';
import { reportFieldsSchema } from '../../../src/core/reports/report-field';
import { type Backend, backends, createTestDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(120_000);

describe.each(backends)('seedDatabase on %s', (backend: Backend) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await migrateDatabase(t.db);
    prisma = t.db.prisma;
  });
  afterAll(async () => t.dispose());

  it('creates the 2022 campaign and the areas on an empty database', async () => {
    expect(await seedDatabase(prisma)).toEqual({ campaignsCreated: 1, areasCreated: 10 });
  });

  it('stores plan 20/KHTĐ-HHDN of 21/4/2022 with its theme, movements, addressees and full text', async () => {
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { year: 2022 } });
    expect(campaign.docNumber).toBe('20/KHTĐ-HHDN');
    expect(campaign.docDate.toISOString()).toBe('2022-04-21T00:00:00.000Z');
    expect(campaign.overallTheme).toBe(
      'Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ chính trị năm 2022',
    );
    expect(campaign.movements).toContain('Doanh nghiệp Bắc Giang hội nhập và phát triển');
    expect(campaign.movements).toHaveLength(5);
    expect(campaign.addressees).toEqual([
      'Hội doanh nghiệp các huyện, thành phố',
      'Các hội viên tập thể',
      'Doanh nghiệp hội viên',
    ]);
    expect(campaign.status).toBe('published');
    const original = await readFile(path.join(__dirname, '../../../prisma/seed/ke-hoach-thi-dua-2022.txt'), 'utf8');
    expect(campaign.fullText).toBe(original);
    expect(campaign.fullText).toContain('Số: 20/KHTĐ-HHDN');
  });

  it('stores the two phases with their date ranges and themes', async () => {
    const phases = await prisma.campaignPhase.findMany({ orderBy: { ordinal: 'asc' } });
    expect(
      phases.map((p) => [p.name, p.startsOn.toISOString().slice(0, 10), p.endsOn.toISOString().slice(0, 10)]),
    ).toEqual([
      ['Đợt thứ nhất', '2022-01-01', '2022-06-30'],
      ['Đợt thứ hai', '2022-07-01', '2022-12-31'],
    ]);
    expect(phases[0]?.theme).toMatch(/^Thi đua lập thành tích chào mừng Ngày thành lập Đảng/);
    expect(phases[1]?.theme).toMatch(/126 năm ngày thành lập tỉnh Bắc Giang\.$/);
  });

  it('stores the two reports due before 00:00 of 10/7 and 10/12/2022 in Asia/Ho_Chi_Minh', async () => {
    const periods = await prisma.reportPeriod.findMany({ orderBy: { ordinal: 'asc' } });
    expect(periods.map((p) => [p.code, p.deadlineAt.toISOString(), p.deadlineText])).toEqual([
      ['6-thang', '2022-07-09T17:00:00.000Z', 'trước ngày 10/7/2022'],
      ['ca-nam', '2022-12-09T17:00:00.000Z', 'trước ngày 10/12/2022'],
    ]);
    expect(periods[0]?.covers).toContain('6 tháng đầu năm 2022');
    for (const period of periods) {
      const fields = reportFieldsSchema.parse(period.fields);
      expect(fields.map((f) => f.code)).toEqual([
        'revenue',
        'budget_contribution',
        'employees',
        'average_income',
        'social_contribution',
        'difficulties',
        'attachment',
      ]);
    }
  });

  it('stores the city and the nine districts of Bắc Giang', async () => {
    const areas = await prisma.area.findMany({ orderBy: { ordinal: 'asc' } });
    expect(areas).toHaveLength(10);
    expect(areas[0]).toMatchObject({ code: 'tp-bac-giang', name: 'Thành phố Bắc Giang', kind: 'city' });
    expect(areas.filter((a) => a.kind === 'district').map((a) => a.name)).toContain('Hiệp Hòa');
  });

  it('gives the same rows when run again', async () => {
    const before = await snapshot(prisma);
    expect(await seedDatabase(prisma)).toEqual({ campaignsCreated: 0, areasCreated: 0 });
    expect(await snapshot(prisma)).toEqual(before);
  });

  it("keeps the office's corrections when run again", async () => {
    await prisma.campaign.update({ where: { year: 2022 }, data: { title: 'Kế hoạch (đã sửa)' } });
    await seedDatabase(prisma);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { year: 2022 } })).title).toBe('Kế hoạch (đã sửa)');
  });
});

async function snapshot(prisma: PrismaClient) {
  return {
    campaigns: await prisma.campaign.findMany({ orderBy: { id: 'asc' } }),
    phases: await prisma.campaignPhase.findMany({ orderBy: { id: 'asc' } }),
    periods: await prisma.reportPeriod.findMany({ orderBy: { id: 'asc' } }),
    areas: await prisma.area.findMany({ orderBy: { id: 'asc' } }),
  };
}
