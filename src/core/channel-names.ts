import type { ChannelId } from './messages';

/** What the office calls each channel. */
export const channelNames: Readonly<Record<ChannelId, string>> = { telegram: 'Telegram', zalo_oa: 'Zalo OA', zalo_bot: 'Zalo Bot', webchat: 'Trò chuyện trên web' };

const byValue: ReadonlyMap<string, string> = new Map(Object.entries(channelNames));

/** A channel's name, or the value itself when it names no channel (e.g. a platform in the audit log). */
export function channelName(value: string): string {
  return byValue.get(value) ?? value;
}
