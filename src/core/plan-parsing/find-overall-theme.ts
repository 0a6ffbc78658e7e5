import type { Extracted } from './parsed-plan';
import { capitalizeFirst, evidenceFor, type PlanLine } from './plan-lines';
import { phraseAfter } from './phrase-after';

/** Folded spans already taken by phases; a phase's own "chủ đề" is not the plan's. */
export type TakenSpans = readonly {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}[];

/**
 * The theme of the whole year: a "chủ đề" (or "khẩu hiệu") that is not a phase's, in a sentence
 * about the year's emulation ("…chương trình phát động thi đua năm 2022 với chủ đề “…”"), or
 * labelled as such ("Chủ đề thi đua năm 2023: …", "chủ đề chung"), or heading the document. Other
 * "chủ đề" in the text (a conference's, a slogan for one activity) are passed over; when none
 * qualifies, the theme is missing rather than a guess.
 */
export function findOverallTheme(
  lines: readonly PlanLine[],
  taken: TakenSpans,
  titleEndLine: number | undefined,
): Extracted<string> {
  let best: { score: number; value: string; line: number } | undefined;
  for (const line of lines) {
    const { tokens, folded } = line;
    for (let k = 0; k < tokens.length - 1; k += 1) {
      const a = tokens[k]?.text;
      const b = tokens[k + 1];
      const isLabel = (a === 'chu' && b?.text === 'de') || (a === 'khau' && b?.text === 'hieu');
      const start = tokens[k]?.start ?? 0;
      const inPhase = (s: TakenSpans[number]) => s.line === line.number && start >= s.start && start < s.end;
      if (!isLabel || b === undefined || taken.some(inPhase)) continue;
      const sentenceStart = Math.max(line.bodyStart, lastBoundary(folded, start));
      const before = folded.slice(sentenceStart, start);
      const window = folded.slice(b.end, b.end + LABEL_WINDOW);
      const cut = /[:"]/.exec(window);
      const labelTail = cut === null ? '' : window.slice(0, cut.index);
      let score = 0;
      // Labelled as the year's: "chủ đề chung", "chủ đề thi đua năm 2023: …".
      if (OWN_LABEL.test(labelTail) || /\bchung\b/.test(window.slice(0, 8))) score += 3;
      // Said of the year's emulation: "…phát động thi đua năm 2022 với chủ đề …".
      if (/\bthi dua\b/.test(before) && YEARS_EMULATION.test(before)) score += 2;
      // Heading the plan, right under its title.
      if (start <= line.bodyStart && line.number <= (titleEndLine ?? 0) + HEADER_SLACK) score += 2;
      if (score < 2 || (best !== undefined && best.score >= score)) continue;
      const from = cut === null ? b.end : b.end + cut.index + (cut[0] === ':' ? 1 : 0);
      const value = phraseAfter(line, from, nextBoundary(folded, from));
      if (value !== undefined) best = { score, value: capitalizeFirst(value), line: line.number };
    }
  }
  if (best === undefined) {
    return {
      found: false,
      reason: 'Không thấy chủ đề chung của kế hoạch (câu “… phát động thi đua năm … với chủ đề “…””).',
    };
  }
  return { found: true, value: best.value, evidence: evidenceFor(lines, best.line) };
}

/** Where the sentence holding position `at` starts. */
function lastBoundary(folded: string, at: number): number {
  // Bounded, so a huge line full of "chủ đề" stays linear.
  const from = Math.max(0, at - SENTENCE_LOOKBACK);
  const head = folded.slice(from, at);
  const index = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '));
  return index === -1 ? from : from + index + 2;
}

/** Where the sentence from `at` ends, a quoted part skipped whole. */
function nextBoundary(folded: string, at: number): number {
  let i = at;
  while (i < folded.length && folded[i] === ' ') i += 1;
  if (folded[i] === '"') {
    const close = folded.slice(i + 1, i + 1 + MAX_THEME).indexOf('"');
    if (close !== -1) return i + 1 + close + 1;
  }
  const rest = folded.slice(i, i + MAX_THEME);
  const match = /\. |;|\.$/.exec(rest);
  return match === null ? i + rest.length : i + match.index;
}

// How far after "chủ đề" a colon or opening quote may be: "chủ đề thi đua năm 2023 là: …".
const LABEL_WINDOW = 40;
const OWN_LABEL = /\b(chung|xuyen suot|thi dua|nam \d{4})\b/;
const YEARS_EMULATION = /\b(phat dong|chuong trinh|ke hoach|phong trao|nam \d{4})\b/;
const SENTENCE_LOOKBACK = 400;
// A theme is a sentence; an unbroken run longer than this is not one.
const MAX_THEME = 400;
// A "Chủ đề: …" line this close under the title heads the whole plan.
const HEADER_SLACK = 4;
