import { foldText } from '../../../../src/core/text/fold-text';
import type { Prisma } from '../../../../src/db/generated/client';
import { createPrismaDeliveryRepository } from '../../../../src/db/prisma-delivery-repository';
import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp, parseCsv } from '../../../support/admin-test-app';
import { createHarness, type Harness } from '../../../support/conversation-harness';
import { periodByCode } from '../../../support/flow-helpers';

jest.setTimeout(120_000);

const DAY = 86_400_000;

describe('the call list at /admin/calls', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let langGiangId: number;
  let recentId: number;
  let oldId: number;
  let cancelledId: number;
  const m: Record<string, number> = {};

  beforeAll(async () => {
    h = await createHarness('pglite');
    t = await createAdminTestApp(h);
    await addAdmin(h, 'vanphong', 'mat-khau-van-phong');
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { areaCode: 'hiep-hoa' });
    const hiepHoa = await h.prisma.area.findUniqueOrThrow({ where: { code: 'hiep-hoa' } });
    const langGiang = await h.prisma.area.findUniqueOrThrow({ where: { code: 'lang-giang' } });
    langGiangId = langGiang.id;
    const period = await periodByCode(h, '6-thang');
    const now = h.clock.now();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);

    const member = async (key: string, name: string, data: { areaId?: number; phone?: string; contactPerson?: string; status?: 'active' | 'pending' } = {}) => {
      const row = await h.prisma.member.create({
        data: { name, nameFolded: foldText(name), areaId: data.areaId ?? hiepHoa.id, status: data.status ?? 'active', inviteCode: `CALL${key}`, phone: data.phone, contactPerson: data.contactPerson },
      });
      m[key] = row.id;
      return row.id;
    };
    const contact = async (memberId: number, channel: 'telegram' | 'zalo_oa', user: string, data: { status?: 'active' | 'blocked'; phone?: string } = {}) =>
      (await h.prisma.contact.create({ data: { channel, platformUserId: user, memberId, displayName: `Người ${user}`, status: data.status ?? 'active', phone: data.phone } })).id;
    const broadcast = async (title: string, data: Partial<Prisma.BroadcastCreateInput> = {}) =>
      (await h.prisma.broadcast.create({ data: { title, body: title, audience: { kind: 'all' }, status: 'sent', ...data } })).id;
    let seq = 0;
    const delivery = (data: Omit<Prisma.DeliveryCreateManyInput, 'dedupeKey'>) => h.prisma.delivery.create({ data: { dedupeKey: `call-test-${(seq += 1)}`, ...data } });

    recentId = await broadcast('Họp hội viên tháng 7');
    oldId = await broadcast('Thông báo cũ');
    cancelledId = await broadcast('Thông báo đã dừng', { status: 'cancelled' });

    // Blocked on Telegram and outside Zalo's window: reached nowhere.
    const both = await member('both', 'Công ty Hai Kênh', { phone: '+84912345678', contactPerson: 'Ông <b>Tâm</b>' });
    const bothTg = await contact(both, 'telegram', 'c-1', { phone: '+84987654321' });
    const bothZalo = await contact(both, 'zalo_oa', 'c-2');
    await delivery({ broadcastId: recentId, contactId: bothTg, memberId: both, channel: 'telegram', status: 'failed', failure: 'blocked', failureDetail: 'Forbidden: bot was blocked by the user', failedAt: now });
    await delivery({ broadcastId: recentId, contactId: bothZalo, memberId: both, channel: 'zalo_oa', status: 'failed', failure: 'outside_window', failedAt: now });

    // Failed on Telegram but sent on Zalo: reached.
    const one = await member('one', 'Công ty Một Kênh');
    await delivery({ broadcastId: recentId, contactId: await contact(one, 'telegram', 'c-3'), memberId: one, channel: 'telegram', status: 'failed', failure: 'error', failedAt: now });
    await delivery({ broadcastId: recentId, contactId: await contact(one, 'zalo_oa', 'c-4'), memberId: one, channel: 'zalo_oa', status: 'sent', sentAt: now });

    // No contact at all, in another area: the fan-out recorded a failed row without a channel.
    const none = await member('none', 'Công ty Chưa Kết Nối', { areaId: langGiang.id, phone: '+84357000111' });
    await delivery({ broadcastId: recentId, memberId: none, status: 'failed', failure: 'unreachable', failureDetail: 'Hội viên chưa có kênh liên lạc nào', failedAt: now });

    // Every contact blocked, no delivery lately.
    await contact(await member('blocked', 'Công ty Đã Chặn'), 'telegram', 'c-5', { status: 'blocked' });

    // A reminder that failed, and one that failed for a member who has filed since.
    const reminded = await member('reminded', 'Công ty Nhắc Hạn');
    const remindedTg = await contact(reminded, 'telegram', 'c-6');
    const log = await h.prisma.reminderLog.create({ data: { memberId: reminded, periodId: period.id, offsetKey: 'D-7', dueAt: ago(1), sentAt: ago(1) } });
    await delivery({ reminderId: log.id, contactId: remindedTg, memberId: reminded, channel: 'telegram', status: 'failed', failure: 'unreachable', failedAt: ago(1) });
    const filed = await member('filed', 'Công ty Đã Nộp');
    const filedTg = await contact(filed, 'telegram', 'c-7');
    const filedLog = await h.prisma.reminderLog.create({ data: { memberId: filed, periodId: period.id, offsetKey: 'D-7', dueAt: ago(1), sentAt: ago(1) } });
    await delivery({ reminderId: filedLog.id, contactId: filedTg, memberId: filed, channel: 'telegram', status: 'failed', failure: 'blocked', failedAt: ago(1) });
    await h.prisma.submission.create({
      data: {
        memberId: filed,
        periodId: period.id,
        currentRevision: 1,
        firstSubmittedAt: now,
        lastSubmittedAt: now,
        onTime: true,
        revisions: { create: { revision: 1, values: {}, submittedAt: now, onTime: true, referenceCode: 'BC-CALL-1' } },
      },
    });

    // Failed 60 days ago: only in the 90-day window.
    const old = await member('old', 'Công ty Tin Cũ');
    await delivery({ broadcastId: oldId, contactId: await contact(old, 'telegram', 'c-8'), memberId: old, channel: 'telegram', status: 'failed', failure: 'error', failedAt: ago(60) });

    // A broadcast stopped half-way: one row failed, the other was cancelled. No call needed.
    const stopped = await member('stopped', 'Công ty Dừng Gửi');
    await delivery({ broadcastId: cancelledId, contactId: await contact(stopped, 'telegram', 'c-9'), memberId: stopped, channel: 'telegram', status: 'failed', failure: 'error', failedAt: now });
    await delivery({ broadcastId: cancelledId, contactId: await contact(stopped, 'zalo_oa', 'c-10'), memberId: stopped, channel: 'zalo_oa', status: 'cancelled' });

    // Waiting for approval, no contact: owes nothing yet.
    await member('pending', 'Hộ Chờ Duyệt', { status: 'pending' });

    office = await t.login('vanphong', 'mat-khau-van-phong');
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  const listed = (body: string) => [...body.matchAll(/<tr><td><a href="\/admin\/members\/(\d+)">/g)].map((x) => Number(x[1]));
  const rowOf = (body: string, memberId: number) => {
    const start = body.indexOf(`<tr><td><a href="/admin/members/${memberId}">`);
    if (start < 0) throw new Error(`member ${memberId} not listed`);
    return body.slice(start, body.indexOf('</tr>', start));
  };

  it('lists the members no recent message reached and those no channel reaches, by area then name', async () => {
    const response = await t.get(office, '/admin/calls');
    expect(response.statusCode).toBe(200);
    // Hiệp Hòa (ordinal 2) before Lạng Giang; names in Vietnamese order ("Đ" after "D").
    expect(listed(response.body)).toEqual([m['blocked'], m['both'], m['reminded'], m['none']]);
    expect(response.body).toContain('<strong>4</strong> hội viên cần gọi.');
    expect(response.body).toContain('trong 30 ngày qua');
  });

  it('says why in Vietnamese, with the numbers to call', async () => {
    const body = (await t.get(office, '/admin/calls')).body;
    const both = rowOf(body, m['both'] ?? 0);
    expect(both).toContain('<a href="tel:+84912345678">0912 345 678</a><br><a href="tel:+84987654321">0987 654 321</a>');
    expect(both).toContain(`Thông báo số ${recentId}: Họp hội viên tháng 7`);
    expect(both).toContain('<span title="Forbidden: bot was blocked by the user">Telegram: đã chặn hoặc bỏ theo dõi</span>');
    expect(both).toContain('Zalo OA: quá 7 ngày không nhắn với Zalo OA nên Zalo không cho gửi');
    expect(both).toContain('Ông &lt;b&gt;Tâm&lt;/b&gt;');
    const none = rowOf(body, m['none'] ?? 0);
    expect(none).toContain('<strong>Chưa có người liên hệ nào trên Telegram, Zalo hay web</strong>');
    expect(none).toContain('Chưa có kênh liên lạc nào');
    expect(none).toContain('0357 000 111');
    expect(rowOf(body, m['blocked'] ?? 0)).toContain('Mọi người liên hệ đã chặn hoặc bỏ theo dõi');
    expect(rowOf(body, m['blocked'] ?? 0)).toContain('Chưa có số');
    const reminded = rowOf(body, m['reminded'] ?? 0);
    expect(reminded).toContain('Nhắc hạn Báo cáo 6 tháng đầu năm 2022 (trước hạn 7 ngày)');
    expect(reminded).toContain('Telegram: không gửi tới được');
  });

  it('filters by area and by how far back', async () => {
    expect(listed((await t.get(office, `/admin/calls?area=${langGiangId}`)).body)).toEqual([m['none']]);
    expect(listed((await t.get(office, '/admin/calls?area=none')).body)).toEqual([]);
    const ninety = await t.get(office, '/admin/calls?days=90');
    expect(listed(ninety.body)).toEqual([m['blocked'], m['both'], m['reminded'], m['old'], m['none']]);
    expect(ninety.body).toContain('<option value="90" selected>90 ngày qua</option>');
    expect(ninety.body).toContain('href="/admin/calls.csv?days=90"');
    // A filter that does not parse is ignored.
    expect(listed((await t.get(office, '/admin/calls?days=1000&area=abc')).body)).toHaveLength(4);
  });

  it("limits an area viewer to their area's members", async () => {
    const response = await t.get(viewer, `/admin/calls?area=${langGiangId}`);
    expect(response.statusCode).toBe(200);
    expect(listed(response.body)).toEqual([m['blocked'], m['both'], m['reminded']]);
    expect(response.body).toContain('Khu vực: Hiệp Hòa');
    const csv = parseCsv((await t.get(viewer, `/admin/calls.csv?area=${langGiangId}`)).rawPayload.subarray(3).toString('utf8'));
    expect(csv.slice(1).map((r) => r[0])).toEqual(['Công ty Đã Chặn', 'Công ty Hai Kênh', 'Công ty Nhắc Hạn']);
  });

  it('downloads the list as CSV for Excel, and records who did', async () => {
    const response = await t.get(office, '/admin/calls.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('filename="danh-sach-goi-dien-2022-07-01.csv"');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(response.rawPayload.subarray(3).toString('utf8'));
    expect(records[0]).toEqual(['Tên hội viên', 'Mã số thuế', 'Khu vực', 'Người liên hệ', 'Điện thoại', 'Lý do', 'Tin chưa tới', 'Lần gần nhất']);
    expect(records.slice(1).map((r) => r[0])).toEqual(['Công ty Đã Chặn', 'Công ty Hai Kênh', 'Công ty Nhắc Hạn', 'Công ty Chưa Kết Nối']);
    expect(records[2]).toEqual([
      'Công ty Hai Kênh',
      '',
      'Hiệp Hòa',
      'Ông <b>Tâm</b>',
      '0912 345 678; 0987 654 321',
      'Telegram: đã chặn hoặc bỏ theo dõi; Zalo OA: quá 7 ngày không nhắn với Zalo OA nên Zalo không cho gửi',
      `Thông báo số ${recentId}: Họp hội viên tháng 7`,
      '09:00 ngày 01/07/2022',
    ]);
    // The fan-out's channel-less row does not repeat the headline.
    expect(records[4]?.[5]).toBe('Chưa có người liên hệ nào trên Telegram, Zalo hay web');
    expect(records[4]?.[6]).toBe(`Thông báo số ${recentId}: Họp hội viên tháng 7`);
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'call_list.exported' }, orderBy: { id: 'desc' } });
    expect(audit.details).toMatchObject({ format: 'csv', days: 30, members: 4 });
  });

  it("keeps the CLI's per-broadcast call list: reached nowhere, not cancelled", async () => {
    const deliveries = createPrismaDeliveryRepository(h.db);
    const recent = await deliveries.callList(recentId);
    expect(recent.map((r) => r.memberId)).toEqual([m['both'], m['none']]);
    expect(recent[0]).toMatchObject({ name: 'Công ty Hai Kênh', area: 'Hiệp Hòa', phone: '+84912345678' });
    expect(recent[0]?.reasons).toEqual([
      'Telegram: đã chặn hoặc bỏ theo dõi (Forbidden: bot was blocked by the user)',
      'Zalo OA: quá 7 ngày không nhắn với Zalo OA nên Zalo không cho gửi',
    ]);
    expect(recent[1]?.reasons).toEqual(['Chưa có kênh liên lạc nào (Hội viên chưa có kênh liên lạc nào)']);
    expect(await deliveries.callList(cancelledId)).toEqual([]);
  });
});
