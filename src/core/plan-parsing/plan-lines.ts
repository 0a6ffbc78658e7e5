import { foldText } from '../text/fold-text';
import type { Evidence } from './parsed-plan';
import { tokenize, type Token } from './tokenize';

/**
 * One line of the pasted text in three forms: as given (for evidence and values), folded (for
 * matching regardless of diacritics, case, quote and dash styles) and as tokens of the folded form.
 */
export interface PlanLine {
  /** 1-based, counting `\r\n`, `\n` and `\r` as one break each, as a text area does. */
  readonly number: number;
  readonly raw: string;
  /** Lower case, no diacritics, every quote `"`, every dash `-`, any run of spaces one ` `. */
  readonly folded: string;
  /** `map[i]`: where in `raw` folded character `i` comes from; one extra entry for the end. */
  readonly map: readonly number[];
  readonly tokens: readonly Token[];
  /** Index in `folded` after leading bullets, list numbering and bold markers. */
  readonly bodyStart: number;
  /** Starts with a bullet or list number, not only indentation or bold markers. */
  readonly bulleted: boolean;
  readonly blank: boolean;
}

/** Splits and folds the whole text once; every finder then works on these lines. */
export function toPlanLines(text: string): PlanLine[] {
  return text.split(/\r\n|\r|\n/).map((raw, index) => toPlanLine(raw, index + 1));
}

/** The raw text behind folded positions `[start, end)` of `line`, as typed (see {@link tidy}). */
export function rawSlice(line: PlanLine, start: number, end: number): string {
  return line.raw.slice(line.map[start] ?? line.raw.length, line.map[end] ?? line.raw.length);
}

/**
 * A value for people: NFC, Word's markdown-ish bold markers dropped, spaces collapsed, trimmed.
 * Quotes and dashes are kept as the author typed them.
 */
export function tidy(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\*\*|__/g, '')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** `doanh nghiệp hội viên` → `Doanh nghiệp hội viên`. */
export function capitalizeFirst(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const char = String.fromCodePoint(first);
  return char.toLocaleUpperCase('vi') + text.slice(char.length);
}

/** Evidence for lines `from`..`to` (1-based, inclusive); a line beyond 5000 characters is cut. */
export function evidenceFor(
  lines: readonly PlanLine[],
  from: number,
  to: number = from,
  note?: string,
): Evidence {
  const text = lines
    .slice(from - 1, to)
    .map((l) => (l.raw.length > MAX_EVIDENCE_LINE ? `${l.raw.slice(0, MAX_EVIDENCE_LINE)}…` : l.raw))
    .join('\n');
  return note === undefined
    ? { line: from, endLine: to, text }
    : { line: from, endLine: to, text, note };
}

function toPlanLine(raw: string, number: number): PlanLine {
  let folded = '';
  const map: number[] = [];
  let index = 0;
  for (const char of raw) {
    const out = foldChar(char);
    // Runs of spaces fold to one, so patterns can say ' ' and mean any spacing Word produced.
    if (out === ' ' && folded.endsWith(' ')) {
      index += char.length;
      continue;
    }
    for (let k = 0; k < out.length; k += 1) {
      map.push(index);
    }
    folded += out;
    index += char.length;
  }
  map.push(raw.length);
  const bodyStart = BULLETS.exec(folded)?.[0].length ?? 0;
  return {
    number,
    raw,
    folded,
    map,
    tokens: tokenize(folded),
    bodyStart,
    bulleted: /[^\s*]/.test(folded.slice(0, bodyStart)),
    blank: folded.trim() === '' || /^[\s\-*•_"]*$/.test(folded),
  };
}

// Leading list markers: dashes and bullet glyphs Word pastes, "1.", "1.1.", "a)", "I.", bold stars.
const BULLET_CHAR = '[\\s*+•●▪◦○■□♦◆►➢➤✓✔·\\u2022\\u2023\\u25e6\\u2043\\uf0a7\\uf0b7-]';
const BULLETS = new RegExp(
  `^(?:${BULLET_CHAR}|(?:\\d{1,2}\\.)+\\d{0,2}\\s+|[a-z]\\)\\s*|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\\.\\s+)*`,
  'u',
);

// Far longer than any paragraph of a plan. A pasted blob with no line breaks would otherwise be
// copied whole into the evidence of every item found in it.
const MAX_EVIDENCE_LINE = 5000;

const foldCache = new Map<string, string>();

/**
 * Folds one code point. Marks and zero-width characters give '' (they belong to the character
 * before); whitespace, quotes and dashes give one canonical character each, so that patterns need
 * not list Word's many variants.
 */
function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 128) {
    if (char === '\t' || char === '\v' || char === '\f') return ' ';
    return char.toLowerCase();
  }
  let out = foldCache.get(char);
  if (out === undefined) {
    if (/\s/u.test(char)) out = ' ';
    else if (/[“”„‟«»″〝〞＂]/u.test(char)) out = '"';
    else if (/[‘’‚‛′]/u.test(char)) out = "'";
    else if (/[‐‑‒–—―−]/u.test(char)) out = '-';
    else out = foldText(char);
    // Cache only the Vietnamese-sized alphabet; random input must not grow the map unboundedly.
    if (foldCache.size < 4096) foldCache.set(char, out);
  }
  return out;
}
