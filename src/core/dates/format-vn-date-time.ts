import { formatVnDate } from './calendar-date';
import { toCalendarDateInZone } from './zoned-time';

/** `10:32 ngày 05/07/2022`, in `timeZone`: how receipts and status lines say when. */
export function formatVnDateTime(instant: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return `${time} ngày ${formatVnDate(toCalendarDateInZone(instant, timeZone))}`;
}
