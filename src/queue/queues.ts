import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { ChannelId } from '../core/messages';

/** The channels whose messages go through a send queue (the web chat's page fetches its own). */
export type SendChannel = Exclude<ChannelId, 'webchat'>;
export const sendChannels: readonly SendChannel[] = ['telegram', 'zalo_oa', 'zalo_bot'];

export function isSendChannel(channel: ChannelId): channel is SendChannel {
  return channel !== 'webchat';
}

/** Queue names: one send queue per channel, so a Telegram 429 does not stall Zalo. */
export const queueNames = {
  broadcasts: 'broadcasts',
  scheduled: 'scheduled',
  outbound: (channel: SendChannel) => `outbound-${channel.replace('_', '-')}`,
} as const;

export const deliveryJobSchema = z.object({ deliveryId: z.number().int().positive() });
export const fanoutJobSchema = z.object({ broadcastId: z.number().int().positive() });

/** BullMQ rejects ids with ":"; the same row always gets the same job, so re-adding is harmless. */
export const deliveryJobId = (deliveryId: number) => `d-${deliveryId}`;
export const fanoutJobId = (broadcastId: number) => `fanout-${broadcastId}`;

/** Network errors and 5xx are retried with backoff, about 17 minutes in all before giving up. */
export const deliveryJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  // Done jobs go, failed ones too: the delivery row is the record. Ids of removed jobs can be used
  // again, which the sweeper relies on to re-enqueue a row still queued (a job that failed for
  // good while the database could not record it); the worker skips rows no longer queued.
  removeOnComplete: true,
  removeOnFail: true,
};

export const fanoutJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 5_000 },
  // A fan-out that failed for good is started again by the sweeper (its broadcast is still sending).
  removeOnComplete: true,
  removeOnFail: true,
};

export interface Queues {
  readonly broadcasts: Queue;
  /** The scheduled jobs' ticks (reminders, calendar). */
  readonly scheduled: Queue;
  readonly outbound: Readonly<Record<SendChannel, Queue>>;
  /** Adds one send job per row; rows of channels without a queue are left to the web chat. */
  enqueueDeliveries(rows: ReadonlyArray<{ id: number; channel: ChannelId }>): Promise<number[]>;
  close(): Promise<void>;
}

/**
 * The service's queues on one Redis connection. `prefix` keeps tests (and several associations
 * on one Redis) apart.
 */
export function createQueues(connection: Redis, prefix = 'hiephoi'): Queues {
  const make = (name: string) => new Queue(name, { connection, prefix });
  const outbound = {
    telegram: make(queueNames.outbound('telegram')),
    zalo_oa: make(queueNames.outbound('zalo_oa')),
    zalo_bot: make(queueNames.outbound('zalo_bot')),
  };
  const broadcasts = make(queueNames.broadcasts);
  const scheduled = make(queueNames.scheduled);
  return {
    broadcasts,
    scheduled,
    outbound,
    async enqueueDeliveries(rows) {
      const enqueued: number[] = [];
      for (const channel of sendChannels) {
        const mine = rows.filter((r) => r.channel === channel);
        for (let i = 0; i < mine.length; i += 500) {
          const chunk = mine.slice(i, i + 500);
          await outbound[channel].addBulk(
            chunk.map((r) => ({ name: 'send', data: { deliveryId: r.id }, opts: { ...deliveryJobOptions, jobId: deliveryJobId(r.id) } })),
          );
          enqueued.push(...chunk.map((r) => r.id));
        }
      }
      return enqueued;
    },
    async close() {
      await Promise.all([outbound.telegram.close(), outbound.zalo_oa.close(), outbound.zalo_bot.close()]);
      await Promise.all([broadcasts.close(), scheduled.close()]);
    },
  };
}
