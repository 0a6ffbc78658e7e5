import { createDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness';

jest.setTimeout(60_000);

describe('the sweeper', () => {
  let d: DeliveryHarness;
  beforeAll(async () => {
    d = await createDeliveryHarness('pglite', { ratePerSecond: 10, concurrency: 2 });
  });
  afterAll(async () => d.dispose());

  it('puts back at once the queued rows whose jobs Redis lost, sending each once', async () => {
    const members = await d.addRecipients(30, 30_000);
    const id = await d.broadcast('Tin gửi lại sau khi Redis mất hàng đợi.', { kind: 'members', memberIds: members });
    await d.fake.waitForCalls('sendMessage', 5, 20_000);
    // As after a Redis that came back empty: every job gone, the rows still queued.
    await d.delivery.queues.outbound.telegram.obliterate({ force: true });
    expect(await d.h.prisma.delivery.count({ where: { broadcastId: id, status: 'queued' } })).toBeGreaterThan(0);
    // The harness clock stands still; the sweeper looks for rows enqueued before its `now`.
    d.h.clock.advance(1_000);

    // Well before the ten minutes after which any queued row counts as lost.
    await d.until(async () => (await d.h.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status === 'sent', 20_000);
    const chats = d.fake.callsTo('sendMessage').map((c) => String(c.params.chat_id));
    const distinct = new Set(chats);
    expect(distinct.size).toBe(30);
    // A job running when its queue was emptied may be sent again: at most the concurrency.
    expect(chats.length - distinct.size).toBeLessThanOrEqual(2);
  });

  it('starts again a fan-out whose job was lost halfway (worker and Redis failing together)', async () => {
    d.fake.clearCalls();
    const members = (await d.addRecipients(12, 31_000)).sort((a, b) => a - b);
    // As left behind: sending, the first five members fanned out and sent, the cursor after them,
    // no fan-out job anywhere.
    const b = await d.h.prisma.broadcast.create({
      data: { title: 'Dở dang', body: 'Thông báo phát dở dang.', audience: { kind: 'members', memberIds: members }, status: 'sending', startedAt: d.h.clock.now(), fanoutCursor: members[4] },
    });
    const firstFive = await d.h.prisma.contact.findMany({ where: { memberId: { in: members.slice(0, 5) } } });
    await d.h.prisma.delivery.createMany({
      data: firstFive.map((c) => ({ dedupeKey: `b:${b.id}:c:${c.id}`, broadcastId: b.id, contactId: c.id, memberId: c.memberId, channel: c.channel, status: 'sent' as const, sentAt: d.h.clock.now() })),
    });

    await d.until(async () => (await d.h.prisma.broadcast.findUniqueOrThrow({ where: { id: b.id } })).status === 'sent', 20_000);
    const chats = d.fake.callsTo('sendMessage').map((c) => String(c.params.chat_id));
    // The seven members after the cursor, each once; the five already sent, not again.
    expect(chats).toHaveLength(7);
    expect(new Set(chats).size).toBe(7);
    expect(await d.h.prisma.delivery.count({ where: { broadcastId: b.id, status: 'sent' } })).toBe(12);
  });
});
