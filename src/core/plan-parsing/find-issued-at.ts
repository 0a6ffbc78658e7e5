import type { Extracted, IssuedAt } from './parsed-plan';
import { evidenceFor, rawSlice, tidy, type PlanLine } from './plan-lines';
import { resolveDay, scanDateAt, type YearFallback } from './scan-date';

/**
 * Place and date of issue from the header line `Bắc Giang, ngày 21 tháng 4 năm 2022` (any date form
 * {@link scanDateAt} reads), or a header line that is only `Ngày 21 tháng 4 năm 2022`.
 */
export function findIssuedAt(
  header: readonly PlanLine[],
  lines: readonly PlanLine[],
  fallback: YearFallback | undefined,
): Extracted<IssuedAt> {
  for (const line of header) {
    const { tokens } = line;
    for (let k = 0; k < tokens.length; k += 1) {
      const token = tokens[k];
      if (token?.text !== 'ngay') continue;
      const comma = tokens[k - 1];
      const opensLine = token.start <= line.bodyStart;
      if (!opensLine && comma?.text !== ',') continue;
      const scanned = scanDateAt(tokens, k);
      if (scanned === undefined) continue;
      const resolved = resolveDay(scanned, fallback);
      if (!resolved.ok) {
        return {
          found: false,
          reason: `Ngày ban hành không dùng được. ${resolved.reason}`,
          evidence: evidenceFor(lines, line.number),
        };
      }
      const place =
        opensLine || comma === undefined ? null : placeBefore(rawSlice(line, 0, comma.start));
      return {
        found: true,
        value: { place, date: resolved.date },
        evidence: evidenceFor(lines, line.number, line.number, resolved.note),
      };
    }
  }
  return {
    found: false,
    reason: 'Không thấy nơi và ngày ban hành (dòng kiểu “Bắc Giang, ngày 21 tháng 4 năm 2022” ở đầu văn bản).',
  };
}

/**
 * The place name ending just before ", ngày": the capitalised words at the end of `before`, after
 * any table cell to their left (Word pastes the header table with tabs between cells).
 */
function placeBefore(before: string): string | null {
  const cell = before.split(/\t| {2,}|\|/).at(-1) ?? '';
  const words = tidy(cell).split(' ');
  const place: string[] = [];
  for (let i = words.length - 1; i >= 0 && place.length < MAX_PLACE_WORDS; i -= 1) {
    const word = words[i] ?? '';
    const first = Array.from(word)[0] ?? '';
    if (!/\p{Lu}/u.test(first)) break;
    place.unshift(word);
  }
  return place.length === 0 ? null : place.join(' ');
}

// "Thành phố Hồ Chí Minh" is the longest place name a plan is likely to be signed in.
const MAX_PLACE_WORDS = 6;
