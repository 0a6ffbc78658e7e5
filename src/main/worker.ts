import { mkdirSync } from 'node:fs';
import { parseConfig } from '../config/config';
import { createClock } from '../core/clock';
import { AppError } from '../core/errors';
import { openDatabase } from '../db/database';
import { prepareDatabase } from '../db/prepare-database';
import { createPrismaConversationStore } from '../db/prisma-conversation-store';
import { createConversationEngine } from '../flows/conversation-engine';
import { createLogger } from '../lib/logger';
import { createRedis } from '../queue/redis';
import { buildChannels } from './build-channels';
import { onShutdown } from './on-shutdown';
import { startDelivery } from './start-delivery';

/**
 * `npm run worker`: the outbound side alone, for deployments that run it apart from the web
 * service (set WORKERS=off there). Several may run at once against one PostgreSQL and Redis.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.logLevel, name: 'hiephoi-worker' });
  mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase(config.database);
  await prepareDatabase(db, logger);
  const clock = createClock({ startAt: config.startAt });
  const engine = createConversationEngine({
    store: createPrismaConversationStore(db.prisma),
    clock,
    timeZone: config.timeZone,
    publicBaseUrl: config.http.publicUrl ?? `http://localhost:${config.http.port}`,
    idleMinutes: config.conversation.idleMinutes,
  });
  // The channels' adapters only: inbound (webhooks, polling) is the web process's.
  const redis = createRedis(config.redis.url);
  const channels = buildChannels({ config, prisma: db.prisma, redis, clock, handle: (m) => engine.handle(m), logger });
  const delivery = startDelivery({
    config,
    prisma: db.prisma,
    adapters: channels.adapters,
    promptAfterInterruption: (channel, user) => engine.promptAfterInterruption(channel, user),
    clock,
    logger,
  });
  logger.info({ database: db.kind }, 'worker ready');
  onShutdown(logger, async () => {
    await delivery.stop();
    redis.disconnect();
    await db.close();
  });
}

main().catch((error: unknown) => {
  if (error instanceof AppError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
