import { fail, ok, type ParseResult } from '../result';

/**
 * Parses a Vietnamese tax code (mã số thuế) as people type it and returns it in its usual written
 * form: `0100109106` for an enterprise, `0100109106-001` for a dependent unit (branch).
 *
 * Accepted: spaces and dots anywhere (`01.00.109.106`, `0100 109 106`), and before a branch suffix
 * either a dash (`0100109106-001`, `0100109106 - 001`) or nothing (`0100109106001`).
 *
 * Rejected with a Vietnamese reason: wrong length or stray characters (`MALFORMED`), a wrong check
 * digit (`CHECKSUM`), and branch number `000` or an all-zero sequence number (`OUT_OF_RANGE`).
 *
 * 12-digit personal identification numbers, which replace personal tax codes from 1 July 2025, are
 * not tax codes of an enterprise and are rejected as the wrong length.
 */
export function parseTaxCode(input: string): ParseResult<string> {
  if (input.length > MAX_INPUT_LENGTH) {
    return fail('TOO_LONG', MESSAGE_FORMAT);
  }
  const compact = input
    .replace(/[\s.]/gu, '')
    // Phones and word processors turn `-` into look-alike dashes.
    .replace(/[\u2010-\u2015\u2212]/g, '-');
  if (compact === '') {
    return fail('EMPTY', 'Xin nhập mã số thuế, ví dụ 0100109106.');
  }
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  const base = match?.[1];
  if (match === null || base === undefined) {
    return fail('MALFORMED', MESSAGE_FORMAT);
  }
  const branch = match[2];
  if (base.slice(2, 9) === '0000000') {
    return fail('OUT_OF_RANGE', `Mã số thuế ${base} không hợp lệ. Xin kiểm tra lại.`);
  }
  if (!isValidTaxCodeCheckDigit(base)) {
    return fail(
      'CHECKSUM',
      `Mã số thuế ${base} không đúng (chữ số kiểm tra cuối không khớp). ` +
        'Xin kiểm tra lại từng chữ số.',
    );
  }
  if (branch === undefined) {
    return ok(base);
  }
  if (branch === '000') {
    return fail('OUT_OF_RANGE', 'Mã chi nhánh (3 số cuối) phải từ 001 đến 999, không thể là 000.');
  }
  return ok(`${base}-${branch}`);
}

/**
 * Whether the 10th digit of a 10-digit tax code is the check digit of the first nine:
 * `N10 = 10 − (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9) mod 11`.
 *
 * When the remainder is 0 the formula gives 10, which is not a digit; no code is issued for such
 * first nine digits, so they are never valid. (A remainder of 10 gives check digit 0, as in
 * Petrolimex's 0100107370.) Returns false for anything that is not exactly 10 ASCII digits.
 */
export function isValidTaxCodeCheckDigit(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) {
    return false;
  }
  let sum = 0;
  for (const [index, weight] of WEIGHTS.entries()) {
    sum += Number(tenDigits[index]) * weight;
  }
  return 10 - (sum % 11) === Number(tenDigits[9]);
}

const WEIGHTS: readonly number[] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

// Far longer than any way of writing a tax code; stops us echoing or scanning pasted essays.
const MAX_INPUT_LENGTH = 64;

const MESSAGE_FORMAT =
  'Mã số thuế phải gồm 10 chữ số (hoặc 13 chữ số với mã chi nhánh, ví dụ 0100109106-001).';
