import type { ChannelAdapter } from '../channel';
import { renderZaloText } from './render-zalo-reply';
import { toZaloChannelError } from './zalo-errors';
import type { ZaloBotClient } from './zalo-bot-client';

/**
 * Sends replies on the Zalo Bot Platform: text only (it has no buttons: choices are numbered, links
 * on their own line), split at 2,000 characters. The platform cannot share a verified phone, so
 * `requestPhone` has nothing to show.
 */
export function createZaloBotAdapter(deps: { client: Pick<ZaloBotClient, 'sendMessage'> }): ChannelAdapter {
  return {
    id: 'zalo_bot',
    async send(chatId, reply) {
      const platformMessageIds: string[] = [];
      try {
        for (const text of renderZaloText(reply)) {
          platformMessageIds.push((await deps.client.sendMessage(chatId, text)).messageId);
        }
      } catch (error) {
        throw toZaloChannelError('zalo_bot', error);
      }
      return { platformMessageIds };
    },
  };
}
