import { setTimeout as sleep } from 'node:timers/promises';
import type { PrismaClient } from '../db/generated/client';
import { createLogger } from '../lib/logger';
import { createRuntime } from './create-runtime';
import { runCalendar } from './run-calendar';
import { runReminders } from './run-reminders';
import { runWithDatabase } from './with-database';

const usage = 'Cách dùng: npm run job -- reminders | calendar';

/**
 * `npm run job -- <name>`: one scheduled job, now, by hand; then its messages are sent (by this
 * process's workers, alongside any running ones) before it exits. Running it again sends nothing
 * twice: the reminder log and the broadcasts are the record.
 */
runWithDatabase(async (db, config) => {
  const name = process.argv[2];
  if (name !== 'reminders' && name !== 'calendar') {
    console.error(usage);
    return 1;
  }
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const runtime = createRuntime(config, db, logger);
  const { clock, publicBaseUrl } = runtime;
  const delivery = runtime.startDelivery({ sweepIntervalMs: 500 });
  try {
    if (name === 'reminders') {
      const run = await runReminders({ prisma: db.prisma, clock, settings: config.reminders, queues: delivery.queues });
      console.log(`Nhắc hạn: ${run.sent} hội viên được nhắc, ${run.skipped} lượt bỏ qua, ${run.deliveryIds.length} tin xếp gửi.`);
      await waitUntilSent(db.prisma, run.deliveryIds);
    } else {
      const run = await runCalendar({ prisma: db.prisma, clock, timeZone: config.timeZone, publicBaseUrl });
      console.log(run.broadcastIds.length > 0 ? `Lịch thi đua: đã xếp gửi thông báo số ${run.broadcastIds.join(', ')}.` : 'Lịch thi đua: không có gì mới để gửi.');
      await delivery.sweep();
    }
    const left = await db.prisma.delivery.count({ where: { status: 'queued', channel: { not: 'webchat' } } });
    if (left > 0) console.log(`Còn ${left} tin đang chờ gửi; dịch vụ (hoặc npm run worker) sẽ gửi tiếp.`);
    return 0;
  } finally {
    await delivery.stop();
    await runtime.close();
  }
});

/** Waits (two minutes at most) until the run's messages have left the queue. */
async function waitUntilSent(prisma: PrismaClient, ids: readonly number[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const queued = await prisma.delivery.count({ where: { id: { in: [...ids] }, status: 'queued', channel: { not: 'webchat' } } });
    if (queued === 0) return;
    await sleep(250);
  }
}
