import { createHarness, type Harness } from '../../support/conversation-harness';
import { contactOf, fillReport, linkedMember, stateOf } from '../../support/flow-helpers';
import { type Backend, backends } from '../../support/test-database';

jest.setTimeout(120_000);

describe.each(backends)('office commands on %s', (backend: Backend) => {
  let h: Harness;
  const office = 'office-1';

  beforeAll(async () => {
    h = await createHarness(backend);
    await h.prisma.roleInvite.create({ data: { code: 'VANPHONG1', role: 'office' } });
    expect(h.text(await h.say(office, '/start VANPHONG1'))).toContain('cán bộ Văn phòng Hiệp hội');
    // Three members in Hiệp Hòa (the harness's area): one files on time, one late, one not at all.
    await linkedMember(h, 'a', { name: 'Công ty A Đúng Hạn' });
    await fillReport(h, 'a');
    await h.say('a', 'Gửi báo cáo');
    await linkedMember(h, 'b', { name: 'Công ty B Chưa Nộp' });
    await linkedMember(h, 'c', { name: 'Công ty C Trễ Hạn' });
  });
  afterAll(async () => h.dispose());

  it('gives office staff their own menu and no member menu', async () => {
    const replies = await h.say(office, 'xin chào');
    expect(replies[0]?.choices?.map((c) => c.label)).toEqual(['Xem tiến độ báo cáo', 'Soạn thông báo', 'Xem kế hoạch']);
    expect(h.text(await h.say(office, '/baocao'))).toContain('Tài khoản của Văn phòng Hiệp hội không nộp báo cáo hội viên.');
  });

  it('shows who has and has not filed the open period, by area', async () => {
    const text = h.text(await h.say(office, '/tiendo'));
    expect(text).toContain('Tiến độ Báo cáo 6 tháng đầu năm 2022 (trước ngày 10/7/2022; còn 9 ngày)');
    expect(text).toContain('Toàn Hiệp hội: 1/3 đã nộp (1 đúng hạn, 0 trễ hạn); 2 chưa nộp.');
    expect(text).toContain('Hiệp Hòa: 1/3 đã nộp. Chưa nộp: Công ty B Chưa Nộp; Công ty C Trễ Hạn.');
    expect(text).not.toContain('Công ty A Đúng Hạn');
  });

  it('counts a late report as late once the deadline has passed', async () => {
    h.clock.set(new Date('2022-07-12T09:00:00+07:00'));
    try {
      await fillReport(h, 'c');
      await h.say('c', 'Gửi báo cáo');
      const text = h.text(await h.say(office, 'tiến độ'));
      expect(text).toContain('đã quá hạn 2 ngày');
      expect(text).toContain('Toàn Hiệp hội: 2/3 đã nộp (1 đúng hạn, 1 trễ hạn); 1 chưa nộp.');
    } finally {
      h.clock.set(new Date('2022-07-01T09:00:00+07:00'));
    }
  });

  it('refuses /tiendo and /thongbao to a member', async () => {
    expect(h.text(await h.say('a', '/tiendo'))).toContain('dành cho Văn phòng Hiệp hội và trưởng đơn vị khu vực');
    expect(h.text(await h.say('a', '/thongbao'))).toContain('dành cho cán bộ Văn phòng Hiệp hội');
    expect(await stateOf(h, 'a')).toBeNull();
  });

  it('composes an announcement to members who have not filed, previews the count and queues it', async () => {
    expect(h.text(await h.say(office, '/thongbao'))).toContain('Soạn thông báo gửi hội viên');
    expect(h.text(await h.say(office, 'ok'))).toContain('Nội dung cần từ 5 đến 2000 ký tự (hiện có 2)');
    // "Huy" is a word in the text, not the cancel command, at a free-text question.
    const audience = await h.say(office, 'huy');
    expect(h.text(audience)).toContain('Nội dung cần từ 5 đến 2000 ký tự');
    const body = 'Kính đề nghị Quý doanh nghiệp gửi báo cáo 6 tháng trước ngày 10/7/2022.';
    expect((await h.say(office, body))[0]?.choices?.map((c) => c.label)).toEqual([
      'Tất cả hội viên',
      'Theo khu vực',
      'Hội viên chưa nộp báo cáo',
    ]);
    const preview = h.text(await h.say(office, '3'));
    expect(preview).toContain('sẽ gửi tới 1 người liên hệ của 1 hội viên');
    expect(preview).toContain(body);
    expect(h.text(await h.say(office, 'Gửi'))).toMatch(/Đã xếp thông báo số \d+ vào hàng gửi tới 1 người liên hệ/);
    const broadcast = await h.prisma.broadcast.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(broadcast).toMatchObject({ kind: 'announcement', status: 'scheduled', body });
    const period = await h.prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } });
    expect(broadcast.audience).toEqual({ kind: 'not_submitted', periodId: period.id });
    const contact = await contactOf(h, office);
    expect(await h.prisma.auditLog.count({ where: { action: 'broadcast.composed', actorId: String(contact.id) } })).toBe(1);
  });

  it('sends nothing when the announcement is cancelled at the preview', async () => {
    const before = await h.prisma.broadcast.count();
    await h.say(office, '/thongbao');
    await h.say(office, 'Thông báo họp Ban Chấp hành ngày 15/7.');
    await h.say(office, 'Theo khu vực');
    expect(h.text(await h.say(office, 'hiep hoa'))).toContain('sẽ gửi tới 3 người liên hệ của 3 hội viên');
    expect(h.text(await h.say(office, 'Hủy'))).toContain('Đã hủy, thông báo không được gửi.');
    expect(await h.prisma.broadcast.count()).toBe(before);
  });
});
