/**
 * A day on the calendar with no time and no time zone, as people mean it when they say
 * "ngày 10/7/2022". `month` is 1–12 and `day` 1–31 (not zero-based like `Date`).
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** `{ year: 2022, month: 7, day: 10 }` → `10/07/2022`, the usual Vietnamese way of writing it. */
export function formatVnDate(date: CalendarDate): string {
  const day = String(date.day).padStart(2, '0');
  const month = String(date.month).padStart(2, '0');
  return `${day}/${month}/${String(date.year).padStart(4, '0')}`;
}

/** Negative if `a` is before `b`, 0 if the same day, positive if after; fits `Array#sort`. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(a.year - b.year || a.month - b.month || a.day - b.day);
}

/**
 * The date `days` days after `date` (before it when negative), across month and year ends.
 *
 * @throws RangeError when `days` is not an integer.
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) {
    throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  }
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Day of the week, 0 = Sunday (Chủ nhật) … 6 = Saturday (Thứ Bảy), the same numbering as
 * `Date#getDay`. In Vietnamese, days 1–6 are "Thứ Hai" to "Thứ Bảy", i.e. "Thứ" + (number + 1).
 */
export function dayOfWeek(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** Number of days in `month` (1–12) of `year`, Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Gregorian leap year: every 4th year, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Days since 1970-01-01, by Howard Hinnant's civil-calendar algorithm; plain integer arithmetic
// avoids `Date`'s special treatment of years 0–99 and any time-zone influence.
function toEpochDay({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromEpochDay(epochDay: number): CalendarDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}
