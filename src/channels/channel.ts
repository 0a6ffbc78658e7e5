import type { ChannelId, Reply } from '../core/messages';

/**
 * What the rest of the service needs from a messaging platform to send. One implementation per
 * platform lives in `src/channels/<platform>/`; the core never imports them.
 */
export interface ChannelAdapter {
  readonly id: ChannelId;
  /**
   * Delivers one reply to one person, split into as many platform messages as the platform's
   * limits need, in order. Throws `ChannelError`.
   */
  send(platformUserId: string, reply: Reply): Promise<{ platformMessageIds: string[] }>;
}
