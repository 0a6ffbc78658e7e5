import { daysInMonth, type CalendarDate } from '../dates/calendar-date';
import { wallClockAsUtc, zonedDateTime } from '../dates/zoned-time';
import type { CampaignDraft } from './campaign-draft';

/**
 * Next year's campaign proposed from this one, for the office to review and edit before creating
 * it (as a draft; nothing goes to members until the office publishes it).
 *
 * - Every date moves one calendar year. The last day of February stays the last day of February
 *   (29/2/2024 → 28/2/2025, 28/2/2023 → 29/2/2024): a phase or report "until the end of February"
 *   keeps meaning that. Any other day keeps its day and month.
 * - Opening and deadline instants keep their wall-clock time in `timeZone`: due at 00:00 on 10/7
 *   stays due at 00:00 on 10/7, whatever the zone's offsets do in between.
 * - In the short texts (title, themes, movements, names, what a report covers, the worded
 *   deadline) the campaign's year becomes the next year, and dates of that year written d/m/yyyy
 *   move like the dates above, so "trước ngày 10/7/2022" follows its deadline. Other years are left
 *   alone: "(11/6/1948 – 11/6/2022)" and "nhiệm kỳ 2021-2025" are not this plan's own dates.
 *   Anniversaries counted in years ("77 năm ngày …") are not recounted; the office edits them.
 * - The full text is copied as it is: it is a document the association issued, and a new year's
 *   document has its own number, date and wording, which no rewriting could guess. The office
 *   pastes the new one; publishing refuses a text identical to another year's.
 * - The document number, place, report codes and report fields are copied.
 */
export function nextYearCampaign(source: CampaignDraft, timeZone: string): CampaignDraft {
  const year = source.year;
  const text = (value: string) => shiftYearInText(value, year);
  return {
    year: year + 1,
    docNumber: source.docNumber,
    docDate: shiftDateOneYear(source.docDate),
    docPlace: source.docPlace,
    title: text(source.title),
    overallTheme: text(source.overallTheme),
    movements: source.movements.map(text),
    addressees: [...source.addressees],
    fullText: source.fullText,
    phases: source.phases.map((p) => ({
      ordinal: p.ordinal,
      name: text(p.name),
      startsOn: shiftDateOneYear(p.startsOn),
      endsOn: shiftDateOneYear(p.endsOn),
      theme: text(p.theme),
    })),
    reportPeriods: source.reportPeriods.map((r) => ({
      code: r.code,
      ordinal: r.ordinal,
      name: text(r.name),
      covers: text(r.covers),
      opensAt: shiftInstantOneYear(r.opensAt, timeZone),
      deadlineAt: shiftInstantOneYear(r.deadlineAt, timeZone),
      deadlineText: text(r.deadlineText),
      fields: r.fields.map((f) => ({ ...f })),
    })),
  };
}

/** The same day a year later; the last day of February maps to the last day of February. */
export function shiftDateOneYear(date: CalendarDate): CalendarDate {
  const year = date.year + 1;
  if (date.month === 2 && date.day === daysInMonth(date.year, 2)) {
    return { year, month: 2, day: daysInMonth(year, 2) };
  }
  return { year, month: date.month, day: date.day };
}

/** The instant showing the same wall-clock time in `timeZone` on the day `shiftDateOneYear` gives. */
export function shiftInstantOneYear(instant: Date, timeZone: string): Date {
  const wall = wallClockAsUtc(instant, timeZone);
  const day = shiftDateOneYear({ year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() });
  const atMinute = zonedDateTime(day, wall.getUTCHours(), wall.getUTCMinutes(), timeZone);
  return new Date(atMinute.getTime() + wall.getUTCSeconds() * 1000 + wall.getUTCMilliseconds());
}

function shiftYearInText(text: string, year: number): string {
  const yearText = String(year);
  const datesMoved = text.replace(/(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)/g, (whole, d: string, sep: string, m: string, y: string) => {
    const day = Number(d);
    const month = Number(m);
    if (y !== yearText || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return whole;
    const moved = shiftDateOneYear({ year, month, day });
    // Written as the source wrote it: "01/7/2022" stays zero-padded where it was.
    const dd = String(moved.day).padStart(d.length, '0');
    const mm = String(moved.month).padStart(m.length, '0');
    return `${dd}${sep}${mm}${sep}${moved.year}`;
  });
  return datesMoved.replace(new RegExp(`(?<!\\d)${yearText}(?!\\d)`, 'g'), String(year + 1));
}
