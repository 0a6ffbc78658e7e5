import { fail, ok, type ParseResult } from '../result';
import { foldText } from '../text/fold-text';
import { formatVndShort } from './format-vnd';
import { groupThousands } from './group-thousands';

/**
 * What a form field expects. For money, `unit` is what a bare number means (a field labelled
 * "doanh thu (triệu đồng)" has unit `trieu`, so `45` is 45 000 000 đồng); a unit the person types
 * (`45 tỷ`) always wins. `max` is inclusive, in đồng or in items, and defaults to 10^15 đồng
 * (1 triệu tỷ) for money and 10 000 000 for counts.
 */
export type AmountField =
  | { kind: 'money'; unit: 'dong' | 'nghin' | 'trieu' | 'ty'; max?: number }
  | { kind: 'count'; max?: number };

type MoneyUnit = Extract<AmountField, { kind: 'money' }>['unit'];

/**
 * Parses an amount of money (as a whole number of đồng) or a count, written the ways people in
 * Vietnam type them. The result is always a non-negative safe integer.
 *
 * Money: units `tỷ`/`tỉ`/`ty`, `triệu`/`trieu`/`tr`, `nghìn`/`ngàn`/`k`, optionally followed by
 * `đồng`/`đ`/`₫`/`VND`; several parts in falling order (`2 tỷ 300 triệu`); thousands separated by
 * dots, commas or spaces (`1.250.000.000`, `1,250,000,000`, `1 250 000 000 đ`); a decimal comma or
 * point (`12,5 tỷ`, `12.5 ty`). Counts: `120`, `120 người`, `1.200`, `1,200`, `1,5 nghìn`.
 *
 * Decisions on input that could be read more than one way:
 * - A digit after a unit is the next decimal of that unit, as in speech: `2 tỷ 3` is 2,3 tỷ and
 *   `1tr5` is 1 500 000. Three digits fill the next unit down: `2 tỷ 300` is 2 tỷ 300 triệu. Two
 *   digits (`2 tỷ 25`: 2,25 tỷ or 2 tỷ 25 triệu?) are rejected as `AMBIGUOUS`.
 * - One dot or comma followed by exactly three digits (`1.250 tỷ`) may separate thousands or
 *   decimals, and is rejected as `AMBIGUOUS`, except where only one reading is possible: counts
 *   and đồng are whole numbers (`1.250 đồng` is 1 250 đồng, a bare count `1.200` is 1 200), nobody
 *   writes `,000` as decimals (`1.000 tỷ` is a thousand tỷ), and no thousands group follows a
 *   leading 0 (`0,001 tỷ` is 1 triệu).
 * - A decimal in any part but the last (`2,5 tỷ 300 triệu`) is rejected as `MALFORMED`, and so is a
 *   later part as large as the unit before it (`2 tỷ 1500 triệu`).
 *
 * Errors: `EMPTY`, `NEGATIVE` (`-5`, `âm 5`), `OUT_OF_RANGE` (above `max`; the message shows the
 * value as read), `AMBIGUOUS`, `TOO_LONG`, and `MALFORMED` for anything else, including a fraction
 * of a đồng and a count that is not whole (`12,5 người`).
 */
export function parseAmount(input: string, field: AmountField): ParseResult<number> {
  const messages = field.kind === 'money' ? MONEY_MESSAGES : COUNT_MESSAGES;
  if (input.length > MAX_INPUT_LENGTH) {
    return fail('TOO_LONG', messages.malformed);
  }
  let text = foldText(input).replace(/\.$/, '').trim();
  if (text === '') {
    return fail('EMPTY', messages.empty);
  }
  const negative = /^(?:[-\u2212\u2013]\s*|am\s*(?=\d))/.exec(text);
  if (negative !== null) {
    text = text.slice(negative[0].length);
  }
  const tokens = tokenize(text);
  if (tokens === undefined) {
    return fail('MALFORMED', messages.malformed);
  }
  const read =
    field.kind === 'money'
      ? readMoney(tokens, field.unit, input.trim())
      : readCount(tokens, input.trim());
  if (!read.ok) {
    return read;
  }
  const value = read.value;
  if (negative !== null && value > 0n) {
    return fail('NEGATIVE', messages.negative);
  }
  const max = maxOf(field);
  if (value > max) {
    return fail('OUT_OF_RANGE', messages.outOfRange(value, max));
  }
  return ok(Number(value));
}

