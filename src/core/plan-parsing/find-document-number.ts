import type { Extracted } from './parsed-plan';
import { evidenceFor, rawSlice, tidy, type PlanLine } from './plan-lines';

/**
 * The document number from `Số: 20/KHTĐ-HHDN` in the header (`Số 20/KH-HHDN` at a line's start
 * too). References in the body ("hướng dẫn số 1595/HD-BTĐKT") have neither form, so they are not
 * mistaken for it.
 */
export function findDocumentNumber(
  header: readonly PlanLine[],
  lines: readonly PlanLine[],
): Extracted<string> {
  for (const line of header) {
    const at = numberStart(line);
    if (at === undefined) continue;
    let end = at;
    while (end < line.folded.length) {
      const char = line.folded[end] ?? '';
      if (NUMBER_CHAR.test(char)) end += 1;
      // "20 / KH-HHDN": a space is part of the number only beside a slash.
      else if (char === ' ' && (line.folded[end + 1] === '/' || line.folded[end - 1] === '/')) end += 1;
      else break;
    }
    const value = tidy(rawSlice(line, at, end)).replace(/\s*\/\s*/g, '/').replace(/[.,;:-]+$/, '');
    if (!/^\d/.test(value)) {
      return {
        found: false,
        reason: 'Dòng “Số:” chưa có số văn bản (còn để trống).',
        evidence: evidenceFor(lines, line.number),
      };
    }
    return { found: true, value, evidence: evidenceFor(lines, line.number) };
  }
  return { found: false, reason: 'Không thấy số văn bản (dòng “Số: …/KH-…” ở đầu văn bản).' };
}

/** Folded index where the number after "Số:" starts, if the line has that label. */
function numberStart(line: PlanLine): number | undefined {
  const folded = line.folded;
  // With a colon the label may sit anywhere a table cell could start; without, only at the start.
  const labelled = /(?:^|[\s*|])so ?: ?/.exec(folded.slice(line.bodyStart));
  if (labelled !== null) return line.bodyStart + labelled.index + labelled[0].length;
  const bare = /^so (?=\d)/.exec(folded.slice(line.bodyStart));
  return bare === null ? undefined : line.bodyStart + bare[0].length;
}

const NUMBER_CHAR = /[0-9a-z&./_-]/;
