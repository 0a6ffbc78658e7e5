import type { ContactStatusRepository } from '../flows/contact-status-repository';
import type { PrismaClient } from './generated/client';

export function createPrismaContactStatusRepository(prisma: PrismaClient): ContactStatusRepository {
  return {
    async markBlocked(channel, platformUserId, reason, at) {
      // A person who blocks the bot before ever writing is still recorded, so nothing is sent.
      await prisma.contact.upsert({
        where: { channel_platformUserId: { channel, platformUserId } },
        create: { channel, platformUserId, status: 'blocked', statusReason: reason },
        update: { status: 'blocked', statusReason: reason },
      });
      await prisma.auditLog.create({
        data: { at, actorType: 'platform', actorId: channel, action: 'contact.blocked', entityType: 'contact', entityId: platformUserId, details: { reason } },
      });
    },
    async markActive(channel, platformUserId, at, displayName) {
      await prisma.contact.upsert({
        where: { channel_platformUserId: { channel, platformUserId } },
        create: { channel, platformUserId, displayName, lastInteractionAt: at },
        update: { status: 'active', statusReason: null, lastInteractionAt: at, ...(displayName ? { displayName } : {}) },
      });
    },
  };
}
