import type { InboundMessage } from '../../core/messages';
import type { TelegramCallbackQuery, TelegramChatMemberUpdated, TelegramMessage, TelegramUpdate } from './telegram-schemas';

/** A file a person sent, described from the update; fetching it is the channel's next step. */
export interface TelegramFileRef {
  readonly fileId: string;
  /** `other`: a video, voice note or the like, never accepted as a report attachment. */
  readonly kind: 'document' | 'image' | 'other';
  readonly fileName: string;
  /** What the sender's app claimed; the file's name decides first (see acceptedFileType). */
  readonly mimeType?: string;
  /** As Telegram reported it, when it did: checked before anything is downloaded. */
  readonly sizeBytes?: number;
}

/** What one update asks of the service. */
export type TelegramEvent =
  | {
      readonly kind: 'message';
      /** Without its attachment: `file` is fetched and stored first. */
      readonly message: InboundMessage;
      readonly file?: TelegramFileRef;
      /** A pressed button: answered so that the button stops spinning. */
      readonly callbackQueryId?: string;
    }
  | {
      readonly kind: 'contact-status';
      readonly status: 'blocked' | 'active';
      readonly platformUserId: string;
      readonly displayName: string;
      readonly at: Date;
    }
  | { readonly kind: 'ignore'; readonly reason: string; readonly callbackQueryId?: string };

/**
 * Turns a parsed update into what the service does with it. Pure: no network, no database.
 *
 * - A private chat's message, button press or shared contact becomes an `InboundMessage`
 *   (updateId `tg-<update_id>`, so a redelivered update has one effect). Text passes as is,
 *   `/start CODE` included: the engine reads the invite code.
 * - In a group, only a command addressed to this bot (`/cmd@<botUsername>`) is passed on, with
 *   `groupChatId`; nothing else said in a group reaches the conversation.
 * - `my_chat_member` in a private chat: `kicked` means the person blocked the bot, `member` that
 *   they came back.
 * - Edited messages and every other kind are ignored.
 */
export function toInbound(update: TelegramUpdate, context: { readonly botUsername: string }): TelegramEvent {
  const updateId = `tg-${update.updateId}`;
  switch (update.kind) {
    case 'message':
      return fromMessage(update.message, updateId, context.botUsername);
    case 'callback_query':
      return fromCallbackQuery(update.callbackQuery, updateId);
    case 'my_chat_member':
      return fromChatMember(update.chatMember);
    case 'other':
      return { kind: 'ignore', reason: update.what };
  }
}

function fromMessage(message: TelegramMessage, updateId: string, botUsername: string): TelegramEvent {
  const from = message.from;
  if (!from || from.is_bot) return { kind: 'ignore', reason: 'message from a bot or a channel' };
  const base = { channel: 'telegram' as const, platformUserId: String(from.id), displayName: nameOf(from), updateId };

  if (message.chat.type === 'group' || message.chat.type === 'supergroup') {
    const text = message.text ?? '';
    if (!isCommandTo(text, message.entities, botUsername)) return { kind: 'ignore', reason: 'group message not addressed to the bot' };
    return { kind: 'message', message: { ...base, text, groupChatId: String(message.chat.id) } };
  }
  if (message.chat.type !== 'private') return { kind: 'ignore', reason: `${message.chat.type} chat` };

  if (message.contact) {
    // Only the person's own contact is vouched for: anyone can forward someone else's card.
    const own = message.contact.user_id === from.id;
    return { kind: 'message', message: { ...base, sharedPhone: { phone: message.contact.phone_number, verified: own } } };
  }
  const file = fileOf(message);
  if (file) return { kind: 'message', message: { ...base, text: message.caption }, file };
  // A sticker, a location, anything without text: the engine answers with what it can do.
  return { kind: 'message', message: { ...base, text: message.text } };
}

function fromCallbackQuery(query: TelegramCallbackQuery, updateId: string): TelegramEvent {
  const callbackQueryId = query.id;
  if (query.data === undefined) return { kind: 'ignore', reason: 'callback without data', callbackQueryId };
  // Choice buttons are only ever sent in private chats (see renderReply).
  if (query.message && query.message.chat.type !== 'private') {
    return { kind: 'ignore', reason: 'callback from a group', callbackQueryId };
  }
  if (query.from.is_bot) return { kind: 'ignore', reason: 'callback from a bot', callbackQueryId };
  return {
    kind: 'message',
    message: {
      channel: 'telegram',
      platformUserId: String(query.from.id),
      displayName: nameOf(query.from),
      payload: query.data,
      updateId,
    },
    callbackQueryId,
  };
}

function fromChatMember(update: TelegramChatMemberUpdated): TelegramEvent {
  if (update.chat.type !== 'private') return { kind: 'ignore', reason: 'bot membership in a group' };
  const status = update.new_chat_member.status;
  if (status !== 'kicked' && status !== 'member') return { kind: 'ignore', reason: `membership ${status}` };
  return {
    kind: 'contact-status',
    status: status === 'kicked' ? 'blocked' : 'active',
    platformUserId: String(update.chat.id),
    displayName: nameOf(update.from),
    at: new Date(update.date * 1000),
  };
}

/** `/cmd@ThisBot …` whose command entity starts the message; the username is case-insensitive. */
function isCommandTo(text: string, entities: TelegramMessage['entities'], botUsername: string): boolean {
  const first = entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!first) return false;
  const command = /^\/[^\s@]+@(\w+)$/.exec(text.slice(0, first.length));
  return command?.[1]?.toLowerCase() === botUsername.toLowerCase();
}

function fileOf(message: TelegramMessage): TelegramFileRef | undefined {
  if (message.document) {
    const d = message.document;
    return { fileId: d.file_id, kind: 'document', fileName: d.file_name ?? `tep-${message.message_id}`, mimeType: d.mime_type, sizeBytes: d.file_size };
  }
  if (message.photo && message.photo.length > 0) {
    // Telegram sends the picture in several sizes; the largest is the one worth keeping.
    const largest = message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return { fileId: largest.file_id, kind: 'image', fileName: `anh-${message.message_id}.jpg`, mimeType: 'image/jpeg', sizeBytes: largest.file_size };
  }
  const other = message.video ?? message.audio ?? message.voice ?? message.video_note ?? message.animation;
  if (other) {
    return { fileId: other.file_id, kind: 'other', fileName: other.file_name ?? `tep-${message.message_id}`, mimeType: other.mime_type, sizeBytes: other.file_size };
  }
  return undefined;
}

function nameOf(user: { first_name: string; last_name?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
}
