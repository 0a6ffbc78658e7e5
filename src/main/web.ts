import { mkdirSync } from 'node:fs';
import { parseConfig } from '../config/config';
import { AppError } from '../core/errors';
import { openDatabase } from '../db/database';
import { prepareDatabase } from '../db/prepare-database';
import { createClock } from '../core/clock';
import { findPublishedCampaign } from '../db/find-published-campaign';
import { createTelegramChannel } from '../channels/telegram/create-telegram-channel';
import { createPrismaContactStatusRepository } from '../db/prisma-contact-status-repository';
import { createPrismaConversationStore } from '../db/prisma-conversation-store';
import { createWebchatOutbox } from '../db/webchat-outbox';
import { createConversationEngine } from '../flows/conversation-engine';
import { buildApp } from '../http/app';
import { storeFile } from '../lib/file-store';
import { createLogger } from '../lib/logger';
import { pingRedis } from '../queue/redis';
import { ensureRedis } from './ensure-redis';
import { onShutdown } from './on-shutdown';

/** The web process: configuration, Redis, database (migrated and seeded), then HTTP. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  mkdirSync(config.dataDir, { recursive: true });

  const redis = await ensureRedis({ ...config.redis, dataDir: config.dataDir, logger });
  const db = await openDatabase(config.database);
  await prepareDatabase(db, logger);

  const clock = createClock({ startAt: config.startAt });
  const publicBaseUrl = config.http.publicUrl ?? `http://localhost:${config.http.port}`;
  const engine = createConversationEngine({
    store: createPrismaConversationStore(db.prisma),
    clock,
    timeZone: config.timeZone,
    publicBaseUrl,
    idleMinutes: config.conversation.idleMinutes,
  });
  const app = await buildApp({
    logger,
    health: { checks: { database: () => db.ping(), redis: () => pingRedis(config.redis.url) } },
    planPage: { findCampaign: (year) => findPublishedCampaign(db.prisma, year), now: () => clock.now(), timeZone: config.timeZone },
    webchat: {
      engine,
      storeFile: (bytes, meta) => storeFile(config.dataDir, bytes, { ...meta, now: clock.now() }),
      takeQueued: createWebchatOutbox(db.prisma, () => clock.now()).takeQueued,
      maxFileBytes: config.attachments.maxBytes,
      secureCookies: publicBaseUrl.startsWith('https://'),
    },
  });
  const contactStatus = createPrismaContactStatusRepository(db.prisma);
  const channels: Array<{ start(): Promise<void>; stop(): Promise<void> }> = [];
  if (config.telegram) {
    const telegram = createTelegramChannel({
      config: config.telegram,
      maxFileBytes: config.attachments.maxBytes,
      dataDir: config.dataDir,
      now: () => clock.now(),
      handle: (message) => engine.handle(message),
      contactStatus,
      logger,
    });
    if (config.telegram.webhook) await app.register(telegram.routes);
    channels.push(telegram);
  }

  await app.listen({ host: config.http.host, port: config.http.port });
  // Webhooks are registered with the platforms once the server can answer them.
  for (const channel of channels) await channel.start();
  logger.info(
    { database: db.kind, timeZone: config.timeZone, startAt: config.startAt, telegram: Boolean(config.telegram) },
    'service ready',
  );

  onShutdown(logger, async () => {
    await app.close();
    for (const channel of channels) await channel.stop();
    await db.close();
    await redis.stop();
  });
}

main().catch((error: unknown) => {
  // Configuration and dependency problems are the operator's to fix: say what, without a stack.
  if (error instanceof AppError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
