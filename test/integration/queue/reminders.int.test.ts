import { DEFAULT_REMINDER_SETTINGS } from '../../../src/core/reminders/reminder-settings';
import { runReminders } from '../../../src/main/run-reminders';
import { createDeliveryHarness, type DeliveryHarness } from '../../support/delivery-harness';

jest.setTimeout(120_000);

describe('reminders through the delivery queues', () => {
  let d: DeliveryHarness;
  const settings = { ...DEFAULT_REMINDER_SETTINGS, timeZone: 'Asia/Ho_Chi_Minh' };
  beforeAll(async () => {
    d = await createDeliveryHarness('pglite', { ratePerSecond: 0, concurrency: 5 });
  });
  afterAll(async () => d.dispose());

  it('sends each reminder once when two schedulers run the same tick together', async () => {
    const members = await d.addRecipients(6, 50_000);
    await d.h.prisma.member.updateMany({ where: { id: { in: members } }, data: { createdAt: new Date('2022-05-01T00:00:00Z') } });
    d.h.clock.set(new Date('2022-07-09T08:00:00+07:00'));
    const [a, b] = await Promise.all([
      runReminders({ prisma: d.h.prisma, clock: d.h.clock, settings, queues: d.delivery.queues }),
      runReminders({ prisma: d.h.prisma, clock: d.h.clock, settings, queues: d.delivery.queues }),
    ]);
    expect(a.deliveryIds.length + b.deliveryIds.length).toBe(6);
    await d.until(async () => (await d.h.prisma.delivery.count({ where: { reminderId: { not: null }, status: 'sent' } })) === 6);
    for (let i = 0; i < 6; i += 1) {
      expect(d.fake.sent(50_000 + i).map((m) => String(m.text))).toEqual([
        expect.stringContaining('trước ngày 10/7/2022 — hôm nay là ngày cuối'),
      ]);
    }
  });

  it('does not remind a member who filed between planning and sending', async () => {
    await d.delivery.stop();
    const [member] = await d.addRecipients(1, 51_000);
    await d.h.prisma.member.update({ where: { id: member }, data: { createdAt: new Date('2022-05-01T00:00:00Z') } });
    d.h.clock.set(new Date('2022-07-11T08:00:00+07:00'));
    // Planned and queued while no worker runs…
    const run = await runReminders({ prisma: d.h.prisma, clock: d.h.clock, settings });
    const mine = await d.h.prisma.delivery.findFirstOrThrow({ where: { memberId: member, reminderId: { not: null } } });
    expect(run.deliveryIds).toContain(mine.id);
    // …then the report arrives before the worker gets to it.
    const period = await d.h.prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } });
    await d.h.prisma.submission.create({
      data: { memberId: member ?? 0, periodId: period.id, currentRevision: 1, firstSubmittedAt: d.h.clock.now(), lastSubmittedAt: d.h.clock.now(), onTime: false },
    });
    d.restart();
    await d.until(async () => (await d.h.prisma.delivery.findUniqueOrThrow({ where: { id: mine.id } })).status !== 'queued');
    expect((await d.h.prisma.delivery.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe('cancelled');
    expect(d.fake.sent(51_000)).toEqual([]);
  });
});
