/**
 * Puts Vietnamese text in one canonical spelling before it is stored, so the same name typed on
 * different keyboards compares equal: NFC, trimmed, whitespace collapsed, and the tone mark of a
 * syllable that ends in `oa`, `oe` or `uy` placed on the first of the two vowels (`hoà` → `hòa`,
 * `khoẻ` → `khỏe`, `thuỷ` → `thủy`, `uỷ ban` → `ủy ban`).
 *
 * Vietnamese keyboards offer two placements for exactly these syllables: on the first vowel (`hòa`,
 * `thủy`; usually called the traditional or "old" style) or on the main vowel (`hoà`, `thuỷ`; the
 * "new" style). Both are correct Vietnamese; this project keeps the first-vowel form.
 *
 * Left alone, because both styles already agree on them:
 * - syllables with a final consonant (`hoàng`, `thuyền`, `hoạch`, `khoét`);
 * - `qu` + `y`, where `u` belongs to the consonant and the tone always sits on `y` (`quý`, `quỳ`);
 * - longer vowel groups (`ngoài`, `khuỷu`, `ngoẹo`).
 */
export function normalizeVietnamese(input: string): string {
  const collapsed = input.normalize('NFC').replace(/\s+/gu, ' ').trim();
  // Work on decomposed text so a tone is a separate code point that can be moved.
  return collapsed
    .normalize('NFD')
    .replace(/[\p{L}\p{M}]+/gu, moveToneToFirstVowel)
    .normalize('NFC');
}

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

// Syllable endings whose tone placement differs between the two styles.
const SPLIT_PAIRS = new Set(['oa', 'oe', 'uy']);

/** Rewrites one decomposed word; anything not exactly of the targeted shape comes back as is. */
function moveToneToFirstVowel(word: string): string {
  // The targeted shape ends in: first vowel, second vowel, the tone mark on the second vowel.
  const tone = word.at(-1);
  const second = word.at(-2);
  const first = word.at(-3);
  if (tone === undefined || second === undefined || first === undefined || !TONE_MARKS.has(tone)) {
    return word;
  }
  if (!SPLIT_PAIRS.has(`${first}${second}`.toLowerCase())) {
    return word;
  }
  const before = word.slice(0, -3);
  const previous = before.at(-1)?.toLowerCase();
  // A vowel (or a vowel's mark) right before the pair means a longer vowel group, which is not one
  // of the syllables the two styles disagree on.
  if (previous !== undefined && (/[aeiouy]/.test(previous) || /\p{M}/u.test(previous))) {
    return word;
  }
  if (first.toLowerCase() === 'u' && previous === 'q') {
    return word;
  }
  return `${before}${first}${tone}${second}`;
}
