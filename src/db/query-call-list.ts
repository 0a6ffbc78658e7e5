import { channelNames } from '../core/channel-names';
import type { ChannelId } from '../core/messages';
import type { DeliveryFailure, Prisma, PrismaClient } from './generated/client';

/**
 * Which messages the call list covers: one broadcast (the CLI's `calls <id>`), or every broadcast
 * and reminder that failed since `since` plus the active members no channel reaches at all (the
 * dashboard). `areaId` limits it to an area's members; null means members with no area.
 */
export type CallListScope =
  | { readonly kind: 'broadcast'; readonly broadcastId: number }
  | { readonly kind: 'recent'; readonly since: Date; readonly areaId?: number | null };

/** Why one message did not reach a member on one channel, in Vietnamese. */
export interface CallReason {
  /** Null when the member had no contact to try. */
  readonly channel: ChannelId | null;
  readonly failure: DeliveryFailure | null;
  /** What the platform said, as recorded (often English); for the curious, not the headline. */
  readonly detail: string | null;
  readonly text: string;
}

/** A message a member missed: every channel it went to failed. */
export interface MissedMessage {
  readonly what: string;
  readonly at: Date;
  readonly reasons: readonly CallReason[];
}

/** A member to phone, with why and the numbers to try. */
export interface CallListEntry {
  readonly memberId: number;
  readonly name: string;
  readonly taxCode: string | null;
  readonly areaId: number | null;
  readonly area: string | null;
  readonly contactPerson: string | null;
  /** The roster's phone first, then those the member's contacts shared; distinct. */
  readonly phones: readonly string[];
  /** The latest first; empty for a member listed only because nothing reaches it. */
  readonly missed: readonly MissedMessage[];
  /** Set when the member has no active contact at all: why, in Vietnamese. */
  readonly noChannel: string | null;
  /** Every distinct reason, the no-channel one first. */
  readonly reasons: readonly string[];
}

const failureText: Readonly<Record<DeliveryFailure, string>> = {
  blocked: 'đã chặn hoặc bỏ theo dõi',
  unreachable: 'không gửi tới được (tài khoản không còn hoặc chưa từng nhắn với Hiệp hội)',
  outside_window: 'quá 7 ngày không nhắn với Zalo OA nên Zalo không cho gửi',
  quota_exceeded: 'hết hạn mức gửi tin của nền tảng',
  template_not_approved: 'mẫu tin chưa được Zalo duyệt',
  error: 'lỗi khi gửi',
};
const offsetText: Readonly<Record<string, string>> = {
  'D-14': 'trước hạn 14 ngày',
  'D-7': 'trước hạn 7 ngày',
  'D-3': 'trước hạn 3 ngày',
  'D-1': 'trước hạn 1 ngày',
  D0: 'ngày cuối',
  'D+1': 'quá hạn 1 ngày',
  'D+3': 'quá hạn 3 ngày',
};
/** Keeps `IN (...)` lists well under PostgreSQL's bind-parameter limit. */
const CHUNK = 1_000;

/** The failure of one delivery row as the office reads it: `Telegram: đã chặn hoặc bỏ theo dõi`. */
export function describeFailure(channel: ChannelId | null, failure: DeliveryFailure | null): string {
  if (channel === null) return 'Chưa có kênh liên lạc nào';
  return `${channelNames[channel]}: ${failure ? failureText[failure] : 'không gửi được'}`;
}

/**
 * The members to phone because a message reached them on no channel: they have a failed delivery
 * for it and none sent, still queued or cancelled (a cancelled broadcast, a reminder made moot by
 * the report, needs no call). A reminder for a period the member has since filed is not counted
 * either. Sorted by area, then name in Vietnamese order.
 */
