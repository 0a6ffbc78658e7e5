import { setTimeout as sleep } from 'node:timers/promises';
import type { InboundMessage, Reply } from '../core/messages';
import type { Logger } from '../lib/logger';
import { metrics } from '../metrics/metrics';
import type { ChannelAdapter } from './channel';
import { ChannelError } from './channel-error';

/** Waits before the second and third try of a reply. */
const REPLY_RETRY_DELAYS_MS = [250, 1_000] as const;
/** A reply later than this is stale: the person has likely written again. */
const MAX_REPLY_WAIT_MS = 5_000;

export interface Responder {
  /**
   * Runs the conversation for one inbound message and sends its replies. Resolves once the
   * message's effects are committed (a database failure rejects, so the webhook answers 5xx and
   * the platform delivers again); the replies go out after, in order, without holding the webhook.
   */
  respond(message: InboundMessage): Promise<void>;
  /** Waits for the replies still being sent (at shutdown). */
  drain(): Promise<void>;
}

export function createResponder(deps: {
  handle(message: InboundMessage): Promise<Reply[]>;
  adapter: ChannelAdapter;
  logger: Logger;
}): Responder {
  const inFlight = new Set<Promise<void>>();

  async function sendAll(to: string, replies: readonly Reply[]): Promise<void> {
    for (const reply of replies) {
      try {
        await sendWithRetries(to, reply);
        metrics.replies.inc({ channel: deps.adapter.id, outcome: 'sent' });
      } catch (error) {
        metrics.replies.inc({ channel: deps.adapter.id, outcome: 'failed' });
        const rejected = error instanceof ChannelError && !error.retryable;
        deps.logger.warn({ err: error, channel: deps.adapter.id, rejected }, 'reply not delivered');
        // The rest would fail the same way, or arrive without the message they follow.
        return;
      }
    }
  }

  /**
   * A reply is not queued, so a passing failure (a connection reset, a 5xx, a 429) would lose it:
   * it is tried twice more, after the platform's retry_after when it gave one. A refusal is final.
   */
  async function sendWithRetries(to: string, reply: Reply): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await deps.adapter.send(to, reply);
        return;
      } catch (error) {
        const final = (error instanceof ChannelError && !error.retryable) || attempt >= REPLY_RETRY_DELAYS_MS.length;
        if (final) throw error;
        const retryAfterMs = error instanceof ChannelError ? error.retryAfterMs : undefined;
        await sleep(Math.min(retryAfterMs ?? REPLY_RETRY_DELAYS_MS[attempt] ?? 1_000, MAX_REPLY_WAIT_MS));
      }
    }
  }

  return {
    async respond(message) {
      const replies = await deps.handle(message);
      if (replies.length === 0) return;
      const sending = sendAll(message.groupChatId ?? message.platformUserId, replies);
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
}
