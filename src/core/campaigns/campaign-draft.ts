import type { CalendarDate } from '../dates/calendar-date';
import type { ReportField } from '../reports/report-field';

/**
 * A campaign (a yearly emulation plan) as plain data, before it is stored: what "next year's plan
 * from this one" proposes, what the office's form yields, and what a plan document parsed from
 * text will yield. Independent of any form or table; `createCampaign` in
 * `src/db/prisma-campaign-admin-repository.ts` stores it as a draft.
 *
 * Calendar days (the document's date, the phases) carry no time zone; report opening and
 * deadline are instants, because "trước ngày 10/7/2022" is 00:00 of 10/7 in the association's
 * zone, and that instant is what reminders and on-time checks compare against.
 */
export interface CampaignDraft {
  readonly year: number;
  /** The document's number, e.g. "20/KHTĐ-HHDN". */
  readonly docNumber: string;
  /** The date printed on the document. */
  readonly docDate: CalendarDate;
  readonly docPlace: string | null;
  readonly title: string;
  readonly overallTheme: string;
  /** The emulation movements the plan names, in its order. */
  readonly movements: readonly string[];
  /** Who the plan addresses. */
  readonly addressees: readonly string[];
  /** The document as issued. */
  readonly fullText: string;
  readonly phases: readonly PhaseDraft[];
  readonly reportPeriods: readonly ReportPeriodDraft[];
}

/** One phase (đợt): its days, first and last included, and its theme. */
export interface PhaseDraft {
  /** 1, 2, …: the phases' order, and how a phase is told apart within its campaign. */
  readonly ordinal: number;
  readonly name: string;
  readonly startsOn: CalendarDate;
  readonly endsOn: CalendarDate;
  readonly theme: string;
}

/** A report the members owe the office. */
export interface ReportPeriodDraft {
  /** Stable short code, unique within the campaign ("6-thang", "ca-nam"). */
  readonly code: string;
  readonly ordinal: number;
  readonly name: string;
  /** What the report covers, in the document's words. */
  readonly covers: string;
  /** From when members may submit. */
  readonly opensAt: Date;
  /** The instant it is due; usually 00:00 in the association's zone of the day the document names. */
  readonly deadlineAt: Date;
  /** The deadline as the document words it ("trước ngày 10/7/2022"); members read it in every reminder. */
  readonly deadlineText: string;
  readonly fields: readonly ReportField[];
}

/** A deadline worded as the association's documents word it: "trước ngày 10/7/2022". */
export function wordDeadline(dueBefore: CalendarDate): string {
  return `trước ngày ${dueBefore.day}/${dueBefore.month}/${dueBefore.year}`;
}
