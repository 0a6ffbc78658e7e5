import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock';
import type { DeliveryRepository } from '../../db/prisma-delivery-repository';
import type { Logger } from '../../lib/logger';
import { fanoutJobSchema, queueNames, type Queues } from '../queues';

const BATCH = 1_000;

/**
 * A broadcast's fan-out, in a job rather than an HTTP request: its audience in batches of a
 * thousand members, a delivery row per contact, a send job per row (`addBulk`). The cursor is
 * saved with each batch, so a fan-out cut short resumes where it stopped.
 */
export function createBroadcastWorker(options: {
  deliveries: DeliveryRepository;
  queues: Queues;
  connection: Redis;
  prefix: string;
  clock: Clock;
  logger: Logger;
}): Worker {
  const logger = options.logger.child({ queue: queueNames.broadcasts });
  return new Worker(
    queueNames.broadcasts,
    async (job: Job) => {
      const { broadcastId } = fanoutJobSchema.parse(job.data);
      let total = 0;
      for (;;) {
        const batch = await options.deliveries.fanoutBatch(broadcastId, BATCH, options.clock.now());
        if (batch.cancelled) return { cancelled: true, total };
        const enqueued = await options.queues.enqueueDeliveries(batch.deliveries);
        await options.deliveries.markEnqueued(enqueued, options.clock.now());
        total += batch.deliveries.length;
        if (batch.done) break;
      }
      logger.info({ broadcastId, total }, 'broadcast fanned out');
      return { total };
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 2 },
  );
}
