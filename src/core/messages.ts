/** The messaging surfaces the service speaks on. */
export type ChannelId = 'telegram' | 'zalo_oa' | 'zalo_bot' | 'webchat';

/** A file a person sent, already stored under DATA_DIR by the channel that received it. */
export interface InboundAttachment {
  readonly kind: 'document' | 'image';
  readonly fileName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** Relative to DATA_DIR. */
  readonly storagePath: string;
}

/** One thing a person did in a chat, in the same shape whatever the platform. */
export interface InboundMessage {
  readonly channel: ChannelId;
  /** The platform's id of the person, always a string. */
  readonly platformUserId: string;
  readonly displayName?: string;
  readonly text?: string;
  /** The payload of a choice button the person pressed. */
  readonly payload?: string;
  readonly attachment?: InboundAttachment;
  /** A phone number the platform shared; `verified` when the platform vouches it is theirs. */
  readonly sharedPhone?: { readonly phone: string; readonly verified: boolean };
  /** The platform's id of this update: the same update delivered twice has its effect once. */
  readonly updateId: string;
  /**
   * Where the message was written when it was not a private chat with the bot (a Telegram
   * group): replies go there, and only public commands are answered.
   */
  readonly groupChatId?: string;
}

export interface Choice {
  readonly label: string;
  readonly payload: string;
}

/** One message the bot sends; a channel renders what it can (numbered text where no buttons). */
export interface Reply {
  readonly text: string;
  readonly choices?: readonly Choice[];
  /**
   * The choices may be typed by their words but not their numbers: the question itself takes a
   * number ("Doanh thu?"), so a "1" is an answer, not "Quay lại". Channels without buttons list
   * them as words instead of numbering them.
   */
  readonly choicesByWord?: boolean;
  /** Ask the platform's own "share my phone number" control, where it has one. */
  readonly requestPhone?: boolean;
  readonly link?: { readonly url: string; readonly label: string };
}

/** What a channel can do, so the conversation asks only for what it can get. */
export interface ChannelCapabilities {
  /** The platform can share a phone number it has verified (Telegram's contact button, Zalo's user info). */
  readonly verifiedPhone: boolean;
  /** Files can be received (report attachments). */
  readonly files: boolean;
}

export const channelCapabilities: Readonly<Record<ChannelId, ChannelCapabilities>> = {
  telegram: { verifiedPhone: true, files: true },
  zalo_oa: { verifiedPhone: true, files: true },
  zalo_bot: { verifiedPhone: false, files: false },
  webchat: { verifiedPhone: false, files: true },
};
