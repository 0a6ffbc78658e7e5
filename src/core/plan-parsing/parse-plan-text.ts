import { findAudience } from './find-audience';
import { findDocumentNumber } from './find-document-number';
import { findIssuedAt } from './find-issued-at';
import { findMovements } from './find-movements';
import { findOverallTheme } from './find-overall-theme';
import { findPhases, phaseWarnings } from './find-phases';
import { findPlanYear } from './find-plan-year';
import { findReports } from './find-reports';
import { findTitle } from './find-title';
import type { Missing, ParsedPlan } from './parsed-plan';
import { toPlanLines } from './plan-lines';
import type { YearFallback } from './scan-date';

export interface ParsePlanOptions {
  /** The zone the plan's dates are in; deadlines fall due at 00:00 there. */
  readonly timeZone?: string;
}

/**
 * Reads an emulation plan pasted as text (or taken from a .txt/.docx) into the parts the office
 * confirms: number, date and place of issue, title, year, overall theme, named movements, audience,
 * phases and reports. Each part is found with the source line(s) beside it, or missing with a
 * Vietnamese reason; nothing is invented, and a date without a year is completed only from the
 * plan's own year, saying so in the evidence.
 *
 * Pure and total: any string gives a result (text too long to be a plan gives every part missing).
 *
 * @throws RangeError only for a `timeZone` the runtime does not know (a programming error).
 */
export function parsePlanText(text: string, options: ParsePlanOptions = {}): ParsedPlan {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  // Validates the zone up front, whatever the text, so a bad option never passes silently.
  new Intl.DateTimeFormat('en-US', { timeZone });
  if (text.length > MAX_TEXT_LENGTH) return allMissing(TOO_LONG);
  const lines = toPlanLines(text);
  if (lines.every((line) => line.blank)) return allMissing('Văn bản trống.');

  const { title, endLine: titleEnd } = findTitle(lines);
  const header = lines.slice(0, titleEnd ?? HEADER_LINES);
  const titleLines = title.found ? { from: title.evidence.line, to: title.evidence.endLine } : undefined;
  const year = findPlanYear(lines, titleLines);
  const fallback: YearFallback | undefined = year.found
    ? { year: year.value, note: `Ngày ghi không có năm; lấy năm ${year.value} của kế hoạch.` }
    : undefined;
  const { phases, spans } = findPhases(lines, fallback);
  const planYear = year.found ? year.value : undefined;
  return {
    documentNumber: findDocumentNumber(header, lines),
    issuedAt: findIssuedAt(header, lines, fallback),
    title,
    year,
    overallTheme: findOverallTheme(lines, spans, titleEnd),
    movements: findMovements(lines),
    audience: findAudience(lines),
    phases,
    reports: findReports(lines, { fallback, year: planYear, timeZone }),
    warnings: phaseWarnings(phases, planYear),
  };
}

function allMissing(reason: string): ParsedPlan {
  const missing: Missing = { found: false, reason };
  return {
    documentNumber: missing,
    issuedAt: missing,
    title: missing,
    year: missing,
    overallTheme: missing,
    movements: missing,
    audience: missing,
    phases: missing,
    reports: missing,
    warnings: [],
  };
}

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
// Without a title, the header (number, place and date) is looked for in the first lines only.
const HEADER_LINES = 25;
// A plan is a few pages (the 2022 one is 11 000 characters); far beyond that it is something else,
// and reading it would only keep the request busy.
const MAX_TEXT_LENGTH = 300_000;
const TOO_LONG =
  'Văn bản quá dài (hơn 300.000 ký tự) nên không đọc; một kế hoạch thi đua chỉ dài vài trang.';
