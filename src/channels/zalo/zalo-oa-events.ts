import { z } from 'zod';

/** A platform id: a string, or a number Zalo sent unquoted (kept as its digits). */
const idSchema = z.union([z.string().min(1), z.number().int()]).transform(String);
const personSchema = z.object({ id: idSchema });

/** What every OA webhook body has: its event and the `timestamp` the signature covers. */
export const zaloOaEnvelopeSchema = z.object({
  event_name: z.string().min(1),
  timestamp: idSchema,
});

/**
 * The events we act on, with the fields we read. Sources: developers.zalo.me's webhook pages
 * ("Sự kiện người dùng gửi tin nhắn", "… quan tâm OA", "… gửi thông tin"), as quoted in
 * hoangnd25/monorepo's integration guide and used by the open-source handlers in the report.
 * Anything else in a body is ignored.
 */
const textSchema = z.object({
  sender: personSchema,
  message: z.object({ msg_id: idSchema, text: z.string() }),
});
const imageSchema = z.object({
  sender: personSchema,
  message: z.object({
    msg_id: idSchema,
    text: z.string().optional(),
    attachments: z.array(z.object({ type: z.string(), payload: z.object({ url: z.url() }) })).min(1),
  }),
});
const fileSchema = z.object({
  sender: personSchema,
  message: z.object({
    msg_id: idSchema,
    text: z.string().optional(),
    attachments: z
      .array(
        z.object({
          type: z.string(),
          // `size` is a string of bytes in Zalo's examples ("7032").
          payload: z.object({ url: z.url(), name: z.string().optional(), size: idSchema.optional() }),
        }),
      )
      .min(1),
  }),
});
const submitInfoSchema = z.object({
  sender: personSchema,
  // Zalo's example: { address, phone: "84987654321", city, district, name, ward }.
  info: z.object({ phone: z.union([z.string(), z.number()]).transform(String), name: z.string().optional() }),
});
const followSchema = z.object({ follower: personSchema });

export interface ZaloOaAttachment {
  readonly kind: 'image' | 'document';
  readonly url: string;
  readonly fileName?: string;
  /** As Zalo announced it, before downloading. */
  readonly sizeBytes?: number;
}

/** An OA webhook event in the terms the channel acts on. */
export type ZaloOaEvent =
  | { readonly kind: 'message'; readonly userId: string; readonly msgId: string; readonly text?: string; readonly attachments: readonly ZaloOaAttachment[] }
  | { readonly kind: 'shared-info'; readonly userId: string; readonly phone: string; readonly name?: string }
  | { readonly kind: 'follow'; readonly userId: string }
  | { readonly kind: 'unfollow'; readonly userId: string }
  | { readonly kind: 'ignored'; readonly eventName: string }
  | { readonly kind: 'invalid'; readonly eventName: string; readonly error: z.ZodError };

/** Reads a verified OA webhook body (parsed with `parseZaloJson`). Pure: no network, no database. */
export function toZaloOaEvent(body: unknown): ZaloOaEvent {
  const envelope = zaloOaEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: 'invalid', eventName: '', error: envelope.error };
  const eventName = envelope.data.event_name;
  const invalid = (error: z.ZodError): ZaloOaEvent => ({ kind: 'invalid', eventName, error });

  switch (eventName) {
    case 'user_send_text': {
      const parsed = textSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const { sender, message } = parsed.data;
      return { kind: 'message', userId: sender.id, msgId: message.msg_id, text: message.text, attachments: [] };
    }
    case 'user_send_image': {
      const parsed = imageSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const { sender, message } = parsed.data;
      return {
        kind: 'message',
        userId: sender.id,
        msgId: message.msg_id,
        text: message.text?.trim() || undefined,
        attachments: message.attachments.map((a) => ({ kind: 'image', url: a.payload.url })),
      };
    }
    case 'user_send_file': {
      const parsed = fileSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const { sender, message } = parsed.data;
      return {
        kind: 'message',
        userId: sender.id,
        msgId: message.msg_id,
        text: message.text?.trim() || undefined,
        attachments: message.attachments.map((a) => {
          const size = Number(a.payload.size);
          return {
            kind: 'document',
            url: a.payload.url,
            fileName: a.payload.name,
            sizeBytes: Number.isFinite(size) && size > 0 ? size : undefined,
          };
        }),
      };
    }
    case 'user_submit_info': {
      const parsed = submitInfoSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return { kind: 'shared-info', userId: parsed.data.sender.id, phone: parsed.data.info.phone, name: parsed.data.info.name };
    }
    case 'follow':
    case 'unfollow': {
      const parsed = followSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return { kind: eventName, userId: parsed.data.follower.id };
    }
    default:
      return { kind: 'ignored', eventName };
  }
}
