import { Agent as HttpAgent } from 'node:http';
import { Telegram, TelegramError } from 'telegraf';
import type { Reply } from '../../core/messages';
import type { ChannelAdapter } from '../channel';
import { ChannelError, type RejectionReason } from '../channel-error';
import { renderReply } from './render-reply';
import { allowedUpdates } from './telegram-schemas';

/** The Bot API calls the Telegram channel makes, all throwing `ChannelError`. */
export interface TelegramAdapter extends ChannelAdapter {
  /**
   * Sends a reply to a person (their user id) or, for a group command, to the group (a negative
   * chat id). Parts go out in order; a failure stops the rest.
   *
   * A `CHANNEL_REJECTED` error with reason `blocked` (the person blocked the bot or deleted their
   * account) does not change the contact here: whoever sent decides (a delivery records it, a
   * broadcast marks the contact), and `my_chat_member` tells the same when Telegram sends it.
   */
  send(platformUserId: string, reply: Reply): Promise<{ platformMessageIds: string[] }>;
  /** Stops the spinner on a pressed button. */
  answerCallbackQuery(callbackQueryId: string): Promise<void>;
  /** The bot's own account, for its username (group commands are addressed `/cmd@username`). */
  getMe(): Promise<{ id: number; username: string }>;
  /** Where a file can be downloaded from, and its size when Telegram knows it. */
  getFile(fileId: string): Promise<{ filePath?: string; sizeBytes?: number }>;
  /** The download URL of a file. It carries the bot token: never log it. */
  fileUrl(filePath: string): string;
  /** Webhook mode: Telegram posts updates to `url` with `secret` in X-Telegram-Bot-Api-Secret-Token. */
  setWebhook(url: string, secret: string): Promise<void>;
  /** Polling mode: getUpdates answers only once no webhook is set. Pending updates are kept. */
  deleteWebhook(): Promise<void>;
  /** One long poll: the raw updates from `offset` on, parsed by the caller. */
  getUpdates(options: { offset?: number; timeoutSeconds: number; signal?: AbortSignal }): Promise<unknown[]>;
}

/**
 * The Telegram channel's client: telegraf's `Telegram` API client (no telegraf middleware: the
 * conversations live in our engine) with every error mapped to `ChannelError`. The only module
 * that imports telegraf.
 */
export function createTelegramAdapter(config: { readonly token: string; readonly apiRoot: string }): TelegramAdapter {
  const telegram = new Telegram(config.token, { apiRoot: config.apiRoot, webhookReply: false });
  // telegraf keeps connections alive only to an https root and drops any agent given for http
  // (a local Bot API server, our fakes): without one, every send opened a new connection.
  if (config.apiRoot.startsWith('http://')) telegram.options.agent = new HttpAgent({ keepAlive: true, keepAliveMsecs: 10_000 });

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toChannelError(error, what);
    }
  }

  return {
    id: 'telegram',

    async send(platformUserId, reply) {
      // Group and supergroup chat ids are negative; a person's id is positive.
      const chat = platformUserId.startsWith('-') ? 'group' : 'private';
      const ids: string[] = [];
      for (const part of renderReply(reply, { chat })) {
        const sent = await call('sendMessage', () =>
          telegram.callApi('sendMessage', {
            chat_id: platformUserId,
            text: part.text,
            parse_mode: part.parse_mode,
            reply_markup: part.reply_markup,
            link_preview_options: { is_disabled: true },
          }),
        );
        ids.push(String(sent.message_id));
      }
      return { platformMessageIds: ids };
    },

    async answerCallbackQuery(callbackQueryId) {
      await call('answerCallbackQuery', () => telegram.answerCbQuery(callbackQueryId));
    },

    async getMe() {
      const me = await call('getMe', () => telegram.getMe());
      return { id: me.id, username: me.username };
    },

    async getFile(fileId) {
      const file = await call('getFile', () => telegram.getFile(fileId));
      return { filePath: file.file_path, sizeBytes: file.file_size };
    },

    fileUrl(filePath) {
      const root = config.apiRoot.replace(/\/+$/, '');
      return `${root}/file/bot${config.token}/${filePath.replace(/^\/+/, '')}`;
    },

    async setWebhook(url, secret) {
      await call('setWebhook', () =>
        telegram.setWebhook(url, { secret_token: secret, allowed_updates: [...allowedUpdates], drop_pending_updates: false }),
      );
    },

    async deleteWebhook() {
      await call('deleteWebhook', () => telegram.deleteWebhook({ drop_pending_updates: false }));
    },

    async getUpdates({ offset, timeoutSeconds, signal }) {
      const updates = await call('getUpdates', () =>
        telegram.callApi(
          'getUpdates',
          { offset, timeout: timeoutSeconds, limit: 100, allowed_updates: [...allowedUpdates] },
          { signal: signal && isCallApiSignal(signal) ? signal : undefined },
        ),
      );
      return [...updates];
    },
  };
}

type CallApiSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;

/**
 * telegraf types its signal as the `abort-controller` polyfill's class; node-fetch 2 underneath
 * takes Node's own AbortSignal (it checks the shape), which this guard tells the compiler.
 */
function isCallApiSignal(signal: AbortSignal): signal is AbortSignal & CallApiSignal {
  return typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function';
}

/**
 * What a failed Bot API call means for the one who sent:
 *
 * | Telegram says | ChannelError |
 * | --- | --- |
 * | 429 Too Many Requests | `CHANNEL_RATE_LIMITED`, `retryAfterMs` = retry_after × 1000 |
 * | 403 bot was blocked / user is deactivated / bot was kicked | `CHANNEL_REJECTED`, reason `blocked` |
 * | 403 anything else (bot can't initiate conversation…) | `CHANNEL_REJECTED`, reason `unreachable` |
 * | 400 chat not found / user not found / PEER_ID_INVALID | `CHANNEL_REJECTED`, reason `unreachable` |
 * | any other 4xx | `CHANNEL_REJECTED`, reason `error` |
 * | 401, 404 (token or API root wrong), 409 (webhook vs polling), 5xx, network | `CHANNEL_UNAVAILABLE` |
 *
 * 401 and 404 say nothing about the message: the whole channel is down until the operator fixes
 * the setting, and the message may go out then.
 */
export function toChannelError(error: unknown, what: string): ChannelError {
  if (error instanceof ChannelError) return error;
  if (!(error instanceof TelegramError)) {
    return new ChannelError('telegram', 'CHANNEL_UNAVAILABLE', `Không gọi được Telegram (${what}).`, { cause: error });
  }
  const status = error.code;
  const description = error.description ?? '';
  const said = `Telegram trả lời ${what}: ${status} ${description}`;
  if (status === 429) {
    const retryAfter = error.parameters?.retry_after;
    return new ChannelError('telegram', 'CHANNEL_RATE_LIMITED', said, {
      retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000,
      cause: error,
    });
  }
  if (status === 401 || status === 404 || status === 409 || status >= 500) {
    return new ChannelError('telegram', 'CHANNEL_UNAVAILABLE', said, { cause: error });
  }
  return new ChannelError('telegram', 'CHANNEL_REJECTED', said, { reason: rejectionReason(status, description), cause: error });
}

function rejectionReason(status: number, description: string): RejectionReason {
  if (status === 403) return /blocked|deactivated|kicked/i.test(description) ? 'blocked' : 'unreachable';
  if (status === 400 && /chat not found|user not found|PEER_ID_INVALID|chat was upgraded/i.test(description)) return 'unreachable';
  return 'error';
}
