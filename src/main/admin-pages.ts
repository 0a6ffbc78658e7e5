import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/config';
import type { Clock } from '../core/clock';
import type { Database } from '../db/database';
import { createPrismaCampaignAdminRepository } from '../db/prisma-campaign-admin-repository';
import { createPrismaMemberAdminRepository } from '../db/prisma-member-admin-repository';
import { createPrismaPlanImportRepository } from '../db/prisma-plan-import-repository';
import { createPrismaBroadcastAdminRepository } from '../db/prisma-broadcast-admin-repository';
import { broadcastPages } from '../http/admin/broadcast-pages';
import { createPrismaAuditRepository } from '../db/prisma-audit-repository';
import { createPrismaSubmissionAdminRepository } from '../db/prisma-submission-admin-repository';
import { queryCallList } from '../db/query-call-list';
import { auditPages } from '../http/admin/audit-pages';
import { campaignPages } from '../http/admin/campaign-pages';
import { planImportPages } from '../http/admin/plan-import-pages';
import { callPages } from '../http/admin/call-pages';
import { submissionPages } from '../http/admin/submission-pages';
import { memberPages } from '../http/admin/member-pages';
import { rosterImportPages } from '../http/admin/roster-import-pages';

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
      await scope.register(broadcastPages, {
        repository: createPrismaBroadcastAdminRepository(db),
        now,
        timeZone: config.timeZone,
        publicBaseUrl: context.publicBaseUrl,
      });
    },
    async (scope) => {
      const repository = createPrismaMemberAdminRepository(db.prisma);
      await scope.register(memberPages, {
        repository,
        now,
        timeZone: config.timeZone,
        publicBaseUrl: context.publicBaseUrl,
        telegramBotUsername: config.telegram?.botUsername,
      });
      await scope.register(rosterImportPages, { repository });
    },
    async (scope) => {
      const submissions = createPrismaSubmissionAdminRepository(db.prisma, { timeZone: config.timeZone });
      await scope.register(submissionPages, { repository: submissions, timeZone: config.timeZone, dataDir: config.dataDir });
      await scope.register(callPages, {
        callList: (which) => queryCallList(db.prisma, which),
        areas: () => submissions.areas(),
        audit: (entry) => submissions.audit(entry),
        now,
        timeZone: config.timeZone,
      });
      await scope.register(auditPages, { repository: createPrismaAuditRepository(db.prisma), timeZone: config.timeZone });
    },
    async (scope) => {
      const campaigns = createPrismaCampaignAdminRepository(db.prisma);
      await scope.register(campaignPages, { repository: campaigns, now, timeZone: config.timeZone });
      await scope.register(planImportPages, { imports: createPrismaPlanImportRepository(db.prisma), campaigns, now, timeZone: config.timeZone });
    },
  ];
}
