import { storedReplySchema } from './stored-reply-schema';
import type { RejectionReason } from '../channels/channel-error';
import type { ChannelId, Reply } from '../core/messages';
import { audienceSchema } from '../core/broadcasts/audience';
import { audienceMemberWhere } from './audience-where';
import { queryCallList } from './query-call-list';
import type { Prisma, PrismaClient } from './generated/client';


/** One message ready to go: who to, what, and whether it still should. */
export interface PendingDelivery {
  readonly id: number;
  readonly status: 'queued' | 'sent' | 'failed' | 'cancelled';
  readonly broadcastCancelled: boolean;
  /** A reminder whose member has filed the report since it was planned. */
  readonly obsolete: boolean;
  /** For a reminder: what a ZNS template needs when the chat is closed (Zalo's 7-day window). */
  readonly reminder: { readonly phone: string | null; readonly memberName: string; readonly periodName: string; readonly deadlineText: string } | null;
  readonly contact: { readonly id: number; readonly channel: ChannelId; readonly platformUserId: string; readonly blocked: boolean } | null;
  readonly reply: Reply | null;
}

/** Delivery rows and broadcasts as the queue workers see them. */
export function createPrismaDeliveryRepository(prisma: PrismaClient) {
  return {
    async load(deliveryId: number): Promise<PendingDelivery | null> {
      const d = await prisma.delivery.findUnique({
        where: { id: deliveryId },
        include: { contact: true, broadcast: true, reminder: { include: { member: true, period: true } } },
      });
      if (!d) return null;
      const obsolete = d.reminder
        ? (await prisma.submission.count({ where: { memberId: d.reminder.memberId, periodId: d.reminder.periodId } })) > 0
        : false;
      const message = storedReplySchema.safeParse(d.message);
      const reply = message.success ? message.data : d.broadcast ? { text: d.broadcast.body } : null;
      return {
        id: d.id,
        status: d.status,
        broadcastCancelled: d.broadcast?.status === 'cancelled',
        obsolete,
        reminder: d.reminder
          ? {
              phone: d.contact?.phone ?? d.reminder.member.phone,
              memberName: d.reminder.member.name,
              periodName: d.reminder.period.name,
              deadlineText: d.reminder.period.deadlineText,
            }
          : null,
        contact: d.contact
          ? { id: d.contact.id, channel: d.contact.channel, platformUserId: d.contact.platformUserId, blocked: d.contact.status === 'blocked' }
          : null,
        reply,
      };
    },

    /** Only a queued row changes: a second worker finishing the same delivery changes nothing. */
    async markSent(id: number, platformMessageId: string | undefined, at: Date): Promise<void> {
      await prisma.delivery.updateMany({
        where: { id, status: 'queued' },
        data: { status: 'sent', sentAt: at, platformMessageId, attempts: { increment: 1 } },
      });
    },

    async markFailed(id: number, failure: RejectionReason, detail: string, at: Date): Promise<void> {
      await prisma.delivery.updateMany({
        where: { id, status: 'queued' },
        data: { status: 'failed', failure, failureDetail: detail.slice(0, 500), failedAt: at, attempts: { increment: 1 } },
      });
    },

    async markCancelled(id: number): Promise<void> {
      await prisma.delivery.updateMany({ where: { id, status: 'queued' }, data: { status: 'cancelled' } });
    },

    async countAttempt(id: number): Promise<void> {
      await prisma.delivery.update({ where: { id }, data: { attempts: { increment: 1 } } });
    },

    /**
     * The next batch of a broadcast's fan-out: every active contact of the next `limit` members
     * of its audience gets a delivery row (a member without one gets a failed row, for the call
     * list). Rows are keyed by (broadcast, contact), so a batch done twice adds nothing.
     */
    async fanoutBatch(broadcastId: number, limit: number, at: Date) {
      const broadcast = await prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
      if (broadcast.status === 'cancelled') return { cancelled: true as const, deliveries: [], done: true };
      if (broadcast.status !== 'sending') {
        await prisma.broadcast.update({ where: { id: broadcastId }, data: { status: 'sending', startedAt: broadcast.startedAt ?? at } });
      }
      const audience = audienceSchema.parse(broadcast.audience);
      const members = await prisma.member.findMany({
        where: { AND: [audienceMemberWhere(audience), { id: { gt: broadcast.fanoutCursor ?? 0 } }] },
        orderBy: { id: 'asc' },
        take: limit,
        select: { id: true, contacts: { where: { status: 'active' }, select: { id: true, channel: true } } },
      });
      const rows = members.flatMap((m): Prisma.DeliveryCreateManyInput[] =>
        m.contacts.length > 0
          ? m.contacts.map((c) => ({ dedupeKey: `b:${broadcastId}:c:${c.id}`, broadcastId, contactId: c.id, memberId: m.id, channel: c.channel }))
          : [
              {
                dedupeKey: `b:${broadcastId}:m:${m.id}`,
                broadcastId,
                memberId: m.id,
                status: 'failed',
                failure: 'unreachable',
                failureDetail: 'Hội viên chưa có kênh liên lạc nào',
                failedAt: at,
              },
            ],
      );
      const last = members.at(-1);
      await prisma.$transaction([
        prisma.delivery.createMany({ data: rows, skipDuplicates: true }),
        prisma.broadcast.update({
          where: { id: broadcastId },
          data: last ? { fanoutCursor: last.id } : { fanoutDoneAt: at },
        }),
      ]);
      const deliveries = await prisma.delivery.findMany({
        where: { dedupeKey: { in: rows.map((r) => r.dedupeKey) }, status: 'queued' },
        select: { id: true, channel: true },
      });
      return { cancelled: false as const, deliveries: deliveries.flatMap(({ id, channel }) => (channel ? [{ id, channel }] : [])), done: !last };
    },

    async markEnqueued(ids: readonly number[], at: Date): Promise<void> {
      if (ids.length > 0) await prisma.delivery.updateMany({ where: { id: { in: [...ids] } }, data: { enqueuedAt: at } });
    },

    /** Broadcasts whose time has come and whose fan-out has not started. */
    async dueBroadcasts(now: Date): Promise<number[]> {
      const due = await prisma.broadcast.findMany({
        where: { status: 'scheduled', OR: [{ scheduledAt: null }, { scheduledAt: { lte: now } }] },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: 100,
      });
      return due.map((b) => b.id);
    },

    /**
     * Queued rows with no send job put on the queue lately: never enqueued (a notice), or lost
     * with Redis. Re-adding a job that still exists does nothing (same job id).
     */
    async staleQueued(now: Date, olderThanMs: number, limit: number) {
      const rows = await prisma.delivery.findMany({
        where: {
          status: 'queued',
          contactId: { not: null },
          channel: { notIn: ['webchat'] },
          AND: [
            { OR: [{ enqueuedAt: null }, { enqueuedAt: { lt: new Date(now.getTime() - olderThanMs) } }] },
            // A broadcast's rows are enqueued by its fan-out; a scheduled one waits for its time.
            { OR: [{ broadcastId: null }, { broadcast: { status: 'sending' } }] },
          ],
        },
        select: { id: true, channel: true },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.flatMap(({ id, channel }) => (channel ? [{ id, channel }] : []));
    },

    /** A broadcast is sent once its fan-out is done and nothing is left queued (web chat rows wait for the page). */
    async finishBroadcasts(now: Date): Promise<number> {
      const sending = await prisma.broadcast.findMany({ where: { status: 'sending', fanoutDoneAt: { not: null } }, select: { id: true } });
      let finished = 0;
      for (const { id } of sending) {
        const left = await prisma.delivery.count({ where: { broadcastId: id, status: 'queued', channel: { not: 'webchat' } } });
        if (left > 0) continue;
        const { count } = await prisma.broadcast.updateMany({ where: { id, status: 'sending' }, data: { status: 'sent', finishedAt: now } });
        finished += count;
      }
      return finished;
    },

    /** What was not yet sent is not sent: the rows are cancelled, the workers skip them. */
    async cancelBroadcast(id: number, now: Date): Promise<{ cancelled: number } | null> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.broadcast.updateMany({
          where: { id, status: { in: ['draft', 'scheduled', 'sending'] } },
          data: { status: 'cancelled', cancelledAt: now },
        });
        if (count === 0) return null;
        const rows = await tx.delivery.updateMany({ where: { broadcastId: id, status: 'queued' }, data: { status: 'cancelled' } });
        return { cancelled: rows.count };
      });
    },

    async progress(id: number) {
      const groups = await prisma.delivery.groupBy({ by: ['status'], where: { broadcastId: id }, _count: { _all: true } });
      const counts = { queued: 0, sent: 0, failed: 0, cancelled: 0 };
      for (const g of groups) counts[g.status] = g._count._all;
      return counts;
    },

    /**
     * The members a broadcast reached on no channel, with why and a phone to call: a row of theirs
     * failed (or they had no contact at all) and none was sent, is still queued or was cancelled.
     */
    async callList(id: number) {
      const entries = await queryCallList(prisma, { kind: 'broadcast', broadcastId: id });
      return entries.map((m) => ({
        memberId: m.memberId,
        name: m.name,
        taxCode: m.taxCode,
        area: m.area,
        contactPerson: m.contactPerson,
        phone: m.phones[0] ?? null,
        reasons: m.missed.flatMap((x) => x.reasons.map((r) => (r.detail ? `${r.text} (${r.detail})` : r.text))),
      }));
    },
  };
}

export type DeliveryRepository = ReturnType<typeof createPrismaDeliveryRepository>;
