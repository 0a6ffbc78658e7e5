import { mkdirSync } from 'node:fs';
import { parseConfig } from '../config/config';
import { AppError } from '../core/errors';
import { openDatabase } from '../db/database';
import { prepareDatabase } from '../db/prepare-database';
import { createClock } from '../core/clock';
import { findPublishedCampaign } from '../db/find-published-campaign';
import { createPrismaConversationStore } from '../db/prisma-conversation-store';
import { createPrismaReadApiRepository } from '../db/prisma-read-api-repository';
import { createWebchatOutbox } from '../db/webchat-outbox';
import { createConversationEngine } from '../flows/conversation-engine';
import { buildApp } from '../http/app';
import { storeFile } from '../lib/file-store';
import { createLogger } from '../lib/logger';
import { createRedis, pingRedis } from '../queue/redis';
import { ensureRedis } from './ensure-redis';
import { buildChannels } from './build-channels';
import { onShutdown } from './on-shutdown';
import { startDelivery } from './start-delivery';

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
    readApi: { token: config.adminApiToken, repository: createPrismaReadApiRepository(db.prisma) },
    planPage: { findCampaign: (year) => findPublishedCampaign(db.prisma, year), now: () => clock.now(), timeZone: config.timeZone },
    webchat: {
      engine,
      storeFile: (bytes, meta) => storeFile(config.dataDir, bytes, { ...meta, now: clock.now() }),
      takeQueued: createWebchatOutbox(db.prisma, () => clock.now()).takeQueued,
      maxFileBytes: config.attachments.maxBytes,
      secureCookies: publicBaseUrl.startsWith('https://'),
    },
  });
  const redisClient = createRedis(config.redis.url);
  const channels = buildChannels({ config, prisma: db.prisma, redis: redisClient, clock, handle: (m) => engine.handle(m), logger });
  for (const routes of channels.routes) await app.register(routes);
  const delivery =
    config.delivery.workers === 'in-process'
      ? startDelivery({
          config,
          prisma: db.prisma,
          adapters: channels.adapters,
          promptAfterInterruption: (channel, user) => engine.promptAfterInterruption(channel, user),
          clock,
          logger,
        })
      : null;

  await app.listen({ host: config.http.host, port: config.http.port });
  // Webhooks are registered with the platforms once the server can answer them.
  await channels.start();
  logger.info(
    { database: db.kind, timeZone: config.timeZone, startAt: config.startAt, channels: Object.keys(channels.adapters) },
    'service ready',
  );

  onShutdown(logger, async () => {
    await app.close();
    await channels.stop();
    await delivery?.stop();
    redisClient.disconnect();
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
