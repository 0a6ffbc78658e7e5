import { compareCalendarDates, formatVnDate, type CalendarDate } from '../dates/calendar-date';
import { findDateRange } from './find-date-range';
import type { Extracted, ExtractedList, Found, ParsedPhase } from './parsed-plan';
import { capitalizeFirst, evidenceFor, rawSlice, tidy, type PlanLine } from './plan-lines';
import { phraseAfter } from './phrase-after';
import type { YearFallback } from './scan-date';
import type { Token } from './tokenize';
import { ordinalWordValue } from './vn-number-words';

/** Phases, and the folded spans they took, so the overall theme is not looked for inside them. */
export interface PhasesResult {
  readonly phases: ExtractedList<ParsedPhase>;
  readonly spans: readonly { readonly line: number; readonly start: number; readonly end: number }[];
}

/**
 * Phases: "Đợt 1", "Đợt thứ nhất", "Đợt I", "Giai đoạn 2", "Đợt thi đua thứ ba", each with the
 * date range and theme that follow it, on the same line or the next few. Several phases on one
 * line ("đợt 1 từ … đến …; đợt 2 từ … đến …") are split at each marker. A marker counts as a phase
 * when it opens a line or has a date range; "kết thúc đợt 1" in running text does not.
 */
export function findPhases(
  lines: readonly PlanLine[],
  fallback: YearFallback | undefined,
): PhasesResult {
  const found: Found<ParsedPhase>[] = [];
  const hasRange: boolean[] = [];
  const spans: { line: number; start: number; end: number }[] = [];
  for (const line of lines) {
    const markers = findMarkers(line.tokens);
    markers.forEach((marker, q) => {
      const nextMarker = markers[q + 1];
      const to = nextMarker?.tokenIndex ?? line.tokens.length;
      const segmentEnd = nextMarker?.start ?? line.folded.length;
      let range = findDateRange(lines, line, marker.next, to, fallback);
      let theme = themeIn(lines, line, range?.next ?? marker.next, to, segmentEnd, range !== undefined);
      let endLine = line.number;
      // The last phase on a line may go on below: "Đợt 1: từ … đến …" / "Chủ đề: …".
      if (nextMarker === undefined && (range === undefined || theme === undefined)) {
        for (const next of continuation(lines, line)) {
          const nextRange =
            range === undefined ? findDateRange(lines, next, 0, next.tokens.length, fallback) : undefined;
          const nextTheme = theme === undefined ? labelledTheme(lines, next) : undefined;
          if (nextRange !== undefined) range = nextRange;
          if (nextTheme !== undefined) theme = nextTheme;
          if (nextRange !== undefined || nextTheme !== undefined) endLine = next.number;
        }
      }
      const opensLine = marker.start <= line.bodyStart;
      if (range === undefined && !opensLine) return;
      spans.push({ line: line.number, start: marker.start, end: segmentEnd });
      for (let n = line.number + 1; n <= endLine; n += 1) {
        spans.push({ line: n, start: 0, end: Infinity });
      }
      const existing = found.findIndex((p) => p.value.ordinal === marker.ordinal);
      // The same phase named twice (a summary, then the details): keep the mention with dates.
      if (existing !== -1 && (hasRange[existing] === true || range === undefined)) return;
      const phase: Found<ParsedPhase> = {
        found: true,
        value: {
          ordinal: marker.ordinal,
          label: capitalizeFirst(tidy(rawSlice(line, marker.start, marker.end))),
          startsOn: range?.startsOn ?? noDates(lines, line),
          endsOn: range?.endsOn ?? noDates(lines, line),
          theme: theme ?? {
            found: false,
            reason: 'Không thấy chủ đề của đợt này (“với chủ đề: …”).',
            evidence: evidenceFor(lines, line.number),
          },
        },
        evidence: evidenceFor(lines, line.number, endLine),
      };
      if (existing === -1) {
        found.push(phase);
        hasRange.push(range !== undefined);
      } else {
        found[existing] = phase;
        hasRange[existing] = true;
      }
    });
  }
  if (found.length === 0) {
    return {
      phases: {
        found: false,
        reason: 'Không thấy đợt thi đua nào (dạng “Đợt 1, từ ngày … đến ngày …”).',
      },
      spans,
    };
  }
  return { phases: { found: true, items: found }, spans };
}

/** Warnings about phases that were read but look wrong; the office decides. */
export function phaseWarnings(phases: ExtractedList<ParsedPhase>, year: number | undefined): string[] {
  if (!phases.found) return [];
  const warnings: string[] = [];
  const items = phases.items.map((p) => p.value);
  const ordinals = items.map((p) => p.ordinal);
  if (ordinals.some((o, i) => o !== i + 1)) {
    warnings.push(`Số thứ tự các đợt không liền nhau từ 1: ${ordinals.join(', ')}.`);
  }
  items.forEach((phase, i) => {
    const start = valueOf(phase.startsOn);
    const end = valueOf(phase.endsOn);
    if (start !== undefined && end !== undefined && compareCalendarDates(end, start) < 0) {
      warnings.push(
        `${phase.label}: ngày kết thúc ${formatVnDate(end)} trước ngày bắt đầu ${formatVnDate(start)}.`,
      );
    }
    if (year !== undefined && [start, end].some((d) => d !== undefined && d.year !== year)) {
      warnings.push(`${phase.label} có ngày ngoài năm ${year} của kế hoạch.`);
    }
    const previous = items[i - 1];
    const previousEnd = previous === undefined ? undefined : valueOf(previous.endsOn);
    if (previous === undefined || previousEnd === undefined || start === undefined) return;
    if (compareCalendarDates(start, previousEnd) <= 0) {
      const previousName = previous.label.toLocaleLowerCase('vi');
      const starts = formatVnDate(start);
      const ends = formatVnDate(previousEnd);
      warnings.push(`${phase.label} bắt đầu (${starts}) khi ${previousName} chưa kết thúc (${ends}).`);
    }
  });
  return warnings;
}

