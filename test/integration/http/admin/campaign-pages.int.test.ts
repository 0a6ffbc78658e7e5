import type { CampaignDraft } from '../../../../src/core/campaigns/campaign-draft';
import { nextYearCampaign } from '../../../../src/core/campaigns/next-year-campaign';
import { type CampaignAdminRepository, createPrismaCampaignAdminRepository, toCampaignDraft } from '../../../../src/db/prisma-campaign-admin-repository';
import { campaignPages } from '../../../../src/http/admin/campaign-pages';
import { runCalendar } from '../../../../src/main/run-calendar';
import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp, formFields, multipartForm } from '../../../support/admin-test-app';
import { createHarness, july1st2022, type Harness } from '../../../support/conversation-harness';

jest.setTimeout(60_000);

const zone = 'Asia/Ho_Chi_Minh';

describe('campaign pages at /admin/campaigns', () => {
  let h: Harness;
  let t: AdminTestApp;
  let repository: CampaignAdminRepository;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let officeId: number;
  let id2022: number;
  /** A draft for 2024, to publish. */
  let id2024: number;
  /** A draft for 2025, to edit. */
  let id2025: number;

  beforeAll(async () => {
    h = await createHarness('pglite');
    officeId = await addAdmin(h, 'vanphong', 'dung-mat-khau-2022', { displayName: 'Chị Lan' });
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { displayName: 'Anh Tuấn', areaCode: 'hiep-hoa' });
    repository = createPrismaCampaignAdminRepository(h.prisma);
    const c2022 = await h.prisma.campaign.findUniqueOrThrow({ where: { year: 2022 } });
    id2022 = c2022.id;
    // The first phase's theme went out to members; the second's has not yet (1 July, 09:00).
    await h.prisma.campaignPhase.updateMany({ where: { campaignId: id2022, ordinal: 1 }, data: { announcedAt: new Date('2022-01-01T08:00:00+07:00') } });
    const draft2022 = toCampaignDraft((await repository.findById(id2022))!);
    const draft2023 = nextYearCampaign(draft2022, zone);
    const draft2024: CampaignDraft = { ...nextYearCampaign(draft2023, zone), fullText: 'Kế hoạch phát động thi đua năm 2024 (toàn văn).' };
    const draft2025: CampaignDraft = { ...nextYearCampaign(draft2024, zone), fullText: 'Kế hoạch phát động thi đua năm 2025 (toàn văn).' };
    const actor = { type: 'script' };
    const created2024 = await repository.createCampaign(draft2024, actor);
    const created2025 = await repository.createCampaign(draft2025, actor);
    if (!created2024.ok || !created2025.ok) throw new Error('could not create the test drafts');
    id2024 = created2024.id;
    id2025 = created2025.id;

    t = await createAdminTestApp(h, {
      pages: async (scope, { prisma, now, timeZone }) => {
        await scope.register(campaignPages, { repository: createPrismaCampaignAdminRepository(prisma), now, timeZone });
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
  const post: AdminTestApp['postForm'] = (as, url, fields) => t.postForm(as, url, fields);

  /** The form's fields as a browser would send them: its inputs' values and its textareas' text. */
  async function openForm(as: { cookie: string }, url: string): Promise<Record<string, string>> {
    const page = await get(as, url);
    expect(page.statusCode).toBe(200);
    return formFields(page.body.slice(page.body.indexOf('<form method="post" action="/admin/campaigns/')));
  }

  /** Everything stored about a campaign, to show that a refused form changed nothing. */
  async function snapshot(id: number) {
    const campaign = await h.prisma.campaign.findUniqueOrThrow({ where: { id }, include: { phases: { orderBy: { ordinal: 'asc' } }, reportPeriods: { orderBy: { ordinal: 'asc' } } } });
    const audits = await h.prisma.auditLog.count({ where: { entityType: 'campaign', entityId: String(id) } });
    return JSON.stringify({ campaign, audits });
  }

  it('lists the campaigns with year, status and the number of phases and reports', async () => {
    const response = await get(office, '/admin/campaigns');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(
      `<tr><td>2022</td><td><a href="/admin/campaigns/${id2022}">Kế hoạch phát động thi đua năm 2022</a></td><td>Đã công bố (00:00 ngày 21/04/2022)</td><td class="num">2</td><td class="num">2</td></tr>`,
    );
    expect(response.body).toMatch(new RegExp(`<tr><td>2025</td><td><a href="/admin/campaigns/${id2025}">[^<]+</a></td><td>Bản nháp</td><td class="num">2</td><td class="num">2</td></tr>`));
    expect(response.body.indexOf('<td>2025</td>')).toBeLessThan(response.body.indexOf('<td>2022</td>'));
    expect(response.body).toContain(`<a href="/admin/campaigns/${id2025}/next-year">Tạo kế hoạch năm 2026 từ kế hoạch năm 2025 →</a>`);
    expect((await get(viewer, '/admin/campaigns')).body).not.toContain('/next-year');
  });

  it('shows the plan: document, theme, movements, full text, phases and reports with deadlines and fields', async () => {
    const response = await get(office, `/admin/campaigns/${id2022}`);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<tr><th>Số hiệu</th><td>20/KHTĐ-HHDN</td></tr>');
    expect(body).toContain('<tr><th>Ngày ban hành</th><td>21/04/2022, Bắc Giang</td></tr>');
    expect(body).toContain('<tr><th>Chủ đề chung</th><td>Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ chính trị năm 2022</td></tr>');
    expect(body).toContain('<li>Xây dựng môi trường Xanh – Sạch – Đẹp</li>');
    expect(body).toContain('<td>Đợt thứ hai</td><td>01/07/2022</td><td>31/12/2022</td><td>Thi đua thực hiện thắng lợi các chỉ tiêu kế hoạch năm 2022');
    expect(body).toContain('<td>00:00 ngày 10/12/2022<br><span class="muted">trước ngày 10/12/2022</span></td>');
    expect(body).toContain('<li>Doanh thu (số tiền, triệu đồng)</li>');
    expect(body).toContain('<pre class="doc">');
    expect(body).toContain('Phát động thi đua năm 2022');
    expect(body).toContain(`<a href="/admin/campaigns/${id2022}/edit">Sửa kế hoạch →</a>`);
    // Published: no publish button; 2023 does not exist yet here unless another test made it.
    expect(body).not.toContain(`action="/admin/campaigns/${id2022}/publish"`);
    expect((await get(office, '/admin/campaigns/999999')).statusCode).toBe(404);
    expect((await get(office, '/admin/campaigns/abc')).statusCode).toBe(404);
  });

  it('creates 2023 from 2022: the proposal moves every date a year, the office edits a theme, a draft is stored', async () => {
    const values = await openForm(office, `/admin/campaigns/${id2022}/next-year`);
    expect(values).toMatchObject({
      docDate: '21/04/2023',
      title: 'Kế hoạch phát động thi đua năm 2023',
      'phases.1.startsOn': '01/01/2023',
      'phases.1.endsOn': '30/06/2023',
      'phases.2.startsOn': '01/07/2023',
      'reportPeriods.1.dueBefore': '10/07/2023',
      'reportPeriods.1.deadlineText': 'trước ngày 10/7/2023',
      'reportPeriods.2.dueBefore': '10/12/2023',
    });
    const response = await post(office, `/admin/campaigns/${id2022}/next-year`, {
      ...values,
      'phases.2.theme': 'Thi đua hoàn thành thắng lợi các chỉ tiêu kế hoạch năm 2023',
    });
    expect(response.statusCode).toBe(303);
    const created = await h.prisma.campaign.findUniqueOrThrow({
      where: { year: 2023 },
      include: { phases: { orderBy: { ordinal: 'asc' } }, reportPeriods: { orderBy: { ordinal: 'asc' } } },
    });
    expect(response.headers.location).toBe(`/admin/campaigns/${created.id}?done=created`);
    expect(created).toMatchObject({ status: 'draft', publishedAt: null, docNumber: '20/KHTĐ-HHDN', docDate: new Date('2023-04-21T00:00:00.000Z') });
    expect(created.phases.map((p) => [p.startsOn.toISOString().slice(0, 10), p.endsOn.toISOString().slice(0, 10), p.announcedAt])).toEqual([
      ['2023-01-01', '2023-06-30', null],
      ['2023-07-01', '2023-12-31', null],
    ]);
    expect(created.phases[1]?.theme).toBe('Thi đua hoàn thành thắng lợi các chỉ tiêu kế hoạch năm 2023');
    // 00:00 on 10/7 and 10/12/2023 in Asia/Ho_Chi_Minh.
    expect(created.reportPeriods.map((r) => [r.code, r.opensAt.toISOString(), r.deadlineAt.toISOString(), r.deadlineText])).toEqual([
      ['6-thang', '2023-05-31T17:00:00.000Z', '2023-07-09T17:00:00.000Z', 'trước ngày 10/7/2023'],
      ['ca-nam', '2023-10-31T17:00:00.000Z', '2023-12-09T17:00:00.000Z', 'trước ngày 10/12/2023'],
    ]);
    const fields2022 = await h.prisma.reportPeriod.findMany({ where: { campaignId: id2022 }, orderBy: { ordinal: 'asc' }, select: { fields: true } });
    expect(created.reportPeriods.map((r) => r.fields)).toEqual(fields2022.map((r) => r.fields));
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'campaign.created', entityId: String(created.id) } });
    expect(audit).toMatchObject({ actorType: 'admin', actorId: String(officeId), entityType: 'campaign', details: { year: 2023, fromYear: 2022, fromCampaignId: id2022 } });
    const page = await get(office, String(response.headers.location));
    expect(page.body).toContain('Đã tạo bản nháp kế hoạch.');
    expect(page.body).toContain(`action="/admin/campaigns/${created.id}/publish"`);
    expect(page.body).toContain('<td>Tạo kế hoạch</td><td>Chị Lan</td>');
  });

  it('refuses a second campaign for a year that has one, on the proposal and on the POST', async () => {
    const before = await h.prisma.campaign.count();
    const proposal = await get(office, `/admin/campaigns/${id2024}/next-year`);
    expect(proposal.statusCode).toBe(409);
    expect(proposal.body).toContain('Đã có kế hoạch năm 2025: mỗi năm chỉ có một kế hoạch thi đua, nên không tạo thêm được.');
    expect(proposal.body).toContain(`<a href="/admin/campaigns/${id2025}">Kế hoạch năm 2025 →</a>`);
    const posted = await post(office, `/admin/campaigns/${id2024}/next-year`, { _csrf: office.csrf, title: 'Kế hoạch năm 2025' });
    expect(posted.statusCode).toBe(409);
    expect(await h.prisma.campaign.count()).toBe(before);
    const repeated = await repository.createCampaign(nextYearCampaign(toCampaignDraft((await repository.findById(id2024))!), zone), { type: 'script' });
    expect(repeated).toEqual({ ok: false, reason: 'YEAR_TAKEN', existingId: id2025 });
  });

  it('edits a phase theme of a draft and logs what changed', async () => {
    const values = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    const oldTheme = values['phases.1.theme'];
    const response = await post(office, `/admin/campaigns/${id2025}/edit`, { ...values, 'phases.1.theme': 'Thi đua lập thành tích chào mừng Tết Nguyên đán 2025' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/campaigns/${id2025}?done=saved`);
    const phase = await h.prisma.campaignPhase.findFirstOrThrow({ where: { campaignId: id2025, ordinal: 1 } });
    expect(phase.theme).toBe('Thi đua lập thành tích chào mừng Tết Nguyên đán 2025');
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'campaign.updated', entityId: String(id2025) }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorType: 'admin', actorId: String(officeId) });
    expect(audit.details).toEqual({
      year: 2025,
      changes: [{ field: 'phases.1.theme', label: 'Đợt thứ nhất — chủ đề', before: oldTheme, after: 'Thi đua lập thành tích chào mừng Tết Nguyên đán 2025' }],
    });
    // The untouched full text (through a textarea and back) and deadlines stayed as they were.
    const page = await get(office, String(response.headers.location));
    expect(page.body).toContain('Đã lưu các thay đổi.');
    expect(page.body).toContain('Đợt thứ nhất — chủ đề: ');
  });

  it('accepts the form as the browser sends it, multipart', async () => {
    const values = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    const fields = { ...values, overallTheme: 'Đoàn kết, đổi mới, thi đua năm 2025' };
    const response = await t.postMultipart(office, `/admin/campaigns/${id2025}/edit`, multipartForm(fields));
    expect(response.statusCode).toBe(303);
    expect((await h.prisma.campaign.findUniqueOrThrow({ where: { id: id2025 } })).overallTheme).toBe('Đoàn kết, đổi mới, thi đua năm 2025');
  });

  it.each([
    ['phases.1.endsOn', '31/02/2025', 'Đợt thứ nhất — ngày kết thúc: Tháng 2 chỉ có 28 ngày, không có ngày 31/02/2025. Xin kiểm tra lại.'],
    ['phases.1.endsOn', '29/02/2025', 'Đợt thứ nhất — ngày kết thúc: Năm 2025 không phải năm nhuận nên tháng 2 chỉ có 28 ngày. Xin kiểm tra lại.'],
    ['phases.2.startsOn', '15/13/2025', 'Đợt thứ hai — ngày bắt đầu: Tháng phải từ 1 đến 12.'],
    ['phases.2.startsOn', '2025-07-01x', 'Đợt thứ hai — ngày bắt đầu: Chưa hiểu ngày này. Xin viết theo thứ tự ngày/tháng/năm, ví dụ 10/07/2022.'],
    ['phases.2.startsOn', '', 'Đợt thứ hai — ngày bắt đầu: Xin nhập ngày, ví dụ 10/07/2022.'],
    ['docDate', '21/4/25', 'Ngày ban hành: Xin ghi năm đủ 4 chữ số, ví dụ 10/07/2022 chứ không phải 10/07/22.'],
    [
      'phases.2.startsOn',
      '15/06/2025',
      'Đợt thứ hai bắt đầu ngày 15/06/2025, chưa sau ngày kết thúc của Đợt thứ nhất (30/06/2025): các đợt phải nối tiếp nhau, không trùng ngày.',
    ],
    ['phases.1.endsOn', '01/01/2024', 'Đợt thứ nhất: ngày kết thúc 01/01/2024 trước ngày bắt đầu 01/01/2025.'],
    ['reportPeriods.2.dueBefore', '10/01/2026', 'Báo cáo tổng kết năm 2025: hạn nộp ngày 10/01/2026 không thuộc năm 2025.'],
    ['reportPeriods.2.opensOn', '20/12/2025', 'Báo cáo tổng kết năm 2025: ngày mở nhận báo cáo (20/12/2025) phải trước hạn nộp (10/12/2025).'],
    ['reportPeriods.2.deadlineText', 'trước ngày 10/11/2025', 'Báo cáo tổng kết năm 2025: dòng hạn nộp “trước ngày 10/11/2025” ghi ngày 10/11/2025, không khớp hạn nộp trước 0 giờ ngày 10/12/2025. Xin sửa một trong hai.'],
    ['title', '   ', 'Xin điền “Tiêu đề”.'],
  ])('refuses %s = %j with a 400 in Vietnamese and stores nothing', async (field, typed, message) => {
    const values = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    const before = await snapshot(id2025);
    const response = await post(office, `/admin/campaigns/${id2025}/edit`, { ...values, [field]: typed });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Chưa lưu được, xin sửa:');
    expect(response.body).toContain(htmlEscape(message));
    // What was typed is shown again, to be corrected.
    expect(response.body).toContain(`name="${field}" value="${htmlEscape(typed)}"`);
    expect(await snapshot(id2025)).toBe(before);
  });

  it('moves a deadline and rewrites its worded form when that was left as it was', async () => {
    const values = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    const response = await post(office, `/admin/campaigns/${id2025}/edit`, { ...values, 'reportPeriods.1.dueBefore': '15/7/2025' });
    expect(response.statusCode).toBe(303);
    const period = await h.prisma.reportPeriod.findFirstOrThrow({ where: { campaignId: id2025, ordinal: 1 } });
    expect(period.deadlineAt.toISOString()).toBe('2025-07-14T17:00:00.000Z');
    expect(period.deadlineText).toBe('trước ngày 15/7/2025');
  });

  it('escapes markup typed into a theme on every page that shows it', async () => {
    const values = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    const theme = 'Chủ đề <script>alert("x")</script> & <b>đậm</b>';
    expect((await post(office, `/admin/campaigns/${id2025}/edit`, { ...values, 'phases.2.theme': theme, title: '<i>Kế hoạch</i> năm 2025' })).statusCode).toBe(303);
    expect((await h.prisma.campaignPhase.findFirstOrThrow({ where: { campaignId: id2025, ordinal: 2 } })).theme).toBe(theme);
    for (const url of [`/admin/campaigns/${id2025}`, `/admin/campaigns/${id2025}/edit`, '/admin/campaigns']) {
      const body = (await get(office, url)).body;
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<i>Kế hoạch</i>');
      expect(body).toContain('&lt;i&gt;Kế hoạch&lt;/i&gt; năm 2025');
    }
    expect((await get(office, `/admin/campaigns/${id2025}`)).body).toContain('Chủ đề &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;');
  });

  it('refuses a form made from an older version (409) and stores nothing', async () => {
    const stale = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    const fresh = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    expect((await post(office, `/admin/campaigns/${id2025}/edit`, { ...fresh, docPlace: 'Thành phố Bắc Giang' })).statusCode).toBe(303);
    const before = await snapshot(id2025);
    const response = await post(office, `/admin/campaigns/${id2025}/edit`, { ...stale, docPlace: 'Bắc Giang, tỉnh Bắc Giang' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Kế hoạch vừa được thay đổi');
    expect(await snapshot(id2025)).toBe(before);
  });

  describe('a published campaign (2022, on 1 July 2022)', () => {
    it('offers only what may still change: no document inputs, the announced phase locked', async () => {
      const values = await openForm(office, `/admin/campaigns/${id2022}/edit`);
      const names = Object.keys(values);
      expect(names).not.toContain('title');
      expect(names).not.toContain('fullText');
      expect(names).not.toContain('phases.1.theme');
      expect(names).toContain('phases.2.theme');
      expect(values).toMatchObject({ 'reportPeriods.2.dueBefore': '10/12/2022', 'reportPeriods.2.opensOn': '01/11/2022' });
      // The 6-month report opened on 1 June: its opening is history.
      expect(names).not.toContain('reportPeriods.1.opensOn');
      expect(names).toContain('reportPeriods.1.dueBefore');
    });

    it('moves a deadline still ahead, logging before and after', async () => {
      const values = await openForm(office, `/admin/campaigns/${id2022}/edit`);
      const response = await post(office, `/admin/campaigns/${id2022}/edit`, { ...values, 'reportPeriods.1.dueBefore': '15/07/2022' });
      expect(response.statusCode).toBe(303);
      const period = await h.prisma.reportPeriod.findFirstOrThrow({ where: { campaignId: id2022, code: '6-thang' } });
      expect(period).toMatchObject({ deadlineAt: new Date('2022-07-14T17:00:00.000Z'), deadlineText: 'trước ngày 15/7/2022' });
      const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'campaign.updated', entityId: String(id2022) }, orderBy: { id: 'desc' } });
      expect(audit.details).toMatchObject({
        changes: [
          { field: 'reportPeriods.1.deadlineAt', before: '00:00 ngày 10/07/2022', after: '00:00 ngày 15/07/2022' },
          { field: 'reportPeriods.1.deadlineText', before: 'trước ngày 10/7/2022', after: 'trước ngày 15/7/2022' },
        ],
      });
      // And back, earlier: still ahead, so allowed (and other tests see the plan as issued).
      const back = await post(office, `/admin/campaigns/${id2022}/edit`, { ...(await openForm(office, `/admin/campaigns/${id2022}/edit`)), 'reportPeriods.1.dueBefore': '10/7/2022' });
      expect(back.statusCode).toBe(303);
      expect(await h.prisma.reportPeriod.findFirstOrThrow({ where: { campaignId: id2022, code: '6-thang' } })).toMatchObject({
        deadlineAt: new Date('2022-07-09T17:00:00.000Z'),
        deadlineText: 'trước ngày 10/7/2022',
      });
    });

    it('refuses a deadline moved into the past, and a locked part sent anyway', async () => {
      const values = await openForm(office, `/admin/campaigns/${id2022}/edit`);
      const before = await snapshot(id2022);
      const past = await post(office, `/admin/campaigns/${id2022}/edit`, { ...values, 'reportPeriods.1.dueBefore': '01/07/2022' });
      expect(past.statusCode).toBe(400);
      expect(past.body).toContain('hạn nộp mới (00:00 ngày 01/07/2022) đã qua. Kế hoạch đã công bố chỉ dời được hạn nộp tới một thời điểm chưa tới.');
      const locked = await post(office, `/admin/campaigns/${id2022}/edit`, { ...values, title: 'Kế hoạch khác', 'phases.1.theme': 'Chủ đề khác' });
      expect(locked.statusCode).toBe(400);
      expect(locked.body).toContain('“Tiêu đề” không còn sửa được');
      expect(locked.body).toContain('“Đợt thứ nhất — chủ đề” không còn sửa được');
      expect(await snapshot(id2022)).toBe(before);
    });
  });

  it('publishes a draft only once its own full text is in; the calendar then sends its plan in its year', async () => {
    const sameText = await h.prisma.campaign.update({ where: { id: id2024 }, data: { fullText: (await h.prisma.campaign.findUniqueOrThrow({ where: { id: id2022 } })).fullText } });
    expect(sameText.status).toBe('draft');
    const refused = await post(office, `/admin/campaigns/${id2024}/publish`, { _csrf: office.csrf });
    expect(refused.statusCode).toBe(400);
    // The 2022 text, or 2023's copy of it when that test ran first.
    expect(refused.body).toMatch(/Toàn văn kế hoạch năm 2024 vẫn giống hệt kế hoạch năm 202[23]\. Xin dán văn bản năm 2024 đã ban hành/);
    expect((await h.prisma.campaign.findUniqueOrThrow({ where: { id: id2024 } })).status).toBe('draft');

    await h.prisma.campaign.update({ where: { id: id2024 }, data: { fullText: 'Kế hoạch phát động thi đua năm 2024 (toàn văn).' } });
    const response = await post(office, `/admin/campaigns/${id2024}/publish`, { _csrf: office.csrf });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/campaigns/${id2024}?done=published`);
    expect(await h.prisma.campaign.findUniqueOrThrow({ where: { id: id2024 } })).toMatchObject({ status: 'published', publishedAt: july1st2022 });
    expect(await h.prisma.auditLog.count({ where: { action: 'campaign.published', entityId: String(id2024), actorId: String(officeId) } })).toBe(1);
    expect((await get(office, String(response.headers.location))).body).toContain('Kế hoạch sẽ được gửi tới mọi hội viên từ ngày 01/01/2024');
    const again = await post(office, `/admin/campaigns/${id2024}/publish`, { _csrf: office.csrf });
    expect(again.statusCode).toBe(409);

    try {
      h.clock.set(new Date('2024-01-02T08:00:00+07:00'));
      const { broadcastIds } = await runCalendar({ prisma: h.prisma, clock: h.clock, timeZone: zone, publicBaseUrl: 'http://localhost:3000' });
      const broadcasts = await h.prisma.broadcast.findMany({ where: { id: { in: broadcastIds } }, orderBy: { id: 'asc' } });
      expect(broadcasts.map((b) => [b.kind, b.campaignId])).toEqual([
        ['plan', id2024],
        ['phase_theme', id2024],
      ]);
    } finally {
      h.clock.set(july1st2022);
    }
  });

  it('lets an area viewer read the campaign but change nothing (403 on every POST and on the forms)', async () => {
    const page = await get(viewer, `/admin/campaigns/${id2025}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<tr><th>Năm</th><td>2025</td></tr>');
    expect(page.body).not.toContain('<form method="post"');
    expect(page.body).not.toContain('/edit"');
    const before = await snapshot(id2025);
    expect((await get(viewer, `/admin/campaigns/${id2025}/edit`)).statusCode).toBe(403);
    expect((await get(viewer, `/admin/campaigns/${id2025}/next-year`)).statusCode).toBe(403);
    expect((await post(viewer, `/admin/campaigns/${id2025}/edit`, { _csrf: viewer.csrf, title: 'Sửa trộm' })).statusCode).toBe(403);
    expect((await post(viewer, `/admin/campaigns/${id2025}/publish`, { _csrf: viewer.csrf })).statusCode).toBe(403);
    expect((await post(viewer, `/admin/campaigns/${id2025}/next-year`, { _csrf: viewer.csrf })).statusCode).toBe(403);
    expect((await post(viewer, '/admin/campaigns/999999/publish', { _csrf: viewer.csrf })).statusCode).toBe(403);
    expect(await snapshot(id2025)).toBe(before);
  });

  it('refuses a POST without the form token (403) and stores nothing', async () => {
    const values = await openForm(office, `/admin/campaigns/${id2025}/edit`);
    const before = await snapshot(id2025);
    const { _csrf: _ignored, ...withoutToken } = values;
    expect((await post(office, `/admin/campaigns/${id2025}/edit`, { ...withoutToken, title: 'Không có mã' })).statusCode).toBe(403);
    expect((await post(office, `/admin/campaigns/${id2025}/publish`, {})).statusCode).toBe(403);
    expect((await post(office, `/admin/campaigns/${id2025}/publish`, { _csrf: 'sai-ma-bao-ve-bieu-mau-0000' })).statusCode).toBe(403);
    expect(await snapshot(id2025)).toBe(before);
  });
});

function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
