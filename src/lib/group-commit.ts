/**
 * Group commit: calls made while a flush is running wait and go together in the next flush, so
 * under load many writes share one statement (and one WAL flush), while a lone call is written at
 * once. Each call resolves only after its own item is written, or rejects with the flush's error.
 * A flush may also return one result per item, in order (a group read): each call gets its own.
 */
export function createGroupCommit<T, R = void>(
  flush: (items: readonly T[]) => Promise<readonly R[] | void>,
  options: { maxBatch: number },
): (item: T) => Promise<R> {
  let pending: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  let flushing = false;

  async function drain(): Promise<void> {
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, options.maxBatch);
        pending = pending.slice(batch.length);
        try {
          const results = await flush(batch.map((p) => p.item));
          batch.forEach((p, i) => p.resolve(results?.[i] as R));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!flushing) void drain();
    });
}
