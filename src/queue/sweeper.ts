import type { Clock } from '../core/clock';
import type { DeliveryRepository } from '../db/prisma-delivery-repository';
import type { Logger } from '../lib/logger';
import { fanoutJobId, fanoutJobOptions, type Queues } from './queues';

/** A queued row not on the queue for this long is put back (its job was lost with Redis, or never made). */
const STALE_AFTER_MS = 10 * 60_000;

/**
 * The database is the record, the queues only carry work: every few seconds the sweeper starts
 * the fan-out of broadcasts whose time has come, enqueues queued deliveries that have no job
 * (notices, rows lost from Redis), and closes broadcasts with nothing left to send. Several
 * instances may sweep at once: job ids make their additions the same.
 */
export function startSweeper(options: {
  deliveries: DeliveryRepository;
  queues: Queues;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}): { stop(): Promise<void>; sweep(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;

  async function sweep(): Promise<void> {
    const now = options.clock.now();
    for (const broadcastId of await options.deliveries.dueBroadcasts(now)) {
      await options.queues.broadcasts.add('fanout', { broadcastId }, { ...fanoutJobOptions, jobId: fanoutJobId(broadcastId) });
    }
    const stale = await options.deliveries.staleQueued(now, STALE_AFTER_MS, 1_000);
    const enqueued = await options.queues.enqueueDeliveries(stale);
    await options.deliveries.markEnqueued(enqueued, now);
    await options.deliveries.finishBroadcasts(now);
  }

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = sweep()
      .catch((error: unknown) => options.logger.warn({ err: error }, 'sweep failed'))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs ?? 3_000);
  timer.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
