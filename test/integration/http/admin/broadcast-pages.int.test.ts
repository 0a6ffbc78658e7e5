import { foldText } from '../../../../src/core/text/fold-text';
import { createPrismaBroadcastAdminRepository } from '../../../../src/db/prisma-broadcast-admin-repository';
import { createPrismaDeliveryRepository } from '../../../../src/db/prisma-delivery-repository';
import { broadcastPages } from '../../../../src/http/admin/broadcast-pages';
import { addAdmin, type AdminBrowser, type AdminTestApp, type AdminTestPages, createAdminTestApp } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';
import { createDeliveryHarness, type DeliveryHarness } from '../../../support/delivery-harness';

jest.setTimeout(90_000);

/** The broadcast pages alone. */
const broadcastPagesOnly: AdminTestPages = async (scope, { db, now, timeZone }) => {
  await scope.register(broadcastPages, { repository: createPrismaBroadcastAdminRepository(db), now, timeZone, publicBaseUrl: 'https://hiephoi.example.vn' });
};

/** Form fields in order; a repeated name (several checkboxes) is several pairs. */
type Fields = Array<[string, string]>;

describe('broadcast pages at /admin/broadcasts', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let officeAdminId: number;
  let hiepHoaId: number;
  let tanYenId: number;
  let officeContactId: number;
  let periodId: number;

  beforeAll(async () => {
    h = await createHarness('pglite');
    const hiepHoa = await h.prisma.area.findUniqueOrThrow({ where: { code: 'hiep-hoa' } });
    const tanYen = await h.prisma.area.findUniqueOrThrow({ where: { code: 'tan-yen' } });
    hiepHoaId = hiepHoa.id;
    tanYenId = tanYen.id;
    officeAdminId = await addAdmin(h, 'vanphong', 'dung-mat-khau-2022', { displayName: 'Chị Lan' });
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { displayName: 'Anh Tuấn', areaCode: 'hiep-hoa' });

    // Hiệp Hòa: three active members (two contacts, one, none) and one pending; Tân Yên: one, unreachable.
    const green = await h.addMember({ name: 'Công ty TNHH Hiệp Hòa Xanh', taxCode: '0100109106', phone: '+84912111222' });
    const river = await h.addMember({ name: 'Công ty Sông Cầu' });
    await h.addMember({ name: 'Công ty <img src=x onerror=alert(1)>', phone: '+84987654321' });
    await h.addMember({ name: 'Công ty Chờ Duyệt', status: 'pending' });
    await h.prisma.contact.createMany({
      data: [
        { channel: 'telegram', platformUserId: '501', memberId: green, displayName: 'Anh Bình' },
        { channel: 'zalo_bot', platformUserId: 'z-501', memberId: green },
        { channel: 'telegram', platformUserId: '502', memberId: river },
      ],
    });
    const tanYenMember = await h.prisma.member.create({
      data: { name: 'Công ty Tân Yên', nameFolded: foldText('Công ty Tân Yên'), areaId: tanYen.id, status: 'active', inviteCode: 'TY0001', type: 'collective' },
    });
    officeContactId = (await h.prisma.contact.create({ data: { channel: 'telegram', platformUserId: '900', role: 'office', displayName: 'Chị Lan' } })).id;
    const period = await h.prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } });
    periodId = period.id;
    // Sông Cầu and Tân Yên have filed the 6-month report.
    for (const memberId of [river, tanYenMember.id]) {
      await h.prisma.submission.create({
        data: { memberId, periodId, currentRevision: 1, firstSubmittedAt: h.clock.now(), lastSubmittedAt: h.clock.now(), onTime: true },
      });
    }

    t = await createAdminTestApp(h, { pages: broadcastPagesOnly });
    office = await t.login('vanphong', 'dung-mat-khau-2022');
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  const get: AdminTestApp['get'] = (as, url) => t.get(as, url);
  const post = (as: AdminBrowser, url: string, fields: Fields, csrf = as.csrf) => t.postForm(as, url, [['_csrf', csrf], ...fields]);
  const draft = (overrides: Partial<Record<'title' | 'body' | 'audience' | 'when' | 'scheduledAt', string>> = {}, more: Fields = []): Fields => [
    ['title', overrides.title ?? 'Họp hội viên Hiệp Hòa'],
    ['body', overrides.body ?? 'Kính mời Quý hội viên dự họp ngày 20/7/2022 tại trụ sở Hiệp hội.'],
    ['audience', overrides.audience ?? 'areas'],
    ['when', overrides.when ?? 'now'],
    ['scheduledAt', overrides.scheduledAt ?? ''],
    ...more,
  ];
  const inHiepHoa = (): Fields => [['areaId', String(hiepHoaId)]];
  const counts = async () => ({ broadcasts: await h.prisma.broadcast.count(), audit: await h.prisma.auditLog.count({ where: { entityType: 'broadcast' } }) });

  it('shows the composer with the areas, the live count script and the count for everyone', async () => {
    const response = await get(office, '/admin/broadcasts/new');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<input type="checkbox" name="areaId" value="${hiepHoaId}" data-pick="audience=areas"> Hiệp Hòa</label>`);
    expect(response.body).toContain('maxlength="2000"');
    expect(response.body).toContain('<span id="body-count">0</span>/2.000 ký tự');
    // Everyone: four active members, four contacts, two of the members unreachable.
    expect(response.body).toContain('Sẽ gửi tới 3 người liên hệ của 4 hội viên; 2 hội viên chưa có kênh liên lạc nào (vào danh sách cần gọi điện).');
    expect(response.body).toContain("fetch('/admin/broadcasts/audience-count?'");
    expect(response.body).toContain('<option value="2022-2">Đợt thứ hai năm 2022');
  });

  it('counts an audience as JSON, for one or several areas, types and those who have not filed', async () => {
    const one = await get(office, `/admin/broadcasts/audience-count?audience=areas&areaId=${hiepHoaId}`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['cache-control']).toBe('no-store');
    expect(one.json()).toEqual({
      members: 3,
      contacts: 3,
      unreachable: 1,
      description: 'Hội viên khu vực Hiệp Hòa',
      text: 'Sẽ gửi tới 3 người liên hệ của 3 hội viên; 1 hội viên chưa có kênh liên lạc nào (vào danh sách cần gọi điện).',
    });
    const two = await get(office, `/admin/broadcasts/audience-count?audience=areas&areaId=${hiepHoaId}&areaId=${tanYenId}`);
    expect(two.json()).toMatchObject({ members: 4, contacts: 3, unreachable: 2, description: 'Hội viên khu vực Hiệp Hòa, Tân Yên' });
    const collective = await get(office, '/admin/broadcasts/audience-count?audience=member_types&memberType=collective');
    expect(collective.json()).toMatchObject({ members: 1, contacts: 0, description: 'Loại hội viên: Hội viên tập thể' });
    const notFiled = await get(office, `/admin/broadcasts/audience-count?audience=not_submitted&periodId=${periodId}`);
    expect(notFiled.json()).toMatchObject({ members: 2, contacts: 2, unreachable: 1, description: 'Hội viên chưa nộp Báo cáo 6 tháng đầu năm 2022' });
    const none = await get(office, '/admin/broadcasts/audience-count?audience=areas');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toEqual({ error: 'Xin chọn ít nhất một khu vực.' });
    expect((await get(viewer, `/admin/broadcasts/audience-count?audience=all`)).statusCode).toBe(403);
  });

  it('previews exactly what an area receives, with members, contacts and the unreachable, escaping the text', async () => {
    const body = 'Kính mời <b>Quý hội viên</b> & khách mời dự họp.\nĐịa điểm: trụ sở Hiệp hội.';
    const response = await post(office, '/admin/broadcasts/preview', draft({ body }, inHiepHoa()));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Người nhận: <strong>Hội viên khu vực Hiệp Hòa</strong> — <strong>3</strong> người liên hệ của <strong>3</strong> hội viên (đếm lúc này).');
    expect(response.body).toContain('<strong>1</strong> hội viên chưa có kênh liên lạc nào');
    expect(response.body).toContain('<pre class="doc">Kính mời &lt;b&gt;Quý hội viên&lt;/b&gt; &amp; khách mời dự họp.\nĐịa điểm: trụ sở Hiệp hội.</pre>');
    expect(response.body).not.toContain('<b>Quý hội viên</b>');
    expect(response.body).toContain('gửi ngay khi bấm “Gửi”');
    expect(response.body).toContain('<button>Gửi ngay tới 3 hội viên</button>');
    expect(response.body).toContain(`<input type="hidden" name="areaId" value="${hiepHoaId}">`);
    // The office's own contact is offered for a test.
    expect(response.body).toContain(`<option value="${officeContactId}">Chị Lan — Telegram, Văn phòng (số ${officeContactId})</option>`);
    expect(await h.prisma.broadcast.count()).toBe(0);
  });

  it.each([
    ['empty text', draft({ body: '   ' }, inHiepHoa()), 'Xin nhập nội dung thông báo.'],
    ['2,001 characters', draft({ body: 'a'.repeat(2001) }, inHiepHoa()), 'Nội dung dài 2.001 ký tự, quá giới hạn 2.000 ký tự. Xin rút gọn.'],
    ['a time in the past', draft({ when: 'later', scheduledAt: '01/07/2022 08:00' }, inHiepHoa()), 'Thời điểm 08:00 ngày 01/07/2022 đã qua (bây giờ là 09:00 ngày 01/07/2022).'],
    ['a time that does not parse', draft({ when: 'later', scheduledAt: 'sáng mai' }, inHiepHoa()), 'Chưa hiểu thời điểm này. Xin viết ngày/tháng/năm giờ:phút, ví dụ 05/07/2022 08:00.'],
    ['a date without a time', draft({ when: 'later', scheduledAt: '05/07/2022' }, inHiepHoa()), 'Xin ghi cả giờ gửi sau ngày, ví dụ 05/07/2022 08:00.'],
    ['no area chosen', draft({ audience: 'areas' }), 'Xin chọn ít nhất một khu vực.'],
    ['an area that does not exist', draft({}, [['areaId', '999999']]), 'Có khu vực không còn trong danh sách, xin chọn lại.'],
    ['no member type chosen', draft({ audience: 'member_types' }), 'Xin chọn ít nhất một loại hội viên.'],
  ])('refuses %s with 400, a Vietnamese message, the form as typed, and stores nothing', async (_name, fields, message) => {
    const before = await counts();
    for (const url of ['/admin/broadcasts/preview', '/admin/broadcasts']) {
      const response = await post(office, url, fields);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(message);
      expect(response.body).toContain('<form id="composer"');
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps what was typed when the form comes back, the text escaped inside the textarea', async () => {
    const response = await post(office, '/admin/broadcasts', draft({ body: '</textarea><script>alert(1)</script>', when: 'later', scheduledAt: 'hôm qua' }, inHiepHoa()));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('name="scheduledAt" value="hôm qua"');
    expect(response.body).toContain(`value="${hiepHoaId}" data-pick="audience=areas" checked>`);
  });

  it('schedules a broadcast for two areas: the row, its audience, the audit rows, and its page', async () => {
    const response = await post(office, '/admin/broadcasts', draft({ when: 'later', scheduledAt: '05/07/2022 08:00' }, [...inHiepHoa(), ['areaId', String(tanYenId)]]));
    expect(response.statusCode).toBe(303);
    const id = Number(/^\/admin\/broadcasts\/(\d+)\?done=scheduled$/.exec(String(response.headers.location))?.[1]);
    const row = await h.prisma.broadcast.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      kind: 'announcement',
      status: 'scheduled',
      title: 'Họp hội viên Hiệp Hòa',
      body: 'Kính mời Quý hội viên dự họp ngày 20/7/2022 tại trụ sở Hiệp hội.',
      audience: { kind: 'areas', areaIds: [hiepHoaId, tanYenId] },
      createdByAdminId: officeAdminId,
    });
    expect(row.scheduledAt?.toISOString()).toBe('2022-07-05T01:00:00.000Z');
    const audit = await h.prisma.auditLog.findMany({ where: { entityType: 'broadcast', entityId: String(id) }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.actorType, a.actorId, a.action])).toEqual([
      ['admin', String(officeAdminId), 'broadcast.created'],
      ['admin', String(officeAdminId), 'broadcast.scheduled'],
    ]);
    expect(audit[1]?.details).toEqual({ scheduledAt: '2022-07-05T01:00:00.000Z' });

    const page = await get(office, String(response.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã hẹn giờ gửi lúc 08:00 ngày 05/07/2022.');
    expect(page.body).toContain('<tr><th>Người nhận</th><td>Hội viên khu vực Hiệp Hòa, Tân Yên</td></tr>');
    expect(page.body).toContain('<tr><th>Trạng thái</th><td>Chờ đến giờ gửi</td></tr>');
    expect(page.body).toContain('<tr><th>Hẹn gửi lúc</th><td>08:00 ngày 05/07/2022</td></tr>');
    expect(page.body).toContain('<tr><th>Người tạo</th><td>Chị Lan</td></tr>');
    expect(page.body).toContain('Dự kiến: Sẽ gửi tới 3 người liên hệ của 4 hội viên');
    expect(page.body).toContain(`action="/admin/broadcasts/${id}/cancel"`);
    expect(page.body).toContain('<noscript><meta http-equiv="refresh" content="5"></noscript>');

    const list = await get(office, '/admin/broadcasts');
    expect(list.body).toContain(`<td><a href="/admin/broadcasts/${id}">Họp hội viên Hiệp Hòa</a><br><span class="muted">Thông báo</span></td><td>Hội viên khu vực Hiệp Hòa, Tân Yên</td><td>Chờ đến giờ gửi</td><td>08:00 ngày 05/07/2022</td>`);
    await h.prisma.broadcast.update({ where: { id }, data: { status: 'cancelled' } });
  });

  it('sends a draft as a test to the chosen contact and says to whom, apart from any broadcast', async () => {
    const response = await post(office, '/admin/broadcasts/test-send', draft({}, [...inHiepHoa(), ['contactId', String(officeContactId)], ['contactIdText', '']]));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`Đã xếp gửi thử tới Chị Lan (Telegram, Văn phòng, người liên hệ số ${officeContactId}); tin sẽ đến trong ít giây.`);
    const row = await h.prisma.delivery.findFirstOrThrow({ where: { contactId: officeContactId }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ broadcastId: null, status: 'queued', channel: 'telegram' });
    expect(row.message).toEqual({ text: '[Gửi thử] Kính mời Quý hội viên dự họp ngày 20/7/2022 tại trụ sở Hiệp hội.' });
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'broadcast.test_sent' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorType: 'admin', actorId: String(officeAdminId), entityType: 'broadcast', entityId: null, details: { contactId: officeContactId, channel: 'telegram' } });

    const unknown = await post(office, '/admin/broadcasts/test-send', draft({}, [...inHiepHoa(), ['contactId', ''], ['contactIdText', '99999']]));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Không có người liên hệ số 99999.');
    const nobody = await post(office, '/admin/broadcasts/test-send', draft({}, inHiepHoa()));
    expect(nobody.statusCode).toBe(400);
    expect(nobody.body).toContain('Xin chọn người nhận tin gửi thử, hoặc nhập mã người liên hệ.');
  });

  it('sends now, fans out, shows progress and results, then cancels what is left', async () => {
    const created = await post(office, '/admin/broadcasts', draft({ audience: 'all', title: '', body: 'Thông báo <i>khẩn</i>: nghỉ họp.' }));
    expect(created.statusCode).toBe(303);
    const id = Number(/^\/admin\/broadcasts\/(\d+)\?done=created$/.exec(String(created.headers.location))?.[1]);
    const row = await h.prisma.broadcast.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: 'Thông báo <i>khẩn</i>: nghỉ họp.', audience: { kind: 'all' } });
    expect(row.scheduledAt?.toISOString()).toBe(h.clock.now().toISOString());
    expect((await h.prisma.auditLog.findMany({ where: { entityId: String(id) } })).map((a) => a.action)).toEqual(['broadcast.created']);

    // The worker's fan-out, without the worker: a row per contact, a failed row per unreachable member.
    await createPrismaDeliveryRepository(h.db).fanoutBatch(id, 1_000, h.clock.now());
    const progress = await get(office, `/admin/broadcasts/${id}/progress.json`);
    expect(progress.json()).toEqual({ id, status: 'sending', statusText: 'Đang gửi', active: true, queued: 3, sent: 0, failed: 2, cancelled: 0, total: 5 });

    const page = await get(office, `/admin/broadcasts/${id}`);
    expect(page.body).toContain('<progress id="p-bar" max="5" value="2" style="width:100%"></progress>');
    expect(page.body).toContain('<td>Không có kênh</td><td class="num">0</td><td class="num">2</td>');
    expect(page.body).toContain('<tr><td>Chưa có kênh liên lạc nào</td><td class="num">2</td></tr>');
    expect(page.body).toContain(`Hội viên không nhận được trên kênh nào: <strong>2</strong> — <a href="/admin/broadcasts/${id}/calls">`);
    expect(page.body).toContain('<tr><th>Tiêu đề</th><td>Thông báo &lt;i&gt;khẩn&lt;/i&gt;: nghỉ họp.</td></tr>');
    expect(page.body).toContain('setTimeout(tick, 2000)');

    const calls = await get(office, `/admin/broadcasts/${id}/calls`);
    expect(calls.body).toContain('<strong>2</strong> hội viên không nhận được thông báo này');
    expect(calls.body).toContain('<td>Công ty &lt;img src=x onerror=alert(1)&gt;</td>');
    expect(calls.body).not.toContain('<img src=x');
    expect(calls.body).toContain('<a href="tel:+84987654321">0987 654 321</a>');
    const viewerCalls = await get(viewer, `/admin/broadcasts/${id}/calls`);
    expect(viewerCalls.body).toContain('Khu vực Hiệp Hòa: <strong>1</strong> hội viên');
    expect(viewerCalls.body).not.toContain('Công ty Tân Yên');
    const csv = await get(office, `/admin/broadcasts/${id}/calls.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFFTên hội viên,Mã số thuế,Khu vực,Người đại diện,Điện thoại,Lý do\r\n')).toBe(true);
    expect(csv.body).toContain('Công ty Tân Yên,,Tân Yên,,,Chưa có kênh liên lạc nào');
    expect(csv.body).toContain('\r\nCông ty <img src=x onerror=alert(1)>,,Hiệp Hòa,,0987 654 321,Chưa có kênh liên lạc nào\r\nCông ty Tân Yên,');

    const unconfirmed = await post(office, `/admin/broadcasts/${id}/cancel`, []);
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Xin đánh dấu ô xác nhận rồi bấm “Dừng gửi”.');
    expect((await h.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe('sending');

    const cancelled = await post(office, `/admin/broadcasts/${id}/cancel`, [['confirm', 'yes']]);
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(`/admin/broadcasts/${id}?done=cancelled`);
    const after = await h.prisma.broadcast.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe('cancelled');
    expect(after.cancelledAt?.toISOString()).toBe(h.clock.now().toISOString());
    const rows = await h.prisma.delivery.groupBy({ by: ['status'], where: { broadcastId: id }, _count: { _all: true } });
    expect(Object.fromEntries(rows.map((r) => [r.status, r._count._all]))).toEqual({ cancelled: 3, failed: 2 });
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'broadcast.cancelled', entityId: String(id) } });
    expect(audit).toMatchObject({ actorType: 'admin', actorId: String(officeAdminId), entityType: 'broadcast', details: { cancelled: 3 } });
    expect((await get(office, `/admin/broadcasts/${id}/progress.json`)).json()).toMatchObject({ status: 'cancelled', active: false, queued: 0, cancelled: 3 });
    const page2 = await get(office, `/admin/broadcasts/${id}?done=cancelled`);
    expect(page2.body).toContain('Đã dừng thông báo: những tin chưa gửi sẽ không được gửi.');
    expect(page2.body).not.toContain(`action="/admin/broadcasts/${id}/cancel"`);
    expect(page2.body).not.toContain('setTimeout(tick');

    const again = await post(office, `/admin/broadcasts/${id}/cancel`, [['confirm', 'yes']]);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Thông báo này không còn gì để dừng (đã dừng).');
  });

  it('test-sends a saved broadcast and names the recipient on its page', async () => {
    const created = await post(office, '/admin/broadcasts', draft({ when: 'later', scheduledAt: '8h30 ngày 6/7/2022' }, inHiepHoa()));
    const id = Number(/\/admin\/broadcasts\/(\d+)/.exec(String(created.headers.location))?.[1]);
    const response = await post(office, `/admin/broadcasts/${id}/test-send`, [['contactIdText', String(officeContactId)]]);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/broadcasts/${id}?tested=${officeContactId}`);
    const page = await get(office, String(response.headers.location));
    expect(page.body).toContain(`Đã xếp gửi thử tới Chị Lan (Telegram, Văn phòng, người liên hệ số ${officeContactId})`);
    expect(await h.prisma.delivery.count({ where: { broadcastId: id } })).toBe(0);
    expect(await h.prisma.auditLog.count({ where: { action: 'broadcast.test_sent', entityId: String(id) } })).toBe(1);
    await h.prisma.broadcast.update({ where: { id }, data: { status: 'cancelled' } });
  });

  it('queues the plan and a phase theme once each, with confirmation, and audits them', async () => {
    const unconfirmed = await post(office, '/admin/broadcasts/plan', [['year', '2022']]);
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Xin đánh dấu ô xác nhận gửi tới tất cả hội viên');
    expect(await h.prisma.broadcast.count({ where: { kind: 'plan' } })).toBe(0);

    const plan = await post(office, '/admin/broadcasts/plan', [['year', '2022'], ['confirm', 'yes']]);
    expect(plan.statusCode).toBe(303);
    const row = await h.prisma.broadcast.findFirstOrThrow({ where: { kind: 'plan' } });
    expect(plan.headers.location).toBe(`/admin/broadcasts/${row.id}?done=created`);
    expect(row).toMatchObject({ status: 'scheduled', audience: { kind: 'all' }, createdByAdminId: officeAdminId });
    expect(row.body).toContain('Toàn văn kế hoạch: https://hiephoi.example.vn/ke-hoach/2022');
    expect(await h.prisma.auditLog.count({ where: { action: 'broadcast.created', entityId: String(row.id), actorId: String(officeAdminId) } })).toBe(1);
    const twice = await post(office, '/admin/broadcasts/plan', [['year', '2022'], ['confirm', 'yes']]);
    expect(twice.headers.location).toBe(`/admin/broadcasts/${row.id}?done=exists`);
    expect((await get(office, String(twice.headers.location))).body).toContain('Thông báo này đã được xếp gửi trước đó nên không tạo thêm.');

    const phase = await post(office, '/admin/broadcasts/phase', [['phase', '2022-2'], ['confirm', 'yes']]);
    expect(phase.statusCode).toBe(303);
    const theme = await h.prisma.broadcast.findFirstOrThrow({ where: { kind: 'phase_theme' } });
    expect(theme.title).toBe('Đợt thứ hai năm 2022');
    expect((await post(office, '/admin/broadcasts/phase', [['phase', '2022-9'], ['confirm', 'yes']])).statusCode).toBe(400);
    await h.prisma.broadcast.updateMany({ where: { kind: { in: ['plan', 'phase_theme'] } }, data: { status: 'cancelled' } });
  });

  it('lets an area viewer look but not compose, count or change anything (403), and shows no forms', async () => {
    const before = await counts();
    const some = await h.prisma.broadcast.findFirstOrThrow({ where: { kind: 'announcement' } });
    await h.prisma.broadcast.update({ where: { id: some.id }, data: { status: 'scheduled' } });
    expect((await get(viewer, '/admin/broadcasts/new')).statusCode).toBe(403);
    for (const [url, fields] of [
      ['/admin/broadcasts/preview', draft({}, inHiepHoa())],
      ['/admin/broadcasts', draft({}, inHiepHoa())],
      ['/admin/broadcasts/test-send', draft({}, [...inHiepHoa(), ['contactId', String(officeContactId)]])],
      ['/admin/broadcasts/plan', [['year', '2022'], ['confirm', 'yes']]],
      ['/admin/broadcasts/phase', [['phase', '2022-1'], ['confirm', 'yes']]],
      [`/admin/broadcasts/${some.id}/cancel`, [['confirm', 'yes']]],
      [`/admin/broadcasts/${some.id}/test-send`, [['contactId', String(officeContactId)]]],
    ] satisfies Array<[string, Fields]>) {
      const response = await post(viewer, url, fields);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Tài khoản xem theo khu vực chỉ được xem');
    }
    expect(await counts()).toEqual(before);
    expect((await h.prisma.broadcast.findUniqueOrThrow({ where: { id: some.id } })).status).toBe('scheduled');
    const list = await get(viewer, '/admin/broadcasts');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Soạn thông báo mới');
    const detail = await get(viewer, `/admin/broadcasts/${some.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain('/cancel"');
    expect(detail.body).not.toContain('/test-send"');
    await h.prisma.broadcast.update({ where: { id: some.id }, data: { status: 'cancelled' } });
  });

  it('refuses a POST without the session CSRF token (403) and stores nothing', async () => {
    const before = await counts();
    const response = await post(office, '/admin/broadcasts', draft({}, inHiepHoa()), 'x'.repeat(32));
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('mã bảo vệ biểu mẫu sai');
    const repeated = await t.postForm(office, '/admin/broadcasts', [['_csrf', 'x'.repeat(32)], ['_csrf', office.csrf], ...draft({}, inHiepHoa())]);
    expect(repeated.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for a broadcast that does not exist', async () => {
    expect((await get(office, '/admin/broadcasts/999999')).statusCode).toBe(404);
    expect((await get(office, '/admin/broadcasts/abc')).statusCode).toBe(404);
    expect((await get(office, '/admin/broadcasts/999999/progress.json')).statusCode).toBe(404);
  });
});

