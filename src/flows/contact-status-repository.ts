import type { ChannelId } from '../core/messages';

/**
 * Platform events about a person rather than messages from them: they blocked the bot or
 * unfollowed the OA (nothing more is sent to them), or came back.
 */
export interface ContactStatusRepository {
  markBlocked(channel: ChannelId, platformUserId: string, reason: string, at: Date): Promise<void>;
  markActive(channel: ChannelId, platformUserId: string, at: Date, displayName?: string): Promise<void>;
}
