import type { InboundMessage, Reply } from '../core/messages';
import type { Logger } from '../lib/logger';
import { metrics } from '../metrics/metrics';
import type { ChannelAdapter } from './channel';
import { ChannelError } from './channel-error';

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
        await deps.adapter.send(to, reply);
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
