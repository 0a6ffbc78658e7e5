import { z } from 'zod';
import { formatVnDate } from '../core/dates/calendar-date';
import { formatVnDateTime } from '../core/dates/format-vn-date-time';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import { foldText } from '../core/text/fold-text';
import type { InboundMessage, Reply } from '../core/messages';
import { formatFieldValue } from '../core/reports/format-field-value';
import { isSkipAnswer, parseFieldAnswer } from '../core/reports/parse-field-answer';
import { acceptsSubmissions, daysLeft, periodPhase } from '../core/reports/period-window';
import type { ReportField } from '../core/reports/report-field';
import type { DraftValues, FieldValue, MemberRecord, PeriodRecord } from './conversation-repository';
import { continueWith, done, type Flow, type FlowContext, type FlowStep } from './flow';
import { mainMenu } from './main-menu';
import { type ChoiceOption, matchChoice, toChoices } from './match-choice';

/**
 * `/baocao`: the short report, one field at a time as the period's data defines them. Every
 * answer is saved at once in the member's draft (shared by its contacts), so a report left
 * halfway waits for days and is picked up where it stopped; the state here only says where the
 * conversation is.
 */
const stateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('choose-period'), periodIds: z.array(z.number().int()).min(1) }),
  z.object({ step: z.literal('resume'), periodId: z.number().int() }),
  z.object({ step: z.literal('correction'), periodId: z.number().int() }),
  z.object({ step: z.literal('field'), periodId: z.number().int(), index: z.number().int().min(0), single: z.boolean() }),
  z.object({ step: z.literal('summary'), periodId: z.number().int() }),
  z.object({ step: z.literal('pick-field'), periodId: z.number().int() }),
]);
export type ReportState = z.infer<typeof stateSchema>;

const resumeOptions: readonly ChoiceOption[] = [
  { label: 'Tiếp tục', payload: 'continue', aliases: ['tiep', 'co', 'ok'] },
  { label: 'Nhập lại từ đầu', payload: 'restart', aliases: ['nhap lai', 'lam lai'] },
];
const correctionOptions: readonly ChoiceOption[] = [
  { label: 'Nộp bản sửa', payload: 'correct', aliases: ['sua', 'co', 'ok', 'dong y'] },
  { label: 'Thôi', payload: 'stop', aliases: ['khong', 'ko', 'thoi khong'] },
];
const summaryOptions: readonly ChoiceOption[] = [
  // "nộp báo cáo" too: the engine hands the /baocao words typed inside a report to this question.
  { label: 'Gửi báo cáo', payload: 'submit', aliases: ['gui', 'nop', 'nop bao cao', 'dong y', 'xac nhan', 'ok', 'co', 'dung'] },
  { label: 'Sửa một mục', payload: 'fix', aliases: ['sua'] },
  { label: 'Quay lại', payload: 'back', aliases: ['tro lai', 'lui'] },
  { label: 'Hủy', payload: 'cmd:cancel', aliases: ['huy bo'] },
];
/** Said when a report is left with /huy: the draft stays. */
export const reportPausedText = 'Đã dừng nhập báo cáo. Những gì đã nhập được giữ làm bản nháp; gõ /baocao để tiếp tục.';

const skipOption: ChoiceOption = { label: 'Bỏ qua', payload: 'skip' };
const backOption: ChoiceOption = { label: 'Quay lại', payload: 'back' };

export const reportFlow: Flow<ReportState> = {
  id: 'report',
  version: 1,
  stateSchema,

  async takesFreeText(state, ctx) {
    if (state.step !== 'field') return false;
    const period = await ctx.repo.findPeriod(state.periodId);
    return period?.fields[state.index]?.kind === 'text';
  },

  async next(state, message, ctx) {
    const member = activeMember(ctx);
    if (!member) return done({ text: notMemberText(ctx) });
    if (state.step === 'choose-period') return choosePeriod(state.periodIds, message, member, ctx);

    const period = await ctx.repo.findPeriod(state.periodId);
    if (!period) return done({ text: 'Kỳ báo cáo này không còn nữa. Anh/Chị gõ /baocao để bắt đầu lại.' });
    const session: Session = { member, period, ctx };
    switch (state.step) {
      case 'resume':
        return resume(session, message);
      case 'correction':
        return correction(session, message);
      case 'field':
        return answerField(session, state.index, state.single, message);
      case 'summary':
        return summary(session, message);
      case 'pick-field':
        return pickField(session, message);
    }
  },

  async prompt(state, ctx) {
    const member = activeMember(ctx);
    if (!member) return [{ text: notMemberText(ctx) }];
    if (state.step === 'choose-period') return [await periodQuestion(state.periodIds, ctx)];
    const period = await ctx.repo.findPeriod(state.periodId);
    if (!period) return [{ text: 'Kỳ báo cáo này không còn nữa. Anh/Chị gõ /baocao để bắt đầu lại.' }];
    const session: Session = { member, period, ctx };
    switch (state.step) {
      case 'resume':
        return [await resumeQuestion(session)];
      case 'correction':
        return [await correctionQuestion(session)];
      case 'field':
        return [fieldQuestion(period, state.index)];
      case 'summary':
        return [await summaryQuestion(session)];
      case 'pick-field':
        return [pickFieldQuestion(period)];
    }
  },
};