describe('a broadcast composed on the page, sent through BullMQ to Telegram', () => {
  let d: DeliveryHarness;
  let t: AdminTestApp;

  beforeAll(async () => {
    d = await createDeliveryHarness('pglite', { ratePerSecond: 30, concurrency: 5 });
    await addAdmin(d.h, 'vanphong', 'dung-mat-khau-2022', { displayName: 'Chị Lan' });
    t = await createAdminTestApp(d.h, { pages: broadcastPagesOnly });
  });
  afterAll(async () => {
    await t.close();
    await d.dispose();
  });

  it('reaches every contact of the area, and its progress JSON ends with all sent', async () => {
    await d.addRecipients(6, 20_000);
    const langGiang = await d.h.prisma.area.findUniqueOrThrow({ where: { code: 'lang-giang' } });
    const office = await t.login('vanphong', 'dung-mat-khau-2022');
    const body = 'Hiệp hội thông báo: hạn nộp báo cáo 6 tháng là trước ngày 10/7/2022.';
    const created = await t.postForm(office, '/admin/broadcasts', [
      ['_csrf', office.csrf],
      ['title', 'Nhắc hạn báo cáo'],
      ['body', body],
      ['audience', 'areas'],
      ['areaId', String(langGiang.id)],
      ['when', 'now'],
    ]);
    expect(created.statusCode).toBe(303);
    const id = Number(/\/admin\/broadcasts\/(\d+)/.exec(String(created.headers.location))?.[1]);
    const progress = async () => (await t.get(office, `/admin/broadcasts/${id}/progress.json`)).json<Record<string, unknown>>();
    await d.until(async () => (await progress())['status'] === 'sent', 30_000);
    expect(await progress()).toEqual({ id, status: 'sent', statusText: 'Đã gửi xong', active: false, queued: 0, sent: 6, failed: 0, cancelled: 0, total: 6 });
    for (let i = 0; i < 6; i += 1) expect(d.fake.sent(20_000 + i).map((m) => m['text'])).toEqual([body]);
    const page = await t.get(office, `/admin/broadcasts/${id}`);
    expect(page.body).toContain('<td>Telegram</td><td class="num">6</td><td class="num">0</td><td class="num">0</td><td class="num">0</td>');
    expect(page.body).toContain('Hội viên không nhận được trên kênh nào: <strong>0</strong>');
  });
});
