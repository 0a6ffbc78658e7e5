import type { CampaignDraft } from '../core/campaigns/campaign-draft';
import type { CampaignChange } from '../core/campaigns/diff-campaign-drafts';
import { fromDbDate } from '../core/dates/days-between';
import { reportFieldsSchema } from '../core/reports/report-field';
import { Prisma, type PrismaClient } from './generated/client';
import { asDbDate } from './seed-database';
import { toJson } from './to-json';

/** Who made a change, for the audit log: an office account (`admin`, its id), a script, … */
export interface CampaignActor {
  readonly type: string;
  readonly id?: string;
}

export type CreateCampaignResult = { ok: true; id: number } | { ok: false; reason: 'YEAR_TAKEN'; existingId: number };
export type UpdateCampaignResult = { ok: true } | { ok: false; reason: 'STALE' };
export type PublishCampaignResult =
  | { ok: true; publishedAt: Date }
  | { ok: false; reason: 'NOT_DRAFT' }
  | { ok: false; reason: 'SAME_TEXT'; year: number };

const withParts = {
  phases: { orderBy: { ordinal: 'asc' } },
  reportPeriods: { orderBy: { ordinal: 'asc' }, include: { _count: { select: { submissions: true } } } },
} as const;

/**
 * The office's campaign pages: campaigns with their phases and report periods, creating one from a
 * draft, editing, publishing. Each change and its audit log row are written in one transaction.
 */
