import { z } from 'zod';

/**
 * The parts of a Telegram Bot API `Update` this service reads, and nothing more: zod strips every
 * other field, so a field Telegram adds tomorrow changes nothing here. Ids are numbers in the Bot
 * API (up to 52 bits, exact in a double) and become strings as soon as they leave this file.
 *
 * Each kind of update is parsed on its own (see `parseTelegramUpdate`): an update whose `message`
 * has a shape we do not expect is ignored, never an error.
 */
const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const chat = z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string().optional(),
});

const entity = z.object({
  type: z.string(),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
});

const document = z.object({
  file_id: z.string().min(1),
  file_unique_id: z.string(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().min(0).optional(),
});

const photoSize = z.object({
  file_id: z.string().min(1),
  file_unique_id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  file_size: z.number().int().min(0).optional(),
});

/** Media that are files but never an accepted report attachment. */
const otherFile = z.object({
  file_id: z.string().min(1),
  file_size: z.number().int().min(0).optional(),
  mime_type: z.string().optional(),
  file_name: z.string().optional(),
});

const contact = z.object({
  phone_number: z.string().min(1).max(40),
  first_name: z.string(),
  last_name: z.string().optional(),
  user_id: z.number().int().optional(),
});

export const telegramMessageSchema = z.object({
  message_id: z.number().int(),
  from: user.optional(),
  chat,
  date: z.number().int(),
  text: z.string().optional(),
  entities: z.array(entity).optional(),
  caption: z.string().optional(),
  document: document.optional(),
  photo: z.array(photoSize).optional(),
  contact: contact.optional(),
  sticker: z.object({ file_id: z.string() }).optional(),
  video: otherFile.optional(),
  audio: otherFile.optional(),
  voice: otherFile.optional(),
  video_note: otherFile.optional(),
  animation: otherFile.optional(),
});
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;

export const telegramCallbackQuerySchema = z.object({
  id: z.string().min(1),
  from: user,
  /** Absent when the message with the button is too old for Telegram to include. */
  message: z.object({ message_id: z.number().int(), chat }).optional(),
  data: z.string().optional(),
});
export type TelegramCallbackQuery = z.infer<typeof telegramCallbackQuerySchema>;

export const telegramChatMemberUpdatedSchema = z.object({
  chat,
  from: user,
  date: z.number().int(),
  new_chat_member: z.object({ status: z.string(), user }),
});
export type TelegramChatMemberUpdated = z.infer<typeof telegramChatMemberUpdatedSchema>;

/**
 * The kinds of update the bot asks Telegram for (`allowed_updates` of setWebhook and getUpdates).
 * Edited messages are not asked for: an answer is taken when it is sent, and one that arrives
 * anyway (Telegram keeps the list of an earlier deployment until it is set again) is ignored.
 */
export const allowedUpdates = ['message', 'callback_query', 'my_chat_member'] as const;

/** One update, reduced to the kind we handle; `other` for every kind or shape we do not. */
export type TelegramUpdate =
  | { readonly updateId: number; readonly kind: 'message'; readonly message: TelegramMessage }
  | { readonly updateId: number; readonly kind: 'callback_query'; readonly callbackQuery: TelegramCallbackQuery }
  | { readonly updateId: number; readonly kind: 'my_chat_member'; readonly chatMember: TelegramChatMemberUpdated }
  | { readonly updateId: number; readonly kind: 'other'; readonly what: string };

const envelope = z.object({ update_id: z.number().int().min(0) });
const kinds = z.object({
  message: z.unknown().optional(),
  callback_query: z.unknown().optional(),
  my_chat_member: z.unknown().optional(),
});

/**
 * Parses a webhook body or one element of getUpdates. Null when it is not an update at all (no
 * `update_id`); `kind: 'other'` for an update we do not handle or whose content has a shape we do
 * not expect, so that it is acknowledged and dropped rather than retried forever.
 */
export function parseTelegramUpdate(body: unknown): TelegramUpdate | null {
  const head = envelope.safeParse(body);
  if (!head.success) return null;
  const updateId = head.data.update_id;
  const present = kinds.parse(body);
  if (present.message !== undefined) {
    const message = telegramMessageSchema.safeParse(present.message);
    return message.success ? { updateId, kind: 'message', message: message.data } : { updateId, kind: 'other', what: 'malformed message' };
  }
  if (present.callback_query !== undefined) {
    const query = telegramCallbackQuerySchema.safeParse(present.callback_query);
    return query.success
      ? { updateId, kind: 'callback_query', callbackQuery: query.data }
      : { updateId, kind: 'other', what: 'malformed callback_query' };
  }
  if (present.my_chat_member !== undefined) {
    const member = telegramChatMemberUpdatedSchema.safeParse(present.my_chat_member);
    return member.success
      ? { updateId, kind: 'my_chat_member', chatMember: member.data }
      : { updateId, kind: 'other', what: 'malformed my_chat_member' };
  }
  return { updateId, kind: 'other', what: otherKind(body) };
}

/** The name of the update's kind, for the log ("edited_message", "message_reaction"). */
function otherKind(body: unknown): string {
  if (typeof body !== 'object' || body === null) return 'unknown';
  return Object.keys(body).find((key) => key !== 'update_id') ?? 'empty';
}

/** The `update_id` of a raw update, or null when it has none. */
export function updateIdOf(body: unknown): number | null {
  const head = envelope.safeParse(body);
  return head.success ? head.data.update_id : null;
}
