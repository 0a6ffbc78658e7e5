import { daysBetween } from '../dates/days-between';
import { toCalendarDateInZone } from '../dates/zoned-time';

/** How long after its deadline a report is still accepted (marked late). */
export const LATE_SUBMISSION_DAYS = 60;

export type PeriodPhase = 'upcoming' | 'open' | 'late' | 'closed';

/** Where `now` stands against a report period: not open yet, open, past the deadline but accepted, closed. */
export function periodPhase(period: { opensAt: Date; deadlineAt: Date }, now: Date): PeriodPhase {
  if (now < period.opensAt) return 'upcoming';
  if (now < period.deadlineAt) return 'open';
  const lateUntil = period.deadlineAt.getTime() + LATE_SUBMISSION_DAYS * 86_400_000;
  return now.getTime() < lateUntil ? 'late' : 'closed';
}

/** True while members may submit: open, or late but still accepted. */
export function acceptsSubmissions(period: { opensAt: Date; deadlineAt: Date }, now: Date): boolean {
  const phase = periodPhase(period, now);
  return phase === 'open' || phase === 'late';
}

/**
 * Calendar days until the deadline day in `timeZone`: due "before 10/7", it is 1 on 9/7 (the last
 * day) and 0 on 10/7; negative once past.
 */
export function daysLeft(deadlineAt: Date, now: Date, timeZone: string): number {
  return daysBetween(toCalendarDateInZone(now, timeZone), toCalendarDateInZone(deadlineAt, timeZone));
}
