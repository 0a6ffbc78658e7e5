import type { Reply } from '../core/messages';
import type { PrismaClient } from './generated/client';
import { toJson } from './to-json';

export type RegistrationDecision = { approve: true } | { approve: false; reason: string };

/**
 * The office's answer to a self-registration: the member becomes active (or rejected), and each
 * of its contacts gets a message queued for delivery, once however often this runs.
 */
export async function decideRegistration(
  prisma: PrismaClient,
  memberId: number,
  decision: RegistrationDecision,
  actor: { type: string; id?: string },
  now: Date,
): Promise<{ name: string; notified: number }> {
  return prisma.$transaction(async (tx) => {
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, include: { contacts: true } });
    if (member.status !== 'pending') {
      throw new Error(`${member.name} không ở trạng thái chờ duyệt (hiện: ${member.status}).`);
    }
    await tx.member.update({
      where: { id: memberId },
      data: decision.approve
        ? { status: 'active', approvedAt: now, statusReason: null }
        : { status: 'rejected', statusReason: decision.reason },
    });
    const message: Reply = decision.approve
      ? {
          text: `Văn phòng Hiệp hội đã duyệt đăng ký của ${member.name}. Từ nay Anh/Chị có thể gửi báo cáo và nhận thông báo qua đây.`,
          choices: [
            { label: 'Gửi báo cáo', payload: 'cmd:report' },
            { label: 'Xem kế hoạch', payload: 'cmd:plan' },
          ],
        }
      : { text: `Văn phòng Hiệp hội chưa chấp thuận đăng ký của ${member.name}. Lý do: ${decision.reason}. Anh/Chị có thể liên hệ Văn phòng để biết thêm.` };
    const outcome = decision.approve ? 'approved' : 'rejected';
    let notified = 0;
    for (const contact of member.contacts.filter((c) => c.status === 'active')) {
      const { count } = await tx.delivery.createMany({
        data: [
          {
            dedupeKey: `registration:${memberId}:${outcome}:${contact.id}`,
            contactId: contact.id,
            memberId,
            channel: contact.channel,
            message: toJson(message),
          },
        ],
        skipDuplicates: true,
      });
      notified += count;
    }
    await tx.auditLog.create({
      data: {
        actorType: actor.type,
        actorId: actor.id,
        action: decision.approve ? 'member.registration_approved' : 'member.registration_rejected',
        entityType: 'member',
        entityId: String(memberId),
        details: decision.approve ? {} : { reason: decision.reason },
      },
    });
    return { name: member.name, notified };
  });
}
