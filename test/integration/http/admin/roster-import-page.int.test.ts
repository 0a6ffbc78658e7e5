import { Workbook } from 'exceljs';
import { parseRoster, rosterTemplateHeaders } from '../../../../src/core/roster/parse-roster';
import { createPrismaMemberAdminRepository } from '../../../../src/db/prisma-member-admin-repository';
import { rosterImportPages } from '../../../../src/http/admin/roster-import-pages';
import { readTableBytes } from '../../../../src/lib/read-table-file';
import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp, multipartForm } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';

jest.setTimeout(60_000);

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The office's list as Vietnamese Excel saves “CSV UTF-8”: BOM, semicolons, CRLF. */
const rosterCsv =
  '\ufeffSTT;Tên doanh nghiệp;Mã số thuế;Huyện/TP;Loại hội viên;Người liên hệ;SĐT\r\n' +
  '1;Công ty TNHH Hoà Bình;2400123458;Hiệp Hòa;Doanh nghiệp;Nguyễn Văn An;0912 345 678\r\n' +
  '2;Công ty CP Kim Sơn;100777128;TP Bắc Giang;DN;Trần Thị Bình;912345679\r\n' +
  '3;Công ty Sai Mã;2400123459;Lục Nam;;;\r\n' +
  '4;Công ty Trùng Mã;2400123458;Hiệp Hòa;;;\r\n' +
  '5;Công ty Ở Xa;2400567894;Hà Nội;;;\r\n' +
  '6;;0100109106;Yên Dũng;;;\r\n' +
  '7;Công ty Gõ Nhầm;<script>alert(1)</script>;Lục Nam;;;\r\n' +
  '8;Hội Doanh nghiệp huyện Việt Yên;;Việt Yên;Hội doanh nghiệp huyện;Lê Văn Cường;0987 654 321\r\n';