type Token = { kind: 'numeral'; text: string } | { kind: 'word'; text: string };

/** Splits folded text into numerals and words, or undefined if anything else is in it. */
function tokenize(folded: string): Token[] | undefined {
  const spaced = folded
    .replace(/₫/g, ' d ')
    // `1tr5`, `500k`, `12,5ty` are written without spaces.
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    // `1 250 000 000` uses spaces between thousands; join such groups into one numeral first.
    .replace(/(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)/g, (groups) => groups.replace(/ /g, ''))
    .trim();
  const tokens: Token[] = [];
  for (const piece of spaced.split(/\s+/)) {
    if (/^\d[\d.,]*$/.test(piece)) {
      tokens.push({ kind: 'numeral', text: piece });
    } else if (/^\p{L}+$/u.test(piece)) {
      tokens.push({ kind: 'word', text: piece });
    } else {
      return undefined;
    }
  }
  return tokens;
}

/** An exact decimal: `mantissa / 10^scale`. */
interface Decimal {
  readonly mantissa: bigint;
  readonly scale: number;
}

type Numeral =
  | { readonly kind: 'exact'; readonly value: Decimal }
  // One separator followed by exactly three digits: thousands or decimals, decided by the caller.
  | { readonly kind: 'either'; readonly thousands: Decimal; readonly decimal: Decimal };

function readNumeral(text: string): Numeral | undefined {
  if (!/^\d+(?:[.,]\d+)*$/.test(text)) {
    return undefined;
  }
  const groups = text.split(/[.,]/);
  const separators = text.replace(/\d/g, '');
  const [head, ...rest] = groups;
  if (head === undefined) {
    return undefined;
  }
  if (rest.length === 0) {
    return { kind: 'exact', value: { mantissa: BigInt(text), scale: 0 } };
  }
  const digits = groups.join('');
  const lastSeparator = separators.at(-1);
  const sameSeparator = [...separators].every((separator) => separator === lastSeparator);
  if (sameSeparator && rest.length === 1) {
    const fraction = rest[0] ?? '';
    // Thousands groups never follow a leading 0, so `0,001` can only be a decimal.
    if (fraction.length !== 3 || head.startsWith('0')) {
      return { kind: 'exact', value: { mantissa: BigInt(digits), scale: fraction.length } };
    }
    // `1250.000` fits neither habit: a thousands group never has more than three digits before it.
    if (head.length > 3) {
      return undefined;
    }
    const thousands = { mantissa: BigInt(digits), scale: 0 };
    if (fraction === '000') {
      return { kind: 'exact', value: thousands };
    }
    return { kind: 'either', thousands, decimal: { mantissa: BigInt(digits), scale: 3 } };
  }
  if (sameSeparator) {
    return isThousandsGrouping(groups)
      ? { kind: 'exact', value: { mantissa: BigInt(digits), scale: 0 } }
      : undefined;
  }
  // Both kinds: the last one is the decimal separator and must occur once (`1.250.000,5`).
  const integerGroups = groups.slice(0, -1);
  const fraction = groups.at(-1) ?? '';
  if (separators.indexOf(lastSeparator ?? '') !== separators.length - 1) {
    return undefined;
  }
  if (!isThousandsGrouping(integerGroups)) {
    return undefined;
  }
  return { kind: 'exact', value: { mantissa: BigInt(digits), scale: fraction.length } };
}

function isThousandsGrouping(groups: readonly string[]): boolean {
  const [head, ...rest] = groups;
  return (
    head !== undefined &&
    head.length >= 1 &&
    head.length <= 3 &&
    rest.every((group) => group.length === 3)
  );
}

