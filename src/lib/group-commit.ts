/**
 * Group commit: calls made while a flush is running wait and go together in the next flush, so
 * under load many writes share one statement (and one WAL flush), while a lone call is written at
 * once. Each call resolves only after its own item is written, or rejects with the flush's error.
 */
export function createGroupCommit<T>(flush: (items: readonly T[]) => Promise<void>, options: { maxBatch: number }): (item: T) => Promise<void> {
  let pending: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  let flushing = false;

  async function drain(): Promise<void> {
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, options.maxBatch);
        pending = pending.slice(batch.length);
        try {
          await flush(batch.map((p) => p.item));
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!flushing) void drain();
    });
}
