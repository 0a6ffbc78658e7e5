import { type Audience, audienceSchema } from '../core/broadcasts/audience';
import type { AudienceNames } from '../core/broadcasts/describe-audience';
import { countAudience, countUnreachable } from './audience-where';
import { type AuditActor, createAnnouncement } from './create-announcement';
import type { Database } from './database';
import { createPrismaDeliveryRepository } from './prisma-delivery-repository';
import { describeFailure, queryCallList } from './query-call-list';
import { queueTestSend, type TestRecipient } from './queue-test-send';
import { createPhaseBroadcast, createPlanBroadcast } from './ready-made-broadcasts';

/** Delivery counts of a broadcast by status. */
export type ProgressCounts = Awaited<ReturnType<ReturnType<typeof createPrismaDeliveryRepository>['progress']>>;

/**
 * What the dashboard's broadcast pages read and do. Composing, cancelling, the progress and the
 * call list are the CLI's and the workers' own functions; this adds the page's lists and counts.
 */
export function createPrismaBroadcastAdminRepository(db: Pick<Database, 'prisma' | 'sql'>) {
  const { prisma } = db;
  const deliveries = createPrismaDeliveryRepository(db);
  return {
    /** The latest broadcasts first, with their delivery counts. */
    async list(page: { skip: number; take: number }) {
      const [total, broadcasts] = await Promise.all([
        prisma.broadcast.count(),
        prisma.broadcast.findMany({ orderBy: { id: 'desc' }, skip: page.skip, take: page.take }),
      ]);
      const groups = await prisma.delivery.groupBy({
        by: ['broadcastId', 'status'],
        where: { broadcastId: { in: broadcasts.map((b) => b.id) } },
        _count: { _all: true },
      });
      const counts = new Map<number, ProgressCounts>();
      for (const g of groups) {
        if (g.broadcastId === null) continue;
        const c = counts.get(g.broadcastId) ?? { queued: 0, sent: 0, failed: 0, cancelled: 0 };
        c[g.status] = g._count._all;
        counts.set(g.broadcastId, c);
      }
      return {
        total,
        broadcasts: broadcasts.map((b) => ({ ...b, audience: audienceSchema.parse(b.audience), counts: counts.get(b.id) ?? { queued: 0, sent: 0, failed: 0, cancelled: 0 } })),
      };
    },

    async findById(id: number) {
      const b = await prisma.broadcast.findUnique({ where: { id }, include: { createdBy: { select: { displayName: true } } } });
      return b ? { ...b, audience: audienceSchema.parse(b.audience) } : null;
    },

    /** Every area and report period by id, for naming audiences (old ones included). */
    async audienceNames(): Promise<AudienceNames> {
      const [areas, periods] = await Promise.all([prisma.area.findMany({ select: { id: true, name: true } }), prisma.reportPeriod.findMany({ select: { id: true, name: true } })]);
      return { areas: new Map(areas.map((a) => [a.id, a.name])), periods: new Map(periods.map((p) => [p.id, p.name])) };
    },

    areas() {
      return prisma.area.findMany({ orderBy: [{ ordinal: 'asc' }, { name: 'asc' }], select: { id: true, name: true } });
    },

    /** Report periods of published campaigns, for "members who have not filed". */
    periods() {
      return prisma.reportPeriod.findMany({
        where: { campaign: { status: 'published' } },
        orderBy: [{ campaign: { year: 'desc' } }, { ordinal: 'asc' }],
        select: { id: true, name: true, deadlineAt: true, deadlineText: true },
      });
    },

    /** Phases of published campaigns, for the ready-made "phase theme" broadcasts. */
    phases() {
      return prisma.campaignPhase.findMany({
        where: { campaign: { status: 'published' } },
        orderBy: [{ campaign: { year: 'desc' } }, { ordinal: 'asc' }],
        select: { ordinal: true, name: true, theme: true, campaign: { select: { year: true } } },
      });
    },

    /** Years of published campaigns, the latest first. */
    async campaignYears(): Promise<number[]> {
      const campaigns = await prisma.campaign.findMany({ where: { status: 'published' }, orderBy: { year: 'desc' }, select: { year: true } });
      return campaigns.map((c) => c.year);
    },

    /** The association's own people (office staff, area heads): whom a test is usually sent to. */
    staffContacts() {
      return prisma.contact.findMany({
        where: { role: { in: ['office', 'unit_head'] }, status: 'active' },
        orderBy: [{ role: 'asc' }, { displayName: 'asc' }, { id: 'asc' }],
        select: { id: true, channel: true, displayName: true, role: true },
        take: 200,
      });
    },

    /** A contact as a test's recipient is named. */
    async findContact(id: number): Promise<TestRecipient | null> {
      const c = await prisma.contact.findUnique({ where: { id }, include: { member: { select: { name: true } } } });
      return c ? { id: c.id, channel: c.channel, displayName: c.displayName, role: c.role, memberName: c.member?.name ?? null } : null;
    },

    /** Members and contacts an audience reaches now, and members no channel reaches (the call list). */
    async reach(audience: Audience) {
      const [count, unreachable] = await Promise.all([countAudience(prisma, audience), countUnreachable(prisma, audience)]);
      return { ...count, unreachable };
    },

    createAnnouncement(input: Omit<Parameters<typeof createAnnouncement>[1], 'actor'> & { adminUserId: number }) {
      return createAnnouncement(prisma, { ...input, actor: adminActor(input.adminUserId), createdByAdminId: input.adminUserId });
    },

    testSend(input: { broadcastId: number | null; body: string; contactId: number; now: Date; adminUserId: number }) {
      return queueTestSend(prisma, { ...input, actor: adminActor(input.adminUserId) });
    },

    /** Stops a scheduled or sending broadcast; null when it was neither (sent, or already stopped). */
    async cancel(id: number, adminUserId: number, now: Date) {
      const result = await deliveries.cancelBroadcast(id, now);
      if (result) {
        await prisma.auditLog.create({
          data: { at: now, actorType: 'admin', actorId: String(adminUserId), action: 'broadcast.cancelled', entityType: 'broadcast', entityId: String(id), details: result },
        });
      }
      return result;
    },

    progress(id: number) {
      return deliveries.progress(id);
    },

    /** Delivery counts by channel and status, and failures by channel and reason (in Vietnamese). */
    async stats(id: number) {
      const [byChannel, byFailure] = await Promise.all([
        prisma.delivery.groupBy({ by: ['channel', 'status'], where: { broadcastId: id }, _count: { _all: true } }),
        prisma.delivery.groupBy({ by: ['channel', 'failure'], where: { broadcastId: id, status: 'failed' }, _count: { _all: true } }),
      ]);
      const channels = new Map<string, ProgressCounts & { channel: (typeof byChannel)[number]['channel'] }>();
      for (const g of byChannel) {
        const key = g.channel ?? '';
        const row = channels.get(key) ?? { channel: g.channel, queued: 0, sent: 0, failed: 0, cancelled: 0 };
        row[g.status] = g._count._all;
        channels.set(key, row);
      }
      return {
        byChannel: [...channels.values()],
        failures: byFailure.map((g) => ({ reason: describeFailure(g.channel, g.failure), count: g._count._all })).sort((a, b) => b.count - a.count),
      };
    },

    /** The members this broadcast reached on no channel; an area viewer's list has only their area. */
    async callList(id: number, onlyAreaId?: number) {
      const entries = await queryCallList(prisma, { kind: 'broadcast', broadcastId: id });
      return onlyAreaId === undefined ? entries : entries.filter((e) => e.areaId === onlyAreaId);
    },

    /** The plan to every member, once per campaign; `created` is false when it was queued before. */
    async plan(input: { year: number; planPageUrl: string; now: Date; timeZone: string; adminUserId: number }) {
      const result = await createPlanBroadcast(prisma, input);
      if (result.created) await readyMadeCreated(result.id, input.adminUserId, input.now, { kind: 'plan', year: input.year });
      return result;
    },

    /** A phase's theme to every member, once per phase. */
    async phase(input: { year: number; ordinal: number; now: Date; adminUserId: number }) {
      const result = await createPhaseBroadcast(prisma, input);
      if (result.created) await readyMadeCreated(result.id, input.adminUserId, input.now, { kind: 'phase_theme', year: input.year, ordinal: input.ordinal });
      return result;
    },
  };

  async function readyMadeCreated(id: number, adminUserId: number, now: Date, details: Record<string, string | number>) {
    await prisma.$transaction([
      prisma.broadcast.update({ where: { id }, data: { createdByAdminId: adminUserId } }),
      prisma.auditLog.create({ data: { at: now, actorType: 'admin', actorId: String(adminUserId), action: 'broadcast.created', entityType: 'broadcast', entityId: String(id), details } }),
    ]);
  }
}

function adminActor(adminUserId: number): AuditActor {
  return { type: 'admin', id: String(adminUserId) };
}

export type BroadcastAdminRepository = ReturnType<typeof createPrismaBroadcastAdminRepository>;
