import { rawSlice, tidy, type PlanLine } from './plan-lines';

/**
 * The phrase a label introduces, between folded positions `from` and `to` of `line`: the quoted
 * text if a quote opens it (`chủ đề “Đoàn kết, …”`), else everything up to `to`. Leading `:`/dashes
 * and trailing commas or semicolons are dropped; a final full stop is kept, as the document has it.
 * Undefined when nothing with letters is left.
 */
export function phraseAfter(line: PlanLine, from: number, to: number): string | undefined {
  const folded = line.folded;
  let start = from;
  while (start < to && /[\s:\-*]/.test(folded[start] ?? '')) start += 1;
  let end = to;
  if (folded[start] === '"' || folded[start] === "'") {
    const close = folded.slice(start + 1, to).indexOf(folded[start] ?? '"');
    if (close !== -1) end = start + 1 + close;
    start += 1;
  }
  const value = tidy(rawSlice(line, start, end))
    .replace(/^["'“”‘’«»\s]+/u, '')
    .replace(/["'“”‘’«»\s,;:]+$/u, '')
    .trim();
  return /\p{L}/u.test(value) ? value : undefined;
}
