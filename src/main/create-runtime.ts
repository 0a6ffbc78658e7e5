import type { Config } from '../config/config';
import { type Clock, createClock } from '../core/clock';
import type { Database } from '../db/database';
import { createSqlConversationStore } from '../db/sql-conversation-store';
import { type ConversationEngine, createConversationEngine } from '../flows/conversation-engine';
import type { Logger } from '../lib/logger';
import { readStoredPlanDocument } from '../lib/read-plan-document';
import { instrumentEngine } from '../metrics/instrument-engine';
import { createRedis } from '../queue/redis';
import { buildChannels, type Channels } from './build-channels';
import { type Delivery, startDelivery } from './start-delivery';

export interface Runtime {
  readonly clock: Clock;
  /** Where links in messages point: PUBLIC_URL, or this machine. */
  readonly publicBaseUrl: string;
  readonly engine: ConversationEngine;
  readonly channels: Channels;
  /** The queues and workers; `withJobs` adds the scheduled jobs (reminders, calendar). */
  startDelivery(options?: { withJobs?: boolean; sweepIntervalMs?: number }): Delivery;
  close(): Promise<void>;
}

/**
 * What every process of the service shares: the clock (APP_NOW-aware), the conversation engine,
 * the channels the configuration names and the outbound side. The web process, the worker and
 * the one-shot jobs each compose from this.
 */
export function createRuntime(config: Config, db: Database, logger: Logger): Runtime {
  const clock = createClock({ startAt: config.startAt });
  const publicBaseUrl = config.http.publicUrl ?? `http://localhost:${config.http.port}`;
  const engine = instrumentEngine(
    createConversationEngine({
      store: createSqlConversationStore(db),
      clock,
      timeZone: config.timeZone,
      publicBaseUrl,
      idleMinutes: config.conversation.idleMinutes,
      readDocument: (file) => readStoredPlanDocument(config.dataDir, file),
    }),
  );
  const redis = createRedis(config.redis.url);
  const channels = buildChannels({ config, prisma: db.prisma, redis, clock, handle: (m) => engine.handle(m), logger });
  return {
    clock,
    publicBaseUrl,
    engine,
    channels,
    startDelivery: (options = {}) =>
      startDelivery({
        config,
        db,
        adapters: channels.adapters,
        sendReminderTemplate: channels.sendReminderTemplate,
        promptAfterInterruption: (channel, user) => engine.promptAfterInterruption(channel, user),
        clock,
        logger,
        sweepIntervalMs: options.sweepIntervalMs,
        jobs: options.withJobs ? { reminders: config.reminders, timeZone: config.timeZone, publicBaseUrl, cron: config.jobs.cron } : undefined,
      }),
    async close() {
      redis.disconnect();
    },
  };
}
