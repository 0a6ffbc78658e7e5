import type { PrismaClient } from './generated/client';
import { queryProgress } from './query-progress';

/** The office's accounts and their sessions. Sessions are stored by the hash of their token. */
export function createPrismaAdminRepository(prisma: PrismaClient) {
  return {
    findUserByUsername(username: string) {
      return prisma.adminUser.findUnique({ where: { username } });
    },
    async createSession(input: { tokenHash: string; adminUserId: number; csrfToken: string; expiresAt: Date; now: Date }) {
      await prisma.$transaction([
        prisma.adminSession.create({
          data: { tokenHash: input.tokenHash, adminUserId: input.adminUserId, csrfToken: input.csrfToken, expiresAt: input.expiresAt },
        }),
        prisma.adminUser.update({ where: { id: input.adminUserId }, data: { lastLoginAt: input.now } }),
        prisma.adminSession.deleteMany({ where: { expiresAt: { lt: input.now } } }),
      ]);
    },
    async findSession(tokenHash: string, now: Date) {
      const session = await prisma.adminSession.findUnique({ where: { tokenHash }, include: { adminUser: { include: { area: true } } } });
      if (!session || session.expiresAt <= now || !session.adminUser.active) return null;
      return session;
    },
    async deleteSession(tokenHash: string) {
      await prisma.adminSession.deleteMany({ where: { tokenHash } });
    },
    async audit(entry: { actorId: string; action: string; entityType?: string; entityId?: string; details?: Record<string, string | number | boolean> }) {
      await prisma.auditLog.create({ data: { actorType: 'admin', ...entry } });
    },
    /** The report periods of published campaigns, the latest campaign first. */
    periods() {
      return prisma.reportPeriod.findMany({
        where: { campaign: { status: 'published' } },
        include: { campaign: { select: { year: true } } },
        orderBy: [{ campaign: { year: 'desc' } }, { ordinal: 'asc' }],
      });
    },
    findPeriod(id: number) {
      return prisma.reportPeriod.findUnique({ where: { id }, include: { campaign: { select: { year: true } } } });
    },
    progress(periodId: number, areaId: number | null) {
      return queryProgress(prisma, periodId, areaId);
    },
    /** The home page's figures. */
    async overview() {
      const [byStatus, pending, broadcasts] = await Promise.all([
        prisma.member.groupBy({ by: ['status'], _count: { _all: true } }),
        prisma.member.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: 20, include: { area: true } }),
        prisma.broadcast.findMany({ orderBy: { id: 'desc' }, take: 10 }),
      ]);
      return {
        members: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])),
        pending,
        broadcasts,
      };
    },
  };
}

export type AdminRepository = ReturnType<typeof createPrismaAdminRepository>;
