import { setTimeout as sleep } from 'node:timers/promises';
import { respondWithRetries } from './respond-with-retries';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config/config';
import type { InboundMessage, Reply } from '../../core/messages';
import type { Logger } from '../../lib/logger';
import type { ChannelAdapter } from '../channel';
import { createResponder } from '../respond-to-inbound';
import { createRecentIds, createSerialWork } from './serial-work';
import { createZaloBotAdapter } from './zalo-bot-adapter';
import { createZaloBotClient } from './zalo-bot-client';
import { zaloBotRoutes } from './zalo-bot-routes';
import { type ZaloBotEvent, toZaloBotEvents } from './zalo-bot-updates';
import { ZaloApiError } from './zalo-errors';

export interface ZaloBotChannelDeps {
  readonly config: NonNullable<Config['zaloBot']>;
  /** Runs the conversation for one message: the engine's `handle`. */
  handle(message: InboundMessage): Promise<Reply[]>;
  readonly logger: Logger;
  /** Injected in tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** How long one getUpdates call waits for an update, in seconds. @defaultValue 30 */
  readonly pollTimeoutSeconds?: number;
}

/** What the composition root wires: register `routes`, `start()` after listening, `stop()` at shutdown. */
export interface ZaloBotChannel {
  readonly adapter: ChannelAdapter;
  /** `POST /webhooks/zalo-bot` (refuses everything in polling mode). */
  readonly routes: FastifyPluginAsync;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the updates received so far are handled and their replies sent. */
  idle(): Promise<void>;
}


/**
 * The Zalo Bot Platform channel: a webhook (when PUBLIC_URL is set) or getUpdates long polling,
 * the same conversations as every other channel. A redelivered update has its effect once
 * (`zbot-<message_id>` as the update id).
 */
export function createZaloBotChannel(deps: ZaloBotChannelDeps): ZaloBotChannel {
  const { config, logger } = deps;
  const client = createZaloBotClient({ token: config.token, apiRoot: config.apiRoot, fetch: deps.fetch });
  const adapter = createZaloBotAdapter({ client });
  const responder = createResponder({ handle: (message) => deps.handle(message), adapter, logger });
  const work = createSerialWork(logger);
  const recent = createRecentIds({ ttlMs: 60 * 60_000, max: 10_000 });
  const pollTimeoutSeconds = deps.pollTimeoutSeconds ?? 30;
  let polling: { controller: AbortController; done: Promise<void> } | null = null;

  async function handleEvent(event: Extract<ZaloBotEvent, { kind: 'message' }>, updateId: string): Promise<void> {
    void client.sendChatAction(event.chatId, 'typing').catch(() => undefined);
    const message: InboundMessage = {
      channel: 'zalo_bot',
      platformUserId: event.userId,
      displayName: event.displayName,
      text: event.text,
      updateId,
      ...(event.isGroup ? { groupChatId: event.chatId } : {}),
    };
    await respondWithRetries(responder, message, logger);
  }

  function accept(body: unknown): void {
    const events = toZaloBotEvents(body);
    if (events === null) {
      logger.warn('Zalo Bot update not understood');
      return;
    }
    for (const event of events) {
      if (event.kind === 'ignored') {
        logger.info({ event: event.eventName }, 'Zalo Bot update ignored');
        continue;
      }
      // No offset on this platform: the same update may come twice; its message id tells.
      const updateId = `zbot-${event.messageId}`;
      if (recent.check(updateId)) continue;
      work.run(event.chatId, updateId, () => handleEvent(event, updateId));
    }
  }

  async function poll(signal: AbortSignal): Promise<void> {
    let backoffMs = 0;
    while (!signal.aborted) {
      try {
        accept(await client.getUpdates(pollTimeoutSeconds, signal));
        backoffMs = 0;
      } catch (error) {
        if (signal.aborted) return;
        // 408: no update within the timeout.
        if (error instanceof ZaloApiError && error.errorCode === 408) continue;
        backoffMs = Math.min(30_000, backoffMs ? backoffMs * 2 : 1_000);
        logger.warn({ err: error, retryInMs: backoffMs }, 'Zalo Bot getUpdates failed');
        await sleep(backoffMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  const routes: FastifyPluginAsync = zaloBotRoutes({ secret: config.webhook?.secret, accept });

  const channel: ZaloBotChannel = {
    adapter,
    routes,

    /**
     * Webhook mode: registers the webhook with its secret. Otherwise: removes any webhook and polls
     * until `stop()`. A failed registration is logged, not thrown: the rest of the service runs.
     */
    async start() {
      if (config.webhook) {
        try {
          await client.setWebhook(config.webhook.url, config.webhook.secret);
          logger.info({ url: config.webhook.url }, 'Zalo Bot webhook registered');
        } catch (error) {
          logger.error({ err: error }, 'Zalo Bot webhook not registered');
        }
        return;
      }
      if (polling) return;
      await client.deleteWebhook().catch((error: unknown) => logger.warn({ err: error }, 'Zalo Bot webhook not removed before polling'));
      const controller = new AbortController();
      polling = { controller, done: poll(controller.signal) };
      logger.info('Zalo Bot polling for updates');
    },

    /** Stops polling and waits for the updates and replies still in hand. */
    async stop() {
      if (polling) {
        polling.controller.abort();
        await polling.done;
        polling = null;
      }
      await channel.idle();
    },

    async idle() {
      await work.idle();
      await responder.drain();
    },
  };
  return channel;
}

