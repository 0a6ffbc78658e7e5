import { addDays } from '../dates/calendar-date';
import { startOfDayInZone } from '../dates/zoned-time';
import { foldText } from '../text/fold-text';
import type {
  Extracted,
  ExtractedList,
  Found,
  ParsedReport,
  ReportDeadline,
  ReportPeriod,
  ReportPeriodCode,
} from './parsed-plan';
import { capitalizeFirst, evidenceFor, rawSlice, tidy, type PlanLine } from './plan-lines';
import { phraseAfter } from './phrase-after';
import { resolveDay, scanDateAt, type ScannedDate, type YearFallback } from './scan-date';
import type { Token } from './tokenize';

/**
 * Reports the plan asks for: a clause that names a "báo cáo" and gives a deadline ("trước ngày
 * 10/7/2022", "chậm nhất ngày 05/12/2023", "hạn chót: …", dates in words too), or a line that starts
 * with "Báo cáo …" and says where to send it but gives no deadline (reported with the deadline
 * missing). A report line whose deadline is on the next line ("Báo cáo 6 tháng …" / "Gửi về … trước
 * ngày …") is read as one report.
 */
export function findReports(
  lines: readonly PlanLine[],
  plan: PlanFacts,
): ExtractedList<ParsedReport> {
  const reports: Found<ParsedReport>[] = [];
  let skipLine = 0;
  for (const line of lines) {
    if (line.number <= skipLine) continue;
    const clauses = clausesOf(line);
    let pending: Clause | undefined;
    for (const clause of clauses) {
      const names = mentionsReport(line.tokens, clause);
      const deadline = findDeadline(line.tokens, clause.from, clause.to);
      const ordinal = reports.length + 1;
      if (names && deadline !== undefined) {
        reports.push(buildReport(lines, line, [clause], line.number, deadline, ordinal, plan));
        pending = undefined;
      } else if (!names && deadline !== undefined && pending !== undefined) {
        // "Báo cáo 6 tháng đầu năm. Gửi về Văn phòng trước ngày …": one report over two clauses.
        reports.push(buildReport(lines, line, [pending, clause], line.number, deadline, ordinal, plan));
        pending = undefined;
      } else if (names) {
        pending = clause;
      }
    }
    // "Báo cáo …" alone on its line: the deadline may be on the next line, or missing altogether.
    const opener = clauses[0];
    if (pending === undefined || pending !== opener || !opensWithReport(line)) continue;
    const next = lines[line.number];
    const nextClause = next === undefined || next.blank ? undefined : clausesOf(next)[0];
    const nextDeadline =
      next === undefined || nextClause === undefined || mentionsReport(next.tokens, nextClause)
        ? undefined
        : findDeadline(next.tokens, nextClause.from, nextClause.to);
    const ordinal = reports.length + 1;
    if (next !== undefined && nextClause !== undefined && nextDeadline !== undefined) {
      reports.push(buildReport(lines, line, [pending], next.number, nextDeadline, ordinal, plan, next));
      skipLine = next.number;
    } else if (SENDS.test(line.folded.slice(0, clauseEnd(line, pending)))) {
      reports.push(buildReport(lines, line, [pending], line.number, undefined, ordinal, plan));
    }
  }
  if (reports.length === 0) {
    return {
      found: false,
      reason: 'Không thấy báo cáo nào có hạn nộp (dạng “Báo cáo … trước ngày …”).',
    };
  }
  return { found: true, items: reports };
}

/** A clause of a line: token range `[from, to)`, ended by `;` or a full stop before a space. */
interface Clause {
  readonly from: number;
  readonly to: number;
}

/** A deadline: where its words start and end (folded positions) and the date scanned there. */
type DeadlineHit =
  | {
      readonly ok: true;
      readonly kind: 'before' | 'by';
      readonly start: number;
      readonly end: number;
      readonly scanned: ScannedDate;
    }
  | { readonly ok: false; readonly reason: string };

/** What reports need to know about the plan as a whole. */
interface PlanFacts {
  readonly fallback: YearFallback | undefined;
  readonly year: number | undefined;
  readonly timeZone: string;
}

function buildReport(
  lines: readonly PlanLine[],
  line: PlanLine,
  clauses: readonly Clause[],
  endLine: number,
  hit: DeadlineHit | undefined,
  ordinal: number,
  plan: PlanFacts,
  deadlineLine: PlanLine = line,
): Found<ParsedReport> {
  const first = clauses[0];
  const deadlineStart = hit !== undefined && hit.ok && deadlineLine === line ? hit.start : undefined;
  const covers = coversOf(lines, line, first, deadlineStart);
  const coversText = covers.found ? covers.value : '';
  return {
    found: true,
    value: {
      ordinal,
      deadline: deadlineOf(lines, deadlineLine, hit, plan),
      covers,
      period: periodOf(lines, line, coversText || clauseText(line, clauses), plan.year),
    },
    evidence: evidenceFor(lines, line.number, endLine),
  };
}

