import type { Job, Worker } from 'bullmq';
import type { SendChannel } from '../queue/queues';
import { metrics } from './metrics';

/** What a worker's jobs are, for the counters its events feed. */
export type WorkerRole = { kind: 'delivery'; channel: SendChannel } | { kind: 'scheduled' } | { kind: 'other' };

/**
 * Feeds the metrics from a worker's events, so the workers themselves stay free of them: how long
 * jobs waited, and for the send workers how each delivery ended (the processor's return value:
 * sent, sent-by-template, failed, cancelled, skipped; `error` for an attempt that threw, which
 * BullMQ retries until its attempts are spent).
 */
export function instrumentWorker(worker: Worker, role: WorkerRole): void {
  worker.on('active', (job: Job) => {
    // Later attempts waited for their backoff on purpose; only the first says how busy we are.
    if (job.attemptsMade > 0) return;
    const dueAt = job.timestamp + (job.delay ?? 0);
    const waitedMs = Math.max(0, (job.processedOn ?? Date.now()) - dueAt);
    metrics.queueWait.observe({ queue: worker.name }, waitedMs / 1000);
  });
  if (role.kind === 'delivery') {
    worker.on('completed', (_job: Job, result: unknown) => {
      metrics.deliveries.inc({ channel: role.channel, status: typeof result === 'string' ? result : 'done' });
    });
    worker.on('failed', () => metrics.deliveries.inc({ channel: role.channel, status: 'error' }));
  }
  if (role.kind === 'scheduled') {
    worker.on('completed', (job: Job) => metrics.scheduledRuns.inc({ job: job.name, outcome: 'completed' }));
    worker.on('failed', (job: Job | undefined) => metrics.scheduledRuns.inc({ job: job?.name ?? 'unknown', outcome: 'failed' }));
  }
}