/** `decimal × factor` when that is a whole number, otherwise undefined. */
function scaleExactly(decimal: Decimal, factor: bigint): bigint | undefined {
  const divisor = 10n ** BigInt(decimal.scale);
  const product = decimal.mantissa * factor;
  return product % divisor === 0n ? product / divisor : undefined;
}

interface MoneyPart {
  readonly numeral: string;
  readonly unit: MoneyUnit | undefined;
}

function readMoney(
  tokens: readonly Token[],
  fieldUnit: MoneyUnit,
  original: string,
): ParseResult<bigint> {
  const malformed = fail<bigint>('MALFORMED', MONEY_MESSAGES.malformed);
  const body = [...tokens];
  const last = body.at(-1);
  const hasCurrency = last?.kind === 'word' && CURRENCY_WORDS.has(last.text);
  if (hasCurrency) {
    body.pop();
  }
  const parts: MoneyPart[] = [];
  for (let index = 0; index < body.length; index += 1) {
    const token = body[index];
    if (token?.kind !== 'numeral') {
      return malformed;
    }
    const next = body[index + 1];
    if (next?.kind === 'word') {
      const unit = UNIT_WORDS.get(next.text);
      if (unit === undefined) {
        return malformed;
      }
      parts.push({ numeral: token.text, unit });
      index += 1;
    } else {
      parts.push({ numeral: token.text, unit: undefined });
    }
  }
  const [first, ...more] = parts;
  if (first === undefined) {
    return malformed;
  }
  if (more.length === 0) {
    // A bare number is in the field's unit, unless it is followed directly by `đồng`.
    const unit = first.unit ?? (hasCurrency ? 'dong' : fieldUnit);
    return readMoneyPart(first.numeral, unit, original, true);
  }
  let total = 0n;
  let previousFactor: bigint | undefined;
  for (const [index, part] of parts.entries()) {
    const isLast = index === parts.length - 1;
    if (part.unit === undefined) {
      // Only the last part may lack a unit: it continues the unit before it (`2 tỷ 3`, `1tr5`).
      if (!isLast || previousFactor === undefined) {
        return malformed;
      }
      const trailing = readTrailingDigits(part.numeral, parts.slice(0, index), original);
      if (!trailing.ok) {
        return trailing;
      }
      total += trailing.value;
      continue;
    }
    const factor = UNIT_FACTOR[part.unit];
    if (previousFactor !== undefined && factor >= previousFactor) {
      return malformed;
    }
    const value = readMoneyPart(part.numeral, part.unit, original, isLast);
    if (!value.ok) {
      return value;
    }
    if (previousFactor !== undefined && value.value >= previousFactor) {
      return malformed;
    }
    total += value.value;
    previousFactor = factor;
  }
  return ok(total);
}

/**
 * One `number unit` part in đồng. Only the last part may carry decimals; in earlier parts a lone
 * three-digit group can only be thousands (`1.250 tỷ 300 triệu`).
 */
function readMoneyPart(
  text: string,
  unit: MoneyUnit,
  original: string,
  isLast: boolean,
): ParseResult<bigint> {
  const numeral = readNumeral(text);
  if (numeral === undefined) {
    return fail('MALFORMED', MONEY_MESSAGES.malformed);
  }
  const factor = UNIT_FACTOR[unit];
  if (numeral.kind === 'either') {
    const asThousands = numeral.thousands.mantissa * factor;
    const asDecimal = scaleExactly(numeral.decimal, factor);
    if (!isLast || asDecimal === undefined) {
      return ok(asThousands);
    }
    return fail('AMBIGUOUS', ambiguousSeparatorMessage(original, numeral, UNIT_NAME[unit]));
  }
  if (!isLast && numeral.value.scale > 0) {
    return fail('MALFORMED', MONEY_MESSAGES.malformed);
  }
  const value = scaleExactly(numeral.value, factor);
  if (value === undefined) {
    return fail('MALFORMED', 'Số tiền phải tròn đến đồng, không có phần lẻ dưới 1 đồng.');
  }
  return ok(value);
}