export async function queryCallList(prisma: PrismaClient, scope: CallListScope): Promise<CallListEntry[]> {
  const areaWhere: Prisma.MemberWhereInput = scope.kind === 'recent' && scope.areaId !== undefined ? { areaId: scope.areaId } : {};
  const failed = await prisma.delivery.findMany({
    where:
      scope.kind === 'broadcast'
        ? { broadcastId: scope.broadcastId, status: 'failed', memberId: { not: null } }
        : {
            status: 'failed',
            memberId: { not: null },
            failedAt: { gte: scope.since },
            OR: [{ broadcastId: { not: null } }, { reminderId: { not: null } }],
            member: { status: 'active', ...areaWhere },
          },
    select: {
      memberId: true,
      broadcastId: true,
      reminderId: true,
      channel: true,
      failure: true,
      failureDetail: true,
      failedAt: true,
      queuedAt: true,
      broadcast: { select: { id: true, title: true } },
      reminder: { select: { periodId: true, offsetKey: true, period: { select: { name: true } } } },
    },
    orderBy: { id: 'asc' },
  });

  const broadcastIds = [...new Set(failed.flatMap((d) => (d.broadcastId === null ? [] : [d.broadcastId])))];
  const reminderIds = [...new Set(failed.flatMap((d) => (d.reminderId === null ? [] : [d.reminderId])))];
  const failedMemberIds = [...new Set(failed.flatMap((d) => (d.memberId === null ? [] : [d.memberId])))];
  const reached = new Set<string>();
  const reachedWhere = { status: { in: ['sent', 'queued', 'cancelled'] } } satisfies Prisma.DeliveryWhereInput;
  for (const ids of chunks(broadcastIds)) {
    const rows = await prisma.delivery.findMany({ where: { ...reachedWhere, broadcastId: { in: ids } }, select: { memberId: true, broadcastId: true } });
    for (const r of rows) reached.add(`b:${r.broadcastId}:${r.memberId}`);
  }
  for (const ids of chunks(reminderIds)) {
    const rows = await prisma.delivery.findMany({ where: { ...reachedWhere, reminderId: { in: ids } }, select: { memberId: true, reminderId: true } });
    for (const r of rows) reached.add(`r:${r.reminderId}:${r.memberId}`);
  }
  const filed = new Set<string>();
  const reminderPeriods = [...new Set(failed.flatMap((d) => (d.reminder ? [d.reminder.periodId] : [])))];
  if (reminderPeriods.length > 0) {
    for (const ids of chunks(failedMemberIds)) {
      const rows = await prisma.submission.findMany({ where: { memberId: { in: ids }, periodId: { in: reminderPeriods } }, select: { memberId: true, periodId: true } });
      for (const r of rows) filed.add(`${r.memberId}:${r.periodId}`);
    }
  }

  // Member -> message key -> what it was and why each channel failed.
  const missedBy = new Map<number, Map<string, { what: string; at: Date; reasons: CallReason[] }>>();
  for (const d of failed) {
    if (d.memberId === null) continue;
    const key = d.broadcastId !== null ? `b:${d.broadcastId}` : `r:${d.reminderId}`;
    if (reached.has(`${key}:${d.memberId}`)) continue;
    if (d.reminder && filed.has(`${d.memberId}:${d.reminder.periodId}`)) continue;
    const messages = missedBy.get(d.memberId) ?? new Map<string, { what: string; at: Date; reasons: CallReason[] }>();
    missedBy.set(d.memberId, messages);
    const message = messages.get(key) ?? {
      what: d.broadcast
        ? `Thông báo số ${d.broadcast.id}: ${d.broadcast.title}`
        : `Nhắc hạn ${d.reminder?.period.name ?? ''} (${offsetText[d.reminder?.offsetKey ?? ''] ?? d.reminder?.offsetKey ?? ''})`,
      at: d.failedAt ?? d.queuedAt,
      reasons: [],
    };
    messages.set(key, message);
    const at = d.failedAt ?? d.queuedAt;
    if (at > message.at) message.at = at;
    message.reasons.push({ channel: d.channel, failure: d.failure, detail: d.failureDetail, text: describeFailure(d.channel, d.failure) });
  }

  const noChannel =
    scope.kind === 'recent'
      ? await prisma.member.findMany({
          where: { status: 'active', ...areaWhere, contacts: { none: { status: 'active' } } },
          select: { id: true, _count: { select: { contacts: true } } },
        })
      : [];
  const noChannelWhy = new Map(
    noChannel.map((m) => [m.id, m._count.contacts > 0 ? 'Mọi người liên hệ đã chặn hoặc bỏ theo dõi' : 'Chưa có người liên hệ nào trên Telegram, Zalo hay web']),
  );

  const memberIds = [...new Set([...missedBy.keys(), ...noChannelWhy.keys()])];
  const members = [];
  for (const ids of chunks(memberIds)) {
    members.push(
      ...(await prisma.member.findMany({
        where: { id: { in: ids } },
        include: { area: true, contacts: { where: { phone: { not: null } }, select: { phone: true }, orderBy: { id: 'asc' } } },
      })),
    );
  }
  const collator = new Intl.Collator('vi');
  members.sort(
    (a, b) =>
      (a.area?.ordinal ?? Number.POSITIVE_INFINITY) - (b.area?.ordinal ?? Number.POSITIVE_INFINITY) ||
      collator.compare(a.area?.name ?? '', b.area?.name ?? '') ||
      collator.compare(a.name, b.name) ||
      a.id - b.id,
  );
  return members.map((m) => {
    const missed = [...(missedBy.get(m.id)?.values() ?? [])].sort((a, b) => b.at.getTime() - a.at.getTime());
    const noChannelReason = noChannelWhy.get(m.id) ?? null;
    const phones = [m.phone, ...m.contacts.map((c) => c.phone)].filter((p): p is string => typeof p === 'string' && p.length > 0);
    return {
      memberId: m.id,
      name: m.name,
      taxCode: m.taxCode,
      areaId: m.areaId,
      area: m.area?.name ?? null,
      contactPerson: m.contactPerson,
      phones: [...new Set(phones)],
      missed,
      noChannel: noChannelReason,
      // With no contact at all, the fan-out's channel-less rows only repeat the headline.
      reasons: [
        ...new Set([
          ...(noChannelReason ? [noChannelReason] : []),
          ...missed.flatMap((x) => x.reasons.filter((r) => !(noChannelReason && r.channel === null)).map((r) => r.text)),
        ]),
      ],
    };
  });
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
