import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';

jest.setTimeout(120_000);

describe('the audit log at /admin/audit', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let officeId: number;
  let contactId: number;
  let memberId: number;

  beforeAll(async () => {
    h = await createHarness('pglite');
    t = await createAdminTestApp(h);
    officeId = await addAdmin(h, 'vanphong', 'mat-khau-van-phong', { displayName: 'Chị Lan' });
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { areaCode: 'hiep-hoa' });
    memberId = await h.addMember({ name: 'Công ty <i>Nghiêng</i>' });
    contactId = (await h.prisma.contact.create({ data: { channel: 'zalo_oa', platformUserId: 'z-1', displayName: 'Chị <b>Hoa</b>', memberId } })).id;

    const at = (minutes: number) => new Date(Date.parse('2022-07-01T02:00:00Z') + minutes * 60_000);
    // 60 old submissions to page through, then the entries the tests look at, newest last.
    await h.prisma.auditLog.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        at: at(i),
        actorType: 'contact',
        actorId: String(contactId),
        action: 'report.submitted',
        entityType: 'member',
        entityId: String(memberId),
        details: { periodId: 1, revision: i + 1, referenceCode: `BC-2022-1-${i}`, onTime: true },
      })),
    });
    await h.prisma.auditLog.createMany({
      data: [
        { at: at(100), actorType: 'cli', actorId: 'root', action: 'admin.created', entityType: 'admin_user', entityId: String(officeId) },
        { at: at(101), actorType: 'platform', actorId: 'telegram', action: 'contact.blocked', entityType: 'contact', entityId: '123456', details: { reason: 'Forbidden: bot was blocked' } },
        { at: at(102), actorType: 'admin', actorId: String(officeId), action: 'report.exported', entityType: 'report_period', entityId: '1', details: { format: 'csv' } },
        { at: at(103), actorType: 'contact', actorId: String(contactId), action: 'weird.thing', details: { note: '<script>alert(1)</script>', list: [1, 2] } },
      ],
    });

    office = await t.login('vanphong', 'mat-khau-van-phong');
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  const rows = (body: string) => body.split('<tr><td>').slice(1);

  it('shows the latest entries first, 50 a page, with actors, actions in Vietnamese, entities and details', async () => {
    const response = await t.get(office, '/admin/audit');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    // Two logins (now), four entries, 60 submissions.
    expect(response.body).toContain('66 mục · Trang 1/2');
    const page = rows(response.body);
    expect(page).toHaveLength(50);
    expect(page[0]).toContain('Đăng nhập trang quản trị');
    const exported = page.find((r) => r.includes('report.exported'));
    expect(exported).toContain('10:42 ngày 01/07/2022');
    expect(exported).toContain('Chị Lan (vanphong)');
    expect(exported).toContain('Tải báo cáo tổng hợp <span class="muted">(report.exported)</span>');
    expect(exported).toContain('<a href="/admin/progress?period=1">Kỳ báo cáo số 1</a>');
    expect(exported).toContain('<span class="muted">định dạng:</span> csv');
    const blocked = page.find((r) => r.includes('contact.blocked'));
    expect(blocked).toContain('Nền tảng Telegram');
    expect(blocked).toContain('Người liên hệ chặn hoặc bỏ theo dõi');
    expect(page.find((r) => r.includes('admin.created'))).toContain('Dòng lệnh (root)');
    const submitted = page.find((r) => r.includes('report.submitted'));
    expect(submitted).toContain(`Chị &lt;b&gt;Hoa&lt;/b&gt; — Zalo OA, <a href="/admin/members/${memberId}">Công ty &lt;i&gt;Nghiêng&lt;/i&gt;</a>`);
    expect(submitted).toContain(`<a href="/admin/members/${memberId}">Hội viên số ${memberId}</a>`);
    expect(submitted).toContain('<span class="muted">đúng hạn:</span> có');
    expect(response.body).toContain('<a href="/admin/audit?page=2">Cũ hơn →</a>');
  });

  it('escapes what the log holds and shows an unknown action by its code', async () => {
    const body = (await t.get(office, '/admin/audit')).body;
    const weird = rows(body).find((r) => r.includes('weird.thing'));
    expect(weird).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(weird).toContain('<span class="muted">list:</span> [1,2]');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<b>Hoa</b>');
  });

  it('pages to older entries', async () => {
    const second = await t.get(office, '/admin/audit?page=2');
    expect(second.body).toContain('66 mục · Trang 2/2');
    expect(rows(second.body)).toHaveLength(16);
    expect(second.body).toContain('<a href="/admin/audit">← Mới hơn</a>');
    expect(rows(second.body).at(-1)).toContain('BC-2022-1-0');
  });

  it('filters by action and by actor', async () => {
    const submitted = await t.get(office, '/admin/audit?action=report.submitted');
    expect(submitted.body).toContain('60 mục · Trang 1/2');
    expect(submitted.body).toContain('<option value="report.submitted" selected>Nộp báo cáo</option>');
    expect(submitted.body).toContain('href="/admin/audit?action=report.submitted&amp;page=2"');

    const byAdmin = await t.get(office, `/admin/audit?actor=admin:${officeId}`);
    expect(rows(byAdmin.body).map((r) => /\((admin\.login|report\.exported)\)/.exec(r)?.[1])).toEqual(['admin.login', 'report.exported']);
    expect(byAdmin.body).toContain(`<option value="admin:${officeId}" selected>Quản trị viên: Chị Lan (vanphong)</option>`);

    const byContact = await t.get(office, `/admin/audit?actor=contact:${contactId}&action=weird.thing`);
    expect(rows(byContact.body)).toHaveLength(1);
    expect(byContact.body).toContain(`<option value="contact:${contactId}" selected>Người liên hệ: ${contactId}</option>`);
    expect(rows((await t.get(office, '/admin/audit?actor=cli')).body)).toHaveLength(1);
    expect(rows((await t.get(office, '/admin/audit?actor=platform:telegram')).body)).toHaveLength(1);

    // Each actor and action links to its own filter.
    const all = (await t.get(office, '/admin/audit')).body;
    expect(all).toContain(`href="/admin/audit?actor=contact%3A${contactId}"`);
    expect(all).toContain('href="/admin/audit?action=contact.blocked"');
    // A filter that does not parse is ignored.
    expect((await t.get(office, '/admin/audit?action=%3Cx%3E&actor=nobody')).body).toContain('66 mục');
    expect((await t.get(office, '/admin/audit?action=no.such')).body).toContain('Không có mục nào khớp.');
  });

  it('names plan imports and campaigns, linking each to its page', async () => {
    const entries = await h.prisma.auditLog.createManyAndReturn({
      data: [
        { actorType: 'admin', actorId: String(officeId), action: 'plan_import.created', entityType: 'plan_import', entityId: '7', details: { source: 'paste', fileName: null, characters: 1234 } },
        { actorType: 'admin', actorId: String(officeId), action: 'campaign.created', entityType: 'campaign', entityId: '3', details: { year: 2026, fromPlanImportId: 7 } },
      ],
    });
    try {
      const page = rows((await t.get(office, '/admin/audit')).body);
      const imported = page.find((r) => r.includes('(plan_import.created)'));
      expect(imported).toContain('Nhập văn bản kế hoạch <span class="muted">(plan_import.created)</span>');
      expect(imported).toContain('<a href="/admin/campaigns/import/7">Văn bản kế hoạch số 7</a>');
      expect(imported).toContain('<span class="muted">số ký tự:</span> 1234');
      const created = page.find((r) => r.includes('(campaign.created)'));
      expect(created).toContain('Tạo kế hoạch thi đua <span class="muted">(campaign.created)</span>');
      expect(created).toContain('<a href="/admin/campaigns/3">Kế hoạch số 3</a>');
      expect(created).toContain('<span class="muted">từ văn bản số:</span> 7');
    } finally {
      await h.prisma.auditLog.deleteMany({ where: { id: { in: entries.map((e) => e.id) } } });
    }
  });

  it('is for office admins only', async () => {
    const response = await t.get(viewer, '/admin/audit');
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('không được xem nhật ký của toàn Hiệp hội');
  });
});
