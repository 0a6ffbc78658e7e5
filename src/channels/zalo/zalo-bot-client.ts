import { z } from 'zod';
import { parseZaloJson } from './parse-zalo-json';
import { ZaloApiError, ZaloHttpError } from './zalo-errors';

const idSchema = z.union([z.string().min(1), z.number().int()]).transform(String);
const sentSchema = z.object({ message_id: idSchema, date: z.number().optional() });

/**
 * The Bot Platform methods we call and what we read from their `result`. Source: the Bot
 * Platform's docs (bot.zaloplatforms.com/docs), as copied in XuanNguyenNB/QuanLyThuChi_Bot_Telegram_Zalom
 * (docs/ZALO_BOT_API.md): `POST <root>/bot<token>/<method>`, JSON in, `{ ok, result }` out.
 */
const methods = {
  sendMessage: sentSchema,
  sendPhoto: sentSchema,
  sendChatAction: z.unknown(),
  setWebhook: z.unknown(),
  deleteWebhook: z.unknown(),
  // The update (or, in some copies of the docs, a list of them): read by zalo-bot-updates.ts.
  getUpdates: z.unknown(),
} as const;

type MethodName = keyof typeof methods;

const envelopeSchema = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.coerce.number().optional(),
  description: z.string().optional(),
});

export interface ZaloBotClientOptions {
  /** The bot token, `<bot id>:<secret>`: part of every URL, so never logged. */
  readonly token: string;
  /** e.g. https://bot-api.zaloplatforms.com */
  readonly apiRoot: string;
  /** @defaultValue 10_000 (long polls add their own timeout to it) */
  readonly timeoutMs?: number;
  /** Injected in tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** A typed client for the Zalo Bot Platform (Telegram-like). `ok: false` throws `ZaloApiError`. */
export function createZaloBotClient(options: ZaloBotClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = `${options.apiRoot.replace(/\/+$/, '')}/bot${options.token}`;

  async function request(method: MethodName, params: object, extra: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    const timeout = AbortSignal.timeout(extra.timeoutMs ?? timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${base}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: extra.signal ? AbortSignal.any([timeout, extra.signal]) : timeout,
      });
    } catch (cause) {
      // The cause names the host, never the path that carries the token.
      throw new ZaloHttpError('bot', method, 'network request failed', undefined, { cause });
    }
    const envelope = envelopeSchema.safeParse(parseZaloJson(await response.text().catch(() => '')));
    if (!envelope.success) {
      throw new ZaloHttpError('bot', method, response.ok ? 'unexpected response shape' : `HTTP ${response.status}`, response.status);
    }
    if (!envelope.data.ok) {
      throw new ZaloApiError('bot', method, envelope.data.error_code ?? response.status, envelope.data.description ?? '');
    }
    const parsed = methods[method].safeParse(envelope.data.result);
    if (!parsed.success) throw new ZaloHttpError('bot', method, 'unexpected result shape', response.status, { cause: parsed.error });
    return envelope.data.result;
  }

  async function sent(method: 'sendMessage' | 'sendPhoto', params: object): Promise<{ messageId: string }> {
    const result = sentSchema.parse(await request(method, params));
    return { messageId: result.message_id };
  }

  return {
    /** A text message, 1 to 2,000 characters. */
    sendMessage(chatId: string, text: string) {
      return sent('sendMessage', { chat_id: chatId, text });
    },
    /** A picture by URL, with an optional caption (at most 2,000 characters). */
    sendPhoto(chatId: string, photoUrl: string, caption?: string) {
      return sent('sendPhoto', { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) });
    },
    /** "Typing…" in the chat, until the next message or a few seconds pass. */
    async sendChatAction(chatId: string, action: 'typing' | 'upload_photo'): Promise<void> {
      await request('sendChatAction', { chat_id: chatId, action });
    },
    /** Sends updates to `url` with `X-Bot-Api-Secret-Token: <secretToken>` (8–256 characters). */
    async setWebhook(url: string, secretToken: string): Promise<void> {
      await request('setWebhook', { url, secret_token: secretToken });
    },
    /** Stops webhook delivery, so that getUpdates works. */
    async deleteWebhook(): Promise<void> {
      await request('deleteWebhook', {});
    },
    /**
     * Waits up to `timeoutSeconds` for the next update (one per call, no offset); the raw result.
     * Zalo answers 408 when none came: callers treat that as "nothing yet".
     */
    getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<unknown> {
      return request('getUpdates', { timeout: String(timeoutSeconds) }, { timeoutMs: timeoutSeconds * 1000 + timeoutMs, signal });
    },
  };
}

export type ZaloBotClient = ReturnType<typeof createZaloBotClient>;
