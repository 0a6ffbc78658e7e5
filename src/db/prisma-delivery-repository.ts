import { z } from 'zod';
import { createGroupCommit } from '../lib/group-commit';
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
  readonly contact: {
    readonly id: number;
    readonly channel: ChannelId;
    readonly platformUserId: string;
    readonly blocked: boolean;
    /** Has a conversation state: a question may need asking again after this message. */
    readonly inConversation: boolean;
  } | null;
  readonly reply: Reply | null;
}

interface LoadedRow {
  id: number;
  status: string;
  message: unknown;
  broadcast_status: string | null;
  broadcast_body: string | null;
  contact_id: number | null;
  contact_channel: string | null;
  platform_user_id: string | null;
  contact_status: string | null;
  contact_phone: string | null;
  in_conversation: boolean;
  reminder_id: number | null;
  member_name: string | null;
  member_phone: string | null;
  period_name: string | null;
  deadline_text: string | null;
  obsolete: boolean;
}

const deliveryStatus = z.enum(['queued', 'sent', 'failed', 'cancelled']);
const channelId = z.enum(['telegram', 'zalo_oa', 'zalo_bot', 'webchat']);

/** Delivery rows and broadcasts as the queue workers see them. */
export function createPrismaDeliveryRepository(prisma: PrismaClient) {
  // One UPDATE (and one commit, one WAL flush) for the sends that finish while the previous one
  // runs: a commit per message was the largest cost of a send after the HTTP call itself.
  const markSentTogether = createGroupCommit<{ id: number; platformMessageId: string | null; at: string }>(
    async (rows) => {
      await prisma.$executeRaw`
        UPDATE deliveries AS d
        SET status = 'sent', sent_at = v.at, platform_message_id = v.platform_message_id, attempts = d.attempts + 1
        FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, platform_message_id: r.platformMessageId, at: r.at })))}::jsonb)
          AS v(id int, platform_message_id text, at timestamp(3))
        WHERE d.id = v.id AND d.status = 'queued'`;
    },
    { maxBatch: 200 },
  );
  return {
    /**
     * Everything one send needs, in one round trip: this runs once per message sent, so the
     * separate queries Prisma makes for an `include` of four relations (and the transaction the
     * engine would open to ask whether the person is mid-conversation) halved the send rate.
     */
    async load(deliveryId: number): Promise<PendingDelivery | null> {
      const rows = await prisma.$queryRaw<LoadedRow[]>`
        SELECT d.id, d.status::text AS status, d.message,
               b.status::text AS broadcast_status, b.body AS broadcast_body,
               c.id AS contact_id, c.channel::text AS contact_channel, c.platform_user_id, c.status::text AS contact_status, c.phone AS contact_phone,
               (cs.contact_id IS NOT NULL) AS in_conversation,
               r.id AS reminder_id, m.name AS member_name, m.phone AS member_phone, p.name AS period_name, p.deadline_text,
               (r.id IS NOT NULL AND EXISTS (SELECT 1 FROM submissions s WHERE s.member_id = r.member_id AND s.period_id = r.period_id)) AS obsolete
        FROM deliveries d
        LEFT JOIN broadcasts b ON b.id = d.broadcast_id
        LEFT JOIN contacts c ON c.id = d.contact_id
        LEFT JOIN conversation_states cs ON cs.contact_id = c.id
        LEFT JOIN reminder_log r ON r.id = d.reminder_id
        LEFT JOIN members m ON m.id = r.member_id
        LEFT JOIN report_periods p ON p.id = r.period_id
        WHERE d.id = ${deliveryId}`;
      const d = rows[0];
      if (!d) return null;
      const message = storedReplySchema.safeParse(d.message);
      const reply = message.success ? message.data : d.broadcast_body !== null ? { text: d.broadcast_body } : null;
      return {
        id: d.id,
        status: deliveryStatus.parse(d.status),
        broadcastCancelled: d.broadcast_status === 'cancelled',
        obsolete: d.obsolete,
        reminder:
          d.reminder_id !== null
            ? { phone: d.contact_phone ?? d.member_phone, memberName: d.member_name ?? '', periodName: d.period_name ?? '', deadlineText: d.deadline_text ?? '' }
            : null,
        contact:
          d.contact_id !== null && d.platform_user_id !== null
            ? {
                id: d.contact_id,
                channel: channelId.parse(d.contact_channel),
                platformUserId: d.platform_user_id,
                blocked: d.contact_status === 'blocked',
                inConversation: d.in_conversation,
              }
            : null,
        reply,
      };
    },

    /**
     * Only a queued row changes: a second worker finishing the same delivery changes nothing.
     * Sends finishing together are marked in one statement (see `markSentTogether`).
     */
    markSent(id: number, platformMessageId: string | undefined, at: Date): Promise<void> {
      return markSentTogether({ id, platformMessageId: platformMessageId ?? null, at: at.toISOString() });
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

    /**
     * Broadcasts whose fan-out should be running: their time has come and it has not started, or
     * it started and did not finish. The second kind needs its job again only when Redis lost it
     * (a worker and Redis failing together); adding a job that exists changes nothing.
     */
    async dueBroadcasts(now: Date): Promise<number[]> {
      const due = await prisma.broadcast.findMany({
        where: {
          OR: [
            { status: 'scheduled', OR: [{ scheduledAt: null }, { scheduledAt: { lte: now } }] },
            { status: 'sending', fanoutDoneAt: null },
          ],
        },
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
