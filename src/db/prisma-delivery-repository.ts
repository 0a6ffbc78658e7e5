import { z } from 'zod';
import { createGroupCommit } from '../lib/group-commit';
import { storedReplySchema } from './stored-reply-schema';
import type { RejectionReason } from '../channels/channel-error';
import type { ChannelId, Reply } from '../core/messages';
import { audienceSchema } from '../core/broadcasts/audience';
import { audienceSql } from './audience-where';
import type { Database } from './database';
import { queryCallList } from './query-call-list';


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
export function createPrismaDeliveryRepository(db: Pick<Database, 'prisma' | 'sql'>) {
  // The per-send statements (load, mark sent) and the fan-out are plain SQL (see `SqlDatabase`):
  // through the Prisma client they cost the worker about 1 ms of CPU each, and the fan-out's
  // thousand-row batches held the event loop long enough to bunch paced sends together.
  const { prisma, sql } = db;
  // One UPDATE (and one commit, one WAL flush) for the sends that finish while the previous one
  // runs: a commit per message was the largest cost of a send after the HTTP call itself.
  const markSentTogether = createGroupCommit<{ id: number; platformMessageId: string | null; at: string }>(
    async (rows) => {
      // `d.id = ANY($2)` as well: joined only to the JSON rows (whose count the planner cannot
      // see), the rows to update were found by reading every queued delivery (at 30,000 queued,
      // bench/broadcast-throughput.ts, marking took 6.0 ms a send instead of 4.7).
      await sql.execute(
        `UPDATE deliveries AS d
         SET status = 'sent', sent_at = v.at, platform_message_id = v.platform_message_id, attempts = d.attempts + 1
         FROM jsonb_to_recordset($1::jsonb) AS v(id int, platform_message_id text, at timestamp(3))
         WHERE d.id = ANY($2::int[]) AND d.id = v.id AND d.status = 'queued'`,
        [JSON.stringify(rows.map((r) => ({ id: r.id, platform_message_id: r.platformMessageId, at: r.at }))), rows.map((r) => r.id)],
      );
    },
    { maxBatch: 200 },
  );
  // One query for the sends that start while the previous load runs: with 20 sends in flight, a
  // query per send was the largest cost of the worker's own after the HTTP call.
  const loadTogether = createGroupCommit<number, PendingDelivery | null>(
    async (ids) => {
      const rows = await sql.query<LoadedRow>(
        `SELECT d.id, d.status::text AS status, d.message,
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
        WHERE d.id = ANY($1::int[])`,
        [[...ids]],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => {
        const d = byId.get(id);
        return d ? toPendingDelivery(d) : null;
      });
    },
    { maxBatch: 100 },
  );
  return {
    /**
     * Everything one send needs, in one round trip: this runs once per message sent, so the
     * separate queries Prisma makes for an `include` of four relations (and the transaction the
     * engine would open to ask whether the person is mid-conversation) halved the send rate.
     */
    load(deliveryId: number): Promise<PendingDelivery | null> {
      return loadTogether(deliveryId);
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
      return sql.transaction(async (tx) => {
        const [broadcast] = await tx.query<{ status: string; audience: unknown; fanoutCursor: number | null }>(
          `SELECT status::text AS status, audience, fanout_cursor AS "fanoutCursor" FROM broadcasts WHERE id = $1 FOR UPDATE`,
          [broadcastId],
        );
        if (!broadcast) throw new Error(`broadcast ${broadcastId} not found`);
        if (broadcast.status === 'cancelled') return { cancelled: true as const, deliveries: [], done: true };
        const now = new Date();
        if (broadcast.status !== 'sending') {
          await tx.execute(`UPDATE broadcasts SET status = 'sending', started_at = COALESCE(started_at, $2), updated_at = $3 WHERE id = $1`, [broadcastId, at, now]);
        }
        const { where, params } = audienceSql(audienceSchema.parse(broadcast.audience), 7);
        // The next `limit` members; a row per active contact, or one failed row (for the call
        // list) for a member with none. Rows already there (a batch done twice) stay as they are,
        // and those still queued are enqueued again (the job id makes that harmless).
        const rows = await tx.query<{ id: number | null; channel: ChannelId | null; memberId: number | null }>(
          `WITH batch AS (
             SELECT m.id FROM members m WHERE ${where} AND m.id > $2 ORDER BY m.id LIMIT $3
           ), wanted AS (
             SELECT 'b:' || $1::int || ':c:' || c.id AS dedupe_key, c.id AS contact_id, b.id AS member_id, c.channel
             FROM batch b JOIN contacts c ON c.member_id = b.id AND c.status = 'active'
             UNION ALL
             SELECT 'b:' || $1::int || ':m:' || b.id, NULL, b.id, NULL FROM batch b
             WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.member_id = b.id AND c.status = 'active')
           ), inserted AS (
             INSERT INTO deliveries (dedupe_key, broadcast_id, contact_id, member_id, channel, status, failure, failure_detail, failed_at, queued_at)
             SELECT w.dedupe_key, $1, w.contact_id, w.member_id, w.channel,
               CASE WHEN w.contact_id IS NULL THEN 'failed' ELSE 'queued' END::"DeliveryStatus",
               CASE WHEN w.contact_id IS NULL THEN 'unreachable' END::"DeliveryFailure",
               CASE WHEN w.contact_id IS NULL THEN $4 END,
               CASE WHEN w.contact_id IS NULL THEN $5::timestamp(3) END,
               $6
             FROM wanted w ORDER BY w.member_id, w.contact_id
             ON CONFLICT (dedupe_key) DO NOTHING
             RETURNING id, channel, status
           )
           SELECT i.id, i.channel::text AS channel, NULL::int AS "memberId" FROM inserted i WHERE i.status = 'queued'
           UNION ALL
           SELECT d.id, d.channel::text, NULL FROM deliveries d JOIN wanted w ON w.dedupe_key = d.dedupe_key WHERE d.status = 'queued'
           UNION ALL
           SELECT NULL, NULL, max(b.id) FROM batch b`,
          [broadcastId, broadcast.fanoutCursor ?? 0, limit, 'Hội viên chưa có kênh liên lạc nào', at, now, ...params],
        );
        const last = rows.find((r) => r.memberId !== null)?.memberId ?? null;
        await tx.execute(
          last !== null
            ? `UPDATE broadcasts SET fanout_cursor = $2, updated_at = $3 WHERE id = $1`
            : `UPDATE broadcasts SET fanout_done_at = $2, updated_at = $3 WHERE id = $1`,
          [broadcastId, last ?? at, now],
        );
        const deliveries = rows.flatMap(({ id, channel }) => (id !== null && channel !== null ? [{ id, channel }] : []));
        return { cancelled: false as const, deliveries, done: last === null };
      });
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

function toPendingDelivery(d: LoadedRow): PendingDelivery {
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
}
