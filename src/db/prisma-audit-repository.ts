import type { Prisma, PrismaClient } from './generated/client';

export interface AuditQuery {
  readonly action?: string;
  readonly actorType?: string;
  readonly actorId?: string;
  readonly skip: number;
  readonly take: number;
}

/** The audit log as the office reads it: latest first, with the admins and contacts it names. */
export function createPrismaAuditRepository(prisma: PrismaClient) {
  return {
    async list(query: AuditQuery) {
      const where: Prisma.AuditLogWhereInput = {
        ...(query.action ? { action: query.action } : {}),
        ...(query.actorType ? { actorType: query.actorType } : {}),
        ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
      };
      const [total, entries] = await Promise.all([
        prisma.auditLog.count({ where }),
        prisma.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: query.skip, take: query.take }),
      ]);
      const idsOf = (type: string) => [
        ...new Set(entries.flatMap((e) => (e.actorType === type && e.actorId !== null && /^\d{1,9}$/.test(e.actorId) ? [Number(e.actorId)] : []))),
      ];
      const [admins, contacts] = await Promise.all([
        prisma.adminUser.findMany({ where: { id: { in: idsOf('admin') } }, select: { id: true, username: true, displayName: true } }),
        prisma.contact.findMany({
          where: { id: { in: idsOf('contact') } },
          select: { id: true, displayName: true, channel: true, member: { select: { id: true, name: true } } },
        }),
      ]);
      return { total, entries, admins: new Map(admins.map((a) => [a.id, a])), contacts: new Map(contacts.map((c) => [c.id, c])) };
    },

    /** Every action the log holds, for the filter. */
    async actions(): Promise<string[]> {
      const rows = await prisma.auditLog.groupBy({ by: ['action'], orderBy: { action: 'asc' } });
      return rows.map((r) => r.action);
    },

    /** The office's accounts, for the actor filter. */
    admins() {
      return prisma.adminUser.findMany({ select: { id: true, username: true, displayName: true }, orderBy: { username: 'asc' } });
    },
  };
}

export type AuditRepository = ReturnType<typeof createPrismaAuditRepository>;
