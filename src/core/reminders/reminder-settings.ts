/**
 * When report reminders go out. Hours and minutes are wall-clock readings in `timeZone`; "days" are
 * calendar days in that zone, counted as `daysLeft` in `src/core/reports/period-window.ts` counts
 * them (due "before 10/7", 9/7 is 1 day left, the last day).
 */
export interface ReminderSettings {
  /**
   * Reminders before the deadline, as days left: 1 is the last day, 7 a week before it. Each gives
   * the slot `D-n` at `sendAt` on that day; 0 gives `D0`, the deadline's own day, which exists only
   * when the deadline falls after `sendAt` that day. Whole numbers ≥ 0; duplicates are ignored.
   *
   * @defaultValue `[14, 7, 3, 1]`
   */
  readonly offsetsDays: readonly number[];
  /**
   * Also remind at `sendAt` on the last day on which a report can still be submitted: the day of
   * the last instant before the deadline (9/7 for a deadline at 10/7 00:00, so `D-1`; the
   * deadline's own day, `D0`, for a deadline later in a day). It shares the key of an offset on
   * that day, so with the default offsets it adds nothing.
   *
   * @defaultValue `true`
   */
  readonly lastDayMorning: boolean;
  /**
   * Follow-ups after the deadline: `D+n` is at `sendAt` on the deadline's calendar day plus `n`
   * (for a deadline at 10/7 00:00, `D+1` is 11/7). Whole numbers ≥ 1; duplicates are ignored.
   *
   * @defaultValue `[1, 3]`
   */
  readonly overdueDays: readonly number[];
  /**
   * Local time of day at which every reminder is due, before quiet hours and Sundays move it.
   *
   * @defaultValue `{ hour: 8, minute: 0 }`
   */
  readonly sendAt: { readonly hour: number; readonly minute: number };
  /**
   * Local hours (0–23) in which nothing is sent: from `start`:00 up to, not including, `end`:00,
   * across midnight when `start > end`. `{ start: 21, end: 7 }` forbids 21:00–06:59:59.999;
   * `start === end` means no quiet hours.
   *
   * @defaultValue `{ start: 21, end: 7 }`
   */
  readonly quietHours: { readonly start: number; readonly end: number };
  /**
   * Send nothing on Sundays (local calendar day); Sunday slots move to Monday's first allowed time.
   *
   * @defaultValue `false`
   */
  readonly skipSundays: boolean;
  /** IANA time zone for all of the above, e.g. `Asia/Ho_Chi_Minh`. */
  readonly timeZone: string;
}

/** The association's defaults, in Vietnam's time zone. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  offsetsDays: [14, 7, 3, 1],
  lastDayMorning: true,
  overdueDays: [1, 3],
  sendAt: { hour: 8, minute: 0 },
  quietHours: { start: 21, end: 7 },
  skipSundays: false,
  timeZone: 'Asia/Ho_Chi_Minh',
};

/**
 * Checks settings that come from configuration before any date is computed from them.
 *
 * @throws RangeError naming the first field that is out of range, or for an unknown time zone.
 */
export function assertValidReminderSettings(settings: ReminderSettings): void {
  for (const days of settings.offsetsDays) {
    requireInteger('offsetsDays', days, 0, Number.MAX_SAFE_INTEGER);
  }
  for (const days of settings.overdueDays) {
    requireInteger('overdueDays', days, 1, Number.MAX_SAFE_INTEGER);
  }
  requireInteger('sendAt.hour', settings.sendAt.hour, 0, 23);
  requireInteger('sendAt.minute', settings.sendAt.minute, 0, 59);
  requireInteger('quietHours.start', settings.quietHours.start, 0, 23);
  requireInteger('quietHours.end', settings.quietHours.end, 0, 23);
  // Throws RangeError for a zone the runtime does not know, before any slot is computed.
  new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone });
}

function requireInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `reminder settings: ${field} must be an integer ${min}–${max}, got ${value}`,
    );
  }
}
