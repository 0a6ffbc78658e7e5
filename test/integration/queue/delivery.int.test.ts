import { createPrismaDeliveryRepository } from '../../../src/db/prisma-delivery-repository';
import { createDeliveryHarness, type DeliveryHarness, maxInWindow } from '../../support/delivery-harness';

jest.setTimeout(120_000);

describe('broadcast delivery through BullMQ to Telegram', () => {
  let d: DeliveryHarness;
  beforeAll(async () => {
    d = await createDeliveryHarness('pglite', { ratePerSecond: 30, concurrency: 10 });
  });
  afterAll(async () => d.dispose());

  const sentTo = (chatId: number) => d.fake.sent(chatId).length;
  const countByStatus = (broadcastId: number, status: 'queued' | 'sent' | 'failed' | 'cancelled') =>
    d.h.prisma.delivery.count({ where: { broadcastId, status } });

  it('sends one message to every contact of the audience, spread out at 30 a second', async () => {
    d.fake.clearCalls();
    const members = await d.addRecipients(75, 10_000);
    const id = await d.broadcast('Thông báo: họp Ban Chấp hành ngày 15/7/2022.', { kind: 'members', memberIds: members });
    await d.until(async () => (await countByStatus(id, 'sent')) === 75);
    const calls = d.fake.callsTo('sendMessage');
    expect(calls).toHaveLength(75);
    for (let i = 0; i < 75; i += 1) expect(sentTo(10_000 + i)).toBe(1);
    // 75 sends at 30/s take at least two seconds (the ceiling per second is checked on PostgreSQL, below).
    expect(calls.at(-1)!.at - calls[0]!.at).toBeGreaterThanOrEqual(2_000);
    const rows = await d.h.prisma.delivery.findMany({ where: { broadcastId: id } });
    expect(rows.every((r) => r.status === 'sent' && r.platformMessageId && r.attempts === 1)).toBe(true);
    // Marked together in one statement: each row still gets the service clock's time, to the ms.
    expect(new Set(rows.map((r) => r.sentAt?.toISOString()))).toEqual(new Set([d.h.clock.now().toISOString()]));
    await d.until(async () => (await d.h.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status === 'sent');
  });

  it('makes no second message when the same broadcast is fanned out again', async () => {
    d.fake.clearCalls();
    const members = await d.addRecipients(5, 11_000);
    const id = await d.broadcast('Tin nhắn thử nghiệm lặp lại.', { kind: 'members', memberIds: members });
    await d.until(async () => (await countByStatus(id, 'sent')) === 5);
    // Whatever re-enqueues it (a second instance, a manual retry), the rows and job ids are the same.
    await d.h.prisma.broadcast.update({ where: { id }, data: { status: 'scheduled', fanoutCursor: null, fanoutDoneAt: null } });
    await d.delivery.sweep();
    await d.until(async () => (await d.h.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status === 'sent');
    expect(d.fake.callsTo('sendMessage')).toHaveLength(5);
    expect(await d.h.prisma.delivery.count({ where: { broadcastId: id } })).toBe(5);
  });

  it("honours a 429's retry_after and still delivers everything", async () => {
    d.fake.clearCalls();
    const members = await d.addRecipients(6, 12_000);
    d.fake.failNext('sendMessage', { kind: 'rate-limited', retryAfter: 1 });
    const id = await d.broadcast('Tin sau khi bị giới hạn tốc độ.', { kind: 'members', memberIds: members });
    await d.until(async () => (await countByStatus(id, 'sent')) === 6);
    const calls = d.fake.callsTo('sendMessage');
    expect(calls).toHaveLength(7);
    const [refused, next] = [calls[0]?.at ?? 0, calls[1]?.at ?? 0];
    expect(next - refused).toBeGreaterThanOrEqual(950);
  });

  it('records a blocked recipient with its reason, marks the contact and skips it next time', async () => {
    d.fake.clearCalls();
    const [member] = await d.addRecipients(1, 13_000);
    d.fake.failNext('sendMessage', { kind: 'blocked' });
    const first = await d.broadcast('Tin gửi người đã chặn bot.', { kind: 'members', memberIds: [member ?? 0] });
    await d.until(async () => (await countByStatus(first, 'failed')) === 1);
    const row = await d.h.prisma.delivery.findFirstOrThrow({ where: { broadcastId: first } });
    expect(row).toMatchObject({ status: 'failed', failure: 'blocked' });
    expect(await d.h.prisma.contact.findFirstOrThrow({ where: { platformUserId: '13000' } })).toMatchObject({ status: 'blocked' });
    const callsBefore = d.fake.callsTo('sendMessage').length;
    const second = await d.broadcast('Tin thứ hai.', { kind: 'members', memberIds: [member ?? 0] });
    await d.until(async () => (await d.h.prisma.delivery.count({ where: { broadcastId: second } })) === 1);
    expect(await d.h.prisma.delivery.findFirstOrThrow({ where: { broadcastId: second } })).toMatchObject({
      status: 'failed',
      failure: 'unreachable',
      contactId: null,
    });
    expect(d.fake.callsTo('sendMessage')).toHaveLength(callsBefore);
    const calls = await d.delivery.queues.outbound.telegram.getJobCounts();
    expect(calls.failed ?? 0).toBe(0);
  });

  it('retries a 5xx with backoff and records "unreachable" for a chat that does not exist', async () => {
    d.fake.clearCalls();
    const members = await d.addRecipients(2, 14_000);
    d.fake.failNext('sendMessage', { kind: 'server-error', status: 502 });
    const id = await d.broadcast('Tin thử lỗi tạm thời.', { kind: 'members', memberIds: [members[0] ?? 0] });
    await d.until(async () => (await countByStatus(id, 'sent')) === 1, 30_000);
    expect(d.fake.sent(14_000)).toHaveLength(2);
    d.fake.failNext('sendMessage', { kind: 'chat-not-found' });
    const other = await d.broadcast('Tin tới chat không tồn tại.', { kind: 'members', memberIds: [members[1] ?? 0] });
    await d.until(async () => (await countByStatus(other, 'failed')) === 1);
    expect(await d.h.prisma.delivery.findFirstOrThrow({ where: { broadcastId: other } })).toMatchObject({ failure: 'unreachable' });
  });

  it('sends a scheduled broadcast only when its time comes on the service clock', async () => {
    d.fake.clearCalls();
    const members = await d.addRecipients(2, 15_000);
    const at = new Date(d.h.clock.now().getTime() + 60 * 60_000);
    const id = await d.broadcast('Tin hẹn giờ.', { kind: 'members', memberIds: members }, at);
    await d.delivery.sweep();
    await new Promise((r) => setTimeout(r, 500));
    expect(d.fake.callsTo('sendMessage')).toHaveLength(0);
    d.h.clock.advance(60 * 60_000);
    await d.until(async () => (await countByStatus(id, 'sent')) === 2);
  });

  it('cancels a running broadcast: what was not yet sent is not sent', async () => {
    await d.delivery.stop();
    d.restart({ ratePerSecond: 5 });
    d.fake.clearCalls();
    const members = await d.addRecipients(40, 16_000);
    const id = await d.broadcast('Tin sẽ bị hủy giữa chừng.', { kind: 'members', memberIds: members });
    await d.until(async () => (await countByStatus(id, 'sent')) >= 3);
    const cancelled = await createPrismaDeliveryRepository(d.h.db).cancelBroadcast(id, d.h.clock.now());
    const sentAtCancel = d.fake.callsTo('sendMessage').length;
    await new Promise((r) => setTimeout(r, 1_500));
    const sentAfter = d.fake.callsTo('sendMessage').length;
    // At most what was in flight when it was cancelled.
    expect(sentAfter - sentAtCancel).toBeLessThanOrEqual(2);
    expect(sentAfter).toBeLessThan(40);
    expect(cancelled?.cancelled).toBeGreaterThan(0);
    expect(await countByStatus(id, 'queued')).toBe(0);
    expect((await countByStatus(id, 'cancelled')) + (await countByStatus(id, 'sent'))).toBe(40);
    await d.delivery.stop();
    d.restart({ ratePerSecond: 30 });
  });

  it('delivers an approval notice queued outside a broadcast, then asks the interrupted question again', async () => {
    d.fake.clearCalls();
    const [memberId] = await d.addRecipients(1, 17_000);
    const contact = await d.h.prisma.contact.findFirstOrThrow({ where: { platformUserId: '17000' } });
    // The member is in the middle of a report when the notice arrives.
    await d.h.engine.handle({ channel: 'telegram', platformUserId: '17000', text: '/baocao', updateId: 'n-1' });
    await d.h.prisma.delivery.create({
      data: { dedupeKey: `notice:test:${contact.id}`, contactId: contact.id, memberId, channel: 'telegram', message: { text: 'Văn phòng nghỉ Lễ 2/9.' } },
    });
    await d.until(async () => d.fake.sent(17_000).length >= 2);
    const texts = d.fake.sent(17_000).map((p) => String(p.text));
    expect(texts[0]).toBe('Văn phòng nghỉ Lễ 2/9.');
    expect(texts[1]).toContain('Mục 1/7: Doanh thu');
  });

  it('puts members reached on no channel on the call list, with why', async () => {
    const [reachable, noContact] = await d.addRecipients(2, 18_000);
    await d.h.prisma.contact.deleteMany({ where: { memberId: noContact } });
    const id = await d.broadcast('Tin kiểm tra danh sách gọi điện.', { kind: 'members', memberIds: [reachable ?? 0, noContact ?? 0] });
    await d.until(async () => (await countByStatus(id, 'sent')) === 1 && (await countByStatus(id, 'failed')) === 1);
    const calls = await createPrismaDeliveryRepository(d.h.db).callList(id);
    expect(calls.map((c) => c.memberId)).toEqual([noContact]);
    expect(calls[0]?.reasons[0]).toContain('Hội viên chưa có kênh liên lạc nào');
  });
});

/**
 * The ceiling of 30 in any sliding second, as the fake Bot API sees the sends arrive. On
 * PostgreSQL: PGlite runs its queries in this test's own thread, where the fake times the
 * arrivals, and on PGlite this check saw 31 once in three full CI runs (never alone, even under
 * two CPU hogs). Our reading: a long query there, under a loaded CI, delayed the fake's timing of
 * sends that had left on time, which then looked bunched; the pacer's own log admits at most 30
 * in 1,010 ms (test/integration/queue/send-pacer.int.test.ts).
 */
describe('broadcast delivery through BullMQ to Telegram, on PostgreSQL', () => {
  let d: DeliveryHarness;
  beforeAll(async () => {
    d = await createDeliveryHarness('postgres', { ratePerSecond: 30, concurrency: 10 });
  });
  afterAll(async () => d.dispose());

  it('never sends more than 30 in any sliding second', async () => {
    d.fake.clearCalls();
    const members = await d.addRecipients(75, 20_000);
    const id = await d.broadcast('Thông báo: họp Ban Chấp hành ngày 15/7/2022.', { kind: 'members', memberIds: members });
    await d.until(async () => (await d.h.prisma.delivery.count({ where: { broadcastId: id, status: 'sent' } })) === 75);
    const calls = d.fake.callsTo('sendMessage');
    expect(calls).toHaveLength(75);
    expect(maxInWindow(calls.map((c) => c.at))).toBeLessThanOrEqual(30);
  });
});
