import { addDays, dayOfWeek } from '../dates/calendar-date';
import { startOfDayInZone, toCalendarDateInZone, zonedDateTime } from '../dates/zoned-time';
import type { ReminderSettings } from './reminder-settings';

/** The parts of {@link ReminderSettings} that say when sending is allowed. */
export type SendingWindow = Pick<ReminderSettings, 'quietHours' | 'skipSundays' | 'timeZone'>;

/**
 * The first instant at or after `instant` at which reminders may be sent: `instant` itself when it
 * is allowed, else the end of the quiet hours it falls in (07:00 for 21 → 7), or the first allowed
 * time of Monday for a skipped Sunday. Wall-clock times come from `zonedDateTime`, so a quiet-hours
 * end inside a daylight-saving gap lands just after the gap.
 *
 * @throws RangeError for an invalid `Date` or an unknown time zone.
 */
export function nextAllowedTime(instant: Date, window: SendingWindow): Date {
  let candidate = instant;
  // Each step moves to the end of a quiet stretch or to the next day's start, so two or three steps
  // settle it; the bound only guards against a logic error looping forever.
  for (let step = 0; step < 8; step += 1) {
    const day = toCalendarDateInZone(candidate, window.timeZone);
    if (window.skipSundays && dayOfWeek(day) === 0) {
      candidate = startOfDayInZone(addDays(day, 1), window.timeZone);
      continue;
    }
    const quietEnd = quietHoursEnd(candidate, window);
    if (quietEnd === undefined) return candidate;
    candidate = quietEnd;
  }
  throw new RangeError(`no allowed sending time found after ${instant.toISOString()}`);
}

/** When the quiet stretch containing `instant` ends, or `undefined` if `instant` is not in one. */
function quietHoursEnd(instant: Date, window: SendingWindow): Date | undefined {
  const { start, end } = window.quietHours;
  if (start === end) return undefined;
  const day = toCalendarDateInZone(instant, window.timeZone);
  const time = instant.getTime();
  const startToday = zonedDateTime(day, start, 0, window.timeZone).getTime();
  const endToday = zonedDateTime(day, end, 0, window.timeZone);
  if (start < end) {
    return time >= startToday && time < endToday.getTime() ? endToday : undefined;
  }
  // Quiet across midnight: the early-morning part ends today, the evening part tomorrow.
  if (time < endToday.getTime()) return endToday;
  if (time >= startToday) return zonedDateTime(addDays(day, 1), end, 0, window.timeZone);
  return undefined;
}
