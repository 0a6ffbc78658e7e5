import { daysInMonth, type CalendarDate } from '../dates/calendar-date';
import { parseVnDate } from '../dates/parse-vn-date';
import type { Token } from './tokenize';
import { readDayWords, readMonthWords } from './vn-number-words';

/**
 * A date written in running text, as far as the text says it: the year may be missing, and a
 * month-only date ("tháng 6/2023") has no day. `start`/`end` are folded-text positions; `next` is
 * the index of the first token after it.
 */
export type ScannedDate =
  | {
      readonly kind: 'day';
      readonly day: number;
      readonly month: number;
      readonly year: number | undefined;
      readonly start: number;
      readonly end: number;
      readonly next: number;
    }
  | {
      readonly kind: 'month';
      readonly month: number;
      readonly year: number | undefined;
      readonly start: number;
      readonly end: number;
      readonly next: number;
    }
  | {
      /** Looks like a date but cannot be one we may use (two-digit year, lunar month). */
      readonly kind: 'unusable';
      readonly reason: string;
      readonly start: number;
      readonly end: number;
      readonly next: number;
    };

/**
 * Reads a date starting at token `i`, if there is one:
 * `10/7/2022`, `10-07-2022`, `10.7.2022`, `10/7` (no year), `ngày 21 tháng 4 năm 2022`,
 * `21 tháng 4, 2022`, `ngày mười tháng bảy năm 2023`, `mùng 5 tháng 12`, and with `months`
 * also `tháng 6/2023`, `tháng 6 năm 2023`, `tháng sáu`.
 */
export function scanDateAt(
  tokens: readonly Token[],
  i: number,
  options: { readonly months?: boolean } = {},
): ScannedDate | undefined {
  const startToken = tokens[i];
  if (startToken === undefined) return undefined;
  let j = i;
  const prefix = wordAt(tokens, j);
  const prefixed = prefix === 'ngay' || prefix === 'mung' || prefix === 'mong';
  if (prefixed) j += 1;
  // "ngày mùng 5 tháng 12"
  if (prefix === 'ngay' && (wordAt(tokens, j) === 'mung' || wordAt(tokens, j) === 'mong')) j += 1;
  const start = startToken.start;

  const dayToken = tokens[j];
  if (dayToken?.kind === 'num') {
    if (dayToken.text.length > 2) return undefined;
    const day = Number(dayToken.text);
    const sep = tokens[j + 1];
    const monthToken = tokens[j + 2];
    const numeric = sep?.kind === 'sep' && monthToken?.kind === 'num';
    const gap = numeric ? gapAround(dayToken, sep, monthToken) : undefined;
    if (sep !== undefined && monthToken !== undefined && gap !== undefined) {
      if (monthToken.text.length > 2) return undefined;
      const month = Number(monthToken.text);
      const sep2 = tokens[j + 3];
      const yearToken = tokens[j + 4];
      // Same separator throughout: "10/7-2022" is more likely a typo or a range than a date.
      if (
        sep2?.kind === 'sep' &&
        sep2.text === sep.text &&
        yearToken?.kind === 'num' &&
        gapAround(monthToken, sep2, yearToken) === gap
      ) {
        return withYear(day, month, yearToken, start, j + 5);
      }
      return { kind: 'day', day, month, year: undefined, start, end: monthToken.end, next: j + 3 };
    }
    if (wordAt(tokens, j + 1) === 'thang') {
      return monthAndYear(tokens, j + 2, start, day);
    }
    return undefined;
  }
  const dayWords = readDayWords(tokens, j);
  if (dayWords !== undefined && wordAt(tokens, dayWords.next) === 'thang') {
    return monthAndYear(tokens, dayWords.next + 1, start, dayWords.value);
  }
  if (!prefixed && options.months === true && prefix === 'thang') {
    return monthAndYear(tokens, i + 1, start, undefined);
  }
  return undefined;
}

/** A fallback year for dates written without one, and what to say about having used it. */
export interface YearFallback {
  readonly year: number;
  readonly note: string;
}

