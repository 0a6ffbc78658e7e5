import { type ReportField, reportFieldsSchema } from '../core/reports/report-field';
import { exportPeriodCsv } from './export-period-csv';
import type { Prisma, PrismaClient } from './generated/client';

/** Where a member stands on a period: filed on time, filed late, or not yet. */
export type SubmissionStatus = 'on_time' | 'late' | 'missing';

export interface PeriodMemberQuery {
  readonly periodId: number;
  /** An area's id, or null for members with no area; undefined for every area. */
  readonly areaId?: number | null;
  readonly status?: SubmissionStatus;
  readonly skip: number;
  readonly take: number;
}

/**
 * What the dashboard's report pages read: the members of a period with where they stand, one
 * member's report with every revision and its files, and the compiled report as CSV.
 */
export function createPrismaSubmissionAdminRepository(prisma: PrismaClient, options: { timeZone: string }) {
  return {
    /** The period and its form; the fields are empty when the stored form does not parse. */
    async findPeriod(id: number) {
      const period = await prisma.reportPeriod.findUnique({ where: { id }, include: { campaign: { select: { year: true } } } });
      if (!period) return null;
      const fields = reportFieldsSchema.safeParse(period.fields);
      return { ...period, fields: fields.success ? fields.data : ([] satisfies ReportField[]) };
    },

    areas() {
      return prisma.area.findMany({ where: { active: true }, orderBy: [{ ordinal: 'asc' }, { name: 'asc' }] });
    },

    /**
     * Active members (the ones who owe the report, as the progress page counts them), by area then
     * name, a page of them, their submission for the period if any, and the counts of each status
     * under the area filter.
     */
    async membersOfPeriod(query: PeriodMemberQuery) {
      const base: Prisma.MemberWhereInput = { status: 'active', ...(query.areaId === undefined ? {} : { areaId: query.areaId }) };
      const byStatus = (status: SubmissionStatus): Prisma.MemberWhereInput =>
        status === 'missing'
          ? { submissions: { none: { periodId: query.periodId } } }
          : { submissions: { some: { periodId: query.periodId, onTime: status === 'on_time' } } };
      const where: Prisma.MemberWhereInput = query.status ? { AND: [base, byStatus(query.status)] } : base;
      const [onTime, late, missing, members] = await Promise.all([
        prisma.member.count({ where: { AND: [base, byStatus('on_time')] } }),
        prisma.member.count({ where: { AND: [base, byStatus('late')] } }),
        prisma.member.count({ where: { AND: [base, byStatus('missing')] } }),
        prisma.member.findMany({
          where,
          orderBy: [{ area: { ordinal: 'asc' } }, { nameFolded: 'asc' }, { id: 'asc' }],
          skip: query.skip,
          take: query.take,
          include: {
            area: true,
            submissions: {
              where: { periodId: query.periodId },
              include: { revisions: { orderBy: { revision: 'desc' }, take: 1, select: { referenceCode: true } } },
            },
          },
        }),
      ]);
      const counts = { on_time: onTime, late, missing };
      return {
        counts,
        total: query.status ? counts[query.status] : onTime + late + missing,
        members: members.map((m) => {
          const submission = m.submissions[0] ?? null;
          const status: SubmissionStatus = !submission ? 'missing' : submission.onTime ? 'on_time' : 'late';
          return { id: m.id, name: m.name, taxCode: m.taxCode, area: m.area, status, submission, referenceCode: submission?.revisions[0]?.referenceCode ?? null };
        }),
      };
    },

    /** The member and its report for the period, every revision oldest first with who filed it and its files. */
    async submissionOf(periodId: number, memberId: number) {
      const member = await prisma.member.findUnique({ where: { id: memberId }, include: { area: true } });
      if (!member) return null;
      const submission = await prisma.submission.findUnique({
        where: { memberId_periodId: { memberId, periodId } },
        include: {
          revisions: {
            orderBy: { revision: 'asc' },
            include: {
              contact: { select: { id: true, displayName: true, channel: true, role: true } },
              attachments: { orderBy: { id: 'asc' } },
            },
          },
        },
      });
      return { member, submission };
    },

    /** A stored file and the area of the member who sent it (for an area viewer's check). */
    findAttachment(id: number) {
      return prisma.attachment.findUnique({ where: { id }, include: { member: { select: { areaId: true } } } });
    },

    exportCsv(periodId: number) {
      return exportPeriodCsv(prisma, periodId, options);
    },

    async audit(entry: { actorId: string; action: string; entityType?: string; entityId?: string; details?: Record<string, string | number | boolean> }) {
      await prisma.auditLog.create({ data: { actorType: 'admin', ...entry } });
    },
  };
}

export type SubmissionAdminRepository = ReturnType<typeof createPrismaSubmissionAdminRepository>;
