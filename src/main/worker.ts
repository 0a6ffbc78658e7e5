import { mkdirSync } from 'node:fs';
import { parseConfig } from '../config/config';
import { AppError } from '../core/errors';
import { openDatabase } from '../db/database';
import { prepareDatabase } from '../db/prepare-database';
import { createLogger } from '../lib/logger';
import { serveMetrics } from '../metrics/serve-metrics';
import { createRuntime } from './create-runtime';
import { onShutdown } from './on-shutdown';

/**
 * `npm run worker`: the outbound side alone — send queues, broadcast fan-out, the sweeper and the
 * scheduled jobs — for deployments that run it apart from the web service (WORKERS=off there).
 * Several may run at once against one PostgreSQL and Redis. Inbound stays with the web process.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.logLevel, name: 'hiephoi-worker' });
  mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase(config.database);
  await prepareDatabase(db, logger);
  const runtime = createRuntime(config, db, logger);
  const delivery = runtime.startDelivery({ withJobs: true });
  // Its own listener: the worker has no HTTP otherwise, and each process is scraped on its own.
  const { metrics: metricsConfig } = config;
  const metricsServer = metricsConfig.port ? await serveMetrics({ ...metricsConfig, port: metricsConfig.port, logger }) : null;
  logger.info({ database: db.kind, channels: Object.keys(runtime.channels.adapters) }, 'worker ready');
  onShutdown(logger, async () => {
    await metricsServer?.close();
    await delivery.stop();
    await runtime.close();
    await db.close();
  });
}

main().catch((error: unknown) => {
  if (error instanceof AppError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
