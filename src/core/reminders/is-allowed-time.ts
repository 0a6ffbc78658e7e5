import { nextAllowedTime, type SendingWindow } from './next-allowed-time';

/**
 * Whether reminders may be sent at `now`: not in quiet hours (`start`:00 inclusive to `end`:00
 * exclusive, local time) and not on a Sunday when Sundays are skipped. With the defaults,
 * 07:00:00.000 and 20:59:59.999 are allowed, 06:59:59.999 and 21:00:00.000 are not.
 *
 * @throws RangeError for an invalid `Date` or an unknown time zone.
 */
export function isAllowedTime(now: Date, window: SendingWindow): boolean {
  return nextAllowedTime(now, window).getTime() === now.getTime();
}
