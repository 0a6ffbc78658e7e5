import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultReportFields } from '../../../../src/core/reports/default-report-fields';
import type { ReportField } from '../../../../src/core/reports/report-field';
import { createPrismaCampaignAdminRepository } from '../../../../src/db/prisma-campaign-admin-repository';
import { createPrismaPlanImportRepository } from '../../../../src/db/prisma-plan-import-repository';
import { campaignPages } from '../../../../src/http/admin/campaign-pages';
import { planImportPages } from '../../../../src/http/admin/plan-import-pages';
import { readPlanDocument } from '../../../../src/lib/read-plan-document';
import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp, formFields, multipartForm } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';

jest.setTimeout(60_000);

const plans = path.join(__dirname, '../../../fixtures/plans');
const fixture = (name: string) => readFile(path.join(plans, name));
const fixtureText = async (name: string) => (await fixture(name)).toString('utf8');
/** The 2022 plan's year report asks its own fields, so copying by report is visible. */
const yearReportFields: readonly ReportField[] = defaultReportFields.map((f) => (f.code === 'revenue' ? { ...f, label: 'Doanh thu cả năm' } : f));

describe('creating a campaign from a plan document at /admin/campaigns/import', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let officeId: number;
  let id2022: number;

  beforeAll(async () => {
    h = await createHarness('pglite');
    officeId = await addAdmin(h, 'vanphong', 'dung-mat-khau-2022', { displayName: 'Chị Lan' });
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { displayName: 'Anh Tuấn', areaCode: 'hiep-hoa' });
    id2022 = (await h.prisma.campaign.findUniqueOrThrow({ where: { year: 2022 } })).id;
    await h.prisma.reportPeriod.updateMany({ where: { campaignId: id2022, code: 'ca-nam' }, data: { fields: yearReportFields.map((f) => ({ ...f })) } });
    t = await createAdminTestApp(h, {
      pages: async (scope, { prisma, now, timeZone }) => {
        const campaigns = createPrismaCampaignAdminRepository(prisma);
        await scope.register(campaignPages, { repository: campaigns, now, timeZone });
        await scope.register(planImportPages, { imports: createPrismaPlanImportRepository(prisma), campaigns, now, timeZone });
      },
    });
    office = await t.login('vanphong', 'dung-mat-khau-2022');
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  const get: AdminTestApp['get'] = (as, url) => t.get(as, url);

  /** A form as the browser sends it: multipart, the token first (unless left out), then the fields and the file. */
  function post(as: AdminBrowser, url: string, fields: Record<string, string>, options: { file?: { name: string; bytes: Buffer | string }; csrf?: string | null } = {}) {
    const token = options.csrf === undefined ? as.csrf : options.csrf;
    return t.postMultipart(as, url, multipartForm([...(token === null ? [] : [['_csrf', token] as const]), ...Object.entries(fields)], options.file));
  }

  /** Pastes (or uploads) a document and returns its review page's address. */
  async function bringIn(input: { text: string } | { file: { name: string; bytes: Buffer } }): Promise<string> {
    const response = 'text' in input ? await post(office, '/admin/campaigns/import', { text: input.text }) : await post(office, '/admin/campaigns/import', {}, { file: input.file });
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/admin\/campaigns\/import\/\d+$/);
    return location;
  }

  /** The campaign form's fields as a browser would send them: its inputs' values and its textareas' text. */
  async function openForm(url: string): Promise<Record<string, string>> {
    const page = await get(office, url);
    expect(page.statusCode).toBe(200);
    const start = page.body.indexOf(`<form method="post" action="${url}"`);
    expect(start).toBeGreaterThan(-1);
    // Without the token: `post` adds the one asked for.
    const { _csrf, ...values } = formFields(page.body.slice(start));
    return values;
  }

  /** What a refused confirmation must leave as it was. */
  async function stored() {
    return JSON.stringify({
      campaigns: await h.prisma.campaign.count(),
      periods: await h.prisma.reportPeriod.count(),
      linked: await h.prisma.planImport.count({ where: { campaignId: { not: null } } }),
      created: await h.prisma.auditLog.count({ where: { action: 'campaign.created' } }),
    });
  }

  const idOf = (url: string) => Number(url.split('/').pop());

  it('offers the import on the campaigns list and shows its form to office admins', async () => {
    expect((await get(office, '/admin/campaigns')).body).toContain('<a href="/admin/campaigns/import">Tạo kế hoạch từ văn bản đã ban hành (dán văn bản, hoặc tệp .docx, .txt) →</a>');
    const page = await get(office, '/admin/campaigns/import');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form method="post" action="/admin/campaigns/import" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${office.csrf}">`);
    expect(page.body).toContain('<input type="file" name="file" accept=".docx,.txt,');
    expect(page.body).toContain('<textarea name="text" rows="14" cols="80"></textarea>');
  });

  it('reads a pasted plan and shows its numbered lines beside what was found, each part linked to its lines', async () => {
    const text = await fixtureText('ke-hoach-2023-cach-viet-khac.txt');
    const url = await bringIn({ text });
    const row = await h.prisma.planImport.findUniqueOrThrow({ where: { id: idOf(url) } });
    expect(row).toMatchObject({ source: 'paste', fileName: null, createdByAdminId: officeId, createdByContactId: null, campaignId: null, text: text.trimEnd() });
    expect(await h.prisma.auditLog.findFirst({ where: { action: 'plan_import.created', entityId: String(row.id) } })).toMatchObject({
      actorType: 'admin',
      actorId: String(officeId),
      entityType: 'plan_import',
      details: { source: 'paste', fileName: null, characters: text.trimEnd().length },
    });

    const page = await get(office, url);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Đã tìm thấy mọi phần của kế hoạch.');
    expect(body).toContain('<tr id="dong-3" class="used"><td class="ln"><a href="#dong-3">3</a></td><td class="tx">Số: 15/KH-HHDN\tBắc Giang, ngày 09 tháng 02 năm 2023</td></tr>');
    expect(body).toContain('<tr id="dong-4"><td class="ln"><a href="#dong-4">4</a></td><td class="tx"></td></tr>');
    expect(body).toContain('<tr><th>Số hiệu</th><td>15/KH-HHDN</td><td class="src"><a href="#dong-3">dòng 3</a></td></tr>');
    expect(body).toContain('<tr><th>Ngày ban hành</th><td>09/02/2023, Bắc Giang</td><td class="src"><a href="#dong-3">dòng 3</a></td></tr>');
    expect(body).toContain('<tr><th>Chủ đề chung</th><td>Đổi mới, liên kết, phát triển bền vững</td>');
    expect(body).toContain('<td>Chuyển đổi số trong doanh nghiệp</td>');
    expect(body).toContain('<h3>Giai đoạn 2 <span class="muted">(<a href="#dong-21">dòng 21–22</a>)</span></h3>');
    expect(body).toContain('<tr><th>Hạn nộp</th><td>chậm nhất ngày 05/7/2023 — hạn là trước 0 giờ ngày 06/07/2023</td>');
    expect(body).toContain('Văn bản không ghi; đề xuất từ ngày 01/06/2023 (ngày đầu tháng trước tháng hạn nộp), sửa được ở biểu mẫu.');
    expect(body).toContain('Chép từ “Báo cáo 6 tháng đầu năm 2022” (kế hoạch năm 2022): Doanh thu (số tiền, triệu đồng)');
    expect(body).toContain('Chép từ “Báo cáo tổng kết năm 2022” (kế hoạch năm 2022): Doanh thu cả năm (số tiền, triệu đồng)');
    expect(body).not.toContain('Không tìm thấy —');

    const values = await openForm(url);
    expect(values).toMatchObject({
      year: '2023',
      docNumber: '15/KH-HHDN',
      docDate: '09/02/2023',
      docPlace: 'Bắc Giang',
      title: 'Kế hoạch phát động phong trào thi đua năm 2023',
      overallTheme: 'Đổi mới, liên kết, phát triển bền vững',
      movements: 'Doanh nghiệp Bắc Giang hội nhập và phát triển\nChuyển đổi số trong doanh nghiệp\nDoanh nhân Bắc Giang vì cộng đồng',
      'phases.1.name': 'Giai đoạn 1',
      'phases.1.startsOn': '01/01/2023',
      'phases.2.endsOn': '31/12/2023',
      'reportPeriods.1.opensOn': '01/06/2023',
      'reportPeriods.1.dueBefore': '06/07/2023',
      'reportPeriods.1.deadlineText': 'chậm nhất ngày 05/7/2023',
      'reportPeriods.2.name': 'Báo cáo tổng kết năm 2023',
    });
    expect(values['fullText']).toBe(row.text);
  });

  it('marks each part it cannot find “Không tìm thấy” with the reason, and leaves the form empty there', async () => {
    const url = await bringIn({ text: await fixtureText('ke-hoach-thieu-phan.txt') });
    const body = (await get(office, url)).body;
    expect(body).toContain('<span class="missing">17 phần không tìm thấy</span>');
    expect(body).toContain('<tr class="missing"><th>Số hiệu</th><td colspan="2">Không tìm thấy — Dòng “Số:” chưa có số văn bản (còn để trống). (<a href="#dong-2">dòng 2</a>)</td></tr>');
    expect(body).toContain('<tr class="missing"><th>Năm</th><td colspan="2">Không tìm thấy — Không xác định được năm của kế hoạch');
    expect(body).toContain('Không tìm thấy — Ngày 31/02/2027: Tháng 2 chỉ có 28 ngày, không có ngày 31/02/2027. Xin kiểm tra lại.');
    expect(body).toContain('<tr class="missing"><th>Hạn nộp</th><td colspan="2">Không tìm thấy — Hạn nộp có giờ cụ thể; hệ thống chỉ ghi hạn theo ngày, xin nhập hạn nộp bằng tay.');
    expect(body).toContain('<tr id="dong-2" class="used">');

    const values = await openForm(url);
    for (const name of ['year', 'docNumber', 'docDate', 'docPlace', 'title', 'overallTheme', 'movements', 'addressees', 'phases.1.startsOn', 'phases.3.theme', 'reportPeriods.1.dueBefore', 'reportPeriods.1.opensOn', 'reportPeriods.1.deadlineText', 'reportPeriods.3.name']) {
      expect([name, values[name]]).toEqual([name, '']);
    }
    expect(values['phases.1.theme']).toBe('Thi đua hoàn thành kế hoạch.');
    expect(values['reportPeriods.3.covers']).toBe('Tình hình hoạt động');

    // Confirmed as it is, nothing missing is made up: every empty part is asked for.
    const before = await stored();
    const response = await post(office, url, values);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Chưa tạo được kế hoạch, xin sửa:');
    for (const error of ['Xin ghi năm của kế hoạch (4 chữ số, ví dụ 2027).', 'Xin điền “Số hiệu văn bản”.', 'Xin điền “Tiêu đề”.', 'Đợt 3 — chủ đề', 'Báo cáo thứ 3 — tên báo cáo']) {
      expect(response.body).toContain(error);
    }
    expect(await stored()).toBe(before);
  });

  it('reads an uploaded .txt file', async () => {
    const url = await bringIn({ file: { name: 'ke-hoach-2024-ba-dot.txt', bytes: await fixture('ke-hoach-2024-ba-dot.txt') } });
    expect(await h.prisma.planImport.findUniqueOrThrow({ where: { id: idOf(url) } })).toMatchObject({ source: 'upload', fileName: 'ke-hoach-2024-ba-dot.txt' });
    const body = (await get(office, url)).body;
    expect(body).toContain('tệp “ke-hoach-2024-ba-dot.txt” — tải tệp lên trang quản trị bởi Chị Lan');
    expect(body).toContain('<h3>Đợt III <span class="muted">(<a href="#dong-18">dòng 18</a>)</span></h3>');
    expect(body).toContain('<tr><th>Chủ đề</th><td>Về đích kế hoạch năm 2024</td>');
  });

  it('reads an uploaded .docx and, confirmed, creates the campaign with its phases, report periods and copied fields', async () => {
    const bytes = await fixture('ke-hoach-2027.docx');
    const url = await bringIn({ file: { name: 'Kế hoạch 2027.docx', bytes } });
    const body = (await get(office, url)).body;
    expect(body).toContain('<tr><th>Số hiệu</th><td>11/KH-HHDN</td><td class="src"><a href="#dong-3">dòng 3</a></td></tr>');
    expect(body).toContain('<td>Các doanh nghiệp hội viên</td>');

    const response = await post(office, url, await openForm(url));
    expect(response.statusCode).toBe(303);
    const campaignUrl = String(response.headers.location);
    expect(campaignUrl).toMatch(/^\/admin\/campaigns\/\d+\?done=created$/);
    const campaign = await h.prisma.campaign.findUniqueOrThrow({
      where: { year: 2027 },
      include: { phases: { orderBy: { ordinal: 'asc' } }, reportPeriods: { orderBy: { ordinal: 'asc' } } },
    });
    expect(campaign).toMatchObject({
      status: 'draft',
      docNumber: '11/KH-HHDN',
      docDate: new Date('2027-01-18T00:00:00Z'),
      docPlace: 'Bắc Giang',
      title: 'Kế hoạch phát động phong trào thi đua năm 2027',
      overallTheme: 'Đoàn kết, đổi mới, hội nhập, phát triển bền vững',
      movements: ['Doanh nghiệp Bắc Giang hội nhập và phát triển', 'Chuyển đổi số trong doanh nghiệp'],
      addressees: ['Hội doanh nghiệp các huyện, thành phố', 'Các doanh nghiệp hội viên'],
      fullText: await readPlanDocument(bytes, 'ke-hoach-2027.docx'),
    });
    expect(campaign.phases.map((p) => [p.ordinal, p.name, p.startsOn.toISOString().slice(0, 10), p.endsOn.toISOString().slice(0, 10), p.theme])).toEqual([
      [1, 'Đợt 1', '2027-01-01', '2027-06-30', 'Thi đua tăng tốc sản xuất kinh doanh ngay từ đầu năm.'],
      [2, 'Đợt 2', '2027-07-01', '2027-12-31', 'Thi đua về đích kế hoạch năm 2027.'],
    ]);
    expect(campaign.reportPeriods.map((r) => [r.code, r.name, r.covers, r.opensAt, r.deadlineAt, r.deadlineText])).toEqual([
      ['6-thang', 'Báo cáo 6 tháng đầu năm 2027', '6 tháng đầu năm 2027', new Date('2027-06-01T00:00:00+07:00'), new Date('2027-07-10T00:00:00+07:00'), 'trước ngày 10/7/2027'],
      ['ca-nam', 'Báo cáo tổng kết năm 2027', 'Tổng kết năm 2027', new Date('2027-11-01T00:00:00+07:00'), new Date('2027-12-10T00:00:00+07:00'), 'trước ngày 10/12/2027'],
    ]);
    expect(campaign.reportPeriods.map((r) => r.fields)).toEqual([defaultReportFields, yearReportFields]);

    const planImport = await h.prisma.planImport.findUniqueOrThrow({ where: { id: idOf(url) } });
    expect(planImport).toMatchObject({ source: 'upload', fileName: 'Kế hoạch 2027.docx', campaignId: campaign.id });
    expect(await h.prisma.auditLog.findFirst({ where: { action: 'campaign.created', entityId: String(campaign.id) } })).toMatchObject({
      actorType: 'admin',
      actorId: String(officeId),
      details: { year: 2027, phases: 2, reportPeriods: 2, fromPlanImportId: planImport.id },
    });
    expect((await get(office, campaignUrl)).body).toContain('Đã tạo bản nháp kế hoạch.');

    // Done once: the review page links to the campaign and offers no second one.
    const after = (await get(office, url)).body;
    expect(after).toContain(`Đã tạo <a href="/admin/campaigns/${campaign.id}">kế hoạch năm 2027</a> từ văn bản này.`);
    expect(after).not.toContain(`<form method="post" action="${url}"`);
    const again = await post(office, url, { year: '2028' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Văn bản này đã được dùng để tạo kế hoạch năm 2027.');
  });

  it('creates the campaign with the office’s corrections and additions', async () => {
    const url = await bringIn({ text: await fixtureText('ke-hoach-2025-ba-bao-cao.txt') });
    expect((await get(office, url)).body).toContain('<tr class="missing"><th>Các phong trào</th><td colspan="2">Không tìm thấy — Không thấy phong trào thi đua nào được nêu tên');
    const values = await openForm(url);
    expect(values['movements']).toBe('');

    const before = await stored();
    const refused = await post(office, url, values);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Xin ghi ít nhất một dòng ở “Các phong trào thi đua”.');
    expect(await stored()).toBe(before);

    const response = await post(office, url, {
      ...values,
      movements: '- Doanh nghiệp Bắc Giang hội nhập và phát triển\n- Chuyển đổi số trong doanh nghiệp',
      overallTheme: 'Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển',
      'reportPeriods.2.dueBefore': '15/10/2025',
      'reportPeriods.2.opensOn': '15/09/2025',
    });
    expect(response.statusCode).toBe(303);
    const campaign = await h.prisma.campaign.findUniqueOrThrow({ where: { year: 2025 }, include: { reportPeriods: { orderBy: { ordinal: 'asc' } } } });
    expect(campaign.movements).toEqual(['Doanh nghiệp Bắc Giang hội nhập và phát triển', 'Chuyển đổi số trong doanh nghiệp']);
    expect(campaign.overallTheme).toBe('Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển');
    expect(campaign.reportPeriods.map((r) => [r.code, r.opensAt, r.deadlineAt, r.deadlineText])).toEqual([
      ['6-thang', new Date('2025-06-01T00:00:00+07:00'), new Date('2025-07-10T00:00:00+07:00'), 'trước ngày 10/7/2025'],
      // The deadline moved and its wording was left as read: the wording follows the new day.
      ['9-thang', new Date('2025-09-15T00:00:00+07:00'), new Date('2025-10-15T00:00:00+07:00'), 'trước ngày 15/10/2025'],
      ['ca-nam', new Date('2025-11-01T00:00:00+07:00'), new Date('2025-12-10T00:00:00+07:00'), 'trước ngày 10/12/2025'],
    ]);
    // A report the last campaign did not have asks what its first report asked.
    expect(campaign.reportPeriods.map((r) => r.fields)).toEqual([defaultReportFields, defaultReportFields, yearReportFields]);
  });

  describe('refuses a bad correction with the reason and stores nothing', () => {
    let url: string;
    beforeAll(async () => {
      url = await bringIn({ text: await fixtureText('ke-hoach-2023-cach-viet-khac.txt') });
    });

    it.each([
      ['year', 'hai nghìn', 'Năm của kế hoạch “hai nghìn” không đúng: xin ghi 4 chữ số, ví dụ 2027.'],
      ['year', '2024', 'Giai đoạn 1: ngày bắt đầu 01/01/2023 không thuộc năm 2024.'],
      ['docNumber', '  ', 'Xin điền “Số hiệu văn bản”.'],
      ['docDate', '09/02/23', 'Ngày ban hành: Xin ghi năm đủ 4 chữ số, ví dụ 10/07/2022 chứ không phải 10/07/22.'],
      ['phases.1.endsOn', '31/02/2023', 'Giai đoạn 1 — ngày kết thúc: Tháng 2 chỉ có 28 ngày, không có ngày 31/02/2023. Xin kiểm tra lại.'],
      ['phases.2.startsOn', '15/06/2023', 'Giai đoạn 2 bắt đầu ngày 15/06/2023, chưa sau ngày kết thúc của Giai đoạn 1 (30/06/2023): các đợt phải nối tiếp nhau, không trùng ngày.'],
      ['reportPeriods.1.opensOn', '10/07/2023', 'Báo cáo 6 tháng đầu năm 2023: ngày mở nhận báo cáo (10/07/2023) phải trước hạn nộp (06/07/2023).'],
      ['reportPeriods.2.deadlineText', 'trước ngày 20/12/2023', 'Báo cáo tổng kết năm 2023: dòng hạn nộp “trước ngày 20/12/2023” ghi ngày 20/12/2023, không khớp hạn nộp trước 0 giờ ngày 06/12/2023. Xin sửa một trong hai.'],
    ])('%s = “%s”', async (name, value, message) => {
      const values = await openForm(url);
      const before = await stored();
      const response = await post(office, url, { ...values, [name]: value });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Chưa tạo được kế hoạch, xin sửa:');
      expect(response.body).toContain(message);
      // What was typed is shown again, to correct rather than retype.
      expect(response.body).toContain(escapeHtml(value));
      expect(await stored()).toBe(before);
    });
  });

  it('refuses a campaign for a year that already has one, linking to it', async () => {
    const url = await bringIn({ text: await readFile(path.join(__dirname, '../../../../prisma/seed/ke-hoach-thi-dua-2022.txt'), 'utf8') });
    expect((await get(office, url)).body).toContain(`Đã có <a href="/admin/campaigns/${id2022}">kế hoạch năm 2022</a>`);
    const before = await stored();
    const response = await post(office, url, await openForm(url));
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Đã có kế hoạch năm 2022: mỗi năm chỉ có một kế hoạch thi đua, nên không tạo thêm được.');
    expect(response.body).toContain(`<a href="/admin/campaigns/${id2022}">Mở kế hoạch đã có →</a>`);
    expect(await stored()).toBe(before);
  });

  it.each<[string, { text: string } | { file: { name: string; bytes: Buffer } }, string]>([
    ['an empty paste', { text: ' \r\n ' }, 'Xin dán văn bản kế hoạch, hoặc chọn tệp .docx hay .txt.'],
    ['an old Word file', { file: { name: 'ke-hoach.doc', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) } }, 'Tệp “ke-hoach.doc” là tệp Word đời cũ (.doc).'],
    ['a damaged Word file', { file: { name: 'hong.docx', bytes: Buffer.from('PK\u0003\u0004 hỏng', 'latin1') } }, 'Không đọc được tệp Word “hong.docx”: tệp hỏng hoặc không phải dạng .docx.'],
    ['a text file in a Windows code page', { file: { name: 'cu.txt', bytes: Buffer.from([0x4b, 0xea, 0x20, 0x68, 0x6f, 0x61, 0xa3, 0x63, 0x68]) } }, 'Tệp “cu.txt” không phải mã UTF-8'],
    ['a PDF', { file: { name: 'ke-hoach.pdf', bytes: Buffer.from('%PDF-1.7') } }, 'Chỉ đọc được tệp Word .docx hoặc văn bản .txt (tệp đã gửi: “ke-hoach.pdf”).'],
  ])('refuses %s with a message in Vietnamese and keeps nothing', async (_what, input, message) => {
    const before = await h.prisma.planImport.count();
    const response = 'text' in input ? await post(office, '/admin/campaigns/import', { text: input.text }) : await post(office, '/admin/campaigns/import', {}, { file: input.file });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<p class="error" role="alert">');
    expect(response.body).toContain(message);
    expect(await h.prisma.planImport.count()).toBe(before);
  });

  it('shows the text as text, never as markup', async () => {
    const url = await bringIn({ text: 'KẾ HOẠCH THI ĐUA NĂM 2029\n<script>alert(1)</script>' });
    const body = (await get(office, url)).body;
    expect(body).toContain('<td class="tx">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(body).not.toContain('<script>alert(1)</script>');
  });

  it('gives area viewers 403 on every page and changes nothing', async () => {
    const url = await bringIn({ text: await fixtureText('ke-hoach-2024-ba-dot.txt') });
    const before = [await h.prisma.planImport.count(), await stored()];
    expect((await get(viewer, '/admin/campaigns')).body).not.toContain('/admin/campaigns/import');
    for (const response of [
      await get(viewer, '/admin/campaigns/import'),
      await get(viewer, url),
      await post(viewer, '/admin/campaigns/import', { text: await fixtureText('ke-hoach-2026-ngay-bang-chu.txt') }),
      await post(viewer, url, await openForm(url)),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Tài khoản xem theo khu vực chỉ được xem, không được tạo kế hoạch.');
    }
    expect([await h.prisma.planImport.count(), await stored()]).toEqual(before);
  });

  it('refuses a form without the session’s CSRF token and stores nothing', async () => {
    const url = await bringIn({ text: await fixtureText('ke-hoach-2026-ngay-bang-chu.txt') });
    const values = await openForm(url);
    const before = [await h.prisma.planImport.count(), await stored()];
    for (const response of [
      await post(office, '/admin/campaigns/import', { text: 'KẾ HOẠCH THI ĐUA NĂM 2026' }, { csrf: null }),
      await post(office, '/admin/campaigns/import', { text: 'KẾ HOẠCH THI ĐUA NĂM 2026' }, { csrf: 'x'.repeat(32) }),
      await post(office, url, values, { csrf: null }),
      await post(office, url, values, { csrf: viewer.csrf }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Yêu cầu không hợp lệ (mã bảo vệ biểu mẫu sai).');
    }
    expect([await h.prisma.planImport.count(), await stored()]).toEqual(before);
  });

  it('answers 404 for a document that does not exist', async () => {
    for (const url of ['/admin/campaigns/import/999999', '/admin/campaigns/import/abc']) {
      const response = await get(office, url);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Không có văn bản này.');
    }
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
