import type { Extracted } from './parsed-plan';
import { evidenceFor, type PlanLine } from './plan-lines';

/**
 * The year the plan is for: "năm 2022" in the title, else the first "phát động … thi đua … năm
 * 2022" in the text, else the first "thi đua … năm 2022". Not the year of issue: a plan for 2023 may well be signed in December 2022.
 */
export function findPlanYear(
  lines: readonly PlanLine[],
  titleLines: { readonly from: number; readonly to: number } | undefined,
): Extracted<number> {
  if (titleLines !== undefined) {
    for (let n = titleLines.from; n <= titleLines.to; n += 1) {
      const year = yearIn(lines[n - 1]?.folded ?? '', TITLE_YEAR);
      if (year !== undefined) return { found: true, value: year, evidence: evidenceFor(lines, n) };
    }
  }
  // "phát động thi đua năm 2023" first: a 2023 plan may cite "kế hoạch thi đua năm 2022" above it.
  for (const pattern of [LAUNCH_YEAR, BODY_YEAR]) {
    for (const line of lines) {
      const year = yearIn(line.folded, pattern);
      if (year !== undefined) {
        return { found: true, value: year, evidence: evidenceFor(lines, line.number) };
      }
    }
  }
  return {
    found: false,
    reason: 'Không xác định được năm của kế hoạch (không thấy “năm …” trong tên kế hoạch hay “thi đua năm …”).',
  };
}

function yearIn(folded: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(folded);
  const year = match?.[1] === undefined ? undefined : Number(match[1]);
  return year !== undefined && year >= 1900 && year <= 2100 ? year : undefined;
}

const TITLE_YEAR = /\bnam (\d{4})\b/;
// A few words may sit between: "phát động phong trào thi đua trong toàn Hiệp hội năm 2022".
const LAUNCH_YEAR = /\bphat dong(?: [a-z]+){0,3} thi dua(?: [a-z]+){0,6} nam (\d{4})\b/;
const BODY_YEAR = /\bthi dua(?: [a-z]+){0,6} nam (\d{4})\b/;
