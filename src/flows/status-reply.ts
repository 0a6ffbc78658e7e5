import { formatVnDate } from '../core/dates/calendar-date';
import { formatVnDateTime } from '../core/dates/format-vn-date-time';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import type { Reply } from '../core/messages';
import { daysLeft, periodPhase } from '../core/reports/period-window';
import type { PeriodRecord, SubmissionRecord } from './conversation-repository';
import type { FlowContext } from './flow';
import { mainMenu } from './main-menu';

/** `/trangthai`: each report period of the campaign, what was submitted when, what is due. */
export async function statusReply(ctx: FlowContext): Promise<Reply[]> {
  const member = ctx.member;
  if (!member) return [{ text: 'Anh/Chị chưa liên kết với doanh nghiệp nào. Gõ /start để đăng ký.' }];
  const campaign = await ctx.repo.findCampaignForYear(toCalendarDateInZone(ctx.now, ctx.timeZone).year);
  if (!campaign || campaign.periods.length === 0) return [{ text: 'Hiện chưa có kỳ báo cáo nào.' }];
  const submissions = await ctx.repo.findSubmissions(member.id, campaign.periods.map((p) => p.id));
  const lines = [`Tình hình báo cáo năm ${campaign.year} của ${member.name}:`];
  for (const period of campaign.periods) {
    const submission = submissions.find((s) => s.periodId === period.id);
    const draft = submission ? null : await ctx.repo.findDraft(member.id, period.id);
    lines.push('', `${period.name} (${period.deadlineText})`, `  ${describe(period, submission, draft, ctx)}`);
  }
  return [{ text: lines.join('\n'), choices: mainMenu }];
}

function describe(
  period: PeriodRecord,
  submission: SubmissionRecord | undefined,
  draft: { answered: number; total: number } | null,
  ctx: FlowContext,
): string {
  if (submission) {
    const by = submission.lastContactName ? ` bởi ${submission.lastContactName}` : '';
    const timing = submission.onTime ? 'đúng hạn' : 'trễ hạn';
    const first = `Đã nộp lúc ${formatVnDateTime(submission.firstSubmittedAt, ctx.timeZone)} (${timing})`;
    const latest =
      submission.currentRevision > 1
        ? `; bản sửa lần ${submission.currentRevision - 1} lúc ${formatVnDateTime(submission.lastSubmittedAt, ctx.timeZone)}${by}`
        : by;
    return `${first}${latest}. Mã tiếp nhận: ${submission.lastReferenceCode}.`;
  }
  const phase = periodPhase(period, ctx.now);
  const inProgress = !draft
    ? ''
    : draft.answered >= draft.total
      ? ' Đã nhập đủ các mục nhưng chưa gửi: gõ /baocao rồi chọn “Gửi báo cáo”.'
      : ` Đang nhập dở: còn ${draft.total - draft.answered}/${draft.total} mục.`;
  if (phase === 'upcoming') {
    return `Chưa mở — nhận báo cáo từ ngày ${formatVnDate(toCalendarDateInZone(period.opensAt, ctx.timeZone))}.`;
  }
  const left = daysLeft(period.deadlineAt, ctx.now, ctx.timeZone);
  if (phase === 'open') {
    return left <= 1
      ? `Chưa nộp — hôm nay là ngày cuối.${inProgress}`
      : `Chưa nộp — còn ${left} ngày.${inProgress}`;
  }
  // Due "before 10/7": 10/7 itself is already the first day late, when `left` is 0.
  if (phase === 'late') return `Chưa nộp — đã quá hạn ${1 - left} ngày, vẫn nhận báo cáo muộn.${inProgress}`;
  return 'Chưa nộp — kỳ báo cáo đã đóng.';
}
