import type { CalendarDate } from '../dates/calendar-date';
import type { Extracted } from './parsed-plan';
import { evidenceFor, type PlanLine } from './plan-lines';
import {
  resolveDay,
  resolveMonthEdge,
  scanDateAt,
  type ScannedDate,
  type YearFallback,
} from './scan-date';

/** A date range found in a line, each end resolved on its own. */
export interface FoundRange {
  readonly startsOn: Extracted<CalendarDate>;
  readonly endsOn: Extracted<CalendarDate>;
  /** Index of the token after the range. */
  readonly next: number;
}

/**
 * The first date range among tokens `[from, to)` of `line`: `từ 01/01/2022 đến 30/06/2022`,
 * `từ ngày 01/01 đến hết ngày 30/6/2023`, `01/01/2023 - 30/6/2023`, `từ tháng 1 đến tháng 6/2023`.
 * An end without a year takes the other end's year, else the plan's; both are said in evidence.
 */
export function findDateRange(
  lines: readonly PlanLine[],
  line: PlanLine,
  from: number,
  to: number,
  fallback: YearFallback | undefined,
): FoundRange | undefined {
  const { tokens } = line;
  for (let k = from; k < to; k += 1) {
    const token = tokens[k];
    const afterFrom = token?.text === 'tu';
    const first = scanDateAt(tokens, afterFrom ? k + 1 : k, { months: afterFrom });
    if (first === undefined || first.next > to) continue;
    const connector = connectorEnd(line, first.next);
    const second = connector === undefined ? undefined : scanDateAt(tokens, connector, { months: true });
    const complete = second !== undefined && second.next <= to ? second : undefined;
    // Without "từ" a lone date is just a date ("(03/2)"), not the start of a range.
    if (complete === undefined && !afterFrom) continue;
    const evidence = (note?: string) => evidenceFor(lines, line.number, line.number, note);
    const endYear = complete?.kind === 'unusable' ? undefined : complete?.year;
    const startYear = first.kind === 'unusable' ? undefined : first.year;
    const startsOn = resolveEnd(first, 'first', sibling(endYear, 'kết thúc') ?? fallback, evidence);
    const noEnd: Extracted<CalendarDate> = {
      found: false,
      reason: 'Có ngày bắt đầu nhưng không thấy ngày kết thúc (“đến …”).',
      evidence: evidence(),
    };
    const endsOn =
      complete === undefined
        ? noEnd
        : resolveEnd(complete, 'last', sibling(startYear, 'bắt đầu') ?? fallback, evidence);
    const last = complete ?? first;
    return { startsOn, endsOn, next: last.next };
  }
  return undefined;
}

function resolveEnd(
  scanned: ScannedDate,
  edge: 'first' | 'last',
  fallback: YearFallback | undefined,
  evidence: (note?: string) => ReturnType<typeof evidenceFor>,
): Extracted<CalendarDate> {
  const resolved =
    scanned.kind === 'month' ? resolveMonthEdge(scanned, edge, fallback) : resolveDay(scanned, fallback);
  if (!resolved.ok) return { found: false, reason: resolved.reason, evidence: evidence() };
  const monthNote =
    scanned.kind === 'month'
      ? `Chỉ ghi tháng nên lấy ngày ${edge === 'first' ? 'đầu' : 'cuối'} tháng.`
      : undefined;
  const note = [monthNote, resolved.note].filter((n) => n !== undefined).join(' ');
  return { found: true, value: resolved.date, evidence: evidence(note === '' ? undefined : note) };
}

function sibling(year: number | undefined, which: string): YearFallback | undefined {
  if (year === undefined) return undefined;
  return { year, note: `Năm ${year} lấy theo ngày ${which} của cùng khoảng thời gian.` };
}

/** Index of the token after "đến", "tới", "cho đến", "đến hết" or a dash at `i`, if one is there. */
function connectorEnd(line: PlanLine, i: number): number | undefined {
  const { tokens } = line;
  let k = i;
  if (tokens[k]?.text === 'cho') k += 1;
  const word = tokens[k]?.text;
  if (word !== 'den' && word !== 'toi' && word !== '-') return undefined;
  k += 1;
  if (tokens[k]?.text === 'het') k += 1;
  return k;
}
