import type { Logger } from '../../lib/logger';
import { ChannelError } from '../channel-error';
import type { TelegramAdapter } from './telegram-adapter';
import { updateIdOf } from './telegram-schemas';

export interface TelegramPollingOptions {
  readonly adapter: Pick<TelegramAdapter, 'getUpdates'>;
  /** The same handler the webhook uses; a rejection means "not done, deliver again". */
  handleUpdate(body: unknown): Promise<void>;
  readonly logger: Logger;
  /** How long one getUpdates call waits for an update. @defaultValue 25 */
  readonly timeoutSeconds?: number;
  /** The first wait after an error; it doubles up to `maxBackoffMs`. @defaultValue 1_000 */
  readonly initialBackoffMs?: number;
  /** @defaultValue 30_000 */
  readonly maxBackoffMs?: number;
  /** Attempts at one update before it is logged and skipped, so one bad update cannot stop the bot. @defaultValue 5 */
  readonly maxAttempts?: number;
}

export interface TelegramPolling {
  /** Starts the loop in the background; a second call does nothing. */
  start(): void;
  /** Ends the long poll at once, waits for the update being handled, and confirms what was handled. */
  stop(): Promise<void>;
}

/**
 * Long polling, for when the service has no public URL: getUpdates in a loop (offset = last
 * handled update_id + 1), each update through the webhook's handler, one at a time and in order.
 * Errors back off (Telegram's retry_after when it gives one); a failed update is tried again
 * before any later one, so a person's messages keep their order.
 */
export function createTelegramPolling(options: TelegramPollingOptions): TelegramPolling {
  const timeoutSeconds = options.timeoutSeconds ?? 25;
  const initialBackoffMs = options.initialBackoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const log = options.logger;
  const controller = new AbortController();
  const signal = controller.signal;
  let loop: Promise<void> | null = null;
  let offset: number | undefined;
  let confirmed: number | undefined;

  const backoff = (failures: number) => Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.max(0, failures - 1));

  async function run(): Promise<void> {
    let failures = 0;
    const attempts = new Map<number, number>();
    while (!signal.aborted) {
      let updates: unknown[];
      try {
        updates = await options.adapter.getUpdates({ offset, timeoutSeconds, signal });
        confirmed = offset;
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const wait = error instanceof ChannelError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoff(failures);
        log.warn({ err: error, waitMs: wait }, 'telegram getUpdates failed; retrying');
        await sleep(wait, signal);
        continue;
      }
      for (const update of updates) {
        const id = updateIdOf(update);
        if (id === null) continue;
        try {
          await options.handleUpdate(update);
          attempts.delete(id);
          offset = id + 1;
        } catch (error) {
          const tried = (attempts.get(id) ?? 0) + 1;
          if (tried >= maxAttempts) {
            log.error({ err: error, updateId: id, attempts: tried }, 'telegram update skipped after repeated failures');
            attempts.delete(id);
            offset = id + 1;
            continue;
          }
          attempts.set(id, tried);
          log.warn({ err: error, updateId: id, attempt: tried }, 'telegram update failed; will try again');
          await sleep(backoff(tried), signal);
          // Fetch again from the failed update: the ones after it wait their turn.
          break;
        }
      }
    }
  }

  return {
    start() {
      if (loop || signal.aborted) return;
      loop = run().catch((error: unknown) => log.error({ err: error }, 'telegram polling stopped unexpectedly'));
    },
    async stop() {
      controller.abort();
      await loop;
      if (offset !== undefined && offset !== confirmed) {
        // Tells Telegram what was handled, so a restart does not fetch it again (the engine would
        // ignore it anyway). Updates this returns stay pending for next time.
        await options.adapter.getUpdates({ offset, timeoutSeconds: 0 }).catch((error: unknown) => {
          log.warn({ err: error }, 'telegram offset not confirmed at stop');
        });
      }
    },
  };
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
