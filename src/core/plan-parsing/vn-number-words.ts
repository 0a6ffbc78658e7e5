import type { Token } from './tokenize';

/** A number read from tokens, and the index of the first token after it. */
export interface NumberRead {
  readonly value: number;
  readonly next: number;
}

/**
 * Reads a day of the month written in words, folded: `mười` (10), `mười lăm` (15), `hai mươi mốt`
 * (21), `ba mươi` (30), and the spoken shortcuts `hai mốt` (21), `hai lăm` (25), `ba mốt` (31).
 * Folding makes `mười`/`mươi` and `một`/`mốt` the same word, which the grammar below tolerates.
 *
 * `tư` alone is not read as 4: folded, it is also `từ` ("from"), which precedes dates everywhere.
 */
export function readDayWords(tokens: readonly Token[], i: number): NumberRead | undefined {
  const first = wordAt(tokens, i);
  if (first === undefined) return undefined;
  if (first === 'muoi') {
    const unit = AFTER_TENS.get(wordAt(tokens, i + 1) ?? '');
    return unit === undefined ? { value: 10, next: i + 1 } : { value: 10 + unit, next: i + 2 };
  }
  const unit = first === 'tu' ? undefined : UNITS.get(first);
  if (unit === undefined) return undefined;
  const second = wordAt(tokens, i + 1);
  if (second === 'muoi' && unit >= 2) {
    const last = AFTER_TENS.get(wordAt(tokens, i + 2) ?? '');
    return last === undefined
      ? { value: unit * 10, next: i + 2 }
      : { value: unit * 10 + last, next: i + 3 };
  }
  // "hai mốt", "ba mốt", "hai lăm", "hai tư": tens said without "mươi". Only the unit forms that
  // cannot start a number of their own, so "ngày hai, ba tháng…" is not read as 23.
  const shortcut = second === undefined ? undefined : SPOKEN_UNITS.get(second);
  if ((unit === 2 || unit === 3) && shortcut !== undefined) {
    return { value: unit * 10 + shortcut, next: i + 2 };
  }
  return { value: unit, next: i + 1 };
}

/**
 * Reads a month written in words after "tháng": `một`…`chín`, `tư`, `mười`, `mười một`, `mười
 * hai`. `Giêng` and `Chạp` are lunar month names and come back as `lunar`, for the caller to refuse:
 * a plan's dates are solar, and guessing which calendar was meant is not ours to do.
 */
export function readMonthWords(
  tokens: readonly Token[],
  i: number,
): (NumberRead & { readonly lunar: boolean }) | undefined {
  const first = wordAt(tokens, i);
  if (first === undefined) return undefined;
  if (first === 'gieng') return { value: 1, next: i + 1, lunar: true };
  if (first === 'chap') return { value: 12, next: i + 1, lunar: true };
  if (first === 'muoi') {
    const second = wordAt(tokens, i + 1);
    if (second === 'mot') return { value: 11, next: i + 2, lunar: false };
    if (second === 'hai') return { value: 12, next: i + 2, lunar: false };
    return { value: 10, next: i + 1, lunar: false };
  }
  const unit = UNITS.get(first);
  return unit === undefined ? undefined : { value: unit, next: i + 1, lunar: false };
}

/** Ordinal words after "thứ" or as a phase number: `nhất`, `hai`, `ba`, `tư`, `năm`, … `mười`. */
export function ordinalWordValue(word: string, afterThu: boolean): number | undefined {
  if (word === 'nhat') return 1;
  if (word === 'muoi') return 10;
  // Folded, "tư" is "từ" and "năm" is also "year": only safe after "thứ" ("thứ tư", "thứ năm").
  if ((word === 'tu' || word === 'nam') && !afterThu) return undefined;
  return UNITS.get(word);
}

function wordAt(tokens: readonly Token[], i: number): string | undefined {
  const token = tokens[i];
  return token?.kind === 'word' ? token.text : undefined;
}

const UNITS = new Map<string, number>([
  ['mot', 1],
  ['hai', 2],
  ['ba', 3],
  ['bon', 4],
  ['tu', 4],
  ['nam', 5],
  ['sau', 6],
  ['bay', 7],
  ['tam', 8],
  ['chin', 9],
]);

// Units as said after "mười"/"mươi": "mốt" for 1, "lăm"/"nhăm" for 5, "tư" for 4.
const AFTER_TENS = new Map<string, number>([...UNITS, ['lam', 5], ['nham', 5]]);

const SPOKEN_UNITS = new Map<string, number>([
  ['mot', 1],
  ['tu', 4],
  ['lam', 5],
  ['nham', 5],
]);