/**
 * The bare digits after the last `number unit` part, read as the next decimals of that unit, as in
 * speech: `2 tỷ 3` is 2,3 tỷ and `2 tỷ 300` is 2 tỷ 300 triệu.
 */
function readTrailingDigits(
  text: string,
  preceding: readonly MoneyPart[],
  original: string,
): ParseResult<bigint> {
  const malformed = fail<bigint>('MALFORMED', MONEY_MESSAGES.malformed);
  const previous = preceding.at(-1);
  const unit = previous?.unit;
  const lower = unit === undefined ? undefined : LOWER_UNIT[unit];
  // After a decimal (`2,5 tỷ 3`) or after đồng there is nothing left for the digits to continue.
  if (previous === undefined || unit === undefined || lower === undefined) {
    return malformed;
  }
  if (!/^\d+$/.test(text) || !/^\d+$/.test(previous.numeral)) {
    return malformed;
  }
  if (text.length === 2) {
    const before = preceding
      .slice(0, -1)
      .map((part) => `${part.numeral} ${UNIT_NAME[part.unit ?? 'dong']} `)
      .join('');
    const asDecimal = `${before}${previous.numeral},${text} ${UNIT_NAME[unit]}`;
    const asLowerUnit =
      `${before}${previous.numeral} ${UNIT_NAME[unit]} ${text} ${UNIT_NAME[lower]}`;
    return fail('AMBIGUOUS', ambiguousMessage(original, asDecimal, asLowerUnit));
  }
  if (text.length !== 1 && text.length !== 3) {
    return malformed;
  }
  return ok((BigInt(text) * UNIT_FACTOR[unit]) / 10n ** BigInt(text.length));
}

function readCount(tokens: readonly Token[], original: string): ParseResult<bigint> {
  const malformed = fail<bigint>('MALFORMED', COUNT_MESSAGES.malformed);
  const [first, ...rest] = tokens;
  if (first?.kind !== 'numeral') {
    return malformed;
  }
  let factor = 1n;
  let multiplierName: string | undefined;
  let words = rest;
  const [maybeMultiplier] = rest;
  const multiplier =
    maybeMultiplier === undefined ? undefined : COUNT_MULTIPLIERS.get(maybeMultiplier.text);
  if (multiplier !== undefined) {
    [factor, multiplierName] = multiplier;
    words = rest.slice(1);
  }
  // What follows is the noun being counted (`120 người`, `3 chi nhánh`), which is not checked,
  // except that an amount of money typed into a count field must not pass as a count. Only the
  // first word is compared: folded, `lao động` (workers) ends like `đồng`.
  if (words.some((word) => word.kind !== 'word') || MONEY_WORDS.has(words[0]?.text ?? '')) {
    return malformed;
  }
  const numeral = readNumeral(first.text);
  if (numeral === undefined) {
    return malformed;
  }
  if (numeral.kind === 'either') {
    // Counts are whole, so a bare `1.200` can only mean twelve hundred; `1.250 nghìn` could still
    // be 1250 nghìn or 1,25 nghìn.
    if (multiplierName !== undefined && scaleExactly(numeral.decimal, factor) !== undefined) {
      return fail('AMBIGUOUS', ambiguousSeparatorMessage(original, numeral, multiplierName));
    }
    return ok(numeral.thousands.mantissa * factor);
  }
  const value = scaleExactly(numeral.value, factor);
  if (value === undefined) {
    return fail('MALFORMED', 'Số lượng phải là số nguyên, ví dụ 12 hoặc 13.');
  }
  return ok(value);
}

function maxOf(field: AmountField): bigint {
  const max = field.max ?? (field.kind === 'money' ? DEFAULT_MAX_MONEY : DEFAULT_MAX_COUNT);
  // The result must stay a safe integer whatever the caller allows.
  return BigInt(Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)));
}

