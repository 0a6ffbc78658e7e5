import cron from 'node-cron';
import type { Queue } from 'bullmq';
import type { Logger } from '../src/lib/logger';

/** The scheduled jobs: what each tick enqueues. The work is in src/main/run-*.ts. */
export const scheduledJobs = ['reminders', 'calendar'] as const;
export type ScheduledJob = (typeof scheduledJobs)[number];

/**
 * node-cron decides when, in APP_TIMEZONE; each tick only enqueues a job whose id names the job
 * and the minute, so several instances ticking together make one job. Every 15 minutes: a
 * reminder due at 08:00 goes at 08:00, and after downtime the first tick catches up.
 */
export function scheduleJobs(options: { queue: Queue; timeZone: string; logger: Logger; now: () => Date }): { stop(): void } {
  const task = cron.schedule(
    '*/15 * * * *',
    () => {
      const minute = options.now().toISOString().slice(0, 16).replace(/\D/g, '');
      for (const name of scheduledJobs) {
        options.queue
          .add(name, {}, { jobId: `${name}-${minute}`, removeOnComplete: 100, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 10_000 } })
          .catch((error: unknown) => options.logger.warn({ err: error, job: name }, 'could not enqueue a scheduled job'));
      }
    },
    { timezone: options.timeZone },
  );
  return {
    stop() {
      void task.stop();
    },
  };
}