export type ResolvedDate =
  | { readonly ok: true; readonly date: CalendarDate; readonly note?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Turns a scanned day-date into a calendar date, or says why not. A missing year is taken from
 * `fallback` (with its note) and otherwise refused; impossible days (31/02) are refused with
 * {@link parseVnDate}'s own explanation.
 */
export function resolveDay(scanned: ScannedDate, fallback: YearFallback | undefined): ResolvedDate {
  if (scanned.kind === 'unusable') return { ok: false, reason: scanned.reason };
  if (scanned.kind === 'month') {
    return { ok: false, reason: `Chỉ ghi tháng ${scanned.month}, không ghi ngày cụ thể.` };
  }
  return resolveParts(scanned.day, scanned.month, scanned.year, fallback);
}

/** The first or last day of a month-only date, for ranges like "từ tháng 1 đến tháng 6/2023". */
export function resolveMonthEdge(
  scanned: ScannedDate & { kind: 'month' },
  edge: 'first' | 'last',
  fallback: YearFallback | undefined,
): ResolvedDate {
  const year = scanned.year ?? fallback?.year;
  if (year === undefined || scanned.month < 1 || scanned.month > 12) {
    return resolveParts(1, scanned.month, scanned.year, fallback);
  }
  const day = edge === 'first' ? 1 : daysInMonth(year, scanned.month);
  return resolveParts(day, scanned.month, scanned.year, fallback);
}

function resolveParts(
  day: number,
  month: number,
  year: number | undefined,
  fallback: YearFallback | undefined,
): ResolvedDate {
  const written = `${pad(day)}/${pad(month)}`;
  if (year === undefined && fallback === undefined) {
    return {
      ok: false,
      reason: `Ngày ${written} không ghi năm, và chưa biết năm của kế hoạch nên không tự điền.`,
    };
  }
  const parsed = parseVnDate(`${day}/${month}/${year ?? fallback?.year}`);
  if (!parsed.ok) {
    const shown = year === undefined ? written : `${written}/${year}`;
    return { ok: false, reason: `Ngày ${shown}: ${parsed.message}` };
  }
  return year === undefined && fallback !== undefined
    ? { ok: true, date: parsed.value, note: fallback.note }
    : { ok: true, date: parsed.value };
}

function monthAndYear(
  tokens: readonly Token[],
  i: number,
  start: number,
  day: number | undefined,
): ScannedDate | undefined {
  let month: number;
  let j: number;
  const monthToken = tokens[i];
  if (monthToken?.kind === 'num') {
    if (monthToken.text.length > 2) return undefined;
    month = Number(monthToken.text);
    j = i + 1;
  } else {
    const words = readMonthWords(tokens, i);
    if (words === undefined) return undefined;
    if (words.lunar) {
      const end = tokens[words.next - 1]?.end ?? start;
      return {
        kind: 'unusable',
        reason:
          'Tháng Giêng, tháng Chạp là tên tháng âm lịch; xin ghi ngày dương lịch bằng số (ví dụ 10/01/2023).',
        start,
        end,
        next: skipYear(tokens, words.next) ?? words.next,
      };
    }
    month = words.value;
    j = words.next;
  }
  const end = tokens[j - 1]?.end ?? start;
  // "năm 2022", ", năm 2022", ", 2022", " 2022", and for month-only dates "/2022".
  const yearIndex = yearTokenIndex(tokens, j, day === undefined);
  if (yearIndex !== undefined) {
    const yearToken = tokens[yearIndex];
    if (yearToken !== undefined) {
      if (day === undefined) {
        const year = yearToken.text.length === 4 ? Number(yearToken.text) : undefined;
        if (year === undefined) {
          const end = yearToken.end;
          return { kind: 'unusable', reason: TWO_DIGIT_YEAR, start, end, next: yearIndex + 1 };
        }
        return { kind: 'month', month, year, start, end: yearToken.end, next: yearIndex + 1 };
      }
      return withYear(day, month, yearToken, start, yearIndex + 1);
    }
  }
  return day === undefined
    ? { kind: 'month', month, year: undefined, start, end, next: j }
    : { kind: 'day', day, month, year: undefined, start, end, next: j };
}

function yearTokenIndex(tokens: readonly Token[], j: number, allowSlash: boolean): number | undefined {
  let k = j;
  if (tokens[k]?.text === ',') k += 1;
  let labelled = true;
  if (wordAt(tokens, k) === 'nam') k += 1;
  else if (allowSlash && tokens[k]?.kind === 'sep' && tokens[k]?.text !== '.') k += 1;
  else labelled = false;
  const token = tokens[k];
  if (token?.kind !== 'num') return undefined;
  // An unlabelled number after the month is a year only when it has a year's shape: in "tháng 7,
  // 10 đơn vị" it is not. After "năm" or "/", a two-digit year is one, to be refused as ambiguous.
  if (!labelled) return token.text.length === 4 ? k : undefined;
  return token.text.length === 4 || token.text.length === 2 ? k : undefined;
}

function skipYear(tokens: readonly Token[], j: number): number | undefined {
  const k = yearTokenIndex(tokens, j, false);
  return k === undefined ? undefined : k + 1;
}

function withYear(
  day: number,
  month: number,
  yearToken: Token,
  start: number,
  next: number,
): ScannedDate {
  if (yearToken.text.length !== 4) {
    const reason = yearToken.text.length === 2 ? TWO_DIGIT_YEAR : badYear(yearToken.text);
    return { kind: 'unusable', reason, start, end: yearToken.end, next };
  }
  return { kind: 'day', day, month, year: Number(yearToken.text), start, end: yearToken.end, next };
}

/**
 * The spacing around a numeric date's separator: 0 (`10/7`) or 1 (`10 / 7`), the same both sides;
 * undefined otherwise. Both separators of a date must agree, so in `01-01 - 30-06-2022` the spaced
 * dash is read as the range's dash and not as the first date's second separator.
 */
function gapAround(left: Token, sep: Token, right: Token): number | undefined {
  const before = sep.start - left.end;
  const after = right.start - sep.end;
  return before === after && before <= 1 ? before : undefined;
}

function wordAt(tokens: readonly Token[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'word' ? token.text : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function badYear(written: string): string {
  return `Năm “${written}” không đúng; xin ghi năm đủ 4 chữ số, ví dụ 2023.`;
}

const TWO_DIGIT_YEAR = 'Năm chỉ ghi 2 chữ số; xin ghi đủ 4 chữ số, ví dụ 2023.';
