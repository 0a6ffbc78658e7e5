import type { CalendarDate } from './calendar-date';

/** Whole days from `from` to `to` (negative when `to` is earlier); calendar days, no time zones. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const ms = Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(ms / 86_400_000);
}

/** A `@db.Date` value (UTC midnight, as Prisma reads it) as a calendar date. */
export function fromDbDate(date: Date): CalendarDate {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
