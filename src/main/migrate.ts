import { parseConfig } from '../config/config';
import { AppError } from '../core/errors';
import { openDatabase } from '../db/database';
import { prepareDatabase } from '../db/prepare-database';
import { createLogger } from '../lib/logger';

/** `npm run db:migrate`: applies pending migrations and the seed, then exits. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const db = await openDatabase(config.database);
  try {
    await prepareDatabase(db, logger);
    logger.info({ database: db.kind }, 'database is up to date');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof AppError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