function ambiguousMessage(original: string, readingA: string, readingB: string): string {
  return (
    `Chưa rõ “${original}” là ${readingA} hay ${readingB}. ` +
    'Xin viết lại theo đúng một trong hai cách đó.'
  );
}

/** For `1.250 tỷ`: “… là 1250 tỷ hay 1,25 tỷ …”, each reading written so it cannot be misread. */
function ambiguousSeparatorMessage(
  original: string,
  numeral: Extract<Numeral, { kind: 'either' }>,
  unitName: string,
): string {
  const digits = numeral.thousands.mantissa.toString();
  const whole = digits.slice(0, -3);
  const fraction = digits.slice(-3).replace(/0+$/, '');
  return ambiguousMessage(original, `${digits} ${unitName}`, `${whole},${fraction} ${unitName}`);
}

const UNIT_FACTOR: Readonly<Record<MoneyUnit, bigint>> = {
  dong: 1n,
  nghin: 1_000n,
  trieu: 1_000_000n,
  ty: 1_000_000_000n,
};

const UNIT_NAME: Readonly<Record<MoneyUnit, string>> = {
  dong: 'đồng',
  nghin: 'nghìn',
  trieu: 'triệu',
  ty: 'tỷ',
};

// The unit that three decimals of a unit amount to; đồng has none.
const LOWER_UNIT: Readonly<Record<MoneyUnit, MoneyUnit | undefined>> = {
  dong: undefined,
  nghin: 'dong',
  trieu: 'nghin',
  ty: 'trieu',
};

// Folded spellings (no diacritics, lower case).
const UNIT_WORDS: ReadonlyMap<string, MoneyUnit> = new Map([
  ['ty', 'ty'],
  ['ti', 'ty'],
  ['trieu', 'trieu'],
  ['tr', 'trieu'],
  ['nghin', 'nghin'],
  ['ngan', 'nghin'],
  ['k', 'nghin'],
]);

const CURRENCY_WORDS: ReadonlySet<string> = new Set(['d', 'dong', 'vnd']);

const MONEY_WORDS: ReadonlySet<string> = new Set(['ty', 'ti', ...CURRENCY_WORDS]);

const COUNT_MULTIPLIERS: ReadonlyMap<string, readonly [bigint, string]> = new Map([
  ['nghin', [1_000n, 'nghìn']],
  ['ngan', [1_000n, 'nghìn']],
  ['k', [1_000n, 'nghìn']],
  ['trieu', [1_000_000n, 'triệu']],
  ['tr', [1_000_000n, 'triệu']],
]);

const DEFAULT_MAX_MONEY = 1e15;
const DEFAULT_MAX_COUNT = 1e7;

// Far longer than any way of writing an amount; stops us scanning or echoing pasted essays.
const MAX_INPUT_LENGTH = 100;

interface Messages {
  readonly empty: string;
  readonly malformed: string;
  readonly negative: string;
  readonly outOfRange: (value: bigint, max: bigint) => string;
}

const MONEY_MESSAGES: Messages = {
  empty: 'Xin nhập số tiền, ví dụ 350 triệu hoặc 12,5 tỷ.',
  malformed:
    'Chưa hiểu số tiền này. Xin viết theo dạng 350 triệu, 12,5 tỷ hoặc 1.250.000.000 đồng.',
  negative: 'Số tiền không được âm.',
  outOfRange: (value, max) =>
    `Số tiền ${formatVndShort(value)} vượt quá mức tối đa ${formatVndShort(max)}. ` +
    'Xin kiểm tra lại.',
};

const COUNT_MESSAGES: Messages = {
  empty: 'Xin nhập một số, ví dụ 120.',
  malformed: 'Chưa hiểu số này. Xin nhập một số nguyên, ví dụ 120 hoặc 1.200.',
  negative: 'Số lượng không được âm.',
  outOfRange: (value, max) =>
    `Số lượng ${groupThousands(value)} vượt quá mức tối đa ${groupThousands(max)}. ` +
    'Xin kiểm tra lại.',
};
