/**
 * Reduces Vietnamese text to a form for matching only, never for display or storage: diacritics
 * and tone marks removed (`đ`/`Đ` become `d`), lower-cased, trimmed, and runs of whitespace
 * collapsed to one space. `Hiệp Hòa`, `HIỆP HOÀ`, `hiep hoa` and their NFD spellings all give
 * `hiep hoa`.
 *
 * Because every mark is removed, where the tone sits (`hoà` or `hòa`) and whether the input was
 * composed (NFC) or decomposed (NFD) make no difference.
 */
export function foldText(input: string): string {
  return (
    input
      // Decompose first so that each tone and vowel mark is its own code point we can drop.
      .normalize('NFD')
      // Lower-case before dropping marks: some upper-case letters decompose differently.
      .toLowerCase()
      .replace(/\p{M}/gu, '')
      // `đ` is a letter of its own, not `d` plus a mark, so NFD leaves it alone.
      .replace(/đ/g, 'd')
      // Zero-width characters creep in from copy-paste and would silently break matching.
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}