interface Session {
  readonly member: MemberRecord;
  readonly period: PeriodRecord;
  readonly ctx: FlowContext;
}

/** `/baocao` from the top: the open period, or the choice of one when several are open. */
export async function startReport(ctx: FlowContext): Promise<FlowStep<ReportState>> {
  const member = activeMember(ctx);
  if (!member) return done({ text: notMemberText(ctx) });
  const campaign = await ctx.repo.findCampaignForYear(toCalendarDateInZone(ctx.now, ctx.timeZone).year);
  const periods = campaign?.periods ?? [];
  const open = periods.filter((p) => acceptsSubmissions(p, ctx.now));
  if (open.length === 0) {
    const next = periods.find((p) => periodPhase(p, ctx.now) === 'upcoming');
    const when = next
      ? ` Kỳ tiếp theo: ${next.name}, nhận báo cáo từ ngày ${formatVnDate(toCalendarDateInZone(next.opensAt, ctx.timeZone))}.`
      : '';
    return done({ text: `Hiện không có kỳ báo cáo nào đang mở.${when}` });
  }
  if (open.length === 1 && open[0]) return enterPeriod({ member, period: open[0], ctx });
  const periodIds = open.map((p) => p.id);
  return continueWith({ step: 'choose-period', periodIds }, await periodQuestion(periodIds, ctx));
}

async function periodQuestion(periodIds: readonly number[], ctx: FlowContext): Promise<Reply> {
  const periods = await loadPeriods(periodIds, ctx);
  return {
    text: 'Đang có nhiều kỳ báo cáo mở. Anh/Chị muốn gửi báo cáo nào?',
    choices: periods.map((p) => ({ label: p.name, payload: `period:${p.id}` })),
  };
}

async function choosePeriod(
  periodIds: readonly number[],
  message: InboundMessage,
  member: MemberRecord,
  ctx: FlowContext,
): Promise<FlowStep<ReportState>> {
  const periods = await loadPeriods(periodIds, ctx);
  const picked = matchChoice(
    periods.map((period) => ({ label: period.name, payload: `period:${period.id}`, period })),
    message,
  );
  if (!picked) {
    return continueWith(
      { step: 'choose-period', periodIds: [...periodIds] },
      { text: 'Anh/Chị chọn một kỳ trong danh sách (gõ số thứ tự).' },
      await periodQuestion(periodIds, ctx),
    );
  }
  return enterPeriod({ member, period: picked.period, ctx });
}

async function enterPeriod(s: Session): Promise<FlowStep<ReportState>> {
  const [submission] = await s.ctx.repo.findSubmissions(s.member.id, [s.period.id]);
  const draft = await s.ctx.repo.findDraft(s.member.id, s.period.id);
  if (draft) return continueWith({ step: 'resume', periodId: s.period.id }, await resumeQuestion(s));
  if (submission) return continueWith({ step: 'correction', periodId: s.period.id }, await correctionQuestion(s));
  await saveValues(s, {});
  return askField(s, 0, false, { text: introText(s) });
}

function introText(s: Session): string {
  const left = daysLeft(s.period.deadlineAt, s.ctx.now, s.ctx.timeZone);
  const due =
    periodPhase(s.period, s.ctx.now) === 'late'
      ? `Hạn đã qua (${s.period.deadlineText}); báo cáo vẫn được nhận và ghi là nộp muộn.`
      : `Hạn nộp: ${s.period.deadlineText}${left > 1 ? ` (còn ${left} ngày)` : ' (hôm nay là ngày cuối)'}.`;
  return (
    `${s.period.name} của ${s.member.name}. ${due} Có ${s.period.fields.length} mục; ` +
    'câu trả lời được lưu ngay, Anh/Chị có thể dừng và tiếp tục sau. Gõ “quay lại” để sửa mục trước, /huy để dừng.'
  );
}

