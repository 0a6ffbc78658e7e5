import { foldText } from '../text/fold-text';
import type { ExtractedList, Found } from './parsed-plan';
import { capitalizeFirst, evidenceFor, rawSlice, tidy, type PlanLine } from './plan-lines';
import type { Token } from './tokenize';

/**
 * Named movements: the quoted name after "phong trào" (or "phong trào thi đua"), e.g. phong trào
 * “Doanh nghiệp Bắc Giang hội nhập và phát triển”, and further quoted names listed right after it
 * (phong trào “A”, “B” và “C”). Unquoted phrases ("phong trào thi đua yêu nước") are generic and
 * not taken. A movement named twice is listed once, where first named.
 */
export function findMovements(lines: readonly PlanLine[]): ExtractedList<string> {
  const items: Found<string>[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const { tokens } = line;
    for (let k = 0; k < tokens.length - 1; k += 1) {
      if (tokens[k]?.text !== 'phong' || tokens[k + 1]?.text !== 'trao') continue;
      let j = k + 2;
      if (tokens[j]?.text === 'thi' && tokens[j + 1]?.text === 'dua') j += 2;
      if (tokens[j]?.text === ':') j += 1;
      while (tokens[j]?.text === '"') {
        const open = tokens[j];
        const closeIndex = closingQuote(tokens, j);
        const close = closeIndex === undefined ? undefined : tokens[closeIndex];
        if (open === undefined || closeIndex === undefined || close === undefined) break;
        const inside = tidy(rawSlice(line, open.end, close.start));
        const name = capitalizeFirst(inside.replace(/[\s.,;:…]+$/u, '').replace(/^[\s.,;:]+/u, ''));
        const key = foldText(name);
        if (/\p{L}/u.test(name) && !seen.has(key)) {
          seen.add(key);
          items.push({ found: true, value: name, evidence: evidenceFor(lines, line.number) });
        }
        j = closeIndex + 1;
        // Another name in the same breath: “A”, “B” và “C”.
        if (tokens[j]?.text === ',' || tokens[j]?.text === 'va') j += 1;
        if (tokens[j]?.text === 'va') j += 1;
      }
    }
  }
  if (items.length === 0) {
    return {
      found: false,
      reason: 'Không thấy phong trào thi đua nào được nêu tên (dạng phong trào “…”).',
    };
  }
  return { found: true, items };
}

/** Index of the quote closing the one at `open`, looking no further than a name's length. */
function closingQuote(tokens: readonly Token[], open: number): number | undefined {
  const limit = (tokens[open]?.start ?? 0) + MAX_NAME;
  for (let i = open + 1; i < tokens.length && (tokens[i]?.start ?? Infinity) <= limit; i += 1) {
    if (tokens[i]?.text === '"') return i;
  }
  return undefined;
}

// A movement's name is a phrase, not a paragraph; a longer "quote" is an unclosed quote mark.
const MAX_NAME = 200;
