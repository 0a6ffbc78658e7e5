import type { CalendarDate } from './calendar-date';

/**
 * The instant a calendar day begins in an IANA time zone: `{2022, 7, 10}` in `Asia/Ho_Chi_Minh` is
 * `2022-07-09T17:00:00.000Z`. Offsets come from the runtime's time-zone database (via `Intl`), so
 * zones with daylight saving time are handled, including those where midnight itself is skipped
 * (the day then begins at the first instant that exists, e.g. 01:00).
 *
 * @throws RangeError for a time zone name the runtime does not know.
 */
export function startOfDayInZone(date: CalendarDate, timeZone: string): Date {
  return zonedDateTime(date, 0, 0, timeZone);
}

/**
 * The instant at which clocks in `timeZone` show `hour:minute` on `date`.
 *
 * Around daylight-saving changes a wall-clock time can occur twice or not at all. As with
 * Temporal's default ("compatible") rule, a repeated time gives the earlier instant, and a skipped
 * time is moved forward by the length of the gap (02:30 on a day Berlin jumps from 02:00 to 03:00
 * gives 03:30).
 *
 * @throws RangeError for an unknown time zone, or when `hour` is not 0–23 or `minute` not 0–59.
 */
export function zonedDateTime(
  date: CalendarDate,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`hour must be an integer 0–23, got ${hour}`);
  }
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`minute must be an integer 0–59, got ${minute}`);
  }
  const wall = wallClockMs(date.year, date.month, date.day, hour, minute, 0);
  // The offsets in force a day either side of the wanted time; any transition that could affect it
  // lies between them (in practice no zone changes offset twice within two days).
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter]
    .filter((instant) => wallOf(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) {
    return new Date(earliest);
  }
  // Skipped time: keep the offset from before the jump, which lands the same distance past it.
  return new Date(wall - offsetBefore);
}

/**
 * The calendar day that clocks in `timeZone` show at `instant`.
 *
 * @throws RangeError for an unknown time zone or an invalid `Date`.
 */
export function toCalendarDateInZone(instant: Date, timeZone: string): CalendarDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError('toCalendarDateInZone needs a valid Date');
  }
  const { year, month, day } = wallParts(time, timeZone);
  return { year, month, day };
}

/**
 * The wall-clock reading in `timeZone` as a Date whose UTC fields show it (`getUTCHours()` is the
 * local hour): for writers that print a Date's UTC reading as is, such as Excel cells.
 *
 * @throws RangeError for an unknown time zone or an invalid `Date`.
 */
export function wallClockAsUtc(instant: Date, timeZone: string): Date {
  const time = instant.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError('wallClockAsUtc needs a valid Date');
  }
  return new Date(wallOf(time, timeZone));
}

const DAY_MS = 86_400_000;

/** A wall-clock reading encoded as if it were a UTC instant, so readings compare as numbers. */
function wallClockMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const value = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  value.setUTCFullYear(year, month - 1, day);
  value.setUTCHours(hour, minute, second, 0);
  return value.getTime();
}

function wallOf(instant: number, timeZone: string): number {
  const parts = wallParts(instant, timeZone);
  return wallClockMs(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second);
}

/** How far the zone's clocks are ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  // Offsets are whole seconds; drop the milliseconds the wall reading cannot show.
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallOf(wholeSecond, timeZone) - wholeSecond;
}

interface WallParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallParts(instant: number, timeZone: string): WallParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') {
      values[part.type] = Number(part.value);
    }
  }
  return {
    year: values['year'] ?? Number.NaN,
    month: values['month'] ?? Number.NaN,
    day: values['day'] ?? Number.NaN,
    hour: values['hour'] ?? Number.NaN,
    minute: values['minute'] ?? Number.NaN,
    second: values['second'] ?? Number.NaN,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown zone, which is what callers are told to expect.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
