import type { Logger } from '../lib/logger';
import type { Database } from './database';
import { migrateDatabase } from './migrate-database';
import { seedDatabase } from './seed-database';

/**
 * What every start does before serving: the pending migrations, then the seed, under the
 * cluster-wide lock so that several instances starting at once do it once.
 */
export async function prepareDatabase(db: Database, logger: Logger): Promise<void> {
  await db.withMigrationLock(async () => {
    const applied = await migrateDatabase(db);
    if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
    const seeded = await seedDatabase(db.prisma);
    if (seeded.campaignsCreated + seeded.areasCreated > 0) logger.info(seeded, 'default data seeded');
  });
}
