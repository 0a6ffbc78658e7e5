import { stripBidiControls } from './strip-unsafe-characters';

/**
 * What a person typed, made safe to repeat inside a reply (“Tôi chưa hiểu “…””): on one line,
 * without bidi controls, and cut to `maxChars` characters (code points, so an emoji is never cut
 * in half). Empty when nothing visible is left (zero-width spaces).
 */
export function quoteInput(text: string, maxChars: number): string {
  if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(text)) return '';
  const chars = Array.from(stripBidiControls(text).replace(/\s+/gu, ' ').trim());
  return chars.slice(0, maxChars).join('').trimEnd();
}
