import type { Audience } from '../core/broadcasts/audience';
import type { PrismaClient } from './generated/client';
import { toJson } from './to-json';

/** Who did something, as the audit log records it: an office account, or someone at the command line. */
export interface AuditActor {
  readonly type: 'admin' | 'cli';
  readonly id: string | undefined;
}

/**
 * An announcement the office composed, as a scheduled broadcast: the sweeper starts its fan-out at
 * `scheduledAt` (at once when that is now or past). The broadcast and its audit rows are written
 * together: `broadcast.created`, and `broadcast.scheduled` when it is to go later.
 */
export async function createAnnouncement(
  prisma: PrismaClient,
  input: {
    title: string;
    body: string;
    audience: Audience;
    scheduledAt: Date;
    now: Date;
    actor: AuditActor;
    createdByAdminId?: number;
  },
): Promise<{ id: number }> {
  return prisma.$transaction(async (tx) => {
    const broadcast = await tx.broadcast.create({
      data: {
        kind: 'announcement',
        title: input.title,
        body: input.body,
        audience: toJson(input.audience),
        status: 'scheduled',
        scheduledAt: input.scheduledAt,
        createdByAdminId: input.createdByAdminId,
      },
    });
    const entry = { at: input.now, actorType: input.actor.type, actorId: input.actor.id, entityType: 'broadcast', entityId: String(broadcast.id) };
    await tx.auditLog.create({ data: { ...entry, action: 'broadcast.created', details: toJson({ title: input.title, audience: input.audience }) } });
    if (input.scheduledAt > input.now) {
      await tx.auditLog.create({ data: { ...entry, action: 'broadcast.scheduled', details: { scheduledAt: input.scheduledAt.toISOString() } } });
    }
    return { id: broadcast.id };
  });
}
