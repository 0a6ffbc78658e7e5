import { randomUUID } from 'node:crypto';
import type { ChannelId } from '../core/messages';
import type { AuditActor } from './create-announcement';
import type { ContactRole, PrismaClient } from './generated/client';
import { toJson } from './to-json';

/** The person a test went to, for saying so. */
export interface TestRecipient {
  readonly id: number;
  readonly channel: ChannelId;
  readonly displayName: string | null;
  readonly role: ContactRole;
  readonly memberName: string | null;
}

export type TestSendResult =
  | { readonly ok: true; readonly recipient: TestRecipient }
  | { readonly ok: false; readonly reason: 'no_contact' | 'blocked' };

/**
 * A test of an announcement, sent to one contact (usually the sender's own): a lone delivery row,
 * not one of the broadcast's, so it never counts in its progress, and its text is marked
 * `[Gửi thử]`. The sweeper enqueues it within seconds. `broadcastId` is null for a draft not yet
 * saved. Recorded in the audit log as `broadcast.test_sent`.
 */
export async function queueTestSend(
  prisma: PrismaClient,
  input: { broadcastId: number | null; body: string; contactId: number; now: Date; actor: AuditActor },
): Promise<TestSendResult> {
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: input.contactId }, include: { member: { select: { name: true } } } });
    if (!contact) return { ok: false, reason: 'no_contact' } as const;
    if (contact.status === 'blocked') return { ok: false, reason: 'blocked' } as const;
    await tx.delivery.create({
      data: {
        // A test is sent each time it is asked for: the key is unique, not a dedupe.
        dedupeKey: `test:${input.broadcastId ?? 'draft'}:${contact.id}:${input.now.getTime()}:${randomUUID().slice(0, 8)}`,
        contactId: contact.id,
        channel: contact.channel,
        message: toJson({ text: `[Gửi thử] ${input.body}` }),
      },
    });
    await tx.auditLog.create({
      data: {
        at: input.now,
        actorType: input.actor.type,
        actorId: input.actor.id,
        action: 'broadcast.test_sent',
        entityType: 'broadcast',
        entityId: input.broadcastId === null ? null : String(input.broadcastId),
        details: { contactId: contact.id, channel: contact.channel },
      },
    });
    return {
      ok: true,
      recipient: { id: contact.id, channel: contact.channel, displayName: contact.displayName, role: contact.role, memberName: contact.member?.name ?? null },
    } as const;
  });
}
