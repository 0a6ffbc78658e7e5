import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What queue depth is read from: a BullMQ `Queue` fits. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...types: Array<'wait' | 'prioritized' | 'active' | 'delayed'>): Promise<Record<string, number>>;
}

/** A queue's depth is given up on after this long, so a scrape never hangs on a lost Redis. */
const QUEUE_COUNT_TIMEOUT_MS = 2_000;

/**
 * The process's Prometheus collectors, in a registry of their own (prom-client's global one stays
 * empty). One per process, like the process's logs: each instance is scraped on its own and
 * Prometheus adds them up, so nothing is shared through Redis.
 */
function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const watched = new Set<readonly CountableQueue[]>();
  let defaultsOn = false;

  const metrics = {
    registry,
    /** Messages that reached the conversation engine, from every channel (webhook or polling). */
    inboundMessages: new Counter({
      name: 'hiephoi_inbound_messages_total',
      help: 'Inbound messages handed to the conversation engine, by channel (redeliveries included).',
      labelNames: ['channel'] as const,
      registers,
    }),
    /** Replies to inbound messages; the web chat's go back in its HTTP response. */
    replies: new Counter({
      name: 'hiephoi_replies_total',
      help: 'Replies to inbound messages, by channel and outcome (sent or failed).',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    /** Queued sends (broadcasts, reminders, notices) as the delivery workers finish them. */
    deliveries: new Counter({
      name: 'hiephoi_deliveries_total',
      help: 'Delivery jobs finished by the send workers, by channel and status (sent, sent-by-template, failed, cancelled, skipped; error: an attempt that threw and is retried).',
      labelNames: ['channel', 'status'] as const,
      registers,
    }),
    queueWait: new Histogram({
      name: 'hiephoi_queue_wait_seconds',
      help: 'Time from a job being due (added, or its delay over) to a worker starting it, first attempts only.',
      labelNames: ['queue'] as const,
      buckets: [0.01, 0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    }),
    queueJobs: new Gauge({
      name: 'hiephoi_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed), read from Redis at scrape time; every worker process reports the same queues, so take max() across instances.',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        this.reset();
        const queues = [...watched].flat();
        const counts = await Promise.all(queues.map((queue) => countJobs(queue)));
        for (const [i, queue] of queues.entries()) {
          const c = counts[i];
          if (!c) continue;
          this.set({ queue: queue.name, state: 'waiting' }, (c.wait ?? 0) + (c.prioritized ?? 0));
          this.set({ queue: queue.name, state: 'active' }, c.active ?? 0);
          this.set({ queue: queue.name, state: 'delayed' }, c.delayed ?? 0);
        }
      },
    }),
    reminders: new Counter({
      name: 'hiephoi_reminders_sent_total',
      help: 'Reminder messages the reminder job recorded and queued, by channel (once per member, period and offset across all instances).',
      labelNames: ['channel'] as const,
      registers,
    }),
    scheduleTicks: new Counter({
      name: 'hiephoi_schedule_ticks_total',
      help: 'Schedule ticks of this process: taken (it enqueued the jobs) or skipped (another instance had the slot).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    scheduledRuns: new Counter({
      name: 'hiephoi_scheduled_job_runs_total',
      help: 'Scheduled job runs (reminders, calendar) this process carried out, by job and outcome.',
      labelNames: ['job', 'outcome'] as const,
      registers,
    }),
    webhookDuration: new Histogram({
      name: 'hiephoi_webhook_duration_seconds',
      help: 'Time to answer a platform webhook, by route, channel and status code.',
      labelNames: ['route', 'channel', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    }),

    /** Reports these queues' depth on every scrape, until the returned function is called. */
    watchQueues(queues: readonly CountableQueue[]): () => void {
      const entry = [...queues];
      watched.add(entry);
      return () => void watched.delete(entry);
    },

    /** Adds Node's own metrics (memory, CPU, event-loop lag); once, when the process serves them. */
    collectProcessMetrics(): void {
      if (defaultsOn) return;
      defaultsOn = true;
      collectDefaultMetrics({ register: registry, prefix: 'hiephoi_' });
    },
  };
  return metrics;
}

async function countJobs(queue: CountableQueue): Promise<Record<string, number> | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), QUEUE_COUNT_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([queue.getJobCounts('wait', 'prioritized', 'active', 'delayed').catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type Metrics = ReturnType<typeof createMetrics>;

/** This process's metrics. */
export const metrics: Metrics = createMetrics();
