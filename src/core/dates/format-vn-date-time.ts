import { formatVnDate } from './calendar-date';
import { wallClockAsUtc } from './zoned-time';

/** `10:32 ngày 05/07/2022`, in `timeZone`: how receipts and status lines say when. */
export function formatVnDateTime(instant: Date, timeZone: string): string {
  const wall = wallClockAsUtc(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())} ngày ${formatVnDate(date)}`;
}