async function resumeQuestion(s: Session): Promise<Reply> {
  const draft = await s.ctx.repo.findDraft(s.member.id, s.period.id);
  const left = draft ? draft.total - draft.answered : s.period.fields.length;
  return {
    text: `${s.period.name} đang được nhập dở (còn ${left}/${s.period.fields.length} mục). Anh/Chị muốn làm gì?`,
    choices: toChoices(resumeOptions),
  };
}

async function resume(s: Session, message: InboundMessage): Promise<FlowStep<ReportState>> {
  const answer = matchChoice(resumeOptions, message);
  if (!answer) return continueWith({ step: 'resume', periodId: s.period.id }, await resumeQuestion(s));
  if (answer.payload === 'restart') {
    await saveValues(s, {});
    return askField(s, 0, false);
  }
  const values = await loadValues(s);
  const next = firstUnanswered(s.period.fields, values);
  return next === null ? showSummary(s) : askField(s, next, false);
}

async function correctionQuestion(s: Session): Promise<Reply> {
  const [submission] = await s.ctx.repo.findSubmissions(s.member.id, [s.period.id]);
  if (!submission) return { text: 'Anh/Chị muốn nộp báo cáo?', choices: toChoices(correctionOptions) };
  const by = submission.lastContactName ? ` bởi ${submission.lastContactName}` : '';
  return {
    text:
      `${s.period.name} của ${s.member.name} đã được nộp${by} lúc ` +
      `${formatVnDateTime(submission.lastSubmittedAt, s.ctx.timeZone)} (mã ${submission.lastReferenceCode}). ` +
      'Anh/Chị có muốn nộp bản sửa không? Bản đã nộp vẫn được lưu lại.',
    choices: toChoices(correctionOptions),
  };
}

async function correction(s: Session, message: InboundMessage): Promise<FlowStep<ReportState>> {
  const answer = matchChoice(correctionOptions, message);
  if (!answer) return continueWith({ step: 'correction', periodId: s.period.id }, await correctionQuestion(s));
  if (answer.payload === 'stop') return done({ text: 'Vâng, báo cáo đã nộp được giữ nguyên.', choices: mainMenu });
  // A correction starts from what was filed, so only what changed needs typing.
  await saveValues(s, (await s.ctx.repo.findCurrentValues(s.member.id, s.period.id)) ?? {});
  return showSummary(s, { text: 'Đây là báo cáo đã nộp. Anh/Chị chọn “Sửa một mục” để sửa, rồi “Gửi báo cáo”.' });
}

function fieldQuestion(period: PeriodRecord, index: number): Reply {
  const field = period.fields[index];
  if (!field) return { text: 'Anh/Chị gõ /baocao để tiếp tục.' };
  const parts = [`Mục ${index + 1}/${period.fields.length}: ${field.label}?`];
  if (field.kind === 'money') parts.push(`(Chỉ gõ số thì hiểu là ${unitWords[field.unit]}.)`);
  if (field.hint) parts.push(field.hint);
  if (!field.required) parts.push('Không có thì trả lời “bỏ qua”.');
  const options = [...(field.required ? [] : [skipOption]), ...(index > 0 ? [backOption] : [])];
  return {
    text: parts.join(' '),
    choices: options.length > 0 ? toChoices(options) : undefined,
    // A field's answer is typed: "1" is a figure, or a line of text, never the first button.
    choicesByWord: options.length > 0 || undefined,
  };
}

const unitWords = { dong: 'đồng', nghin: 'nghìn đồng', trieu: 'triệu đồng', ty: 'tỷ đồng' } as const;

async function askField(s: Session, index: number, single: boolean, ...before: Reply[]): Promise<FlowStep<ReportState>> {
  const field = s.period.fields[index];
  if (field?.kind === 'file' && !s.ctx.capabilities.files) {
    // This channel cannot carry files: the field is skipped, the office can ask for it by email.
    const values = { ...(await loadValues(s)), [field.code]: null };
    await saveValues(s, values);
    return single ? showSummary(s, ...before) : advance(s, index, values, ...before);
  }
  return continueWith({ step: 'field', periodId: s.period.id, index, single }, ...before, fieldQuestion(s.period, index));
}

