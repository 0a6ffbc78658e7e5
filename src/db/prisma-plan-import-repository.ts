import type { FieldSource } from '../core/campaigns/plan-import-proposal';
import { reportFieldsSchema } from '../core/reports/report-field';
import type { PrismaClient } from './generated/client';
import { toJson } from './to-json';

const withPeople = {
  createdByAdmin: { select: { displayName: true } },
  createdByContact: { select: { displayName: true, channel: true } },
  campaign: { select: { id: true, year: true, title: true } },
} as const;

/**
 * Plan documents brought in to create a campaign from (`plan_imports`): pasted or uploaded in the
 * dashboard here, sent to the bot through the conversation repository. The office confirms one on
 * its review page; the campaign is then created by the campaign repository and linked back.
 */
export function createPrismaPlanImportRepository(prisma: PrismaClient) {
  return {
    /** Keeps a document's text from the dashboard, with its audit row, in one transaction. */
    async create(input: { text: string; source: 'paste' | 'upload'; fileName: string | null; adminUserId: number; now: Date }): Promise<{ id: number }> {
      return prisma.$transaction(async (tx) => {
        const created = await tx.planImport.create({
          data: { text: input.text, source: input.source, fileName: input.fileName, createdByAdminId: input.adminUserId, createdAt: input.now },
        });
        await tx.auditLog.create({
          data: {
            at: input.now,
            actorType: 'admin',
            actorId: String(input.adminUserId),
            action: 'plan_import.created',
            entityType: 'plan_import',
            entityId: String(created.id),
            details: toJson({ source: input.source, fileName: input.fileName, characters: input.text.length }),
          },
        });
        return { id: created.id };
      });
    },

    findById(id: number) {
      return prisma.planImport.findUnique({ where: { id }, include: withPeople });
    },

    /** The latest documents brought in, newest first, without their text. */
    recent(take = 10) {
      return prisma.planImport.findMany({
        orderBy: { id: 'desc' },
        take,
        select: { id: true, source: true, fileName: true, createdAt: true, ...withPeople },
      });
    },

    /** The report fields of the campaign of the latest year, which a new campaign's reports copy. */
    async lastCampaignFields(): Promise<FieldSource | null> {
      const campaign = await prisma.campaign.findFirst({
        orderBy: { year: 'desc' },
        select: { year: true, reportPeriods: { orderBy: { ordinal: 'asc' }, select: { code: true, name: true, fields: true } } },
      });
      if (!campaign) return null;
      return { year: campaign.year, periods: campaign.reportPeriods.map((p) => ({ code: p.code, name: p.name, fields: reportFieldsSchema.parse(p.fields) })) };
    },

    /** Records the campaign created from the document; a document already linked keeps its campaign. */
    async linkCampaign(id: number, campaignId: number): Promise<void> {
      await prisma.planImport.updateMany({ where: { id, campaignId: null }, data: { campaignId } });
    },
  };
}

export type PlanImportRepository = ReturnType<typeof createPrismaPlanImportRepository>;
export type PlanImportWithPeople = NonNullable<Awaited<ReturnType<PlanImportRepository['findById']>>>;
