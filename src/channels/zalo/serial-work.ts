import type { Logger } from '../../lib/logger';

/**
 * Work done after a webhook has been answered: one person's events in the order they arrived, and
 * different people's side by side. Failures are logged, never thrown (nobody is waiting for them).
 */
export function createSerialWork(logger: Logger) {
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();

  return {
    /** Queues `task` behind the earlier work for `key`; it starts on a later turn of the event loop. */
    run(key: string, label: string, task: () => Promise<void>): void {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous
        // Answer first: the task starts only once the webhook's response is on its way.
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(task)
        .catch((error: unknown) => {
          logger.error({ err: error, work: label }, 'webhook work failed');
        })
        .finally(() => {
          running.delete(next);
          if (tails.get(key) === next) tails.delete(key);
        });
      tails.set(key, next);
      running.add(next);
    },

    /** Resolves once everything queued so far (and queued while waiting) is done. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

/** Ids seen lately, to skip a redelivered event in this process (the database dedupes across processes). */
export function createRecentIds(options: { ttlMs: number; max: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const seenAt = new Map<string, number>();
  return {
    /** True when `id` was seen within `ttlMs`; records it either way. */
    check(id: string): boolean {
      const t = now();
      for (const [key, at] of seenAt) {
        // Oldest first (insertion order): stop at the first one still fresh.
        if (t - at < options.ttlMs && seenAt.size <= options.max) break;
        seenAt.delete(key);
      }
      const seen = seenAt.has(id);
      seenAt.set(id, t);
      return seen;
    },
  };
}
