import { formatVnDate } from '../dates/calendar-date';
import { formatVnDateTime } from '../dates/format-vn-date-time';
import type { CampaignDraft } from './campaign-draft';

/** One changed value, worded for the office and the audit log. */
export interface CampaignChange {
  /** A stable path: `overallTheme`, `phases.2.theme`, `reportPeriods.1.deadlineAt`. */
  readonly field: string;
  /** What the office calls it: "Đợt thứ hai — chủ đề". */
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/**
 * What differs between two versions of a campaign, field by field, values as people read them
 * (dates dd/mm/yyyy, instants with their time in `timeZone`). The full text is summarised by its
 * length: it is long, and the stored campaign keeps the text itself. Phases and periods are matched
 * by ordinal; report fields are not compared (they are not edited on these pages).
 */
export function diffCampaignDrafts(before: CampaignDraft, after: CampaignDraft, timeZone: string): CampaignChange[] {
  const changes: CampaignChange[] = [];
  const compare = (field: string, label: string, a: string, b: string) => {
    if (a !== b) changes.push({ field, label, before: a, after: b });
  };
  const list = (items: readonly string[]) => items.join('; ');
  const when = (instant: Date) => formatVnDateTime(instant, timeZone);

  compare('docNumber', 'Số hiệu văn bản', before.docNumber, after.docNumber);
  compare('docDate', 'Ngày ban hành', formatVnDate(before.docDate), formatVnDate(after.docDate));
  compare('docPlace', 'Nơi ban hành', before.docPlace ?? '', after.docPlace ?? '');
  compare('title', 'Tiêu đề', before.title, after.title);
  compare('overallTheme', 'Chủ đề chung', before.overallTheme, after.overallTheme);
  compare('movements', 'Các phong trào', list(before.movements), list(after.movements));
  compare('addressees', 'Nơi nhận', list(before.addressees), list(after.addressees));
  if (before.fullText !== after.fullText) {
    changes.push({ field: 'fullText', label: 'Toàn văn', before: `${before.fullText.length} ký tự`, after: `${after.fullText.length} ký tự` });
  }
  for (const phase of after.phases) {
    const old = before.phases.find((p) => p.ordinal === phase.ordinal);
    if (!old) continue;
    const path = `phases.${phase.ordinal}`;
    const name = old.name;
    compare(`${path}.name`, `${name} — tên`, old.name, phase.name);
    compare(`${path}.startsOn`, `${name} — ngày bắt đầu`, formatVnDate(old.startsOn), formatVnDate(phase.startsOn));
    compare(`${path}.endsOn`, `${name} — ngày kết thúc`, formatVnDate(old.endsOn), formatVnDate(phase.endsOn));
    compare(`${path}.theme`, `${name} — chủ đề`, old.theme, phase.theme);
  }
  for (const period of after.reportPeriods) {
    const old = before.reportPeriods.find((p) => p.ordinal === period.ordinal);
    if (!old) continue;
    const path = `reportPeriods.${period.ordinal}`;
    const name = old.name;
    compare(`${path}.name`, `${name} — tên`, old.name, period.name);
    compare(`${path}.covers`, `${name} — nội dung`, old.covers, period.covers);
    compare(`${path}.opensAt`, `${name} — mở nhận từ`, when(old.opensAt), when(period.opensAt));
    compare(`${path}.deadlineAt`, `${name} — hạn nộp`, when(old.deadlineAt), when(period.deadlineAt));
    compare(`${path}.deadlineText`, `${name} — hạn theo văn bản`, old.deadlineText, period.deadlineText);
  }
  return changes;
}
