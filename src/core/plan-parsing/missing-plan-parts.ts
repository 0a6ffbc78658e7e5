import type { Extracted, ExtractedList, ParsedPlan } from './parsed-plan';

/** A part of a plan the parser did not find, named as the office calls it, with the parser's reason. */
export interface MissingPlanPart {
  /** "Số hiệu văn bản", "Đợt thứ hai — chủ đề", "Báo cáo tổng kết năm 2023 — hạn nộp". */
  readonly part: string;
  readonly reason: string;
  /** The line that was seen but could not be used, when there was one. */
  readonly line?: number;
}

/**
 * Every part of `parsed` that is missing, in the order of the document's parts: the plan's own
 * (number, date, title, year, theme, movements, audience), then each phase's and each report's.
 * A phase whose start and end are missing for the same reason is listed once, as its dates.
 */
export function missingPlanParts(parsed: ParsedPlan): MissingPlanPart[] {
  const missing: MissingPlanPart[] = [];
  const check = (part: string, value: Extracted<unknown> | ExtractedList<unknown>) => {
    if (!value.found) missing.push({ part, reason: value.reason, ...(value.evidence ? { line: value.evidence.line } : {}) });
  };
  check('Số hiệu văn bản', parsed.documentNumber);
  check('Nơi và ngày ban hành', parsed.issuedAt);
  check('Tên kế hoạch', parsed.title);
  check('Năm của kế hoạch', parsed.year);
  check('Chủ đề chung', parsed.overallTheme);
  check('Các phong trào thi đua', parsed.movements);
  check('Nơi nhận (đơn vị thực hiện)', parsed.audience);
  check('Các đợt thi đua', parsed.phases);
  for (const { value: phase } of parsed.phases.found ? parsed.phases.items : []) {
    const { startsOn, endsOn } = phase;
    if (!startsOn.found && !endsOn.found && startsOn.reason === endsOn.reason) check(`${phase.label} — thời gian`, startsOn);
    else {
      check(`${phase.label} — ngày bắt đầu`, startsOn);
      check(`${phase.label} — ngày kết thúc`, endsOn);
    }
    check(`${phase.label} — chủ đề`, phase.theme);
  }
  check('Các báo cáo', parsed.reports);
  for (const { value: report } of parsed.reports.found ? parsed.reports.items : []) {
    const name = report.period.found ? report.period.value.name : `Báo cáo thứ ${report.ordinal}`;
    check(`${name} — kỳ báo cáo`, report.period);
    check(`${name} — nội dung`, report.covers);
    check(`${name} — hạn nộp`, report.deadline);
  }
  return missing;
}