async function answerField(
  s: Session,
  index: number,
  single: boolean,
  message: InboundMessage,
): Promise<FlowStep<ReportState>> {
  const field = s.period.fields[index];
  if (!field) return showSummary(s);
  const again = (why: string) => askField(s, index, single, { text: why });

  if (isBack(message)) {
    if (single) return showSummary(s);
    return index > 0 ? askField(s, index - 1, false) : askField(s, 0, false, { text: 'Đây đã là mục đầu tiên.' });
  }
  let value: FieldValue;
  if (field.kind === 'file') {
    if (message.attachment) {
      const attachmentId = await s.ctx.repo.saveAttachment({
        memberId: s.member.id,
        channel: s.ctx.contact.channel,
        attachment: message.attachment,
      });
      value = { attachmentId, fileName: message.attachment.fileName };
    } else if (!field.required && (isSkipAnswer(message.text ?? '') || message.payload === skipOption.payload)) {
      value = null;
    } else {
      return again('Anh/Chị gửi tệp đính kèm (PDF, Word, Excel hoặc ảnh), hoặc trả lời “bỏ qua” nếu không có.');
    }
  } else {
    if (message.attachment) return again('Mục này cần trả lời bằng chữ; tệp đính kèm được nhận ở mục cuối.');
    if (!field.required && message.payload === skipOption.payload) {
      value = null;
    } else {
      const parsed = parseFieldAnswer(field, message.text ?? '');
      if (!parsed.ok) return again(parsed.message);
      value = parsed.value;
    }
  }
  const values = { ...(await loadValues(s)), [field.code]: value };
  await saveValues(s, values);
  const confirmation = confirmationOf(field, value);
  if (single) return showSummary(s, ...confirmation);
  return advance(s, index, values, ...confirmation);
}

/** Money is repeated back in words: "12,5 tỷ đồng" catches a misplaced comma before it is filed. */
function confirmationOf(field: ReportField, value: FieldValue): Reply[] {
  return field.kind === 'money' && typeof value === 'number'
    ? [{ text: `Đã ghi ${field.label.toLocaleLowerCase('vi')}: ${formatFieldValue(field, value)}.` }]
    : [];
}

async function advance(s: Session, index: number, values: DraftValues, ...before: Reply[]): Promise<FlowStep<ReportState>> {
  const next = firstUnanswered(s.period.fields, values, index + 1);
  return next === null ? showSummary(s, ...before) : askField(s, next, false, ...before);
}

async function summaryQuestion(s: Session): Promise<Reply> {
  const values = await loadValues(s);
  const lines = s.period.fields.map((f, i) => `${i + 1}. ${f.label}: ${formatFieldValue(f, values[f.code])}`);
  return {
    text: [`${s.period.name} — ${s.member.name}`, ...lines, '', 'Anh/Chị kiểm tra lại rồi chọn:'].join('\n'),
    choices: toChoices(summaryOptions),
  };
}

async function showSummary(s: Session, ...before: Reply[]): Promise<FlowStep<ReportState>> {
  return continueWith({ step: 'summary', periodId: s.period.id }, ...before, await summaryQuestion(s));
}

async function summary(s: Session, message: InboundMessage): Promise<FlowStep<ReportState>> {
  const answer = matchChoice(summaryOptions, message);
  switch (answer?.payload) {
    case 'submit':
      return submit(s);
    case 'fix':
      return continueWith({ step: 'pick-field', periodId: s.period.id }, pickFieldQuestion(s.period));
    case 'back':
      return askField(s, s.period.fields.length - 1, false);
    case 'cmd:cancel':
      // Typed as its number ("4"): the button itself reaches the engine as /huy and never gets here.
      return done({ text: reportPausedText, choices: mainMenu });
    default:
      return showSummary(s, { text: 'Anh/Chị chọn một trong các lựa chọn dưới đây (gõ số 1 đến 4).' });
  }
}

function pickFieldQuestion(period: PeriodRecord): Reply {
  return {
    text: 'Anh/Chị muốn sửa mục nào?',
    choices: period.fields.map((f, i) => ({ label: f.label, payload: `field:${i}` })),
  };
}

async function pickField(s: Session, message: InboundMessage): Promise<FlowStep<ReportState>> {
  const options = s.period.fields.map((f, i) => ({ label: f.label, payload: `field:${i}`, index: i }));
  const picked = matchChoice(options, message);
  if (!picked) {
    return continueWith(
      { step: 'pick-field', periodId: s.period.id },
      { text: 'Anh/Chị gõ số thứ tự của mục cần sửa.' },
      pickFieldQuestion(s.period),
    );
  }
  return askField(s, picked.index, true);
}

