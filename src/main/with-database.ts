import { type Config, parseConfig } from '../config/config';
import { AppError } from '../core/errors';
import { type Database, openDatabase } from '../db/database';
import { prepareDatabase } from '../db/prepare-database';
import { createLogger } from '../lib/logger';

/**
 * The frame of a one-shot command: configuration, the database migrated and seeded, `fn`, then
 * the database closed and the exit code set. A failure prints one clear line, not a stack.
 */
export function runWithDatabase(fn: (db: Database, config: Config) => Promise<number>): void {
  (async () => {
    const config = parseConfig(process.env);
    const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
    const db = await openDatabase(config.database);
    try {
      await prepareDatabase(db, logger);
      return await fn(db, config);
    } finally {
      await db.close();
    }
  })().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof AppError || error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
