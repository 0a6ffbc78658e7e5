import { addDays } from '../dates/calendar-date';
import { daysBetween } from '../dates/days-between';
import { toCalendarDateInZone, zonedDateTime } from '../dates/zoned-time';
import { periodPhase } from '../reports/period-window';
import { nextAllowedTime } from './next-allowed-time';
import { offsetKey } from './offset-key';
import { assertValidReminderSettings, type ReminderSettings } from './reminder-settings';

/** One moment at which every member who still owes a period's report is reminded. */
export interface ReminderSlot {
  /** `D-7`, `D0`, `D+1` …: see {@link offsetKey}. */
  readonly offsetKey: string;
  /** Signed calendar days from the deadline's day in the zone: −7 for `D-7`, 1 for `D+1`. */
  readonly offsetDays: number;
  /** When the slot is due: `sendAt` on its day, moved out of quiet hours and skipped Sundays. */
  readonly dueAt: Date;
}

/**
 * The reminder slots of one period, in order of `dueAt`.
 *
 * - `D-n` (each of `offsetsDays`): `sendAt` on the deadline's calendar day (in the zone) minus `n`,
 *   so for a deadline of 10/7/2022 00:00 `D-1` is 9/7 08:00 and `D-7` is 3/7 08:00.
 * - `lastDayMorning`: `sendAt` on the last day a report can still be submitted (see
 *   {@link ReminderSettings.lastDayMorning}), keyed like an offset on that day.
 * - `D+n` (each of `overdueDays`): `sendAt` on the deadline's calendar day plus `n`, so `D+1` is
 *   11/7 08:00 for the deadline above.
 * - A slot in quiet hours or on a skipped Sunday moves to the next allowed time
 *   ({@link nextAllowedTime}).
 *
 * Slots that would make no sense are left out, not returned:
 * - due before the period opens (`opensAt > dueAt`);
 * - before-deadline slots due at or after the deadline once moved (e.g. `sendAt` 22:00 pushes `D-1`
 *   to 07:00 of the deadline's day), and `D0` when the deadline is at or before `sendAt` that day:
 *   they would announce a deadline that has passed, and the `D+n` follow-ups take over;
 * - follow-ups due once the period no longer accepts reports (`LATE_SUBMISSION_DAYS` after the
 *   deadline);
 * - of slots that land on the same instant, all but the one closest to the deadline, so that one
 *   message goes out, carrying the more urgent key.
 *
 * @throws RangeError for invalid settings (see `assertValidReminderSettings`) or invalid dates.
 */
export function reminderSlots(
  period: { readonly opensAt: Date; readonly deadlineAt: Date },
  settings: ReminderSettings,
): ReminderSlot[] {
  assertValidReminderSettings(settings);
  const { timeZone } = settings;
  const deadline = period.deadlineAt.getTime();
  const opens = period.opensAt.getTime();
  if (Number.isNaN(deadline) || Number.isNaN(opens)) {
    throw new RangeError('reminderSlots needs a period with valid opensAt and deadlineAt');
  }
  const deadlineDay = toCalendarDateInZone(period.deadlineAt, timeZone);

  const offsets = new Set<number>();
  for (const days of settings.offsetsDays) offsets.add(-days);
  for (const days of settings.overdueDays) offsets.add(days);
  if (settings.lastDayMorning) {
    const lastDay = toCalendarDateInZone(new Date(deadline - 1), timeZone);
    offsets.add(daysBetween(deadlineDay, lastDay));
  }

  const slots: ReminderSlot[] = [];
  for (const offsetDays of offsets) {
    const day = addDays(deadlineDay, offsetDays);
    const nominal = zonedDateTime(day, settings.sendAt.hour, settings.sendAt.minute, timeZone);
    const dueAt = nextAllowedTime(nominal, settings);
    const due = dueAt.getTime();
    if (due < opens) continue;
    if (offsetDays <= 0 ? due >= deadline : periodPhase(period, dueAt) === 'closed') continue;
    slots.push({ offsetKey: offsetKey(offsetDays), offsetDays, dueAt });
  }
  slots.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.offsetDays - b.offsetDays);

  // Moving slots out of quiet hours and Sundays keeps their order but can make two coincide.
  return slots.filter((slot, index) => {
    const next = slots[index + 1];
    return next === undefined || next.dueAt.getTime() !== slot.dueAt.getTime();
  });
}
