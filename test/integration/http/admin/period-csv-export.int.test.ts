import { Workbook, type Worksheet } from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { exportPeriodWorkbook } from '../../../../src/db/export-period-workbook';
import { storeFile } from '../../../../src/lib/file-store';
import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp, parseCsv } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';
import { fillReport, linkedMember, periodByCode, reportAnswers } from '../../../support/flow-helpers';

jest.setTimeout(120_000);

const formula = '=HYPERLINK("http://evil.example","Bấm vào đây")';

describe('the compiled report as CSV at /admin/periods/:id/export.csv', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let officeId: number;
  let periodId: number;
  let response: LightMyRequestResponse;
  let records: string[][];
  let sheet: Worksheet;

  beforeAll(async () => {
    h = await createHarness('pglite');
    t = await createAdminTestApp(h);
    officeId = await addAdmin(h, 'vanphong', 'mat-khau-van-phong');
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { areaCode: 'hiep-hoa' });
    periodId = (await periodByCode(h, '6-thang')).id;

    // On time, with a formula for a text and a file with a Vietnamese name.
    await linkedMember(h, 'csv-an', { name: 'Công ty TNHH An Bình' });
    await fillReport(h, 'csv-an', [...reportAnswers.slice(0, 5), formula]);
    const file = await storeFile(t.dataDir, Buffer.from('%PDF'), { fileName: 'Báo cáo An Bình.pdf', mimeType: 'application/pdf', kind: 'document', now: h.clock.now() });
    await h.say('csv-an', { attachment: file });
    expect(h.text(await h.say('csv-an', 'Gửi báo cáo'))).toContain('(đúng hạn)');

    // A name that starts like a formula and needs quoting (comma and quotes); late.
    h.clock.set(new Date('2022-07-12T10:15:00+07:00'));
    await linkedMember(h, 'csv-at', { name: '@Công ty Dấu, "Trích dẫn"' });
    await fillReport(h, 'csv-at', [...reportAnswers.slice(0, 5), '+84 là mã nước', 'bỏ qua']);
    expect(h.text(await h.say('csv-at', 'Gửi báo cáo'))).toContain('nộp muộn');

    // A loss no chat form would accept, stored as a negative figure, and a text starting with "-".
    const loss = await h.addMember({ name: 'Công ty Lỗ Vốn' });
    const at = new Date('2022-07-02T08:30:00+07:00');
    await h.prisma.submission.create({
      data: {
        memberId: loss,
        periodId,
        currentRevision: 1,
        firstSubmittedAt: at,
        lastSubmittedAt: at,
        onTime: true,
        revisions: {
          create: {
            revision: 1,
            values: { revenue: -1_500_000, budget_contribution: 0, employees: 12, average_income: 6_000_000, social_contribution: 0, difficulties: '-20% doanh thu', attachment: null },
            submittedAt: at,
            onTime: true,
            referenceCode: 'BC-2022-1-LOVON-1',
          },
        },
      },
    });
    await h.addMember({ name: 'Công ty Chưa Nộp' });

    office = await t.login('vanphong', 'mat-khau-van-phong');
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
    response = await t.get(office, `/admin/periods/${periodId}/export.csv`);
    records = parseCsv(response.rawPayload.subarray(3).toString('utf8'));

    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(await exportPeriodWorkbook(h.prisma, periodId, { timeZone: 'Asia/Ho_Chi_Minh' })).buffer);
    sheet = workbook.getWorksheet('Báo cáo') as Worksheet;
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  const header = () => records[0] ?? [];
  const rowOf = (name: string) => {
    const row = records.find((r) => r[1] === name || r[1] === `'${name}`);
    if (!row) throw new Error(`no row for ${name}`);
    return row;
  };
  const cell = (name: string, column: string) => rowOf(name)[header().indexOf(column)];

  it('downloads as a UTF-8 CSV file with a byte order mark, for Excel', () => {
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="bao-cao-2022-6-thang.csv"; filename*=UTF-8''bao-cao-2022-6-thang.csv`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = response.rawPayload.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(records.length + 1);
  });

  it("has the XLSX's first sheet's columns and rows, cell for cell", () => {
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header()).toEqual(headers);
    expect(header()).toContain('Khó khăn, vướng mắc và kiến nghị');
    expect(records).toHaveLength(1 + sheet.rowCount - 2);
    const pad = (n: number) => String(n).padStart(2, '0');
    for (let r = 3; r <= sheet.rowCount; r += 1) {
      const expected = headers.map((_, c) => {
        const value = sheet.getCell(r, c + 1).value;
        if (value === null || value === undefined) return '';
        if (typeof value === 'number') return String(value);
        if (value instanceof Date) {
          return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
        }
        const text = String(value);
        return /^[=+\-@]/.test(text) ? `'${text}` : text;
      });
      expect(records[r - 2]).toEqual(expected);
    }
  });

  it('keeps Vietnamese intact', () => {
    expect(cell('Công ty TNHH An Bình', 'Khu vực')).toBe('Hiệp Hòa');
    expect(cell('Công ty TNHH An Bình', 'Tình trạng')).toBe('Đúng hạn');
    expect(cell('Công ty TNHH An Bình', 'Tệp đính kèm')).toBe('Báo cáo An Bình.pdf');
    expect(cell('Công ty Chưa Nộp', 'Tình trạng')).toBe('Chưa nộp');
  });

  it('writes numbers plain, in đồng, negative ones too, and times as year-month-day in Vietnam', () => {
    expect(cell('Công ty TNHH An Bình', 'Doanh thu (đồng)')).toBe('12500000000');
    expect(cell('Công ty TNHH An Bình', 'Số lao động')).toBe('120');
    expect(cell('Công ty TNHH An Bình', 'Lần sửa')).toBe('0');
    expect(cell('Công ty Lỗ Vốn', 'Doanh thu (đồng)')).toBe('-1500000');
    expect(response.rawPayload.toString('utf8')).toContain(',-1500000,');
    expect(response.rawPayload.toString('utf8')).not.toMatch(/\d\.\d{3}\.\d{3}/);
    expect(cell('Công ty TNHH An Bình', 'Thời điểm nộp')).toBe('2022-07-01 09:00');
    expect(cell('Công ty Chưa Nộp', 'Doanh thu (đồng)')).toBe('');
  });

  it('neutralises text that a spreadsheet would run as a formula, quoting as RFC 4180 says', () => {
    const text = response.rawPayload.toString('utf8');
    expect(cell('Công ty TNHH An Bình', 'Khó khăn, vướng mắc và kiến nghị')).toBe(`'${formula}`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Bấm vào đây"")"`);
    expect(text).toContain(`"'@Công ty Dấu, ""Trích dẫn"""`);
    expect(cell('@Công ty Dấu, "Trích dẫn"', 'Khó khăn, vướng mắc và kiến nghị')).toBe("'+84 là mã nước");
    expect(cell('Công ty Lỗ Vốn', 'Khó khăn, vướng mắc và kiến nghị')).toBe("'-20% doanh thu");
    for (const record of records) for (const value of record) expect(value).not.toMatch(/^[=+\-@](?!\d+$)/);
  });

  it('records who exported which period, and in which format', async () => {
    const audits = await h.prisma.auditLog.findMany({ where: { action: 'report.exported' }, orderBy: { id: 'asc' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'admin', actorId: String(officeId), entityType: 'report_period', entityId: String(periodId), details: { format: 'csv' } });
    expect((await t.get(office, `/admin/periods/${periodId}/export.xlsx`)).statusCode).toBe(200);
    const xlsx = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'report.exported' }, orderBy: { id: 'desc' } });
    expect(xlsx.details).toEqual({ format: 'xlsx' });
  });

  it('refuses area viewers with 403 and answers 404 for a period that does not exist', async () => {
    const before = await h.prisma.auditLog.count({ where: { action: 'report.exported' } });
    const refused = await t.get(viewer, `/admin/periods/${periodId}/export.csv`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('không được tải báo cáo tổng hợp của toàn Hiệp hội');
    expect((await t.get(office, '/admin/periods/999999/export.csv')).statusCode).toBe(404);
    expect((await t.get(office, '/admin/periods/abc/export.csv')).statusCode).toBe(404);
    expect(await h.prisma.auditLog.count({ where: { action: 'report.exported' } })).toBe(before);
  });
});
