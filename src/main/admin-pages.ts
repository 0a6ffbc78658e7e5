import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/config';
import type { Clock } from '../core/clock';
import type { Database } from '../db/database';
import { createPrismaMemberAdminRepository } from '../db/prisma-member-admin-repository';
import { memberPages } from '../http/admin/member-pages';

/** What the dashboard's pages are built from. */
export interface AdminPagesContext {
  readonly config: Config;
  readonly db: Database;
  readonly clock: Clock;
  /** Where links given to members point: PUBLIC_URL, or this machine. */
  readonly publicBaseUrl: string;
}

/**
 * The dashboard's pages beyond login and overview, each a plugin registered behind the login and
 * the CSRF check of `adminRoutes`. One entry per page family.
 */
export function buildAdminPages(context: AdminPagesContext): FastifyPluginAsync[] {
  const { config, db, clock } = context;
  const now = () => clock.now();
  return [
    async (scope) => {
      await scope.register(memberPages, { repository: createPrismaMemberAdminRepository(db.prisma), now, timeZone: config.timeZone });
    },
  ];
}
