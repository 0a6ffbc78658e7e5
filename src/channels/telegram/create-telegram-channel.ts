import type { FastifyPluginAsync } from 'fastify';
import type { InboundMessage, Reply } from '../../core/messages';
import type { ContactStatusRepository } from '../../flows/contact-status-repository';
import type { Logger } from '../../lib/logger';
import type { ChannelAdapter } from '../channel';
import { createResponder } from '../respond-to-inbound';
import { downloadAttachment } from './download-attachment';
import { createTelegramAdapter } from './telegram-adapter';
import { createTelegramPolling, type TelegramPolling, type TelegramPollingOptions } from './telegram-polling';
import { parseTelegramUpdate } from './telegram-schemas';
import { telegramWebhookRoutes } from './telegram-webhook-routes';
import { type TelegramEvent, toInbound } from './to-inbound';

export interface TelegramChannelDeps {
  /** config.telegram: without `webhook` the channel long-polls. */
  readonly config: {
    readonly token: string;
    readonly apiRoot: string;
    readonly webhook?: { readonly url: string; readonly secret: string };
  };
  /** The limit for one attachment (config.attachments.maxBytes); Telegram's own 20 MB applies too. */
  readonly maxFileBytes: number;
  /** Where attachments are stored (DATA_DIR). */
  readonly dataDir: string;
  now(): Date;
  /** The conversation engine's `handle`. */
  handle(message: InboundMessage): Promise<Reply[]>;
  readonly contactStatus: ContactStatusRepository;
  readonly logger: Logger;
  /** Long-poll timing; tests shorten it. */
  readonly polling?: Omit<TelegramPollingOptions, 'adapter' | 'handleUpdate' | 'logger'>;
}

export interface TelegramChannel {
  /** Sends replies (and the office's messages) to Telegram chats. */
  readonly adapter: ChannelAdapter;
  /** `POST /webhooks/telegram`; register it only in webhook mode (it registers nothing otherwise). */
  readonly routes: FastifyPluginAsync;
  /** One update, from the webhook or from polling: resolves once its effects are committed. */
  handleUpdate(body: unknown): Promise<void>;
  /** Checks the token (getMe), then registers the webhook or starts polling. */
  start(): Promise<void>;
  /** Stops polling and waits for the replies still being sent. */
  stop(): Promise<void>;
}

/**
 * The Telegram channel: updates in (webhook or long polling), through the conversation engine,
 * replies out. Buttons, the contact button and files are Telegram's; the conversation is not.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): TelegramChannel {
  const logger = deps.logger.child({ channel: 'telegram' });
  const adapter = createTelegramAdapter(deps.config);
  const responder = createResponder({ handle: deps.handle, adapter, logger });
  const webhook = deps.config.webhook;
  let polling: TelegramPolling | null = null;
  let me: Promise<string> | null = null;

  /** The bot's username, asked once (group commands name it). */
  function botUsername(): Promise<string> {
    me ??= adapter.getMe().then(
      (bot) => bot.username,
      (error: unknown) => {
        me = null;
        throw error;
      },
    );
    return me;
  }

  async function answerButton(callbackQueryId: string | undefined): Promise<void> {
    if (!callbackQueryId) return;
    // Only the spinner depends on it; a query redelivered later is too old to answer, and that is fine.
    await adapter.answerCallbackQuery(callbackQueryId).catch((error: unknown) => {
      logger.debug({ err: error }, 'callback query not answered');
    });
  }

  async function handleEvent(event: TelegramEvent): Promise<void> {
    switch (event.kind) {
      case 'ignore':
        logger.debug({ reason: event.reason }, 'telegram update ignored');
        return answerButton(event.callbackQueryId);
      case 'contact-status':
        if (event.status === 'blocked') {
          return deps.contactStatus.markBlocked('telegram', event.platformUserId, 'blocked the bot', event.at);
        }
        return deps.contactStatus.markActive('telegram', event.platformUserId, event.at, event.displayName || undefined);
      case 'message':
        await answerButton(event.callbackQueryId);
        return respond(event);
    }
  }

  async function respond(event: Extract<TelegramEvent, { kind: 'message' }>): Promise<void> {
    let message = event.message;
    if (event.file) {
      const outcome = await downloadAttachment(event.file, {
        adapter,
        maxBytes: deps.maxFileBytes,
        dataDir: deps.dataDir,
        now: deps.now,
      });
      if (outcome.kind === 'refused') {
        // Nothing reaches the conversation: the person is told at once and may send another file.
        await adapter.send(message.groupChatId ?? message.platformUserId, { text: outcome.text }).catch((error: unknown) => {
          logger.warn({ err: error }, 'file refusal not delivered');
        });
        return;
      }
      message = { ...message, attachment: outcome.attachment };
    }
    await responder.respond(message);
  }

  async function handleUpdate(body: unknown): Promise<void> {
    const update = parseTelegramUpdate(body);
    if (!update) {
      logger.debug('webhook body without update_id ignored');
      return;
    }
    await handleEvent(toInbound(update, { botUsername: await botUsername() }));
  }

  const routes: FastifyPluginAsync = async (app) => {
    if (!webhook) {
      logger.warn('telegram webhook routes registered in polling mode: nothing served');
      return;
    }
    await app.register(telegramWebhookRoutes, { secret: webhook.secret, handleUpdate });
  };

  return {
    adapter,
    routes,
    handleUpdate,
    async start() {
      const username = await botUsername();
      if (webhook) {
        await adapter.setWebhook(webhook.url, webhook.secret);
        logger.info({ username, mode: 'webhook' }, 'telegram channel started');
        return;
      }
      // getUpdates is refused while a webhook is set, by an earlier deployment for instance.
      await adapter.deleteWebhook();
      polling = createTelegramPolling({ ...deps.polling, adapter, handleUpdate, logger });
      polling.start();
      logger.info({ username, mode: 'polling' }, 'telegram channel started');
    },
    async stop() {
      await polling?.stop();
      await responder.drain();
    },
  };
}
