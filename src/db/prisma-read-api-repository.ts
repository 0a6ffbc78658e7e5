import { z } from 'zod';
import { normalizeInviteCode } from '../core/members/generate-invite-code';
import { parseVnMobile } from '../core/phone/parse-vn-mobile';
import { foldText } from '../core/text/fold-text';
import type { MemberQuery, ReadApiRepository, SubmittedValue } from '../http/routes/read-api-repository';
import { DeliveryFailure, DeliveryStatus, type Prisma, type PrismaClient } from './generated/client';

/**
 * The read API's data on Prisma. Read-only; each list is one page query plus one count with the
 * same filter.
 */
export function createPrismaReadApiRepository(prisma: PrismaClient): ReadApiRepository {
  return {
    async findMembers(query) {
      const where = memberWhere(query);
      const [rows, total] = await Promise.all([
        prisma.member.findMany({
          where,
          orderBy: { id: 'asc' },
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          select: {
            id: true,
            name: true,
            taxCode: true,
            type: true,
            status: true,
            contactPerson: true,
            phone: true,
            inviteCode: true,
            createdAt: true,
            area: { select: { code: true, name: true } },
            contacts: {
              orderBy: { id: 'asc' },
              select: { channel: true, role: true, status: true, lastInteractionAt: true },
            },
          },
        }),
        prisma.member.count({ where }),
      ]);
      return { items: rows, total };
    },

    findPeriodById(id) {
      return prisma.reportPeriod.findUnique({ where: { id }, select: { id: true, code: true, name: true, deadlineAt: true } });
    },

    async findSubmissionsByPeriodId(periodId, page) {
      const [rows, total] = await Promise.all([
        prisma.submission.findMany({
          where: { periodId },
          orderBy: { id: 'asc' },
          skip: (page.page - 1) * page.pageSize,
          take: page.pageSize,
          include: {
            member: { select: { id: true, name: true, taxCode: true, area: { select: { code: true, name: true } } } },
            // Revisions are never updated, and the current one is the highest.
            revisions: {
              orderBy: { revision: 'desc' },
              take: 1,
              include: {
                attachments: {
                  orderBy: { id: 'asc' },
                  select: { fileName: true, mimeType: true, sizeBytes: true, sha256: true },
                },
              },
            },
          },
        }),
        prisma.submission.count({ where: { periodId } }),
      ]);
      const items = rows.map((s) => {
        const current = s.revisions[0];
        if (!current) throw new Error(`submission ${s.id} has no revision`);
        return {
          member: s.member,
          onTime: s.onTime,
          firstSubmittedAt: s.firstSubmittedAt,
          lastSubmittedAt: s.lastSubmittedAt,
          currentRevision: current.revision,
          referenceCode: current.referenceCode,
          values: toSubmittedValues(s.id, current.values),
          attachments: current.attachments,
        };
      });
      return { items, total };
    },

    async findBroadcastByIdIncludeCounts(id) {
      const broadcast = await prisma.broadcast.findUnique({
        where: { id },
        select: {
          id: true,
          kind: true,
          title: true,
          status: true,
          scheduledAt: true,
          startedAt: true,
          finishedAt: true,
          cancelledAt: true,
          createdAt: true,
        },
      });
      if (!broadcast) return null;
      const [byStatus, byFailure] = await Promise.all([
        prisma.delivery.groupBy({ by: ['status'], where: { broadcastId: id }, _count: { _all: true } }),
        prisma.delivery.groupBy({
          by: ['failure'],
          where: { broadcastId: id, status: DeliveryStatus.failed, failure: { not: null } },
          _count: { _all: true },
        }),
      ]);
      // Every value of the enums appears, zero included, so a client sees a stable shape and a
      // status added to the schema later shows up here without a change.
      const deliveryCounts: Record<string, number> = zeroes(Object.values(DeliveryStatus));
      for (const row of byStatus) deliveryCounts[row.status] = row._count._all;
      const failureCounts: Record<string, number> = zeroes(Object.values(DeliveryFailure));
      for (const row of byFailure) {
        if (row.failure !== null) failureCounts[row.failure] = row._count._all;
      }
      return { ...broadcast, deliveryCounts, failureCounts };
    },
  };
}

function memberWhere(query: MemberQuery): Prisma.MemberWhereInput {
  return {
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.areaCode === undefined ? {} : { area: { code: query.areaCode } }),
    ...(query.search === undefined ? {} : { OR: searchConditions(query.search) }),
  };
}

/**
 * What a person typing into a search box may mean: part of the name (compared on the folded
 * column, so `hiep hoa` finds `Hiệp Hòa`), a tax code or its start, an invite code, a mobile.
 */
function searchConditions(search: string): Prisma.MemberWhereInput[] {
  const conditions: Prisma.MemberWhereInput[] = [
    { nameFolded: { contains: escapeLike(foldText(search)) } },
    { inviteCode: normalizeInviteCode(search) },
  ];
  const digits = search.replace(/\s/g, '');
  if (/^\d{3,10}(-\d{0,3})?$/.test(digits)) conditions.push({ taxCode: { startsWith: digits } });
  const phone = parseVnMobile(search);
  if (phone.ok) conditions.push({ phone: phone.value });
  return conditions;
}

/**
 * Prisma hands `contains` to LIKE as it is, so `%` or `_` typed in a search would match every
 * name; PostgreSQL's default escape character is the backslash.
 */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Stored answers, as the conversation writes them (see sql-conversation-store.ts). */
const storedValuesSchema = z.record(
  z.string(),
  z.union([z.number(), z.string(), z.object({ attachmentId: z.number().int(), fileName: z.string() }), z.null()]),
);

/**
 * The answers as the API shows them. A file's internal attachment id is dropped: it may name the
 * row of an earlier revision, and the file's details are listed with the revision anyway.
 */
function toSubmittedValues(submissionId: number, stored: unknown): Record<string, SubmittedValue> {
  const parsed = storedValuesSchema.safeParse(stored);
  // Loud on purpose: a report the office would read wrongly is worse than an error in the log.
  if (!parsed.success) throw new Error(`submission ${submissionId}: stored values are malformed`, { cause: parsed.error });
  return Object.fromEntries(
    Object.entries(parsed.data).map(([code, value]) => [
      code,
      typeof value === 'object' && value !== null ? { fileName: value.fileName } : value,
    ]),
  );
}

function zeroes(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key, 0]));
}