async function submit(s: Session): Promise<FlowStep<ReportState>> {
  if (!acceptsSubmissions(s.period, s.ctx.now)) {
    return done({ text: `${s.period.name} đã đóng, không còn nhận báo cáo. Anh/Chị vui lòng liên hệ Văn phòng Hiệp hội.` });
  }
  const values = await loadValues(s);
  const missing = firstUnanswered(s.period.fields, values);
  if (missing !== null) {
    return askField(s, missing, false, { text: 'Còn mục chưa trả lời, Anh/Chị bổ sung giúp.' });
  }
  const receipt = await s.ctx.repo.submitRevision({
    memberId: s.member.id,
    period: s.period,
    contactId: s.ctx.contact.id,
    values,
    submittedAt: s.ctx.now,
  });
  await s.ctx.repo.deleteDraft(s.member.id, s.period.id);
  await s.ctx.repo.audit({
    actorType: 'contact',
    actorId: String(s.ctx.contact.id),
    action: 'report.submitted',
    entityType: 'member',
    entityId: String(s.member.id),
    details: { periodId: s.period.id, revision: receipt.revision, referenceCode: receipt.referenceCode, onTime: receipt.onTime },
  });
  const kind = receipt.revision > 1 ? ` (bản sửa lần ${receipt.revision - 1})` : '';
  const timing = receipt.onTime ? 'đúng hạn' : `nộp muộn so với hạn ${s.period.deadlineText}`;
  return done({
    text:
      `Văn phòng Hiệp hội đã nhận ${s.period.name}${kind} của ${s.member.name} lúc ` +
      `${formatVnDateTime(s.ctx.now, s.ctx.timeZone)} (${timing}). Mã tiếp nhận: ${receipt.referenceCode}. ` +
      'Cảm ơn Quý doanh nghiệp!',
    choices: mainMenu,
  });
}

/** "Quay lại" by button or words; never by number, since "1" answers a money field. */
function isBack(message: InboundMessage): boolean {
  if (message.attachment) return false;
  if (message.payload === backOption.payload) return true;
  const words = ['quay lai', 'tro lai', 'lui', 'quay lai muc truoc'];
  return words.includes(foldText(message.text ?? '').replace(/[.!]+$/, ''));
}

function firstUnanswered(fields: readonly ReportField[], values: DraftValues, from = 0): number | null {
  for (let i = from; i < fields.length; i += 1) {
    const field = fields[i];
    if (field && !Object.hasOwn(values, field.code)) return i;
  }
  return from > 0 ? firstUnanswered(fields, values, 0) : null;
}

async function loadValues(s: Session): Promise<DraftValues> {
  return (await s.ctx.repo.findDraft(s.member.id, s.period.id))?.values ?? {};
}

async function saveValues(s: Session, values: DraftValues): Promise<void> {
  const answered = s.period.fields.filter((f) => Object.hasOwn(values, f.code)).length;
  await s.ctx.repo.saveDraft({
    memberId: s.member.id,
    periodId: s.period.id,
    contactId: s.ctx.contact.id,
    values,
    answered,
    total: s.period.fields.length,
  });
}

async function loadPeriods(periodIds: readonly number[], ctx: FlowContext): Promise<PeriodRecord[]> {
  const periods = await Promise.all(periodIds.map((id) => ctx.repo.findPeriod(id)));
  return periods.filter((p): p is PeriodRecord => p !== null);
}

function activeMember(ctx: FlowContext): MemberRecord | null {
  return ctx.member?.status === 'active' ? ctx.member : null;
}

function notMemberText(ctx: FlowContext): string {
  if (ctx.contact.role === 'office') return 'Tài khoản của Văn phòng Hiệp hội không nộp báo cáo hội viên.';
  if (!ctx.member) return 'Anh/Chị cần đăng ký doanh nghiệp trước khi gửi báo cáo. Gõ /start để bắt đầu.';
  if (ctx.member.status === 'pending') {
    return `Hồ sơ của ${ctx.member.name} đang chờ Văn phòng Hiệp hội duyệt; sau khi được duyệt Anh/Chị mới gửi được báo cáo.`;
  }
  return `${ctx.member.name} hiện không thể gửi báo cáo. Anh/Chị vui lòng liên hệ Văn phòng Hiệp hội.`;
}
