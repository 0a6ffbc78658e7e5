import { randomUUID } from 'node:crypto';
import type { ChannelId, InboundAttachment, InboundMessage, Reply } from '../../src/core/messages';
import { isValidTaxCodeCheckDigit } from '../../src/core/tax-code/parse-tax-code';
import type { Harness } from './conversation-harness';

/**
 * Helpers shared by the flow tests in test/integration/flows: valid tax codes, files, members
 * linked through their invite code, a filled report and the rows a conversation leaves behind.
 */

/** A valid tax code (correct check digit) of the Bắc Giang range, one per `seed`. */
export function validTaxCode(seed: number): string {
  for (let n = 1_000 + seed * 10; ; n += 1) {
    const nine = String(240_000_000 + n);
    for (let digit = 0; digit <= 9; digit += 1) {
      if (isValidTaxCodeCheckDigit(`${nine}${digit}`)) return `${nine}${digit}`;
    }
  }
}

/** The same code with a wrong check digit. */
export function withWrongCheckDigit(taxCode: string): string {
  const last = Number(taxCode.at(-1));
  return `${taxCode.slice(0, -1)}${(last + 1) % 10}`;
}

/** A file as a channel hands it over after storing it. */
export function pdf(fileName = 'bao-cao-6-thang.pdf'): InboundAttachment {
  return {
    kind: 'document',
    fileName,
    mimeType: 'application/pdf',
    sizeBytes: 20_480,
    sha256: 'ab'.repeat(32),
    storagePath: `uploads/2022/07/${fileName}`,
  };
}

/** 10 KB of text: pasted essays must be refused briefly, never echoed back. */
export const tenKilobytes = 'Lorem ipsum dolor sit amet. '.repeat(366).slice(0, 10_240);

/** The answers to the 2022 short report, in field order, and what each is stored as. */
export const reportAnswers = ['12,5 tỷ', '800 triệu', '120', '8,5 triệu', '50 triệu', 'Thiếu vốn lưu động', 'bỏ qua'] as const;
export const storedReportValues = {
  revenue: 12_500_000_000,
  budget_contribution: 800_000_000,
  employees: 120,
  average_income: 8_500_000,
  social_contribution: 50_000_000,
  difficulties: 'Thiếu vốn lưu động',
  attachment: null,
};

let seq = 0;

/** A fresh active member of the roster and a contact linked to it by its invite code. */
export async function linkedMember(
  h: Harness,
  user: string,
  data: { name?: string; phone?: string } = {},
): Promise<{ memberId: number; name: string; taxCode: string; inviteCode: string }> {
  seq += 1;
  const name = data.name ?? `Công ty TNHH Thử nghiệm số ${seq}`;
  const taxCode = validTaxCode(500 + seq);
  const inviteCode = `HV${String(seq).padStart(4, '0')}`;
  const memberId = await h.addMember({ name, taxCode, inviteCode, phone: data.phone });
  const replies = await h.say(user, `/start ${inviteCode}`);
  if (!h.text(replies).includes(`đã được liên kết với ${name}`)) {
    throw new Error(`linking ${user} failed: ${h.text(replies)}`);
  }
  return { memberId, name, taxCode, inviteCode };
}

/** `/baocao` and the answers, in order; the replies to the last answer. */
export async function fillReport(h: Harness, user: string, answers: readonly string[] = reportAnswers): Promise<Reply[]> {
  let replies = await h.say(user, '/baocao');
  for (const answer of answers) replies = await h.say(user, answer);
  return replies;
}

/** Sends on a channel other than the harness's web chat. */
export function sayOn(h: Harness, channel: ChannelId, user: string, message: Omit<InboundMessage, 'channel' | 'platformUserId' | 'updateId'>, updateId = randomUUID()) {
  return h.engine.handle({ channel, platformUserId: user, displayName: `Người dùng ${user}`, updateId, ...message });
}

export function contactOf(h: Harness, user: string, channel: ChannelId = 'webchat') {
  return h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel, platformUserId: user } } });
}

export async function stateOf(h: Harness, user: string, channel: ChannelId = 'webchat') {
  const contact = await contactOf(h, user, channel);
  return h.prisma.conversationState.findUnique({ where: { contactId: contact.id } });
}

export async function draftOf(h: Harness, memberId: number, periodCode = '6-thang') {
  const period = await periodByCode(h, periodCode);
  return h.prisma.submissionDraft.findUnique({ where: { memberId_periodId: { memberId, periodId: period.id } } });
}

export function periodByCode(h: Harness, code: string) {
  return h.prisma.reportPeriod.findFirstOrThrow({ where: { code, campaign: { year: 2022 } } });
}

export function auditOf(h: Harness, action: string, entityId?: string) {
  return h.prisma.auditLog.findMany({ where: { action, ...(entityId ? { entityId } : {}) }, orderBy: { id: 'asc' } });
}

export function payloadsOf(reply: Reply | undefined): string[] {
  return (reply?.choices ?? []).map((c) => c.payload);
}

/** The reference code a receipt names, for a member's `revision` of the 6-month report. */
export function referenceCode(memberId: number, revision: number, ordinal = 1): string {
  return `BC-2022-${ordinal}-${String(memberId).padStart(5, '0')}-${revision}`;
}
