import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChannelAdapter } from '../../channels/channel';
import { ChannelError } from '../../channels/channel-error';
import type { Clock } from '../../core/clock';
import type { ChannelId, Reply } from '../../core/messages';
import type { DeliveryRepository } from '../../db/prisma-delivery-repository';
import type { ContactStatusRepository } from '../../flows/contact-status-repository';
import type { Logger } from '../../lib/logger';
import { deliveryJobSchema, queueNames, type SendChannel } from '../queues';
import { createSendPacer } from '../send-pacer';

export interface DeliveryWorkerOptions {
  readonly channel: SendChannel;
  readonly adapter: ChannelAdapter;
  readonly deliveries: DeliveryRepository;
  readonly contactStatus: ContactStatusRepository;
  /** The question a contact was in the middle of, sent again after a message cut in. */
  promptAfterInterruption(channel: ChannelId, platformUserId: string): Promise<Reply[]>;
  readonly connection: Redis;
  readonly prefix: string;
  readonly concurrency: number;
  /** At most this many sends in any sliding second; 0 for no limit. */
  readonly ratePerSecond: number;
  /** Pause before a second message to the same person (Telegram: one per second per chat). */
  readonly perChatIntervalMs: number;
  /** How long a dead worker's jobs stay locked before another worker takes them up again. */
  readonly lockMs: number;
  /**
   * For a reminder the platform refused because the chat is closed (Zalo's 7-day window): send a
   * pre-approved template by phone instead; resolves with its message id.
   */
  readonly sendReminderTemplate?: (phone: string, data: Readonly<Record<string, string>>, trackingId: string) => Promise<string>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Sends one delivery row per job. A row is marked sent only after the platform accepted it, and
 * only while it is still queued: a job repeated after a crash re-sends at most what was in flight.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): Worker {
  const logger = options.logger.child({ queue: queueNames.outbound(options.channel) });
  const paced = options.ratePerSecond > 0;
  const pacer = paced ? createSendPacer(options.connection, `${options.prefix}:pace:${options.channel}`, options.ratePerSecond, sleep) : null;

  const worker: Worker = new Worker(
    queueNames.outbound(options.channel),
    async (job: Job) => {
      const { deliveryId } = deliveryJobSchema.parse(job.data);
      const delivery = await options.deliveries.load(deliveryId);
      if (!delivery || delivery.status !== 'queued') return 'skipped';
      if (delivery.broadcastCancelled || delivery.obsolete) {
        await options.deliveries.markCancelled(deliveryId);
        return 'cancelled';
      }
      const contact = delivery.contact;
      if (!contact || contact.blocked || !delivery.reply) {
        const why = !delivery.reply ? 'Không có nội dung để gửi' : 'Người nhận đã chặn hoặc bỏ theo dõi';
        await options.deliveries.markFailed(deliveryId, delivery.reply ? 'blocked' : 'error', why, options.clock.now());
        return 'failed';
      }
      try {
        if (pacer && !(await pacer.waitForTurn(() => stillToSend(deliveryId)))) {
          await options.deliveries.markCancelled(deliveryId);
          return 'cancelled';
        }
        const { platformMessageIds } = await options.adapter.send(contact.platformUserId, delivery.reply);
        await options.deliveries.markSent(deliveryId, platformMessageIds.at(-1), options.clock.now());
      } catch (error) {
        if (isOutsideWindow(error) && delivery.reminder?.phone && options.sendReminderTemplate) {
          return sendTemplateInstead(job, deliveryId, contact, delivery.reminder, delivery.reminder.phone);
        }
        return handleFailure(job, deliveryId, contact, error);
      }
      if (contact.inConversation) await resumeConversation(contact);
      return 'sent';
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      // The pacer above spaces the sends. BullMQ's limiter only keeps the jobs waiting for a slot
      // to about a second's worth across all workers; spacing the starts with it as well (one
      // job per 34 ms) lost its own Redis round trip and timer lateness at every job, 8 % of the
      // allowance (bench/broadcast-paced.ts).
      limiter: paced ? { max: options.ratePerSecond, duration: 1_000 } : undefined,
    },
  );

  /** Whether a row is still queued and wanted (its broadcast not cancelled, its reminder not obsolete). */
  async function stillToSend(deliveryId: number): Promise<boolean> {
    const delivery = await options.deliveries.load(deliveryId);
    return delivery !== null && delivery.status === 'queued' && !delivery.broadcastCancelled && !delivery.obsolete;
  }

  async function handleFailure(
    job: Job,
    deliveryId: number,
    contact: { id: number; platformUserId: string },
    error: unknown,
  ): Promise<string> {
    if (error instanceof ChannelError && error.code === 'CHANNEL_RATE_LIMITED') {
      // Pauses this queue and puts the job back without spending an attempt; sends already
      // waiting for a slot wait out the pause too.
      await pacer?.holdFor(error.retryAfterMs ?? 1_000);
      await worker.rateLimit(error.retryAfterMs ?? 1_000);
      throw Worker.RateLimitError();
    }
    if (error instanceof ChannelError && !error.retryable) {
      const reason = error.reason ?? 'error';
      await options.deliveries.markFailed(deliveryId, reason, error.message, options.clock.now());
      if (reason === 'blocked') {
        await options.contactStatus.markBlocked(options.channel, contact.platformUserId, error.message, options.clock.now());
      }
      logger.info({ deliveryId, reason }, 'delivery refused by the platform');
      return 'failed';
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) {
      await options.deliveries.markFailed(deliveryId, 'error', describe(error), options.clock.now());
      return 'failed';
    }
    await options.deliveries.countAttempt(deliveryId);
    throw error;
  }

  async function sendTemplateInstead(
    job: Job,
    deliveryId: number,
    contact: { id: number; platformUserId: string },
    reminder: { memberName: string; periodName: string; deadlineText: string },
    phone: string,
  ): Promise<string> {
    try {
      // The template's parameters, as it must be approved with them (see .env.example).
      const messageId = await options.sendReminderTemplate?.(
        phone,
        { ten_doanh_nghiep: reminder.memberName, bao_cao: reminder.periodName, han_nop: reminder.deadlineText },
        `d-${deliveryId}`,
      );
      await options.deliveries.markSent(deliveryId, messageId, options.clock.now());
      return 'sent-by-template';
    } catch (error) {
      return handleFailure(job, deliveryId, contact, error);
    }
  }

  async function resumeConversation(contact: { platformUserId: string }): Promise<void> {
    try {
      const prompts = await options.promptAfterInterruption(options.channel, contact.platformUserId);
      for (const prompt of prompts) {
        await sleep(options.perChatIntervalMs);
        await options.adapter.send(contact.platformUserId, prompt);
      }
    } catch (error) {
      // The notice went out; the question comes again with the person's next message anyway.
      logger.warn({ err: error }, 'could not ask the interrupted question again');
    }
  }

  worker.on('failed', (job, error) => logger.warn({ jobId: job?.id, err: error }, 'delivery attempt failed'));
  return worker;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isOutsideWindow(error: unknown): boolean {
  return error instanceof ChannelError && error.reason === 'outside_window';
}
