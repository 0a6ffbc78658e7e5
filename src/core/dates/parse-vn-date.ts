import { fail, ok, type ParseResult } from '../result';
import { foldText } from '../text/fold-text';
import { daysInMonth, formatVnDate, isLeapYear, type CalendarDate } from './calendar-date';

/**
 * Parses a date written the Vietnamese way, always day first: `10/7/2022`, `10/07/2022`,
 * `10-07-2022`, `10.7.2022`, `ngày 10 tháng 7 năm 2022` (with or without diacritics),
 * `10 tháng 7, 2022`, `ngày 10/7/2022`. `2022-07-10` (year first, as computers write it) is
 * accepted too, since a four-digit first number cannot be a day.
 *
 * Rejected with a Vietnamese reason: two-digit years (`AMBIGUOUS`: 22 could be 1922 or 2022), days
 * that do not exist such as 31/4 or 29/2/2023, months outside 1–12 and years outside 1900–2100
 * (`OUT_OF_RANGE`), and anything else (`MALFORMED`).
 */
export function parseVnDate(input: string): ParseResult<CalendarDate> {
  if (input.length > MAX_INPUT_LENGTH) {
    return fail('TOO_LONG', MESSAGE_MALFORMED);
  }
  const text = foldText(input).replace(/\.$/, '');
  if (text === '') {
    return fail('EMPTY', 'Xin nhập ngày, ví dụ 10/07/2022.');
  }
  const parts = matchParts(text);
  if (parts === undefined) {
    return fail('MALFORMED', MESSAGE_MALFORMED);
  }
  const { day, month, year } = parts;
  if (year.length === 2) {
    return fail('AMBIGUOUS', 'Xin ghi năm đủ 4 chữ số, ví dụ 10/07/2022 chứ không phải 10/07/22.');
  }
  if (year.length !== 4) {
    return fail('MALFORMED', MESSAGE_MALFORMED);
  }
  return validate({ year: Number(year), month: Number(month), day: Number(day) });
}

interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

function matchParts(text: string): DateParts | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso !== null) {
    return parts(iso[3], iso[2], iso[1]);
  }
  // One separator kind throughout: `10/7-2022` is more likely a typo than a date.
  const numeric = /^(?:ngay\s*)?(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d+)$/.exec(text);
  if (numeric !== null) {
    return parts(numeric[1], numeric[3], numeric[4]);
  }
  const words =
    /^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,\s*|\s+)(?:nam\s+)?(\d+)$/.exec(text);
  if (words !== null) {
    return parts(words[1], words[2], words[3]);
  }
  return undefined;
}

function parts(
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
): DateParts | undefined {
  return day === undefined || month === undefined || year === undefined
    ? undefined
    : { day, month, year };
}

function validate(date: CalendarDate): ParseResult<CalendarDate> {
  const { year, month, day } = date;
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail('OUT_OF_RANGE', `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.`);
  }
  if (month < 1 || month > 12) {
    return fail('OUT_OF_RANGE', 'Tháng phải từ 1 đến 12.');
  }
  const lastDay = daysInMonth(year, month);
  if (day >= 1 && day <= lastDay) {
    return ok(date);
  }
  if (month === 2 && day === 29 && !isLeapYear(year)) {
    return fail(
      'OUT_OF_RANGE',
      `Năm ${year} không phải năm nhuận nên tháng 2 chỉ có 28 ngày. Xin kiểm tra lại.`,
    );
  }
  if (day < 1 || day > 31) {
    return fail('OUT_OF_RANGE', 'Ngày phải từ 1 đến 31.');
  }
  return fail(
    'OUT_OF_RANGE',
    `Tháng ${month} chỉ có ${lastDay} ngày, không có ngày ${formatVnDate(date)}. Xin kiểm tra lại.`,
  );
}

// Dates the association deals with (founding, reports, events) fall well inside this; anything
// outside is almost certainly a typo such as 2202.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

// Far longer than any way of writing a date; stops us scanning pasted essays.
const MAX_INPUT_LENGTH = 100;

const MESSAGE_MALFORMED =
  'Chưa hiểu ngày này. Xin viết theo thứ tự ngày/tháng/năm, ví dụ 10/07/2022.';