function deadlineOf(
  lines: readonly PlanLine[],
  line: PlanLine,
  hit: DeadlineHit | undefined,
  plan: PlanFacts,
): Extracted<ReportDeadline> {
  if (hit === undefined) {
    return {
      found: false,
      reason: 'Không thấy hạn nộp của báo cáo này (“trước ngày …”).',
      evidence: evidenceFor(lines, line.number),
    };
  }
  if (!hit.ok) return { found: false, reason: hit.reason, evidence: evidenceFor(lines, line.number) };
  const resolved = resolveDay(hit.scanned, plan.fallback);
  if (!resolved.ok) {
    return {
      found: false,
      reason: `Hạn nộp không dùng được. ${resolved.reason}`,
      evidence: evidenceFor(lines, line.number),
    };
  }
  const dueBefore = hit.kind === 'before' ? resolved.date : addDays(resolved.date, 1);
  return {
    found: true,
    value: {
      statedDate: resolved.date,
      kind: hit.kind,
      dueBefore,
      dueAt: startOfDayInZone(dueBefore, plan.timeZone),
      text: tidy(rawSlice(line, hit.start, hit.end)),
    },
    evidence: evidenceFor(lines, line.number, line.number, resolved.note),
  };
}

/**
 * What the report is about: the words after "báo cáo", up to where the clause turns to sending it
 * ("gửi về …", "nộp …") or to its deadline.
 */
function coversOf(
  lines: readonly PlanLine[],
  line: PlanLine,
  clause: Clause | undefined,
  deadlineStart: number | undefined,
): Extracted<string> {
  const missing: Extracted<string> = {
    found: false,
    reason: 'Không rõ báo cáo này về nội dung gì.',
    evidence: evidenceFor(lines, line.number),
  };
  if (clause === undefined) return missing;
  const { tokens } = line;
  const named = reportWordIndex(tokens, clause, deadlineStart);
  if (named === undefined) return missing;
  let endToken = clause.to;
  let depth = 0;
  for (let k = named + 2; k < clause.to; k += 1) {
    const text = tokens[k]?.text;
    if (text === '(') depth += 1;
    if (text === ')') depth = Math.max(0, depth - 1);
    // Words in brackets describe the content ("(… nộp ngân sách …)"); they never turn to sending.
    const turnsToSending =
      depth === 0 &&
      (text === 'gui' ||
        text === 'nop' ||
        (text === 've' && tokens[k + 1]?.text === 'van' && tokens[k + 2]?.text === 'phong'));
    if (turnsToSending || (deadlineStart !== undefined && (tokens[k]?.start ?? 0) >= deadlineStart)) {
      endToken = k;
      break;
    }
  }
  const from = tokens[named + 1]?.end ?? line.folded.length;
  const to = tokens[endToken]?.start ?? clauseEnd(line, clause);
  const value = to > from ? phraseAfter(line, from, to) : undefined;
  return value === undefined
    ? missing
    : {
        found: true,
        value: capitalizeFirst(value.replace(/[.\s]+$/, '')),
        evidence: evidenceFor(lines, line.number),
      };
}

function periodOf(
  lines: readonly PlanLine[],
  line: PlanLine,
  text: string,
  year: number | undefined,
): Extracted<ReportPeriod> {
  const folded = ` ${foldText(text).replace(/[^a-z0-9]+/g, ' ')} `;
  const match = PERIODS.find(([pattern]) => pattern.test(folded));
  if (match === undefined) {
    return {
      found: false,
      reason: 'Không rõ báo cáo cho giai đoạn nào (quý, 6 tháng, 9 tháng hay cả năm).',
      evidence: evidenceFor(lines, line.number),
    };
  }
  const [, code, name] = match;
  const fullName = name(year === undefined ? '' : year);
  return { found: true, value: { code, name: fullName }, evidence: evidenceFor(lines, line.number) };
}

/**
 * The first deadline among tokens `[from, to)`: "trước (ngày) X" (due when X begins); "chậm nhất
 * (là/vào) (ngày) X", "muộn nhất …", "không muộn hơn …", "hạn chót/hạn nộp/thời hạn (:) X" (X still
 * counts); "chậm nhất trước ngày X" and "hạn nộp: trước ngày X" are "before". A deadline with a time
 * of day ("trước 17 giờ ngày …") is refused: the product keeps deadlines as days.
 */
function findDeadline(tokens: readonly Token[], from: number, to: number): DeadlineHit | undefined {
  for (let k = from; k < to; k += 1) {
    const keyword = deadlineKeyword(tokens, k);
    if (keyword === undefined) continue;
    let kind = keyword.kind;
    let j = keyword.next;
    while (j < to && FILLERS.has(tokens[j]?.text ?? '')) {
      if (tokens[j]?.text === 'truoc') kind = 'before';
      j += 1;
    }
    if (isTimeOfDay(tokens, j)) {
      return {
        ok: false,
        reason: 'Hạn nộp có giờ cụ thể; hệ thống chỉ ghi hạn theo ngày, xin nhập hạn nộp bằng tay.',
      };
    }
    const scanned = scanDateAt(tokens, j);
    if (scanned === undefined || scanned.next > to) continue;
    if (scanned.kind === 'unusable') {
      return { ok: false, reason: `Hạn nộp không dùng được. ${scanned.reason}` };
    }
    const start = tokens[k]?.start ?? 0;
    return { ok: true, kind, start, end: scanned.end, scanned };
  }
  return undefined;
}

