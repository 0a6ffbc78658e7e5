import { z } from 'zod';
import { formatVnDate } from '../core/dates/calendar-date';
import type { InboundAttachment, InboundMessage, Reply } from '../core/messages';
import { missingPlanParts } from '../core/plan-parsing/missing-plan-parts';
import { parsePlanText } from '../core/plan-parsing/parse-plan-text';
import type { ParsedPlan } from '../core/plan-parsing/parsed-plan';
import { continueWith, done, type Flow, type FlowContext, type FlowStep } from './flow';

/**
 * `/kehoachmoi` for office staff: they send the year's plan as a .docx or .txt file; the bot
 * reads it, keeps its text for the dashboard and answers with what it found, what it did not, and
 * a link to the page where the office checks it beside the text and creates the campaign. Nothing
 * is created from the chat: a campaign is confirmed in the dashboard. A plan file sent by office
 * staff outside any conversation is taken the same way.
 */
const stateSchema = z.object({ step: z.literal('document') });
export type PlanImportState = z.infer<typeof stateSchema>;

export const planImportFlow: Flow<PlanImportState> = {
  id: 'plan-import',
  version: 1,
  stateSchema,

  async next(state, message, ctx) {
    if (ctx.contact.role !== 'office') return done(notOffice);
    if (!message.attachment) return continueWith(state, { text: 'Tôi cần tệp kế hoạch gửi kèm (tệp .docx hoặc .txt), không phải tin nhắn chữ.' }, question(ctx));
    const imported = await importPlanDocument(message.attachment, ctx);
    return imported.ok ? done(...imported.replies) : continueWith(state, ...imported.replies, { text: 'Anh/Chị gửi tệp khác, hoặc gõ /huy để thôi.' });
  },

  async prompt(_state, ctx) {
    return [question(ctx)];
  },
};

const notOffice: Reply = { text: 'Lệnh /kehoachmoi dành cho cán bộ Văn phòng Hiệp hội.' };

function question(ctx: FlowContext): Reply {
  return {
    text: 'Anh/Chị gửi tệp kế hoạch thi đua của năm (tệp Word .docx hoặc văn bản .txt). Tôi sẽ đọc số hiệu, ngày, chủ đề, các đợt, các báo cáo và hạn nộp để Văn phòng kiểm tra rồi tạo kế hoạch trên trang quản trị. Gõ /huy để thôi.',
    link: importPageLink(ctx),
  };
}

function importPageLink(ctx: FlowContext): Reply['link'] {
  return { url: ctx.adminUrl('/admin/campaigns/import'), label: 'Hoặc dán văn bản trên trang quản trị' };
}

/** `/kehoachmoi`: office staff only, on a channel that takes files. */
export function startPlanImport(ctx: FlowContext): FlowStep<PlanImportState> {
  if (ctx.contact.role !== 'office') return done(notOffice);
  if (!ctx.capabilities.files) {
    return done({ text: 'Kênh này không nhận tệp. Anh/Chị dán văn bản kế hoạch trên trang quản trị, hoặc gửi tệp qua Telegram, Zalo OA hay trang trò chuyện.', link: importPageLink(ctx) });
  }
  return continueWith({ step: 'document' }, question(ctx));
}

/** Whether office staff sending this file outside any conversation mean a plan to import. */
export function isPlanDocument(message: InboundMessage, ctx: FlowContext): message is InboundMessage & { attachment: InboundAttachment } {
  return ctx.contact.role === 'office' && message.attachment !== undefined && /\.(?:docx|txt)$/i.test(message.attachment.fileName);
}

/**
 * Reads the file, keeps its text as a plan import and says what was found. `ok` is false when the
 * file could not be read (its reason is the reply) and nothing was kept.
 */
export async function importPlanDocument(attachment: InboundAttachment, ctx: FlowContext): Promise<{ ok: boolean; replies: Reply[] }> {
  const read = await ctx.readDocument(attachment);
  if (!read.ok) return { ok: false, replies: [{ text: read.message }] };
  const parsed = parsePlanText(read.text, { timeZone: ctx.timeZone });
  const created = await ctx.repo.createPlanImport({ text: read.text, fileName: attachment.fileName, contactId: ctx.contact.id, now: ctx.now });
  return {
    ok: true,
    replies: [
      {
        text: summary(attachment.fileName, parsed),
        link: { url: ctx.adminUrl(`/admin/campaigns/import/${created.id}`), label: 'Kiểm tra và tạo kế hoạch' },
      },
    ],
  };
}

/** What was read, briefly: enough to see at a glance whether it is the right document. */
function summary(fileName: string, plan: ParsedPlan): string {
  const found: string[] = [];
  if (plan.documentNumber.found || plan.issuedAt.found) {
    const number = plan.documentNumber.found ? `số ${plan.documentNumber.value}` : '';
    const date = plan.issuedAt.found ? `ngày ${formatVnDate(plan.issuedAt.value.date)}` : '';
    found.push(`Văn bản ${[number, date].filter(Boolean).join(', ')}`);
  }
  if (plan.title.found) found.push(plan.title.value);
  else if (plan.year.found) found.push(`Kế hoạch năm ${plan.year.value}`);
  if (plan.overallTheme.found) found.push(`Chủ đề chung: “${plan.overallTheme.value}”`);
  if (plan.phases.found) {
    const phases = plan.phases.items.map(({ value: p }) =>
      p.startsOn.found && p.endsOn.found ? `${p.label} (${formatVnDate(p.startsOn.value)} – ${formatVnDate(p.endsOn.value)})` : p.label,
    );
    found.push(`${phases.length} đợt thi đua: ${phases.join('; ')}`);
  }
  if (plan.reports.found) {
    const reports = plan.reports.items.map(({ value: r }) => {
      const name = r.period.found ? r.period.value.name : `Báo cáo thứ ${r.ordinal}`;
      return r.deadline.found ? `${name} (${r.deadline.value.text})` : name;
    });
    found.push(`${reports.length} báo cáo: ${reports.join('; ')}`);
  }
  if (plan.movements.found) found.push(`${plan.movements.items.length} phong trào thi đua`);
  if (plan.audience.found) found.push(`Gửi ${plan.audience.items.map((a) => a.value).join('; ')}`);

  const missing = missingPlanParts(plan);
  const lines = [`Đã đọc tệp “${fileName}”.`];
  if (found.length > 0) lines.push('', 'Tìm thấy:', ...found.map((f) => `• ${f}`));
  else lines.push('', 'Không tìm thấy phần nào của một kế hoạch thi đua trong tệp này.');
  if (missing.length > 0) lines.push('', 'Không tìm thấy (Văn phòng điền trên trang quản trị):', ...missing.slice(0, MAX_MISSING).map((m) => `• ${m.part}`));
  if (missing.length > MAX_MISSING) lines.push(`• … và ${missing.length - MAX_MISSING} phần khác`);
  if (plan.warnings.length > 0) lines.push('', 'Cần xem lại:', ...plan.warnings.map((w) => `• ${w}`));
  lines.push('', 'Kế hoạch chưa được tạo: Anh/Chị mở trang dưới đây để đối chiếu với văn bản, sửa nếu cần rồi bấm tạo (bản nháp, chưa gửi hội viên).');
  return lines.join('\n');
}

// A chat message stays short; the dashboard lists every missing part with its reason.
const MAX_MISSING = 8;
