import type { Clock } from '../core/clock';
import type { DeliveryRepository } from '../db/prisma-delivery-repository';
import type { Logger } from '../lib/logger';
import { deliveryJobId, fanoutJobId, fanoutJobOptions, isSendChannel, type Queues, type SendChannel, sendChannels } from './queues';

/** A queued row not on the queue for this long is put back (its job was lost with Redis, or never made). */
const STALE_AFTER_MS = 10 * 60_000;
const PAGE = 1_000;
/** At most this many pages of orphaned rows per sweep: the next sweep goes on where it stopped. */
const ORPHAN_PAGES = 100;

/**
 * The database is the record, the queues only carry work: every few seconds the sweeper starts
 * the fan-out of broadcasts whose time has come, enqueues queued deliveries that have no job
 * (notices, rows lost from Redis), and closes broadcasts with nothing left to send. Several
 * instances may sweep at once: job ids make their additions the same.
 *
 * A row's job counts as lost after STALE_AFTER_MS, except where it is certain sooner: a send queue
 * holding no job at all while rows of its channel are queued has lost them (Redis came back empty,
 * or without its last writes), and they go back at once.
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
    const stale = await options.deliveries.staleQueued(now, STALE_AFTER_MS, PAGE);
    const enqueued = await options.queues.enqueueDeliveries(stale);
    await options.deliveries.markEnqueued(enqueued, now);
    await requeueOrphans(now);
    await options.deliveries.finishBroadcasts(now);
  }

  async function requeueOrphans(now: Date): Promise<void> {
    const empty = new Set<SendChannel>();
    for (const channel of sendChannels) {
      const jobs = await options.queues.outbound[channel].getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (jobs === 0) empty.add(channel);
    }
    if (empty.size === 0) return;
    for (let page = 0; page < ORPHAN_PAGES; page += 1) {
      const rows = await options.deliveries.staleQueued(now, 0, PAGE);
      const mine = rows.flatMap((r) => (isSendChannel(r.channel) && empty.has(r.channel) ? [{ id: r.id, channel: r.channel }] : []));
      // A job kept in the failed set still holds its id, and adding it again would change nothing.
      const states = await Promise.all(mine.map((r) => options.queues.outbound[r.channel].getJobState(deliveryJobId(r.id))));
      const orphans = mine.filter((_, i) => states[i] === 'unknown');
      if (orphans.length > 0) {
        await options.queues.enqueueDeliveries(orphans);
        options.logger.warn({ rows: orphans.length, channels: [...empty] }, 'queued deliveries without jobs put back on their empty queues');
      }
      // Marked enqueued at `now`, the rows looked at drop out of the next page.
      await options.deliveries.markEnqueued(mine.map((r) => r.id), now);
      // Rows of a queue that still has jobs are not touched, and would come back on every page.
      if (rows.length < PAGE || mine.length < rows.length) return;
    }
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