function deadlineKeyword(
  tokens: readonly Token[],
  k: number,
): { kind: 'before' | 'by'; next: number } | undefined {
  const a = tokens[k]?.text;
  const b = tokens[k + 1]?.text;
  if (a === 'truoc') return { kind: 'before', next: k + 1 };
  if ((a === 'cham' || a === 'muon') && b === 'nhat') return { kind: 'by', next: k + 2 };
  if (a === 'han' && (b === 'chot' || b === 'nop' || b === 'cuoi')) return { kind: 'by', next: k + 2 };
  if (a === 'thoi' && b === 'han') return { kind: 'by', next: k + 2 };
  if (a === 'khong' && b === 'muon' && tokens[k + 2]?.text === 'hon') return { kind: 'by', next: k + 3 };
  return undefined;
}

function isTimeOfDay(tokens: readonly Token[], j: number): boolean {
  const hour = tokens[j];
  const unit = tokens[j + 1]?.text;
  return hour?.kind === 'num' && hour.text.length <= 2 && (unit === 'gio' || unit === 'h');
}

function clausesOf(line: PlanLine): Clause[] {
  const clauses: Clause[] = [];
  let from = line.tokens.findIndex((t) => t.start >= line.bodyStart);
  if (from === -1) return clauses;
  line.tokens.forEach((token, k) => {
    const sentenceEnd =
      token.text === '.' && (line.folded[token.end] === ' ' || token.end === line.folded.length);
    const endsClause = token.text === ';' || sentenceEnd;
    if (endsClause && k >= from) {
      if (k > from) clauses.push({ from, to: k });
      from = k + 1;
    }
  });
  if (from < line.tokens.length) clauses.push({ from, to: line.tokens.length });
  return clauses;
}

/** The folded text of the report's clauses, where its period is looked for when "covers" is empty. */
function clauseText(line: PlanLine, clauses: readonly Clause[]): string {
  const first = clauses[0];
  const last = clauses.at(-1);
  if (first === undefined || last === undefined) return '';
  return line.folded.slice(line.tokens[first.from]?.start ?? 0, clauseEnd(line, last));
}

function clauseEnd(line: PlanLine, clause: Clause): number {
  return line.tokens[clause.to - 1]?.end ?? line.folded.length;
}

/**
 * The "báo cáo" that names the report: the last one before the deadline, so that in "Chế độ báo
 * cáo: các đơn vị gửi báo cáo sơ kết 6 tháng … trước ngày …" the second one is taken.
 */
function reportWordIndex(tokens: readonly Token[], clause: Clause, before?: number): number | undefined {
  let found: number | undefined;
  for (let k = clause.from; k < clause.to - 1; k += 1) {
    if (before !== undefined && (tokens[k]?.start ?? 0) >= before) break;
    if (tokens[k]?.text === 'bao' && tokens[k + 1]?.text === 'cao') found = k;
  }
  return found;
}

function mentionsReport(tokens: readonly Token[], clause: Clause): boolean {
  return reportWordIndex(tokens, clause) !== undefined;
}

function opensWithReport(line: PlanLine): boolean {
  return /^bao cao\b/.test(line.folded.slice(line.bodyStart));
}

const FILLERS = new Set([':', 'la', 'vao', 'truoc', 'trong', '-']);
const SENDS = /\b(gui|nop)\b/;

// First match wins: "6 tháng đầu năm 2022" also contains "năm 2022", which alone means the year.
// Names follow the seed's ("Báo cáo 6 tháng đầu năm 2022", "Báo cáo tổng kết năm 2022").
const PERIODS: ReadonlyArray<readonly [RegExp, ReportPeriodCode, (year: number | '') => string]> = [
  [/ (6|sau) thang dau nam /, '6-thang', (y) => `Báo cáo 6 tháng đầu năm ${y}`.trim()],
  [/ (6|sau) thang cuoi nam /, '6-thang-cuoi', (y) => `Báo cáo 6 tháng cuối năm ${y}`.trim()],
  [/ (9|chin) thang /, '9-thang', (y) => (y === '' ? 'Báo cáo 9 tháng' : `Báo cáo 9 tháng năm ${y}`)],
  [/ (quy (i|1|mot)|(3|ba) thang dau nam) /, 'quy-1', (y) => quarterName('I', y)],
  [/ quy (ii|2|hai) /, 'quy-2', (y) => quarterName('II', y)],
  [/ quy (iii|3|ba) /, 'quy-3', (y) => quarterName('III', y)],
  [/ quy (iv|4|bon|tu) /, 'quy-4', (y) => quarterName('IV', y)],
  [/ (tong ket|ca nam|hang nam|nam \d{4}) /, 'ca-nam', (y) => `Báo cáo tổng kết năm ${y}`.trim()],
];

function quarterName(quarter: string, year: number | ''): string {
  return year === '' ? `Báo cáo quý ${quarter}` : `Báo cáo quý ${quarter} năm ${year}`;
}
