import { storedReplySchema } from './stored-reply-schema';
import type { Reply } from '../core/messages';
import type { PrismaClient } from './generated/client';


/**
 * The web chat has no push: its page asks every few seconds. The messages queued for a web chat
 * contact (delivery rows with their own message) are handed over once and marked sent.
 */
export function createWebchatOutbox(prisma: PrismaClient, now: () => Date) {
  return {
    async takeQueued(platformUserId: string): Promise<Reply[]> {
      return prisma.$transaction(async (tx) => {
        const contact = await tx.contact.findUnique({
          where: { channel_platformUserId: { channel: 'webchat', platformUserId } },
        });
        if (!contact) return [];
        const queued = await tx.delivery.findMany({
          where: { contactId: contact.id, channel: 'webchat', status: 'queued' },
          orderBy: { id: 'asc' },
          take: 20,
        });
        const replies: Reply[] = [];
        for (const delivery of queued) {
          const message = storedReplySchema.safeParse(delivery.message);
          const sentAt = now();
          if (message.success) {
            replies.push(message.data);
            await tx.delivery.update({ where: { id: delivery.id }, data: { status: 'sent', sentAt, attempts: { increment: 1 } } });
          } else {
            await tx.delivery.update({
              where: { id: delivery.id },
              data: { status: 'failed', failure: 'error', failureDetail: 'no message to show', failedAt: sentAt },
            });
          }
        }
        return replies;
      });
    },
  };
}
