import { LATE_SUBMISSION_DAYS } from '../core/reports/period-window';
import type { Reply } from '../core/messages';
import type { Prisma, PrismaClient } from './generated/client';
import { toJson } from './to-json';

/** A reminder the planner chose, as recorded: one row per (member, period, offset), ever. */
export interface ReminderToRecord {
  readonly memberId: number;
  readonly periodId: number;
  readonly offsetKey: string;
  readonly dueAt: Date;
  /** Why it is recorded without being sent; absent for one to send. */
  readonly skippedReason?: string;
}

/** What the reminder job reads and writes. */
export function createPrismaReminderRepository(prisma: PrismaClient) {
  return {
    /** The planner's input: periods still worth a reminder, active members, who filed, what was recorded. */
    async loadPlanInput(now: Date) {
      const since = new Date(now.getTime() - (LATE_SUBMISSION_DAYS + 1) * 86_400_000);
      const periods = await prisma.reportPeriod.findMany({
        where: { deadlineAt: { gte: since }, campaign: { status: 'published' } },
        select: { id: true, name: true, deadlineAt: true, deadlineText: true, opensAt: true, campaign: { select: { year: true } } },
        orderBy: { deadlineAt: 'asc' },
      });
      const periodIds = periods.map((p) => p.id);
      const [members, submitted, log] = await Promise.all([
        prisma.member.findMany({
          where: { status: 'active' },
          select: { id: true, createdAt: true, approvedAt: true, _count: { select: { contacts: { where: { status: 'active' } } } } },
        }),
        prisma.submission.findMany({ where: { periodId: { in: periodIds } }, select: { memberId: true, periodId: true } }),
        prisma.reminderLog.findMany({ where: { periodId: { in: periodIds } }, select: { memberId: true, periodId: true, offsetKey: true } }),
      ]);
      return {
        periods,
        members: members.map((m) => ({
          id: m.id,
          registeredAt: m.approvedAt ?? m.createdAt,
          reachable: m._count.contacts > 0,
        })),
        submitted,
        log,
      };
    },

    /**
     * Records reminders and queues the messages of those this call recorded first. The unique
     * (member, period, offset) row decides who sends: two schedulers, a restart or a manual run
     * racing each other insert it once, and only the winner makes deliveries.
     */
    async record(
      reminders: readonly ReminderToRecord[],
      messageFor: (reminder: ReminderToRecord, draft: { answered: number; total: number } | null) => Reply,
      at: Date,
    ): Promise<{ recorded: number; deliveries: Array<{ id: number; channel: NonNullable<Prisma.DeliveryCreateManyInput['channel']> }> }> {
      let recorded = 0;
      const created: Array<{ id: number; channel: NonNullable<Prisma.DeliveryCreateManyInput['channel']> }> = [];
      for (let i = 0; i < reminders.length; i += 500) {
        const batch = reminders.slice(i, i + 500);
        const fresh = await insertNew(prisma, batch, at);
        recorded += fresh.length;
        const toSend = fresh.filter((r) => !r.skippedReason);
        if (toSend.length === 0) continue;
        const memberIds = [...new Set(toSend.map((r) => r.memberId))];
        const [contacts, drafts] = await Promise.all([
          prisma.contact.findMany({ where: { memberId: { in: memberIds }, status: 'active' }, select: { id: true, memberId: true, channel: true } }),
          prisma.submissionDraft.findMany({
            where: { memberId: { in: memberIds }, periodId: { in: [...new Set(toSend.map((r) => r.periodId))] } },
            select: { memberId: true, periodId: true, answered: true, total: true },
          }),
        ]);
        const draftOf = new Map(drafts.map((d) => [`${d.memberId}:${d.periodId}`, d]));
        const rows: Prisma.DeliveryCreateManyInput[] = [];
        for (const reminder of toSend) {
          const message = toJson(messageFor(reminder, draftOf.get(`${reminder.memberId}:${reminder.periodId}`) ?? null));
          for (const contact of contacts.filter((c) => c.memberId === reminder.memberId)) {
            rows.push({
              dedupeKey: `r:${reminder.logId}:c:${contact.id}`,
              reminderId: reminder.logId,
              contactId: contact.id,
              memberId: reminder.memberId,
              channel: contact.channel,
              message,
            });
          }
        }
        await prisma.delivery.createMany({ data: rows, skipDuplicates: true });
        const made = await prisma.delivery.findMany({
          where: { dedupeKey: { in: rows.map((r) => r.dedupeKey) } },
          select: { id: true, channel: true },
        });
        for (const d of made) if (d.channel) created.push({ id: d.id, channel: d.channel });
      }
      return { recorded, deliveries: created };
    },

    /** Office staff and area heads with an active contact, for the digest. */
    async digestRecipients() {
      return prisma.contact.findMany({
        where: { status: 'active', role: { in: ['office', 'unit_head'] } },
        select: { id: true, channel: true, role: true, areaId: true, member: { select: { areaId: true } } },
      });
    },

    /** Active members that have not filed `periodId`, by area (for the digest). */
    async notFiledByArea(periodId: number) {
      const members = await prisma.member.findMany({
        where: { status: 'active', submissions: { none: { periodId } } },
        select: { areaId: true, area: { select: { name: true, ordinal: true } }, _count: { select: { contacts: { where: { status: 'active' } } } } },
      });
      const byArea = new Map<number | null, { name: string; ordinal: number; count: number; unreachable: number }>();
      for (const m of members) {
        const row = byArea.get(m.areaId) ?? { name: m.area?.name ?? 'Chưa rõ khu vực', ordinal: m.area?.ordinal ?? 999, count: 0, unreachable: 0 };
        row.count += 1;
        if (m._count.contacts === 0) row.unreachable += 1;
        byArea.set(m.areaId, row);
      }
      return [...byArea.entries()].sort(([, a], [, b]) => a.ordinal - b.ordinal).map(([areaId, row]) => ({ areaId, ...row }));
    },

    /** Queues one message to one contact, once for `dedupeKey`; the id when it is new. */
    async queueNotice(input: { dedupeKey: string; contactId: number; channel: NonNullable<Prisma.DeliveryCreateManyInput['channel']>; message: Reply }) {
      const { count } = await prisma.delivery.createMany({
        data: [{ dedupeKey: input.dedupeKey, contactId: input.contactId, channel: input.channel, message: toJson(input.message) }],
        skipDuplicates: true,
      });
      if (count === 0) return null;
      const row = await prisma.delivery.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey }, select: { id: true, channel: true } });
      return row.channel ? { id: row.id, channel: row.channel } : null;
    },
  };
}

