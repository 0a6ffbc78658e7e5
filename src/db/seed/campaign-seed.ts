import type { CalendarDate } from '../../core/dates/calendar-date';
import type { ReportField } from '../../core/reports/report-field';

/** A campaign as the seed describes it: calendar dates, and deadlines as "before this day". */
export interface CampaignSeed {
  year: number;
  docNumber: string;
  docDate: CalendarDate;
  docPlace: string;
  title: string;
  overallTheme: string;
  movements: string[];
  addressees: string[];
  /** File name under prisma/seed/ holding the document's full text. */
  fullTextFile: string;
  /** The zone the document's dates are in. */
  timeZone: string;
  phases: Array<{ ordinal: number; name: string; startsOn: CalendarDate; endsOn: CalendarDate; theme: string }>;
  reportPeriods: Array<{
    code: string;
    ordinal: number;
    name: string;
    covers: string;
    opensOn: CalendarDate;
    /** Due before 00:00 of this day. */
    dueBefore: CalendarDate;
    deadlineText: string;
    fields: readonly ReportField[];
  }>;
}

export interface AreaSeed {
  code: string;
  name: string;
  kind: 'city' | 'town' | 'district';
  ordinal: number;
}
