import type { ConversationEngine } from '../flows/conversation-engine';
import { metrics } from './metrics';

/**
 * The conversation engine, counting what comes in on every channel (webhook, polling, web chat)
 * at the one place all of it passes. The web chat's replies are counted here too: they go back in
 * the response to the request itself; the other channels' are counted as they are sent.
 */
export function instrumentEngine(engine: ConversationEngine): ConversationEngine {
  return {
    async handle(message) {
      metrics.inboundMessages.inc({ channel: message.channel });
      const replies = await engine.handle(message);
      if (message.channel === 'webchat' && replies.length > 0) {
        metrics.replies.inc({ channel: 'webchat', outcome: 'sent' }, replies.length);
      }
      return replies;
    },
    promptAfterInterruption: (channel, platformUserId) => engine.promptAfterInterruption(channel, platformUserId),
  };
}