export function createPrismaCampaignAdminRepository(prisma: PrismaClient) {
  return {
    list() {
      return prisma.campaign.findMany({
        orderBy: { year: 'desc' },
        select: { id: true, year: true, title: true, status: true, publishedAt: true, _count: { select: { phases: true, reportPeriods: true } } },
      });
    },

    findById(id: number) {
      return prisma.campaign.findUnique({ where: { id }, include: withParts });
    },

    findByYear(year: number) {
      return prisma.campaign.findUnique({ where: { year }, select: { id: true, year: true, status: true } });
    },

    /** The campaign's audit log, latest first, with the office accounts' names. */
    async history(id: number, take = 20) {
      const rows = await prisma.auditLog.findMany({ where: { entityType: 'campaign', entityId: String(id) }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take });
      const adminIds = [...new Set(rows.flatMap((r) => (r.actorType === 'admin' && r.actorId && /^\d{1,9}$/.test(r.actorId) ? [Number(r.actorId)] : [])))];
      const users = adminIds.length ? await prisma.adminUser.findMany({ where: { id: { in: adminIds } }, select: { id: true, displayName: true } }) : [];
      const names = new Map(users.map((u) => [String(u.id), u.displayName]));
      return rows.map((r) => ({ ...r, actorName: (r.actorType === 'admin' && r.actorId ? names.get(r.actorId) : undefined) ?? r.actorType }));
    },

    /**
     * Stores `draft` as a new campaign in draft status, with its phases and report periods; nothing
     * reaches members until it is published. Refuses a year that already has a campaign (one plan
     * a year), also when two requests race.
     */
    async createCampaign(draft: CampaignDraft, actor: CampaignActor, note: Readonly<Record<string, string | number>> = {}): Promise<CreateCampaignResult> {
      const fields = draft.reportPeriods.map((r) => reportFieldsSchema.parse(r.fields));
      try {
        return await prisma.$transaction(async (tx) => {
          const existing = await tx.campaign.findUnique({ where: { year: draft.year }, select: { id: true } });
          if (existing) return { ok: false as const, reason: 'YEAR_TAKEN' as const, existingId: existing.id };
          const created = await tx.campaign.create({
            data: {
              ...planColumns(draft),
              year: draft.year,
              status: 'draft',
              phases: { create: draft.phases.map((p) => ({ ordinal: p.ordinal, ...phaseColumns(p) })) },
              reportPeriods: {
                create: draft.reportPeriods.map((r, i) => ({ code: r.code, ordinal: r.ordinal, ...periodColumns(r), fields: toJson(fields[i]) })),
              },
            },
          });
          await tx.auditLog.create({
            data: {
              actorType: actor.type,
              actorId: actor.id,
              action: 'campaign.created',
              entityType: 'campaign',
              entityId: String(created.id),
              details: toJson({ year: draft.year, phases: draft.phases.length, reportPeriods: draft.reportPeriods.length, ...note }),
            },
          });
          return { ok: true as const, id: created.id };
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await prisma.campaign.findUnique({ where: { year: draft.year }, select: { id: true } });
        if (!existing) throw error;
        return { ok: false, reason: 'YEAR_TAKEN', existingId: existing.id };
      }
    },

    /**
     * Writes `draft` over the campaign's plan, phases and periods (matched by ordinal; report fields,
     * codes and the year are kept) and logs `changes`. `version` is the `updatedAt` the office's
     * form was made from: when someone saved or published in between, nothing is written (STALE).
     * With `onlyUnannouncedPhases`, a phase whose theme went out meanwhile is not touched either.
     */
    async updateCampaign(
      id: number,
      input: { version: Date; draft: CampaignDraft; changes: readonly CampaignChange[]; onlyUnannouncedPhases: boolean },
      actor: CampaignActor,
    ): Promise<UpdateCampaignResult> {
      const changedPhases = new Set(input.changes.filter((c) => c.field.startsWith('phases.')).map((c) => Number(c.field.split('.')[1])));
      const changedPeriods = new Set(input.changes.filter((c) => c.field.startsWith('reportPeriods.')).map((c) => Number(c.field.split('.')[1])));
      try {
        return await prisma.$transaction(async (tx) => {
          // Bumps updatedAt, so a second form made from the same version is refused.
          const claimed = await tx.campaign.updateMany({ where: { id, updatedAt: input.version }, data: planColumns(input.draft) });
          if (claimed.count !== 1) throw new StaleCampaignError();
          for (const phase of input.draft.phases.filter((p) => changedPhases.has(p.ordinal))) {
            const where = { campaignId: id, ordinal: phase.ordinal, ...(input.onlyUnannouncedPhases ? { announcedAt: null } : {}) };
            const updated = await tx.campaignPhase.updateMany({ where, data: phaseColumns(phase) });
            if (updated.count !== 1) throw new StaleCampaignError();
          }
          for (const period of input.draft.reportPeriods.filter((p) => changedPeriods.has(p.ordinal))) {
            const updated = await tx.reportPeriod.updateMany({ where: { campaignId: id, ordinal: period.ordinal }, data: periodColumns(period) });
            if (updated.count !== 1) throw new StaleCampaignError();
          }
          await tx.auditLog.create({
            data: {
              actorType: actor.type,
              actorId: actor.id,
              action: 'campaign.updated',
              entityType: 'campaign',
              entityId: String(id),
              details: toJson({ year: input.draft.year, changes: input.changes }),
            },
          });
          return { ok: true as const };
        });
      } catch (error) {
        // Thrown inside the transaction so that a half-applied save rolls back.
        if (error instanceof StaleCampaignError) return { ok: false, reason: 'STALE' };
        throw error;
      }
    },

    /**
     * Makes a draft the published campaign of its year, `publishedAt` = `now`: the calendar job
     * (src/main/run-calendar.ts) then sends its plan to every member once its year has begun, and
     * each phase's theme as the phase starts. Refuses a full text identical to another campaign's
     * (a copied plan whose new document was never pasted in).
     */
    async publish(id: number, actor: CampaignActor, now: Date): Promise<PublishCampaignResult> {
      return prisma.$transaction(async (tx) => {
        const campaign = await tx.campaign.findUnique({ where: { id }, select: { year: true, fullText: true, status: true } });
        if (!campaign || campaign.status !== 'draft') return { ok: false as const, reason: 'NOT_DRAFT' as const };
        const twin = await tx.campaign.findFirst({ where: { id: { not: id }, fullText: campaign.fullText }, select: { year: true } });
        if (twin) return { ok: false as const, reason: 'SAME_TEXT' as const, year: twin.year };
        const updated = await tx.campaign.updateMany({ where: { id, status: 'draft' }, data: { status: 'published', publishedAt: now } });
        if (updated.count !== 1) return { ok: false as const, reason: 'NOT_DRAFT' as const };
        await tx.auditLog.create({
          data: {
            actorType: actor.type,
            actorId: actor.id,
            action: 'campaign.published',
            entityType: 'campaign',
            entityId: String(id),
            details: toJson({ year: campaign.year, publishedAt: now.toISOString() }),
          },
        });
        return { ok: true as const, publishedAt: now };
      });
    },
  };
}

export type CampaignAdminRepository = ReturnType<typeof createPrismaCampaignAdminRepository>;
export type CampaignWithParts = NonNullable<Awaited<ReturnType<CampaignAdminRepository['findById']>>>;

/** A stored campaign as a draft: the shape the pages edit and next year's proposal starts from. */
export function toCampaignDraft(campaign: CampaignWithParts): CampaignDraft {
  return {
    year: campaign.year,
    docNumber: campaign.docNumber,
    docDate: fromDbDate(campaign.docDate),
    docPlace: campaign.docPlace,
    title: campaign.title,
    overallTheme: campaign.overallTheme,
    movements: campaign.movements,
    addressees: campaign.addressees,
    fullText: campaign.fullText,
    phases: campaign.phases.map((p) => ({
      ordinal: p.ordinal,
      name: p.name,
      startsOn: fromDbDate(p.startsOn),
      endsOn: fromDbDate(p.endsOn),
      theme: p.theme,
    })),
    reportPeriods: campaign.reportPeriods.map((r) => ({
      code: r.code,
      ordinal: r.ordinal,
      name: r.name,
      covers: r.covers,
      opensAt: r.opensAt,
      deadlineAt: r.deadlineAt,
      deadlineText: r.deadlineText,
      fields: reportFieldsSchema.parse(r.fields),
    })),
  };
}

function planColumns(d: CampaignDraft) {
  return {
    docNumber: d.docNumber,
    docDate: asDbDate(d.docDate),
    docPlace: d.docPlace,
    title: d.title,
    overallTheme: d.overallTheme,
    movements: [...d.movements],
    addressees: [...d.addressees],
    fullText: d.fullText,
  };
}

function phaseColumns(p: CampaignDraft['phases'][number]) {
  return { name: p.name, startsOn: asDbDate(p.startsOn), endsOn: asDbDate(p.endsOn), theme: p.theme };
}

function periodColumns(r: CampaignDraft['reportPeriods'][number]) {
  return { name: r.name, covers: r.covers, opensAt: r.opensAt, deadlineAt: r.deadlineAt, deadlineText: r.deadlineText };
}

class StaleCampaignError extends Error {
  override readonly name = 'StaleCampaignError';
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
