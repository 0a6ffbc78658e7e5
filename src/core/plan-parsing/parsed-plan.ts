import type { CalendarDate } from '../dates/calendar-date';

/**
 * What {@link parsePlanText} read from an emulation plan ("kế hoạch thi đua"). Every part is either
 * found, with the line(s) it came from so the office can check it beside the text, or missing, with
 * a Vietnamese reason. Nothing is filled in from defaults: a part not written in the text is missing.
 */
export interface ParsedPlan {
  /** `20/KHTĐ-HHDN`, from `Số: 20/KHTĐ-HHDN`. */
  readonly documentNumber: Extracted<string>;
  /** Place and date of issue, from `Bắc Giang, ngày 21 tháng 4 năm 2022`. */
  readonly issuedAt: Extracted<IssuedAt>;
  /** `Kế hoạch phát động thi đua năm 2022`, in sentence case. */
  readonly title: Extracted<string>;
  /** The year the plan is for (from the title, else from "thi đua năm 2022" in the text). */
  readonly year: Extracted<number>;
  /** The theme of the whole year's emulation, e.g. "Đoàn kết, sáng tạo, …". */
  readonly overallTheme: Extracted<string>;
  /** Named movements (`phong trào “…”`), in order of first mention, without repeats. */
  readonly movements: ExtractedList<string>;
  /** Who the plan addresses: units asked to carry it out, not offices it is sent to for information. */
  readonly audience: ExtractedList<string>;
  /** Phases (đợt, giai đoạn) in the order written. */
  readonly phases: ExtractedList<ParsedPhase>;
  /** Reports with a deadline, in the order written. */
  readonly reports: ExtractedList<ParsedReport>;
  /** Things found that look wrong (overlapping phases, a phase ending before it starts, …). */
  readonly warnings: readonly string[];
}

/** Where a value came from: 1-based line numbers into the text as given, and those lines as they are. */
export interface Evidence {
  readonly line: number;
  readonly endLine: number;
  readonly text: string;
  /** How the value was completed, e.g. a year taken from the plan because the date had none. */
  readonly note?: string;
}

export interface Found<T> {
  readonly found: true;
  readonly value: T;
  readonly evidence: Evidence;
}

export interface Missing {
  readonly found: false;
  /** Vietnamese, shown to the office as is. */
  readonly reason: string;
  /** Set when something was seen but could not be used, e.g. the line with `31/02/2023`. */
  readonly evidence?: Evidence;
}

export type Extracted<T> = Found<T> | Missing;

/** A list part: each item carries its own evidence, since items come from different lines. */
export type ExtractedList<T> = { readonly found: true; readonly items: readonly Found<T>[] } | Missing;

export interface IssuedAt {
  /** `Bắc Giang`; null when the date line names no place. */
  readonly place: string | null;
  readonly date: CalendarDate;
}

export interface ParsedPhase {
  /** 1 for "Đợt 1", "Đợt thứ nhất", "Đợt I", "Giai đoạn 1". */
  readonly ordinal: number;
  /** The phase's name as written: `Đợt thứ nhất`. */
  readonly label: string;
  readonly startsOn: Extracted<CalendarDate>;
  /** Inclusive: the phase's last day. */
  readonly endsOn: Extracted<CalendarDate>;
  readonly theme: Extracted<string>;
}

export interface ParsedReport {
  /** Position among the plan's reports, from 1. */
  readonly ordinal: number;
  readonly deadline: Extracted<ReportDeadline>;
  /** What the report is about, e.g. "Kết quả hoạt động sản xuất kinh doanh 6 tháng đầu năm 2022 …". */
  readonly covers: Extracted<string>;
  /** The stretch of the year the report covers. */
  readonly period: Extracted<ReportPeriod>;
}

export interface ReportDeadline {
  /** The day written in the text. */
  readonly statedDate: CalendarDate;
  /**
   * `before`: "trước ngày X", due when X begins. `by`: "chậm nhất ngày X", "hạn chót ngày X",
   * "đến hết ngày X", X itself still counts.
   */
  readonly kind: 'before' | 'by';
  /** Due before 00:00 of this day, as the seed's `dueBefore`: the stated day, or the next for `by`. */
  readonly dueBefore: CalendarDate;
  /** 00:00 of `dueBefore` in the plan's time zone (Asia/Ho_Chi_Minh unless told otherwise). */
  readonly dueAt: Date;
  /** The deadline's words as written, e.g. "trước ngày 10/7/2022". */
  readonly text: string;
}

export type ReportPeriodCode =
  | 'quy-1'
  | 'quy-2'
  | 'quy-3'
  | 'quy-4'
  | '6-thang'
  | '6-thang-cuoi'
  | '9-thang'
  | 'ca-nam';

export interface ReportPeriod {
  /** Stable code, the same as the seed's report period codes (`6-thang`, `ca-nam`). */
  readonly code: ReportPeriodCode;
  /** A name for the report, e.g. "Báo cáo 6 tháng đầu năm 2022". */
  readonly name: string;
}
