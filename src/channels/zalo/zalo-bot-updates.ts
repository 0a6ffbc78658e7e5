import { z } from 'zod';

const idSchema = z.union([z.string().min(1), z.number().int()]).transform(String);

/**
 * A Bot Platform update, as the webhook and getUpdates deliver it. Sources disagree on details, so
 * the schema is lenient where they do: the sender's name is `display_name` in the official sample
 * and `first_name` or `name` in other copies; a picture's URL is `photo_url` (as the brief and one
 * SDK have it) or `photo` (the docs' table of events).
 */
const messageSchema = z.object({
  message_id: idSchema,
  from: z.object({
    id: idSchema,
    display_name: z.string().optional(),
    first_name: z.string().optional(),
    name: z.string().optional(),
    is_bot: z.boolean().optional(),
  }),
  chat: z.object({ id: idSchema, chat_type: z.string().optional() }),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo_url: z.string().optional(),
  photo: z.unknown().optional(),
});
const updateSchema = z.object({ event_name: z.string().min(1), message: messageSchema.optional() });
/** The webhook body may come bare or wrapped like a getUpdates answer. */
const bodySchema = z.union([z.object({ ok: z.boolean(), result: z.union([updateSchema, z.array(updateSchema)]) }), updateSchema, z.array(updateSchema)]);

/** A Bot Platform update in the terms the channel acts on. */
export type ZaloBotEvent =
  | {
      readonly kind: 'message';
      readonly messageId: string;
      readonly userId: string;
      /** Where to answer: the person's own chat, or a group. */
      readonly chatId: string;
      readonly isGroup: boolean;
      readonly displayName?: string;
      readonly text?: string;
      readonly photoUrl?: string;
    }
  | { readonly kind: 'ignored'; readonly eventName: string };

/**
 * Reads a webhook body or a getUpdates result: bare, wrapped in `{ ok, result }`, or a list.
 * Null when it is none of these. Pure: no network, no database.
 */
export function toZaloBotEvents(body: unknown): ZaloBotEvent[] | null {
  if (body === null || body === undefined) return [];
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return null;
  const data = parsed.data;
  const updates = Array.isArray(data) ? data : 'ok' in data ? [data.result].flat() : [data];
  return updates.map(toEvent);
}

function toEvent(update: z.infer<typeof updateSchema>): ZaloBotEvent {
  const message = update.message;
  if (!message || message.from.is_bot) return { kind: 'ignored', eventName: update.event_name };
  const common = {
    kind: 'message' as const,
    messageId: message.message_id,
    userId: message.from.id,
    chatId: message.chat.id,
    isGroup: (message.chat.chat_type ?? 'PRIVATE').toUpperCase() !== 'PRIVATE',
    displayName: (message.from.display_name ?? message.from.first_name ?? message.from.name)?.trim() || undefined,
  };
  switch (update.event_name) {
    case 'message.text.received':
      return { ...common, text: message.text };
    case 'message.image.received': {
      // The bot cannot take files (channelCapabilities.zalo_bot.files): the engine gets the
      // caption, if any, and no attachment.
      const photoUrl = message.photo_url ?? (typeof message.photo === 'string' ? message.photo : undefined);
      return { ...common, text: message.caption?.trim() || undefined, photoUrl };
    }
    case 'message.sticker.received':
      return common;
    default:
      // message.unsupported.received and anything newer.
      return { kind: 'ignored', eventName: update.event_name };
  }
}
