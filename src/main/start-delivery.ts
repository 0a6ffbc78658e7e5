import { Worker } from 'bullmq';
import { scheduleJobs } from '../../jobs/schedule';
import type { ReminderSettings } from '../core/reminders/reminder-settings';
import type { ChannelAdapter } from '../channels/channel';
import type { Config } from '../config/config';
import type { Clock } from '../core/clock';
import type { ChannelId, Reply } from '../core/messages';
import type { Database } from '../db/database';
import { createPrismaContactStatusRepository } from '../db/prisma-contact-status-repository';
import { createPrismaDeliveryRepository } from '../db/prisma-delivery-repository';
import type { Logger } from '../lib/logger';
import { instrumentWorker } from '../metrics/instrument-worker';
import { metrics } from '../metrics/metrics';
import { createQueues, queueNames, type Queues, type SendChannel, sendChannels } from '../queue/queues';
import { createRedis } from '../queue/redis';
import { startSweeper } from '../queue/sweeper';
import { createBroadcastWorker } from '../queue/workers/broadcast-worker';
import { createDeliveryWorker } from '../queue/workers/delivery-worker';
import { runCalendar } from './run-calendar';
import { runReminders } from './run-reminders';

export interface Delivery {
  readonly queues: Queues;
  /** Runs one sweep now (tests, and `npm run job`). */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The outbound side: queues, a send worker per configured channel, the broadcast fan-out and the
 * sweeper. Runs inside the web process by default (WORKERS=in-process) or alone (`npm run worker`).
 */
export function startDelivery(options: {
  config: Pick<Config, 'delivery' | 'redis'>;
  db: Pick<Database, 'prisma' | 'sql'>;
  adapters: Partial<Record<SendChannel, ChannelAdapter>>;
  /** Zalo OA reminders outside the 7-day window go as this template, when configured. */
  sendReminderTemplate?: (phone: string, data: Readonly<Record<string, string>>, trackingId: string) => Promise<string>;
  promptAfterInterruption(channel: ChannelId, platformUserId: string): Promise<Reply[]>;
  clock: Clock;
  logger: Logger;
  sweepIntervalMs?: number;
  /** The scheduled jobs (reminders, campaign calendar): ticked by node-cron, run by a worker here. */
  jobs?: { reminders: ReminderSettings; timeZone: string; publicBaseUrl: string; cron?: string };
}): Delivery {
  const prefix = options.config.delivery.queuePrefix;
  const connection = createRedis(options.config.redis.url);
  const queues = createQueues(connection, prefix);
  const deliveries = createPrismaDeliveryRepository(options.db);
  const contactStatus = createPrismaContactStatusRepository(options.db.prisma);
  const { delivery } = options.config;

  const workers: Worker[] = [];
  for (const channel of sendChannels) {
    const adapter = options.adapters[channel];
    if (!adapter) continue;
    const worker = createDeliveryWorker({
      channel,
      adapter,
      deliveries,
      contactStatus,
      promptAfterInterruption: options.promptAfterInterruption,
      connection,
      prefix,
      concurrency: delivery.concurrency,
      ratePerSecond: delivery.ratePerSecond[channel],
      perChatIntervalMs: channel === 'telegram' ? delivery.telegramPerChatIntervalMs : 0,
      lockMs: delivery.lockMs,
      sendReminderTemplate: channel === 'zalo_oa' ? options.sendReminderTemplate : undefined,
      clock: options.clock,
      logger: options.logger,
    });
    instrumentWorker(worker, { kind: 'delivery', channel });
    workers.push(worker);
  }
  const broadcastWorker = createBroadcastWorker({ deliveries, queues, connection, prefix, clock: options.clock, logger: options.logger });
  instrumentWorker(broadcastWorker, { kind: 'other' });
  workers.push(broadcastWorker);
  let schedule: { stop(): void } | null = null;
  const jobs = options.jobs;
  if (jobs) {
    const scheduledWorker = new Worker(
      queueNames.scheduled,
      async (job) => {
        if (job.name === 'reminders') {
          return runReminders({ prisma: options.db.prisma, clock: options.clock, settings: jobs.reminders, queues });
        }
        if (job.name === 'calendar') {
          return runCalendar({ prisma: options.db.prisma, clock: options.clock, timeZone: jobs.timeZone, publicBaseUrl: jobs.publicBaseUrl });
        }
        return null;
      },
      { connection, prefix, concurrency: 1 },
    );
    instrumentWorker(scheduledWorker, { kind: 'scheduled' });
    workers.push(scheduledWorker);
    schedule = scheduleJobs({
      queue: queues.scheduled,
      redis: connection,
      keyPrefix: prefix,
      timeZone: jobs.timeZone,
      logger: options.logger,
      pattern: jobs.cron,
    });
  }
  const unwatchQueues = metrics.watchQueues([queues.scheduled, queues.broadcasts, ...Object.values(queues.outbound)]);
  const sweeper = startSweeper({ deliveries, queues, clock: options.clock, logger: options.logger, intervalMs: options.sweepIntervalMs });

  return {
    queues,
    sweep: () => sweeper.sweep(),
    async stop() {
      schedule?.stop();
      unwatchQueues();
      await sweeper.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      connection.disconnect();
    },
  };
}
