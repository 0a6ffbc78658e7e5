import { type Row, ValueType, Workbook, type Worksheet } from 'exceljs';
import { exportPeriodWorkbook } from '../../../src/db/export-period-workbook';
import { type Harness, createHarness, july1st2022 } from '../../support/conversation-harness';
import { fillReport, linkedMember, pdf, periodByCode, referenceCode } from '../../support/flow-helpers';
import { type Backend, backends } from '../../support/test-database';

jest.setTimeout(120_000);

describe.each(backends)('exportPeriodWorkbook on %s', (backend: Backend) => {
  let h: Harness;
  let sheet: Worksheet;
  let summary: Worksheet;
  let early: { memberId: number; name: string; taxCode: string };
  let late: { memberId: number; name: string };
  let unfiled: { memberId: number; name: string };

  beforeAll(async () => {
    h = await createHarness(backend);
    early = await linkedMember(h, 'exp-early', { name: 'Công ty TNHH An Bình' });
    late = await linkedMember(h, 'exp-late', { name: 'Công ty TNHH Bắc Hà' });
    unfiled = await linkedMember(h, 'exp-none', { name: 'Công ty TNHH Đông Sơn' });
    // Not yet approved: owes no report and has no row.
    await h.addMember({ name: 'Hộ kinh doanh Chờ Duyệt', status: 'pending' });
    // The city (area ordinal 1) comes before Hiệp Hòa (2), whatever the names.
    const city = await h.prisma.area.findUniqueOrThrow({ where: { code: 'tp-bac-giang' } });
    await h.prisma.member.update({ where: { id: unfiled.memberId }, data: { areaId: city.id } });

    // On time, 1/7 09:00, with a text a spreadsheet would take for a formula and a file.
    await fillReport(h, 'exp-early', ['12,5 tỷ', '800 triệu', '120', '8,5 triệu', '50 triệu', '=1+1']);
    await h.say('exp-early', { attachment: pdf('bao-cao-an-binh.pdf') });
    expect(h.text(await h.say('exp-early', 'Gửi báo cáo'))).toContain('(đúng hạn)');

    // Late, 12/7 10:15, skipping the optional text and file.
    h.clock.set(new Date('2022-07-12T10:15:00+07:00'));
    await fillReport(h, 'exp-late', ['3 tỷ', '200 triệu', '35', '6 triệu', '0', 'bỏ qua', 'bỏ qua']);
    expect(h.text(await h.say('exp-late', 'Gửi báo cáo'))).toContain('nộp muộn');
    h.clock.set(july1st2022);

    const period = await periodByCode(h, '6-thang');
    const buffer = await exportPeriodWorkbook(h.prisma, period.id, { timeZone: 'Asia/Ho_Chi_Minh' });
    expect(Buffer.isBuffer(buffer)).toBe(true);
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Báo cáo', 'Tổng hợp theo khu vực']);
    sheet = workbook.getWorksheet('Báo cáo') as Worksheet;
    summary = workbook.getWorksheet('Tổng hợp theo khu vực') as Worksheet;
  });
  afterAll(async () => h.dispose());

  const headersOf = (s: Worksheet) => (s.getRow(2).values as unknown[]).slice(1);
  const cellOf = (s: Worksheet, row: Row | number, header: string) => {
    const column = headersOf(s).indexOf(header) + 1;
    if (column === 0) throw new Error(`no column ${header}`);
    return s.getRow(typeof row === 'number' ? row : row.number).getCell(column);
  };

  it('titles the sheet with the period and its deadline and names the columns in Vietnamese, fields in order', () => {
    expect(sheet.getCell('A1').value).toBe('Báo cáo 6 tháng đầu năm 2022 (hạn nộp trước ngày 10/7/2022)');
    expect(headersOf(sheet)).toEqual([
      'STT',
      'Tên hội viên',
      'Mã số thuế',
      'Khu vực',
      'Tình trạng',
      'Thời điểm nộp',
      'Lần sửa',
      'Mã tiếp nhận',
      'Doanh thu (đồng)',
      'Nộp ngân sách nhà nước (đồng)',
      'Số lao động',
      'Thu nhập bình quân một người lao động mỗi tháng (đồng)',
      'Đóng góp an sinh xã hội, từ thiện (đồng)',
      'Khó khăn, vướng mắc và kiến nghị',
      'Tệp báo cáo đính kèm (nếu có)',
      'Tệp đính kèm',
    ]);
  });

  it('has one row per active member, unfiled ones included, by area then name', () => {
    expect(sheet.rowCount).toBe(5);
    const rows = [3, 4, 5].map((r) => [sheet.getCell(r, 1).value, sheet.getCell(r, 2).value, cellOf(sheet, r, 'Khu vực').value]);
    expect(rows).toEqual([
      [1, unfiled.name, 'Thành phố Bắc Giang'],
      [2, early.name, 'Hiệp Hòa'],
      [3, late.name, 'Hiệp Hòa'],
    ]);
  });

  it('says on time, late or not filed, when (Vietnamese time, as a real date), the edits and the reference code', () => {
    expect([3, 4, 5].map((r) => cellOf(sheet, r, 'Tình trạng').value)).toEqual(['Chưa nộp', 'Đúng hạn', 'Trễ hạn']);
    const when = [3, 4, 5].map((r) => cellOf(sheet, r, 'Thời điểm nộp'));
    expect(when[0]?.value).toBeNull();
    expect(when[1]?.type).toBe(ValueType.Date);
    // Excel dates have no zone: the cell holds the wall-clock time the office lives in.
    expect(when[1]?.value).toEqual(new Date('2022-07-01T09:00:00Z'));
    expect(when[2]?.value).toEqual(new Date('2022-07-12T10:15:00Z'));
    expect(when[1]?.numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(cellOf(sheet, 4, 'Lần sửa').value).toBe(0);
    expect(cellOf(sheet, 4, 'Mã tiếp nhận').value).toBe(referenceCode(early.memberId, 1));
    expect(cellOf(sheet, 4, 'Mã số thuế').value).toBe(early.taxCode);
  });

  it('writes money in đồng and counts as numbers with a thousands format', () => {
    const revenue = cellOf(sheet, 4, 'Doanh thu (đồng)');
    expect(revenue.type).toBe(ValueType.Number);
    expect(revenue.value).toBe(12_500_000_000);
    expect(revenue.numFmt).toBe('#,##0');
    const employees = cellOf(sheet, 4, 'Số lao động');
    expect(typeof employees.value).toBe('number');
    expect(employees.value).toBe(120);
    expect(cellOf(sheet, 5, 'Đóng góp an sinh xã hội, từ thiện (đồng)').value).toBe(0);
    expect(cellOf(sheet, 3, 'Doanh thu (đồng)').value).toBeNull();
  });

  it('keeps what a member typed as text: "=1+1" is a string, not a formula', () => {
    const cell = cellOf(sheet, 4, 'Khó khăn, vướng mắc và kiến nghị');
    expect(cell.type).toBe(ValueType.String);
    expect(cell.value).toBe('=1+1');
    expect(cell.formula).toBeUndefined();
    expect(cellOf(sheet, 5, 'Khó khăn, vướng mắc và kiến nghị').value).toBeNull();
  });

  it('names the files', () => {
    expect(cellOf(sheet, 4, 'Tệp báo cáo đính kèm (nếu có)').value).toBe('bao-cao-an-binh.pdf');
    expect(cellOf(sheet, 4, 'Tệp đính kèm').value).toBe('bao-cao-an-binh.pdf');
    expect(cellOf(sheet, 5, 'Tệp đính kèm').value).toBeNull();
  });

  it('freezes the header and filters the table', () => {
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:P5');
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
  });

  it('totals each area and the association: counts, sums and the average income', () => {
    expect(headersOf(summary)).toEqual([
      'Khu vực',
      'Số hội viên',
      'Đã nộp',
      'Đúng hạn',
      'Trễ hạn',
      'Doanh thu (tổng, đồng)',
      'Nộp ngân sách nhà nước (tổng, đồng)',
      'Số lao động (tổng)',
      'Thu nhập bình quân một người lao động mỗi tháng (bình quân, đồng)',
      'Đóng góp an sinh xã hội, từ thiện (tổng, đồng)',
    ]);
    const rowNamed = (name: string) => {
      for (let r = 3; r <= summary.rowCount; r += 1) if (summary.getCell(r, 1).value === name) return r;
      throw new Error(`no row ${name}`);
    };
    const figures = (name: string) => (summary.getRow(rowNamed(name)).values as unknown[]).slice(2);
    // All ten areas of 2022 are listed, the association last.
    expect(rowNamed('Yên Thế')).toBe(12);
    expect(rowNamed('Toàn Hiệp hội')).toBe(13);
    expect(figures('Thành phố Bắc Giang')).toEqual([1, 0, 0, 0]);
    expect(figures('Hiệp Hòa')).toEqual([2, 2, 1, 1, 15_500_000_000, 1_000_000_000, 155, 7_250_000, 50_000_000]);
    expect(figures('Lục Ngạn')).toEqual([0, 0, 0, 0]);
    expect(figures('Toàn Hiệp hội')).toEqual([3, 2, 1, 1, 15_500_000_000, 1_000_000_000, 155, 7_250_000, 50_000_000]);
    const total = cellOf(summary, rowNamed('Toàn Hiệp hội'), 'Doanh thu (tổng, đồng)');
    expect(total.type).toBe(ValueType.Number);
    expect(total.numFmt).toBe('#,##0');
  });
});
