import { type CalendarDate, compareCalendarDates } from '../dates/calendar-date';
import type { Extracted, ExtractedList, ParsedPlan } from '../plan-parsing/parsed-plan';
import { defaultReportFields } from '../reports/default-report-fields';
import type { ReportField } from '../reports/report-field';

/**
 * A campaign as far as a plan document says it, for the office to complete and confirm: each
 * part the parser found, and null (or an empty list) where it found nothing. Nothing is made up
 * except what a document never states and a campaign needs — the report periods' codes, their
 * opening days (`proposedOpening`) and their fields (copied from the last campaign) — and those
 * are shown as proposals the office can change.
 */
export interface PlanImportProposal {
  readonly year: number | null;
  readonly docNumber: string | null;
  readonly docDate: CalendarDate | null;
  readonly docPlace: string | null;
  readonly title: string | null;
  readonly overallTheme: string | null;
  readonly movements: readonly string[];
  readonly addressees: readonly string[];
  readonly fullText: string;
  readonly phases: readonly PhaseProposal[];
  readonly reportPeriods: readonly ReportPeriodProposal[];
}

export interface PhaseProposal {
  /** The phase's position in the document, from 1. */
  readonly ordinal: number;
  /** As written: "Đợt thứ nhất", "Giai đoạn 2", "Đợt III". */
  readonly name: string;
  readonly startsOn: CalendarDate | null;
  readonly endsOn: CalendarDate | null;
  readonly theme: string | null;
}

export interface ReportPeriodProposal {
  /** The period the document names (`6-thang`, `ca-nam`…), else `bao-cao-<ordinal>`; unique. */
  readonly code: string;
  readonly ordinal: number;
  readonly name: string | null;
  readonly covers: string | null;
  /** Not in documents: proposed from the deadline (see `proposedOpening`); null without one. */
  readonly opensOn: CalendarDate | null;
  /** Due before 00:00 of this day. */
  readonly dueBefore: CalendarDate | null;
  /** The deadline in the document's words ("trước ngày 10/7/2027"). */
  readonly deadlineText: string | null;
  readonly fields: readonly ReportField[];
  /** The last campaign's report the fields were copied from; null when there was none. */
  readonly fieldsFrom: { readonly year: number; readonly periodName: string } | null;
}

/** The last campaign's reports, whose fields a new campaign starts from. */
export interface FieldSource {
  readonly year: number;
  readonly periods: readonly { readonly code: string; readonly name: string; readonly fields: readonly ReportField[] }[];
}

/**
 * The campaign `parsed` (read from `text`) describes. A report's fields are those of the last
 * campaign's report of the same code ("6-thang" → "6-thang"), else of its first report: the office
 * asks much the same every year, and changes fields in the campaign's editor. Without any campaign
 * the 2022 plan's fields are used.
 */
export function proposeCampaignFromPlan(parsed: ParsedPlan, text: string, lastCampaign: FieldSource | null): PlanImportProposal {
  const year = valueOrNull(parsed.year);
  const issued = valueOrNull(parsed.issuedAt);
  const codes = new Set<string>();
  return {
    year,
    docNumber: valueOrNull(parsed.documentNumber),
    docDate: issued?.date ?? null,
    docPlace: issued?.place ?? null,
    title: valueOrNull(parsed.title),
    overallTheme: valueOrNull(parsed.overallTheme),
    movements: valuesOrEmpty(parsed.movements),
    addressees: valuesOrEmpty(parsed.audience),
    fullText: text,
    phases: valuesOrEmpty(parsed.phases).map((phase, i) => ({
      ordinal: i + 1,
      name: phase.label,
      startsOn: valueOrNull(phase.startsOn),
      endsOn: valueOrNull(phase.endsOn),
      theme: valueOrNull(phase.theme),
    })),
    reportPeriods: valuesOrEmpty(parsed.reports).map((report, i) => {
      const ordinal = i + 1;
      const period = valueOrNull(report.period);
      // Two reports read as the same period (a typo in the document) still need two codes.
      const code = period && !codes.has(period.code) ? period.code : `bao-cao-${ordinal}`;
      codes.add(code);
      const deadline = valueOrNull(report.deadline);
      const source = lastCampaign ? (lastCampaign.periods.find((p) => p.code === period?.code) ?? lastCampaign.periods[0]) : undefined;
      return {
        code,
        ordinal,
        name: period?.name ?? null,
        covers: valueOrNull(report.covers),
        opensOn: deadline ? proposedOpening(deadline.dueBefore, year ?? deadline.dueBefore.year) : null,
        dueBefore: deadline?.dueBefore ?? null,
        deadlineText: deadline?.text ?? null,
        fields: source ? source.fields : defaultReportFields,
        fieldsFrom: source && lastCampaign ? { year: lastCampaign.year, periodName: source.name } : null,
      };
    }),
  };
}

/**
 * When members may start filing a report due before `dueBefore`, which plans do not say: the first
 * day of the month before (due before 10/7 → from 1/6, as the 2022 plan's seed has it), not before
 * 1 January of `year`; null when that leaves no day before the deadline.
 */
export function proposedOpening(dueBefore: CalendarDate, year: number): CalendarDate | null {
  const monthBefore = dueBefore.month === 1 ? { year: dueBefore.year - 1, month: 12, day: 1 } : { year: dueBefore.year, month: dueBefore.month - 1, day: 1 };
  const startOfYear = { year, month: 1, day: 1 };
  const opens = compareCalendarDates(monthBefore, startOfYear) < 0 ? startOfYear : monthBefore;
  return compareCalendarDates(opens, dueBefore) < 0 ? opens : null;
}

function valueOrNull<T>(part: Extracted<T>): T | null {
  return part.found ? part.value : null;
}

function valuesOrEmpty<T>(list: ExtractedList<T>): T[] {
  return list.found ? list.items.map((item) => item.value) : [];
}