export type ReminderRepository = ReturnType<typeof createPrismaReminderRepository>;

/**
 * Inserts the rows that are not there yet and returns those, with their ids. The unique
 * (member, period, offset) index makes a row inserted elsewhere meanwhile fail here: such rows
 * are left out, one by one, rather than failing the batch.
 */
async function insertNew(prisma: PrismaClient, batch: readonly ReminderToRecord[], at: Date) {
  const existing = await prisma.reminderLog.findMany({
    where: { OR: batch.map((r) => ({ memberId: r.memberId, periodId: r.periodId, offsetKey: r.offsetKey })) },
    select: { memberId: true, periodId: true, offsetKey: true },
  });
  const taken = new Set(existing.map((e) => `${e.memberId}:${e.periodId}:${e.offsetKey}`));
  const fresh: Array<ReminderToRecord & { logId: number }> = [];
  for (const reminder of batch) {
    if (taken.has(`${reminder.memberId}:${reminder.periodId}:${reminder.offsetKey}`)) continue;
    try {
      const row = await prisma.reminderLog.create({
        data: {
          memberId: reminder.memberId,
          periodId: reminder.periodId,
          offsetKey: reminder.offsetKey,
          dueAt: reminder.dueAt,
          sentAt: reminder.skippedReason ? null : at,
          skippedReason: reminder.skippedReason ?? null,
        },
      });
      fresh.push({ ...reminder, logId: row.id });
    } catch (error) {
      if (isUniqueViolation(error)) continue;
      throw error;
    }
  }
  return fresh;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}
