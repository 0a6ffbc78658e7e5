import type { ChannelAdapter } from '../channel';
import { renderZaloText } from './render-zalo-reply';
import { toZaloChannelError } from './zalo-errors';
import type { RequestUserInfoCard, ZaloOaClient } from './zalo-oa-client';

/** The card that asks a person to share their Zalo phone number, in the office's words. */
export const defaultRequestUserInfoCard: RequestUserInfoCard = {
  title: 'Chia sẻ số điện thoại với Hiệp hội',
  subtitle:
    'Bấm “Chia sẻ” để gửi số điện thoại Anh/Chị dùng cho Zalo. Hiệp hội chỉ dùng số này để tìm hồ sơ hội viên của doanh nghiệp.',
};

/**
 * Sends replies as Zalo OA consultation messages: the text (choices numbered, links on their own
 * line, split at 2,000 characters), then, when the reply asks for a verified phone, Zalo's
 * `request_user_info` card. Zalo's refusals become `ChannelError`s (see zalo-errors.ts).
 */
export function createZaloOaAdapter(deps: {
  client: Pick<ZaloOaClient, 'sendText' | 'sendRequestUserInfo'>;
  requestUserInfoCard?: RequestUserInfoCard;
}): ChannelAdapter {
  const card = deps.requestUserInfoCard ?? defaultRequestUserInfoCard;
  return {
    id: 'zalo_oa',
    async send(platformUserId, reply) {
      const platformMessageIds: string[] = [];
      try {
        for (const text of renderZaloText(reply)) {
          platformMessageIds.push((await deps.client.sendText(platformUserId, text)).messageId);
        }
        if (reply.requestPhone) {
          platformMessageIds.push((await deps.client.sendRequestUserInfo(platformUserId, card)).messageId);
        }
      } catch (error) {
        throw toZaloChannelError('zalo_oa', error);
      }
      return { platformMessageIds };
    },
  };
}
