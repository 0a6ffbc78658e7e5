/**
 * Failed logins per key (address and user name) within a sliding window: past `attempts`, the
 * key is refused until the window has passed. In memory, per process: several instances each
 * count their own, which still bounds guessing to a few tries a minute.
 */
export function createLoginLimiter(options: { attempts: number; windowMs: number; now: () => number }) {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((t) => options.now() - t < options.windowMs);
  return {
    allowed(key: string): boolean {
      return recent(key).length < options.attempts;
    },
    fail(key: string): void {
      if (failures.size > 10_000) failures.clear();
      failures.set(key, [...recent(key), options.now()]);
    },
    reset(key: string): void {
      failures.delete(key);
    },
  };
}
