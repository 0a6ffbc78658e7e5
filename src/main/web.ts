import { mkdirSync } from 'node:fs';
import { parseConfig } from '../config/config';
import { AppError } from '../core/errors';
import { openDatabase } from '../db/database';
import { prepareDatabase } from '../db/prepare-database';
import { findPublishedCampaign } from '../db/find-published-campaign';
import { exportPeriodWorkbook } from '../db/export-period-workbook';
import { createPrismaAdminRepository } from '../db/prisma-admin-repository';
import { createPrismaReadApiRepository } from '../db/prisma-read-api-repository';
import { createWebchatOutbox } from '../db/webchat-outbox';
import { buildApp } from '../http/app';
import { storeFile } from '../lib/file-store';
import { createLogger } from '../lib/logger';
import { metricsRoutes } from '../metrics/metrics-routes';
import { observeWebhookLatency } from '../metrics/observe-webhook-latency';
import { serveMetrics } from '../metrics/serve-metrics';
import { pingRedis } from '../queue/redis';
import { ensureRedis } from './ensure-redis';
import { buildAdminPages } from './admin-pages';
import { createRuntime } from './create-runtime';
import { onShutdown } from './on-shutdown';

/** The web process: configuration, Redis, database (migrated and seeded), then HTTP. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  mkdirSync(config.dataDir, { recursive: true });

  const redis = await ensureRedis({ ...config.redis, dataDir: config.dataDir, logger });
  const db = await openDatabase(config.database);
  await prepareDatabase(db, logger);

  const runtime = createRuntime(config, db, logger);
  const { clock, engine, channels, publicBaseUrl } = runtime;
  const app = await buildApp({
    logger,
    health: { checks: { database: () => db.ping(), redis: () => pingRedis(config.redis.url) } },
    readApi: { token: config.adminApiToken, repository: createPrismaReadApiRepository(db.prisma) },
    admin: {
      repository: createPrismaAdminRepository(db.prisma),
      exportPeriod: (periodId) => exportPeriodWorkbook(db.prisma, periodId, { timeZone: config.timeZone }),
      pages: buildAdminPages({ config, db, clock, publicBaseUrl }),
      now: () => clock.now(),
      timeZone: config.timeZone,
      secureCookies: publicBaseUrl.startsWith('https://'),
    },
    planPage: { findCampaign: (year) => findPublishedCampaign(db.prisma, year), now: () => clock.now(), timeZone: config.timeZone },
    webchat: {
      engine,
      storeFile: (bytes, meta) => storeFile(config.dataDir, bytes, { ...meta, now: clock.now() }),
      takeQueued: createWebchatOutbox(db.prisma, () => clock.now()).takeQueued,
      maxFileBytes: config.attachments.maxBytes,
      secureCookies: publicBaseUrl.startsWith('https://'),
    },
  });
  // Before the webhooks are registered: a root hook reaches only the routes registered after it.
  app.addHook('onResponse', observeWebhookLatency);
  if (config.metrics.token) await app.register(metricsRoutes, { token: config.metrics.token });
  for (const routes of channels.routes) await app.register(routes);
  const delivery = config.delivery.workers === 'in-process' ? runtime.startDelivery({ withJobs: true }) : null;

  await app.listen({ host: config.http.host, port: config.http.port });
  const { metrics: metricsConfig } = config;
  const metricsServer = metricsConfig.port ? await serveMetrics({ ...metricsConfig, port: metricsConfig.port, logger }) : null;
  // Webhooks are registered with the platforms once the server can answer them.
  await channels.start();
  logger.info(
    { database: db.kind, timeZone: config.timeZone, startAt: config.startAt, channels: Object.keys(channels.adapters) },
    'service ready',
  );

  onShutdown(logger, async () => {
    await app.close();
    await metricsServer?.close();
    await channels.stop();
    await delivery?.stop();
    await runtime.close();
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
