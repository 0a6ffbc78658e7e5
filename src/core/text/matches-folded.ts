import { foldText } from './fold-text';

/**
 * Whether `needle` occurs in `haystack` as a run of whole words, ignoring diacritics, tone
 * placement, case, punctuation and extra spaces (both sides go through {@link foldText}).
 *
 * Whole words only: `hoa` matches `Hiệp Hòa` but not `Khoa học`, and `doanh nghiep` matches
 * `Hiệp hội Doanh nghiệp tỉnh`. A needle with no letters or digits matches nothing, so an empty
 * search never selects every row.
 */
export function matchesFolded(haystack: string, needle: string): boolean {
  const needleWords = words(needle);
  if (needleWords.length === 0) {
    return false;
  }
  // Joining with a separator that cannot occur inside a word makes a plain substring test respect
  // word boundaries on both ends.
  return ` ${words(haystack).join(' ')} `.includes(` ${needleWords.join(' ')} `);
}

function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
