import { fail, ok, type ParseResult } from '../result';
import { foldText } from '../text/fold-text';
import { parseVnDate } from './parse-vn-date';
import { zonedDateTime } from './zoned-time';

/**
 * Parses a moment written the Vietnamese way, day first, as clocks in `timeZone` show it:
 * `05/07/2022 08:00`, `5/7/2022 8h30`, `8:00 ngày 5/7/2022`, `ngày 5 tháng 7 năm 2022 lúc 8 giờ`,
 * or `2022-07-05T08:00` (what a browser's date-time field sends). The date part is whatever
 * `parseVnDate` accepts, and its reasons for refusing are passed on.
 *
 * Rejected with a Vietnamese reason: a date without a time (`EMPTY`, since a broadcast at midnight
 * is never what was meant), hours outside 0–23 or minutes outside 0–59 (`OUT_OF_RANGE`), and
 * anything else (`MALFORMED`).
 */
export function parseVnDateTime(input: string, timeZone: string): ParseResult<Date> {
  if (input.length > MAX_INPUT_LENGTH) return fail('TOO_LONG', MESSAGE_MALFORMED);
  const text = foldText(input).replace(/^(\d{4}-\d{1,2}-\d{1,2})t/, '$1 ');
  if (text === '') return fail('EMPTY', 'Xin nhập thời điểm gửi, ví dụ 05/07/2022 08:00.');
  const parts = timeLast.exec(text) ?? timeFirst.exec(text);
  const groups = parts?.groups;
  if (!groups?.['date'] || !groups['hour']) {
    return parseVnDate(text).ok ? fail('EMPTY', MESSAGE_NO_TIME) : fail('MALFORMED', MESSAGE_MALFORMED);
  }
  const date = parseVnDate(groups['date']);
  if (!date.ok) return date;
  const hour = Number(groups['hour']);
  const minute = Number(groups['minute'] ?? '0');
  if (hour > 23 || minute > 59) return fail('OUT_OF_RANGE', 'Giờ phải từ 0 đến 23 và phút từ 0 đến 59, ví dụ 08:00.');
  return ok(zonedDateTime(date.value, hour, minute, timeZone));
}

// `8:00`, `8h`, `8h30`, `8 gio 30 phut` (folded from `8 giờ 30 phút`); minutes always two digits,
// so `8h5` is refused rather than guessed.
const TIME = String.raw`(?<hour>\d{1,2})\s*(?::|h|gio)\s*(?<minute>\d{2})?(?:\s*phut)?`;
const timeLast = new RegExp(String.raw`^(?<date>.+?)\s*,?\s+(?:luc\s+)?${TIME}$`);
const timeFirst = new RegExp(String.raw`^(?:luc\s+)?${TIME}\s*,?\s+(?<date>.+)$`);

const MAX_INPUT_LENGTH = 100;
const MESSAGE_NO_TIME = 'Xin ghi cả giờ gửi sau ngày, ví dụ 05/07/2022 08:00.';
const MESSAGE_MALFORMED = 'Chưa hiểu thời điểm này. Xin viết ngày/tháng/năm giờ:phút, ví dụ 05/07/2022 08:00.';
