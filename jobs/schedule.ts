import { hostname } from 'node:os';
import cron, { type RunCoordinator } from 'node-cron';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../src/lib/logger';
import { metrics } from '../src/metrics/metrics';

/** The scheduled jobs: what each tick enqueues. The work is in src/main/run-*.ts. */
export const scheduledJobs = ['reminders', 'calendar'] as const;
export type ScheduledJob = (typeof scheduledJobs)[number];

/** Every 15 minutes: a reminder due at 08:00 goes at 08:00, and after downtime the first tick catches up. */
export const defaultJobsCron = '*/15 * * * *';

/**
 * How long a tick's claim lives. Far longer than any clock skew between instances, so a slower
 * instance always finds the slot taken; the key names the slot, so it never blocks a later one.
 */
const SLOT_CLAIM_MS = 60 * 60_000;

/**
 * node-cron decides when, in APP_TIMEZONE; every instance ticks, and the first to claim the slot
 * in Redis (SET NX, node-cron's run coordinator) enqueues the jobs, so each slot runs once however
 * many instances there are. The claim is keyed by the slot node-cron matched, not by a reading of
 * the clock: an instance whose clock is a few seconds off ticks the same slot, early or late, and
 * finds it taken. The claim is not released when the work is done (a slower instance would
 * take the slot again), unlike a job id, which BullMQ forgets with the completed job.
 */
export function scheduleJobs(options: {
  queue: Queue;
  /** Where slots are claimed; the queues' Redis. */
  redis: Pick<Redis, 'set'>;
  /** QUEUE_PREFIX: keeps several deployments on one Redis apart. */
  keyPrefix: string;
  timeZone: string;
  logger: Logger;
  /** JOBS_CRON. @defaultValue every 15 minutes */
  pattern?: string;
}): { stop(): void } {
  const logger = options.logger.child({ component: 'schedule' });
  const task = cron.schedule(
    options.pattern ?? defaultJobsCron,
    async ({ date }) => {
      metrics.scheduleTicks.inc({ outcome: 'taken' });
      await enqueueScheduledJobs(options.queue, date, logger);
    },
    {
      name: 'jobs',
      timezone: options.timeZone,
      distributed: true,
      runCoordinator: createSlotCoordinator(options.redis, options.keyPrefix),
      distributedLease: SLOT_CLAIM_MS,
      // A tick held up by a busy event loop still runs (its slot is what counts), rather than
      // being dropped after node-cron's default second.
      missedExecutionTolerance: 60_000,
      logger: cronLogger(logger),
    },
  );
  task.on('execution:skipped', ({ reason }) => {
    metrics.scheduleTicks.inc({ outcome: reason === 'not-elected' ? 'skipped' : 'failed' });
  });
  return {
    stop() {
      void task.destroy();
    },
  };
}

/**
 * What a claimed tick does: one job per scheduled job, its id naming the job and the slot (a
 * second belt: a repeated add of a job still kept is a no-op). If Redis refuses the add, the slot
 * is lost and the next tick catches up: the planners work from the time, not from the ticks.
 */
export async function enqueueScheduledJobs(queue: Queue, slot: Date, logger: Logger): Promise<void> {
  const stamp = slot.toISOString().slice(0, 19).replace(/\D/g, '');
  for (const name of scheduledJobs) {
    await queue
      .add(name, {}, { jobId: `${name}-${stamp}`, removeOnComplete: 100, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 10_000 } })
      .catch((error: unknown) => logger.warn({ err: error, job: name }, 'could not enqueue a scheduled job'));
  }
}

/** The first instance to SET the slot's key wins it; the others are told no until it expires. */
export function createSlotCoordinator(redis: Pick<Redis, 'set'>, keyPrefix: string): RunCoordinator {
  const owner = `${hostname()}:${process.pid}`;
  return {
    async shouldRun(key, ttlMs) {
      return (await redis.set(`${keyPrefix}:schedule:${key}`, owner, 'PX', ttlMs, 'NX')) === 'OK';
    },
  };
}

/** node-cron's own messages (a missed tick, Redis unreachable while claiming) into our log. */
function cronLogger(logger: Logger) {
  return {
    info: (message: string) => logger.info(message),
    warn: (message: string) => logger.warn(message),
    error: (message: string | Error, err?: Error) => logger.error({ err: err ?? message }, typeof message === 'string' ? message : 'scheduler error'),
    debug: (message: string | Error) => logger.debug(String(message)),
  };
}