describe('roster import at /admin/members/import', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser & { id: number };
  let viewer: AdminBrowser;
  let kimSonId: number;

  beforeAll(async () => {
    h = await createHarness('pglite');
    const officeId = await addAdmin(h, 'vanphong', 'dung-mat-khau-2022', { displayName: 'Chị Lan' });
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { displayName: 'Anh Tuấn', areaCode: 'hiep-hoa' });
    // Already known, under an older name: the roster's row updates it.
    kimSonId = await h.addMember({ name: 'Công ty Cổ phần Kim Sơn', taxCode: '0100777128' });

    t = await createAdminTestApp(h, {
      pages: async (scope, { prisma }) => {
        await scope.register(rosterImportPages, { repository: createPrismaMemberAdminRepository(prisma) });
      },
    });
    office = { ...(await t.login('vanphong', 'dung-mat-khau-2022')), id: officeId };
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  const get: AdminTestApp['get'] = (as, url) => t.get(as, url);

  /** Posts the form as a browser does: multipart, the token field first, then the file. */
  function upload(as: AdminBrowser, file: { name: string; bytes: Buffer | string; type?: string }, options: { csrf?: string | null } = {}) {
    const token = options.csrf === undefined ? as.csrf : options.csrf;
    return t.postMultipart(as, '/admin/members/import', multipartForm(token === null ? [] : [['_csrf', token]], file));
  }

  const imports = () => h.prisma.auditLog.count({ where: { action: 'roster.import' } });
  const badRow = (line: number, reasons: string) => `<tr><td class="num">${line}</td><td>${reasons}</td></tr>`;

  it('shows the upload form with its token, the template links and the areas to office admins', async () => {
    const response = await get(office, '/admin/members/import');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<form method="post" action="/admin/members/import" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${office.csrf}">`);
    expect(response.body).toContain('<input type="file" name="file" accept=".xlsx,.csv,');
    expect(response.body).toContain('<a href="/admin/members/import/template.csv">CSV</a>');
    expect(response.body).toContain('<a href="/admin/members/import/template.xlsx">Excel</a>');
    expect(response.body).toContain('Khu vực ghi theo tên: Thành phố Bắc Giang,');
  });

  it('imports the good rows of a CSV and lists each bad row with its line and reasons', async () => {
    const response = await upload(office, { name: 'danh-sách-hội-viên.csv', bytes: rosterCsv, type: 'text/csv' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Kết quả nhập tệp “danh-sách-hội-viên.csv”');
    expect(response.body).toContain(
      'Hội viên mới: <strong>2</strong> · Cập nhật: <strong>1</strong> · Không đổi: <strong>0</strong> · Dòng lỗi chưa nhập: <strong>5</strong>',
    );
    expect(response.body).toContain(badRow(4, 'Mã số thuế 2400123459 không đúng (chữ số kiểm tra cuối không khớp). Xin kiểm tra lại từng chữ số.'));
    expect(response.body).toContain(badRow(5, 'Trùng mã số thuế với dòng 2.'));
    expect(response.body).toContain('<tr><td class="num">6</td><td>Không rõ khu vực “Hà Nội”');
    expect(response.body).toContain(badRow(7, 'Thiếu tên doanh nghiệp.'));
    // What the office typed is shown as text, never as markup.
    expect(response.body).toContain('<tr><td class="num">8</td><td>Mã số thuế “&lt;script&gt;alert(1)&lt;/script&gt;” không hợp lệ');
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body.match(/<tr><td class="num">/g)).toHaveLength(5);

    const members = await h.prisma.member.findMany({ orderBy: { id: 'asc' }, include: { area: true } });
    expect(members.map((m) => [m.name, m.taxCode, m.area?.code, m.type, m.phone])).toEqual([
      ['Công ty CP Kim Sơn', '0100777128', 'tp-bac-giang', 'enterprise', '+84912345679'],
      ['Công ty TNHH Hòa Bình', '2400123458', 'hiep-hoa', 'enterprise', '+84912345678'],
      ['Hội Doanh nghiệp huyện Việt Yên', null, 'viet-yen', 'district_association', '+84987654321'],
    ]);
    expect(members[0]?.id).toBe(kimSonId);
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'roster.import' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorType: 'admin', actorId: String(office.id) });
    expect(audit.details).toMatchObject({ source: 'danh-sách-hội-viên.csv', rows: 3, created: 2, updated: 1, unchanged: 0, failed: 0 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await h.prisma.member.count();
    const response = await upload(office, { name: 'danh-sách-hội-viên.csv', bytes: rosterCsv });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Hội viên mới: <strong>0</strong> · Cập nhật: <strong>0</strong> · Không đổi: <strong>3</strong> · Dòng lỗi chưa nhập: <strong>5</strong>');
    expect(await h.prisma.member.count()).toBe(before);
  });

  it('imports an .xlsx, with numbers where Excel stored them, and reports its bad rows', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Hội viên');
    sheet.addRow(['Tên DN', 'MST', 'Khu vực', 'Điện thoại']);
    sheet.addRow(['Công ty TNHH Lục Ngạn Xanh', 100100079, 'Lục Ngạn', 912000111]);
    sheet.addRow(['Công ty Không Khu Vực', '0100111948', '', '']);
    sheet.addRow(['Công ty Số Bàn', '0100112437', 'Yên Thế', '0204 3854 123']);
    sheet.addRow(['Công ty TNHH Hoà Bình', '2400123458', 'Hiệp Hòa', '0912 000 222']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const response = await upload(office, { name: 'DanhSach.XLSX', bytes, type: xlsxType });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Hội viên mới: <strong>1</strong> · Cập nhật: <strong>1</strong> · Không đổi: <strong>0</strong> · Dòng lỗi chưa nhập: <strong>2</strong>');
    expect(response.body).toContain(badRow(3, 'Thiếu khu vực.'));
    expect(response.body).toContain('<tr><td class="num">4</td><td>Số điện thoại “0204 3854 123” không hợp lệ: Đây là số cố định (số bàn), xin nhập số di động.</td></tr>');
    const created = await h.prisma.member.findUniqueOrThrow({ where: { taxCode: '0100100079' }, include: { area: true } });
    expect(created).toMatchObject({ name: 'Công ty TNHH Lục Ngạn Xanh', phone: '+84912000111', status: 'active', source: 'roster' });
    expect(created.area?.code).toBe('luc-ngan');
    expect((await h.prisma.member.findUniqueOrThrow({ where: { taxCode: '2400123458' } })).phone).toBe('+84912000222');
    expect(await h.prisma.member.count({ where: { taxCode: { in: ['0100111948', '0100112437'] } } })).toBe(0);
  });

  it('reads a workbook by its content even when it was saved with a .csv name', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Hội viên').addRow(['Tên doanh nghiệp', 'Mã số thuế', 'Khu vực']);
    workbook.getWorksheet('Hội viên')?.addRow(['Công ty Đổi Đuôi', '0100107518', 'Tân Yên']);
    const response = await upload(office, { name: 'ds.csv', bytes: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Hội viên mới: <strong>1</strong>');
    expect(await h.prisma.member.count({ where: { taxCode: '0100107518' } })).toBe(1);
  });

  it.each([
    ['a PDF', 'danh-sach.pdf', Buffer.from('%PDF-1.4\n'), 'Chỉ nhận tệp .csv hoặc .xlsx (tệp đã chọn: “danh-sach.pdf”).'],
    ['an old .xls', 'danh-sach.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'Tệp .xls đời cũ: xin mở bằng Excel và lưu lại dạng .xlsx.'],
    ['an old .xls renamed .xlsx', 'danh-sach.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'Tệp “danh-sach.xlsx” là tệp Excel đời cũ (.xls) được đổi tên.'],
    ['a picture renamed .csv', 'anh.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'Tệp “anh.csv” không phải tệp CSV (nội dung không phải văn bản).'],
    ['a damaged workbook', 'hong.xlsx', Buffer.from('PK\u0003\u0004 không phải zip thật'), 'Không đọc được tệp Excel “hong.xlsx”: tệp hỏng'],
    ['a CSV in the Windows code page', 'cp1258.csv', Buffer.from([0x54, 0xea, 0x6e, 0x3b, 0x4d, 0x53, 0x54, 0x0a]), 'Tệp “cp1258.csv” không phải mã UTF-8.'],
    ['an empty file', 'trong.csv', Buffer.alloc(0), 'Tệp “trong.csv” trống (0 byte).'],
    ['a header only', 'chi-tieu-de.csv', Buffer.from('Tên doanh nghiệp;Mã số thuế;Khu vực\n'), 'Tệp “chi-tieu-de.csv” chỉ có dòng tiêu đề, chưa có hội viên nào.'],
    ['a list without a tax code column', 'thieu-cot.csv', Buffer.from('Tên doanh nghiệp;Khu vực\nCông ty A;Hiệp Hòa\n'), 'Không nhập được tệp “thieu-cot.csv”: Không tìm thấy cột “Mã số thuế” ở dòng tiêu đề (dòng 1).'],
  ])('refuses %s with a Vietnamese explanation and the form again, importing nothing', async (_case, name, bytes, message) => {
    const before = await imports();
    const response = await upload(office, { name, bytes });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<p class="error" role="alert">');
    expect(response.body).toContain(message);
    expect(response.body).toContain('enctype="multipart/form-data"');
    expect(await imports()).toBe(before);
  });

  it('asks for a file when the form is sent without one', async () => {
    const response = await upload(office, { name: '', bytes: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Xin chọn tệp danh sách hội viên (.xlsx hoặc .csv)');
  });

  it('says a file over 10 MB is too large, in a page', async () => {
    const response = await upload(office, { name: 'lon.csv', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Tệp quá lớn hoặc có nhiều hơn một tệp: mỗi lần chỉ nhận một tệp, tối đa 10 MB.');
  });

  it('refuses an area viewer (403) on the form and the upload, importing nothing', async () => {
    const before = await imports();
    expect((await get(viewer, '/admin/members/import')).statusCode).toBe(403);
    const response = await upload(viewer, { name: 'ds.csv', bytes: rosterCsv });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('không được nhập danh sách hội viên');
    expect(await imports()).toBe(before);
  });

  it('refuses an upload without the form token, or with a wrong one (403)', async () => {
    const before = await imports();
    expect((await upload(office, { name: 'ds.csv', bytes: rosterCsv }, { csrf: null })).statusCode).toBe(403);
    expect((await upload(office, { name: 'ds.csv', bytes: rosterCsv }, { csrf: 'x'.repeat(32) })).statusCode).toBe(403);
    expect(await imports()).toBe(before);
  });

  it('sends to the login page without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/admin/members/import' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/login');
  });

  it('offers a CSV template in UTF-8 with BOM whose headers the import recognises', async () => {
    const response = await get(office, '/admin/members/import/template.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="mau-danh-sach-hoi-vien.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body).toBe('\ufeffTên doanh nghiệp;Mã số thuế;Khu vực;Loại hội viên;Người liên hệ;Điện thoại;Địa chỉ\r\n');
    const table = await readTableBytes(response.rawPayload, 'mau.csv');
    expect(parseRoster(table, [])).toEqual({ ok: true, rows: [], errors: [] });
  });

  it('offers an Excel template with text columns for tax code and phone, and the areas on a second sheet', async () => {
    const response = await get(office, '/admin/members/import/template.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(xlsxType);
    expect(await readTableBytes(response.rawPayload, 'mau.xlsx')).toEqual([[...rosterTemplateHeaders]]);
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
    expect(workbook.worksheets[0]?.getColumn(2).numFmt).toBe('@');
    expect(workbook.worksheets[0]?.getColumn(6).numFmt).toBe('@');
    expect(workbook.worksheets[1]?.getColumn(1).values).toEqual(expect.arrayContaining(['Hiệp Hòa', 'Hội viên tập thể']));
  });
});
