import { addDays, compareCalendarDates, formatVnDate, type CalendarDate } from '../dates/calendar-date';
import { toCalendarDateInZone } from '../dates/zoned-time';
import { reportFieldsSchema } from '../reports/report-field';
import { type CampaignDraft, wordDeadline } from './campaign-draft';

/**
 * What is wrong with a campaign as a whole, in Vietnamese, one sentence per problem, ready to show
 * the office; empty when nothing is. Checks what no single field can: the document's date against
 * the year, phases inside the year, in order and not overlapping, reports opening before they are
 * due and due within the year, the worded deadline naming the deadline's day.
 *
 * A report is due within its campaign's year: "trước ngày d/m" of that year. Days are read in
 * `timeZone`, the zone the document's dates are in.
 */
export function checkCampaignDraft(draft: CampaignDraft, timeZone: string): string[] {
  const problems: string[] = [];
  const { year } = draft;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    return [`Năm của kế hoạch phải từ ${MIN_YEAR} đến ${MAX_YEAR}.`];
  }
  if (!draft.docNumber.trim()) problems.push('Xin ghi số hiệu văn bản.');
  if (!draft.title.trim()) problems.push('Xin ghi tiêu đề kế hoạch.');
  if (!draft.overallTheme.trim()) problems.push('Xin ghi chủ đề chung của phong trào thi đua.');
  // A plan is usually issued early in its year, sometimes late in the year before.
  if (draft.docDate.year !== year && draft.docDate.year !== year - 1) {
    problems.push(`Ngày ban hành ${formatVnDate(draft.docDate)} không hợp với kế hoạch năm ${year}: văn bản phải ban hành trong năm ${year - 1} hoặc ${year}.`);
  }

  if (draft.phases.length === 0) problems.push('Kế hoạch cần ít nhất một đợt thi đua.');
  const phases = [...draft.phases].sort((a, b) => a.ordinal - b.ordinal);
  for (const phase of phases) {
    const name = phase.name.trim() || `Đợt ${phase.ordinal}`;
    if (!phase.name.trim()) problems.push(`Đợt ${phase.ordinal}: xin ghi tên đợt.`);
    if (!phase.theme.trim()) problems.push(`${name}: xin ghi chủ đề của đợt.`);
    if (compareCalendarDates(phase.endsOn, phase.startsOn) < 0) {
      problems.push(`${name}: ngày kết thúc ${formatVnDate(phase.endsOn)} trước ngày bắt đầu ${formatVnDate(phase.startsOn)}.`);
    }
    for (const [label, day] of [['ngày bắt đầu', phase.startsOn], ['ngày kết thúc', phase.endsOn]] as const) {
      if (day.year !== year) problems.push(`${name}: ${label} ${formatVnDate(day)} không thuộc năm ${year}.`);
    }
  }
  phases.forEach((phase, i) => {
    const before = phases[i - 1];
    if (before && compareCalendarDates(phase.startsOn, before.endsOn) <= 0) {
      problems.push(
        `${phase.name.trim() || `Đợt ${phase.ordinal}`} bắt đầu ngày ${formatVnDate(phase.startsOn)}, chưa sau ngày kết thúc của ${before.name.trim() || `Đợt ${before.ordinal}`} (${formatVnDate(before.endsOn)}): các đợt phải nối tiếp nhau, không trùng ngày.`,
      );
    }
  });
  if (new Set(phases.map((p) => p.ordinal)).size !== phases.length) problems.push('Có hai đợt cùng số thứ tự.');

  const codes = new Set<string>();
  for (const period of [...draft.reportPeriods].sort((a, b) => a.ordinal - b.ordinal)) {
    const name = period.name.trim() || `Báo cáo ${period.ordinal}`;
    if (!period.name.trim()) problems.push(`Báo cáo ${period.ordinal}: xin ghi tên báo cáo.`);
    if (!period.covers.trim()) problems.push(`${name}: xin ghi nội dung báo cáo.`);
    if (codes.has(period.code)) problems.push(`Có hai báo cáo cùng mã “${period.code}”.`);
    codes.add(period.code);
    const due = toCalendarDateInZone(period.deadlineAt, timeZone);
    const opens = toCalendarDateInZone(period.opensAt, timeZone);
    if (due.year !== year) problems.push(`${name}: hạn nộp ngày ${formatVnDate(due)} không thuộc năm ${year}.`);
    if (opens.year !== year) problems.push(`${name}: ngày mở nhận báo cáo ${formatVnDate(opens)} không thuộc năm ${year}.`);
    if (period.opensAt >= period.deadlineAt) {
      problems.push(`${name}: ngày mở nhận báo cáo (${formatVnDate(opens)}) phải trước hạn nộp (${formatVnDate(due)}).`);
    }
    problems.push(...deadlineTextProblems(name, period.deadlineText, due));
    if (!reportFieldsSchema.safeParse(period.fields).success) problems.push(`${name}: danh sách các mục cần báo cáo không hợp lệ.`);
  }
  return problems;
}

/**
 * Members read the worded deadline in every reminder, so a date in it must be the deadline's:
 * the day it is due before, or the day before that ("đến hết ngày 9/7").
 */
function deadlineTextProblems(name: string, text: string, due: CalendarDate): string[] {
  if (!text.trim()) return [`${name}: xin ghi hạn nộp theo văn bản, ví dụ “${wordDeadline(due)}”.`];
  const lastDay = addDays(due, -1);
  const problems: string[] = [];
  for (const match of text.matchAll(/(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/g)) {
    const written = { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) };
    if (compareCalendarDates(written, due) !== 0 && compareCalendarDates(written, lastDay) !== 0) {
      problems.push(
        `${name}: dòng hạn nộp “${text.trim()}” ghi ngày ${match[0]}, không khớp hạn nộp trước 0 giờ ngày ${formatVnDate(due)}. Xin sửa một trong hai.`,
      );
    }
  }
  return problems;
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
