import { toString as renderQr } from 'qrcode';
import { foldText } from '../../../../src/core/text/fold-text';
import { createPrismaMemberAdminRepository } from '../../../../src/db/prisma-member-admin-repository';
import { memberPages } from '../../../../src/http/admin/member-pages';
import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';

jest.setTimeout(60_000);

const memberRow = /<tr><td><a href="\/admin\/members\/\d+">/g;

describe('member pages at /admin/members', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let greenId: number;
  let pendingId: number;
  let otherPendingId: number;
  let langGiangPendingId: number;

  beforeAll(async () => {
    h = await createHarness('pglite');
    const langGiang = await h.prisma.area.findFirstOrThrow({ where: { code: 'lang-giang' } });
    await addAdmin(h, 'vanphong', 'dung-mat-khau-2022', { displayName: 'Chị Lan' });
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { displayName: 'Anh Tuấn', areaCode: 'hiep-hoa' });
    greenId = await h.addMember({ name: 'Công ty TNHH Hiệp Hòa Xanh', taxCode: '0100109106' });
    pendingId = await h.addMember({ name: 'Công ty Chờ Duyệt', taxCode: '0100107518', status: 'pending', inviteCode: 'K7M2QX9P' });
    otherPendingId = await h.addMember({ name: 'Công ty Bị Từ Chối', status: 'pending' });
    await h.addMember({ name: 'Công ty <script>alert(1)</script>' });
    await h.prisma.contact.create({
      data: { channel: 'webchat', platformUserId: 'web-cho-duyet', displayName: 'Chị Hoa', memberId: pendingId, lastInteractionAt: h.clock.now() },
    });
    await h.prisma.member.createMany({
      data: Array.from({ length: 60 }, (_, i) => {
        const name = `Công ty Lạng Giang số ${String(i + 1).padStart(2, '0')}`;
        return { name, nameFolded: foldText(name), areaId: langGiang.id, status: 'active' as const, inviteCode: `LG${String(i).padStart(6, '0')}` };
      }),
    });
    langGiangPendingId = (
      await h.prisma.member.create({ data: { name: 'Hội DN Lạng Giang', nameFolded: foldText('Hội DN Lạng Giang'), areaId: langGiang.id, type: 'district_association', inviteCode: 'LGPENDING' } })
    ).id;

    t = await buildMemberApp({ telegramBotUsername: 'HiepHoiBacGiangBot' });
    office = await t.login('vanphong', 'dung-mat-khau-2022');
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  /** The app with the member pages; sessions live in the database, so a cookie works on every such app. */
  function buildMemberApp(options: { telegramBotUsername?: string }) {
    return createAdminTestApp(h, {
      pages: async (scope, { prisma, now, timeZone }) => {
        await scope.register(memberPages, {
          repository: createPrismaMemberAdminRepository(prisma),
          now,
          timeZone,
          publicBaseUrl: 'https://bot.hiephoi.vn/',
          ...options,
        });
      },
    });
  }

  const get: AdminTestApp['get'] = (as, url) => t.get(as, url);
  const post: AdminTestApp['postForm'] = (as, url, fields) => t.postForm(as, url, fields);

  it('lists members with Vietnamese names for type and status, and the contacts count', async () => {
    const response = await get(office, '/admin/members?area=hiep-hoa');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Tìm thấy <strong>4</strong> hội viên · Trang 1/1');
    expect(response.body).toContain(
      `<td><a href="/admin/members/${pendingId}">Công ty Chờ Duyệt</a></td><td>0100107518</td><td>Hiệp Hòa</td><td>Doanh nghiệp hội viên</td><td>Chờ duyệt</td><td>1</td><td>K7M2QX9P</td>`,
    );
  });

  it('searches without diacritics, by tax code prefix and by invite code', async () => {
    const byName = await get(office, '/admin/members?q=hiep+hoa');
    expect(byName.body.match(memberRow)).toHaveLength(1);
    expect(byName.body).toContain(`/admin/members/${greenId}">Công ty TNHH Hiệp Hòa Xanh</a>`);
    const byTaxCode = await get(office, '/admin/members?q=0100107');
    expect(byTaxCode.body.match(memberRow)).toHaveLength(1);
    expect(byTaxCode.body).toContain('Công ty Chờ Duyệt');
    const byInvite = await get(office, '/admin/members?q=k7m2-qx9p');
    expect(byInvite.body.match(memberRow)).toHaveLength(1);
    expect(byInvite.body).toContain('Công ty Chờ Duyệt');
    expect((await get(office, '/admin/members?q=100%25')).body).toContain('Không có hội viên nào khớp.');
  });

  it('filters by area, type and status and pages by 50, links keeping the filters', async () => {
    const first = await get(office, '/admin/members?area=lang-giang&status=active');
    expect(first.body).toContain('Tìm thấy <strong>60</strong> hội viên · Trang 1/2');
    expect(first.body.match(memberRow)).toHaveLength(50);
    expect(first.body).toContain('<a href="/admin/members?area=lang-giang&amp;status=active&amp;page=2">Trang sau →</a>');
    const second = await get(office, '/admin/members?area=lang-giang&status=active&page=2');
    expect(second.body.match(memberRow)).toHaveLength(10);
    expect(second.body).toContain('<a href="/admin/members?area=lang-giang&amp;status=active">← Trang trước</a>');
    const associations = await get(office, '/admin/members?type=district_association');
    expect(associations.body.match(memberRow)).toHaveLength(1);
    expect(associations.body).toContain('Hội doanh nghiệp huyện, thành phố');
    // A filter value that makes no sense is ignored, not an error.
    expect((await get(office, '/admin/members?type=nonsense&page=-3')).statusCode).toBe(200);
  });

  it('shows a member with its contacts, invite code, web chat link and decision forms', async () => {
    const response = await get(office, `/admin/members/${pendingId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<td>Trò chuyện trên web</td><td>Chị Hoa</td><td>Hội viên</td><td>Đang nhận tin</td><td>09:00 ngày 01/07/2022</td>');
    expect(response.body).toContain('<a href="https://bot.hiephoi.vn/chat?start=K7M2QX9P">https://bot.hiephoi.vn/chat?start=K7M2QX9P</a>');
    // A pending member's code does not link anyone yet, and the office is told so beside the QR codes.
    expect(response.body).toContain('Hội viên đang ở trạng thái “Chờ duyệt”: ai dùng mã mời lúc này chỉ nhận được thông báo về hồ sơ');
    expect(response.body).toContain(`action="/admin/members/${pendingId}/approve"><input type="hidden" name="_csrf" value="${office.csrf}">`);
    expect(response.body).toContain(`action="/admin/members/${pendingId}/reject"`);
    expect((await get(office, '/admin/members/999999')).statusCode).toBe(404);
    expect((await get(office, '/admin/members/abc')).statusCode).toBe(404);
  });

  it('limits an area viewer to their area: list, detail (404), no forms, no decisions (403)', async () => {
    const list = await get(viewer, '/admin/members?area=lang-giang');
    expect(list.body).toContain('Tìm thấy <strong>4</strong> hội viên');
    expect(list.body).not.toContain('Lạng Giang số');
    expect(list.body).not.toContain('name="area"');
    expect((await get(viewer, `/admin/members/${langGiangPendingId}`)).statusCode).toBe(404);
    const own = await get(viewer, `/admin/members/${pendingId}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('<form method="post" action="/admin/members');
    expect((await post(viewer, `/admin/members/${pendingId}/approve`, { _csrf: viewer.csrf })).statusCode).toBe(403);
    expect((await post(viewer, `/admin/members/${langGiangPendingId}/reject`, { _csrf: viewer.csrf, reason: 'x' })).statusCode).toBe(403);
    expect((await h.prisma.member.findUniqueOrThrow({ where: { id: pendingId } })).status).toBe('pending');
  });

  it('refuses a POST without the form token (403)', async () => {
    const response = await post(office, `/admin/members/${pendingId}/approve`, {});
    expect(response.statusCode).toBe(403);
    expect((await h.prisma.member.findUniqueOrThrow({ where: { id: pendingId } })).status).toBe('pending');
  });

  it('refuses a rejection without a reason, then rejects with one', async () => {
    const blank = await post(office, `/admin/members/${otherPendingId}/reject`, { _csrf: office.csrf, reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Xin ghi lý do từ chối');
    expect((await h.prisma.member.findUniqueOrThrow({ where: { id: otherPendingId } })).status).toBe('pending');
    const rejected = await post(office, `/admin/members/${otherPendingId}/reject`, { _csrf: office.csrf, reason: 'Không thuộc tỉnh' });
    expect(rejected.statusCode).toBe(303);
    expect(rejected.headers.location).toBe(`/admin/members/${otherPendingId}?done=rejected`);
    const member = await h.prisma.member.findUniqueOrThrow({ where: { id: otherPendingId } });
    expect(member).toMatchObject({ status: 'rejected', statusReason: 'Không thuộc tỉnh' });
  });

  it('approves: the member becomes active, its contact gets a notice queued, and a second try is explained', async () => {
    const response = await post(office, `/admin/members/${pendingId}/approve`, { _csrf: office.csrf });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/members/${pendingId}?done=approved`);
    expect((await h.prisma.member.findUniqueOrThrow({ where: { id: pendingId } })).status).toBe('active');
    const deliveries = await h.prisma.delivery.findMany({ where: { memberId: pendingId } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ channel: 'webchat', dedupeKey: expect.stringContaining(`registration:${pendingId}:approved:`) });
    expect(await h.prisma.auditLog.count({ where: { action: 'member.registration_approved', actorType: 'admin', entityId: String(pendingId) } })).toBe(1);
    const shown = await get(office, String(response.headers.location));
    expect(shown.body).toContain('Đã duyệt đăng ký.');
    expect(shown.body).not.toContain('/approve"');

    const again = await post(office, `/admin/members/${pendingId}/approve`, { _csrf: office.csrf });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Đăng ký này không còn chờ duyệt (hiện: Đang hoạt động)');
    expect(await h.prisma.delivery.count({ where: { memberId: pendingId } })).toBe(1);
  });

  it('escapes a member name with markup in the list and on its page', async () => {
    const list = await get(office, '/admin/members?q=alert');
    expect(list.body).toContain('Công ty &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list.body).not.toContain('<script>alert(1)</script>');
    const id = /href="\/admin\/members\/(\d+)">Công ty &lt;script/.exec(list.body)?.[1] ?? '';
    const detail = await get(office, `/admin/members/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('<title>Công ty &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(detail.body).not.toContain('<script>alert(1)</script>');
  });

  describe('invite links and QR codes', () => {
    let code: string;
    let langGiangMemberId: number;
    const telegramLink = () => `https://t.me/HiepHoiBacGiangBot?start=${code}`;
    const webLink = () => `https://bot.hiephoi.vn/chat?start=${code}`;
    /** The drawing of the QR code (its modules), which depends on nothing but the text it encodes. */
    const modulesOf = (svg: string) => /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];

    beforeAll(async () => {
      code = (await h.prisma.member.findUniqueOrThrow({ where: { id: greenId } })).inviteCode;
      langGiangMemberId = (await h.prisma.member.findFirstOrThrow({ where: { inviteCode: 'LG000000' } })).id;
    });

    it('shows the Telegram deep link and the web chat link, each with its QR code and a printable card', async () => {
      const response = await get(office, `/admin/members/${greenId}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(`<tr><th>Mã mời</th><td><strong>${code}</strong></td></tr>`);
      expect(response.body).toContain(`<tr><th>Đường dẫn Telegram</th><td><a href="${telegramLink()}">${telegramLink()}</a></td></tr>`);
      expect(response.body).toContain(`<tr><th>Đường dẫn trò chuyện trên web</th><td><a href="${webLink()}">${webLink()}</a></td></tr>`);
      expect(response.body).toContain(`<img src="/admin/members/${greenId}/qr.svg?link=telegram"`);
      expect(response.body).toContain(`<img src="/admin/members/${greenId}/qr.svg?link=web"`);
      expect(response.body).toContain(`href="/admin/members/${greenId}/qr.svg?link=web&amp;download=1">Tải mã QR (SVG)</a>`);
      expect(response.body).toContain(`<a href="/admin/members/${greenId}/invite-card">Thẻ mời để in →</a>`);
      expect(response.body).not.toContain('chỉ nhận được thông báo về hồ sơ');
    });

    it('serves each QR code as an SVG image that encodes the member’s link', async () => {
      for (const [query, link] of [
        ['?link=telegram', telegramLink()],
        ['', telegramLink()],
        ['?link=web', webLink()],
      ] as const) {
        const response = await get(office, `/admin/members/${greenId}/qr.svg${query}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
        expect(response.body).toContain(`<title>${link}</title>`);
        // Same modules as the qrcode package draws for the link itself, with the same settings.
        const expected = modulesOf(await renderQr(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
        expect(expected).toBeDefined();
        expect(modulesOf(response.body)).toBe(expected);
      }
      const telegram = modulesOf((await get(office, `/admin/members/${greenId}/qr.svg?link=telegram`)).body);
      const web = modulesOf((await get(office, `/admin/members/${greenId}/qr.svg?link=web`)).body);
      expect(telegram).not.toBe(web);
      const download = await get(office, `/admin/members/${greenId}/qr.svg?link=web&download=1`);
      expect(download.headers['content-disposition']).toBe(`attachment; filename="ma-moi-${code}-web.svg"`);
      expect((await get(office, '/admin/members/999999/qr.svg')).statusCode).toBe(404);
    });

    it('prints an invite card with the name, the code and both QR codes', async () => {
      const card = await get(office, `/admin/members/${greenId}/invite-card`);
      expect(card.statusCode).toBe(200);
      expect(card.body).toContain('<strong>Công ty TNHH Hiệp Hòa Xanh</strong><br>Mã số thuế: 0100109106');
      expect(card.body).toContain(`<p class="code">${code}</p>`);
      expect(card.body).toContain(`<img src="/admin/members/${greenId}/qr.svg?link=telegram"`);
      expect(card.body).toContain(`<img src="/admin/members/${greenId}/qr.svg?link=web"`);
      expect(card.body).toContain('@media print');
    });

    it('lets an area viewer see the QR codes and card of their area’s members only', async () => {
      expect((await get(viewer, `/admin/members/${greenId}/qr.svg`)).statusCode).toBe(200);
      expect((await get(viewer, `/admin/members/${greenId}/invite-card`)).statusCode).toBe(200);
      expect((await get(viewer, `/admin/members/${langGiangMemberId}/qr.svg?link=web`)).statusCode).toBe(404);
      expect((await get(viewer, `/admin/members/${langGiangMemberId}/invite-card`)).statusCode).toBe(404);
    });

    it('offers only the web chat link when the Telegram bot username is not set', async () => {
      const webOnly = await buildMemberApp({});
      try {
        const response = await webOnly.get(office, `/admin/members/${greenId}`);
        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain('t.me/');
        expect(response.body).not.toContain('qr.svg?link=telegram');
        expect(response.body).toContain(`<a href="${webLink()}">${webLink()}</a>`);
        expect(response.body).toContain(`<img src="/admin/members/${greenId}/qr.svg?link=web"`);
        const qr = await webOnly.get(office, `/admin/members/${greenId}/qr.svg`);
        expect(qr.body).toContain(`<title>${webLink()}</title>`);
        const telegram = await webOnly.get(office, `/admin/members/${greenId}/qr.svg?link=telegram`);
        expect(telegram.statusCode).toBe(404);
      } finally {
        await webOnly.close();
      }
    });

    it('links the roster import from the list for the office, not for an area viewer', async () => {
      expect((await get(office, '/admin/members')).body).toContain('<a href="/admin/members/import">Nhập danh sách hội viên từ tệp Excel/CSV</a>');
      expect((await get(viewer, '/admin/members')).body).not.toContain('/admin/members/import');
    });
  });
});