interface Marker {
  readonly ordinal: number;
  readonly tokenIndex: number;
  /** Index of the first token after the ordinal. */
  readonly next: number;
  readonly start: number;
  readonly end: number;
}

function findMarkers(tokens: readonly Token[]): Marker[] {
  const markers: Marker[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k];
    let j: number;
    if (token?.text === 'dot') j = k + 1;
    else if (token?.text === 'giai' && tokens[k + 1]?.text === 'doan') j = k + 2;
    else continue;
    if (tokens[j]?.text === 'thi' && tokens[j + 1]?.text === 'dua') j += 2;
    const afterThu = tokens[j]?.text === 'thu';
    if (afterThu) j += 1;
    const ordinalToken = tokens[j];
    const ordinal = ordinalToken === undefined ? undefined : ordinalOf(ordinalToken, afterThu);
    if (ordinal === undefined || ordinalToken === undefined) continue;
    markers.push({ ordinal, tokenIndex: k, next: j + 1, start: token.start, end: ordinalToken.end });
    k = j;
  }
  return markers;
}

function ordinalOf(token: Token, afterThu: boolean): number | undefined {
  if (token.kind === 'num') {
    const value = token.text.length <= 2 ? Number(token.text) : 0;
    return value >= 1 && value <= MAX_PHASES ? value : undefined;
  }
  if (token.kind !== 'word') return undefined;
  return ROMAN.get(token.text) ?? ordinalWordValue(token.text, afterThu);
}

/**
 * The theme within a phase's segment: after "chủ đề"/"khẩu hiệu", else after a colon or dash that
 * follows the dates ("Đợt 2 (từ … đến …): Thi đua …").
 */
function themeIn(
  lines: readonly PlanLine[],
  line: PlanLine,
  from: number,
  to: number,
  segmentEnd: number,
  afterRange: boolean,
): Found<string> | undefined {
  const { tokens } = line;
  for (let k = from; k < to; k += 1) {
    const label = themeLabelEnd(tokens, k);
    if (label === undefined) continue;
    const value = phraseAfter(line, label, segmentEnd);
    if (value !== undefined) return foundTheme(lines, line, value);
  }
  if (!afterRange) return undefined;
  let k = from;
  while (tokens[k]?.text === ')') k += 1;
  const mark = tokens[k];
  if (mark === undefined || (mark.text !== ':' && mark.text !== '-') || k >= to) return undefined;
  const value = phraseAfter(line, mark.end, segmentEnd);
  return value === undefined ? undefined : foundTheme(lines, line, value);
}

/** A line below a phase that starts with "Chủ đề: …". */
function labelledTheme(lines: readonly PlanLine[], line: PlanLine): Found<string> | undefined {
  const first = line.tokens.findIndex((t) => t.start >= line.bodyStart);
  const label = first === -1 ? undefined : themeLabelEnd(line.tokens, first);
  if (label === undefined) return undefined;
  const value = phraseAfter(line, label, line.folded.length);
  return value === undefined ? undefined : foundTheme(lines, line, value);
}

function foundTheme(lines: readonly PlanLine[], line: PlanLine, value: string): Found<string> {
  return { found: true, value: capitalizeFirst(value), evidence: evidenceFor(lines, line.number) };
}

/** Folded position after "chủ đề" or "khẩu hiệu" at token `k`, if that is what is there. */
function themeLabelEnd(tokens: readonly Token[], k: number): number | undefined {
  const a = tokens[k]?.text;
  const b = tokens[k + 1]?.text;
  if ((a === 'chu' && b === 'de') || (a === 'khau' && b === 'hieu')) return tokens[k + 1]?.end;
  return undefined;
}

/** Lines below `line` that may continue its phase: up to a blank line, a heading or another phase. */
function continuation(lines: readonly PlanLine[], line: PlanLine): PlanLine[] {
  const result: PlanLine[] = [];
  for (let n = line.number + 1; n <= line.number + MAX_CONTINUATION && n <= lines.length; n += 1) {
    const next = lines[n - 1];
    if (next === undefined || next.blank) break;
    if (findMarkers(next.tokens).length > 0 || HEADING.test(next.folded)) break;
    result.push(next);
  }
  return result;
}

function noDates(lines: readonly PlanLine[], line: PlanLine): Extracted<CalendarDate> {
  return {
    found: false,
    reason: 'Không thấy thời gian của đợt này (“từ ngày … đến ngày …”).',
    evidence: evidenceFor(lines, line.number),
  };
}

function valueOf(part: Extracted<CalendarDate>): CalendarDate | undefined {
  return part.found ? part.value : undefined;
}

// "Đợt 25" is a list of something else; plans have a handful of phases.
const MAX_PHASES = 12;
const MAX_CONTINUATION = 3;
const HEADING = /^\s*(?:[ivx]+\.|\d+(?:\.\d+)*\.?\s|[a-z]\))/;
const ROMAN = new Map([
  ['i', 1],
  ['ii', 2],
  ['iii', 3],
  ['iv', 4],
  ['v', 5],
  ['vi', 6],
  ['vii', 7],
  ['viii', 8],
  ['ix', 9],
  ['x', 10],
]);
