import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { ChannelAdapter } from '../channels/channel';
import { createTelegramChannel } from '../channels/telegram/create-telegram-channel';
import { createZaloBotChannel } from '../channels/zalo/create-zalo-bot-channel';
import { createZaloOaChannel } from '../channels/zalo/create-zalo-oa-channel';
import type { Config } from '../config/config';
import type { Clock } from '../core/clock';
import type { InboundMessage, Reply } from '../core/messages';
import type { PrismaClient } from '../db/generated/client';
import { createPrismaChannelCredentialStore } from '../db/prisma-channel-credential-store';
import { createPrismaContactStatusRepository } from '../db/prisma-contact-status-repository';
import type { Logger } from '../lib/logger';
import type { SendChannel } from '../queue/queues';

export interface Channels {
  /** What the delivery workers send through. */
  readonly adapters: Partial<Record<SendChannel, ChannelAdapter>>;
  /**
   * Sends an approved ZNS template to a phone: the only way to reach an OA contact outside Zalo's
   * 7-day window (reminders). Present when the OA and ZALO_REMINDER_TEMPLATE_ID are configured.
   */
  readonly sendReminderTemplate?: (phone: string, data: Readonly<Record<string, string>>, trackingId: string) => Promise<string>;
  /** Webhook routes of the channels that receive by webhook (PUBLIC_URL set). */
  readonly routes: readonly FastifyPluginAsync[];
  /** Registers webhooks or starts long polling, and Zalo's token upkeep. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The platforms the configuration names, each only when its settings are there. */
export function buildChannels(deps: {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  clock: Clock;
  handle(message: InboundMessage): Promise<Reply[]>;
  logger: Logger;
}): Channels {
  const { config } = deps;
  const contactStatus = createPrismaContactStatusRepository(deps.prisma);
  const now = () => deps.clock.now();
  const started: Array<{ start(): Promise<void>; stop(): Promise<void> }> = [];
  const adapters: Partial<Record<SendChannel, ChannelAdapter>> = {};
  const routes: FastifyPluginAsync[] = [];
  let sendReminderTemplate: Channels['sendReminderTemplate'];

  if (config.telegram) {
    const telegram = createTelegramChannel({
      config: config.telegram,
      maxFileBytes: config.attachments.maxBytes,
      dataDir: config.dataDir,
      now,
      handle: deps.handle,
      contactStatus,
      logger: deps.logger,
    });
    adapters.telegram = telegram.adapter;
    if (config.telegram.webhook) routes.push(telegram.routes);
    started.push(telegram);
  }
  if (config.zaloOa) {
    const zaloOa = createZaloOaChannel({
      config: config.zaloOa,
      redis: deps.redis,
      credentials: createPrismaChannelCredentialStore(deps.prisma),
      maxFileBytes: config.attachments.maxBytes,
      dataDir: config.dataDir,
      now,
      handle: deps.handle,
      contactStatus,
      logger: deps.logger,
    });
    adapters.zalo_oa = zaloOa.adapter;
    const templateId = config.zaloOa.reminderTemplateId;
    if (templateId) {
      sendReminderTemplate = async (phone, data, trackingId) =>
        (await zaloOa.client.sendTemplate({ phone, templateId, templateData: data, trackingId })).messageId;
    }
    // The OA always receives by webhook: Zalo has no polling for it.
    routes.push(zaloOa.routes);
    started.push(zaloOa);
  }
  if (config.zaloBot) {
    const zaloBot = createZaloBotChannel({ config: config.zaloBot, handle: deps.handle, logger: deps.logger });
    adapters.zalo_bot = zaloBot.adapter;
    if (config.zaloBot.webhook) routes.push(zaloBot.routes);
    started.push(zaloBot);
  }

  return {
    adapters,
    sendReminderTemplate,
    routes,
    async start() {
      for (const channel of started) await channel.start();
    },
    async stop() {
      for (const channel of started) await channel.stop();
    },
  };
}
