import { fail, ok, type ParseResult } from '../result';

/**
 * Parses a Vietnamese mobile number as people type it and returns it in E.164 form
 * (`+84912345678`).
 *
 * Accepted: `0912 345 678`, `0912.345.678`, `0912-345-678`, `+84 912 345 678`, `(+84) 912-345-678`,
 * `84912345678`, `0084912345678`, and `+84 0912 345 678` (a trunk 0 kept after the country code).
 *
 * Only the ten-digit mobile ranges in use since the 2018 renumbering pass: 032–039, 052, 056, 058,
 * 059, 0559 (the part of 055 that Google's libphonenumber data lists as mobile), 070, 076–079,
 * 081–089, 090–094 and 096–099. 095 is rejected: it was S-Fone's, which closed in 2012, and no
 * network has used it since.
 *
 * Rejected with a Vietnamese reason: landlines (02x), the old eleven-digit 01xx numbers (the reason
 * names the new number when the conversion is known), other prefixes, and wrong lengths.
 */
export function parseVnMobile(input: string): ParseResult<string> {
  if (input.length > MAX_INPUT_LENGTH) {
    return fail('TOO_LONG', MESSAGE_FORMAT);
  }
  const compact = input.replace(/[\s.\-\u2010-\u2015()]/gu, '');
  if (compact === '') {
    return fail('EMPTY', 'Xin nhập số điện thoại di động, ví dụ 0912 345 678.');
  }
  if (!/^\+?\d+$/.test(compact)) {
    return fail('MALFORMED', MESSAGE_FORMAT);
  }
  const national = toNational(compact);
  if (national === undefined) {
    return fail('MALFORMED', 'Xin nhập số di động Việt Nam (bắt đầu bằng 0 hoặc +84).');
  }
  if (national.startsWith('02')) {
    return fail('MALFORMED', 'Đây là số cố định (số bàn), xin nhập số di động.');
  }
  if (national.startsWith('01') && national.length === 11) {
    return fail('MALFORMED', obsoleteMessage(national));
  }
  if (national.length !== 10) {
    return fail('MALFORMED', MESSAGE_FORMAT);
  }
  if (!isMobileRange(national)) {
    return fail(
      'MALFORMED',
      `Đầu số ${national.slice(0, 3)} không phải đầu số di động Việt Nam. Xin kiểm tra lại.`,
    );
  }
  return ok(`+84${national.slice(1)}`);
}

/** The number with its trunk 0 (`0912345678`), or undefined when it is not a Vietnamese number. */
function toNational(compact: string): string | undefined {
  let international: string | undefined;
  if (compact.startsWith('+')) {
    international = compact.slice(1);
  } else if (compact.startsWith('00')) {
    international = compact.slice(2);
  } else if (compact.startsWith('84') && (compact.length === 11 || compact.length === 12)) {
    // Without + or 00, a leading 84 is the country code only at the lengths a Vietnamese number has
    // after it; no national number starts with 8, since national numbers start with 0.
    international = compact;
  }
  if (international === undefined) {
    return compact.startsWith('0') ? compact : undefined;
  }
  if (!international.startsWith('84')) {
    return undefined;
  }
  const rest = international.slice(2);
  // `+84 0912…` keeps the trunk 0 that should have been dropped; it is clear what was meant.
  return rest.startsWith('0') ? rest : `0${rest}`;
}

function isMobileRange(national: string): boolean {
  return MOBILE_PREFIXES.some((prefix) => national.startsWith(prefix));
}

function obsoleteMessage(national: string): string {
  const replacement = OLD_TO_NEW_PREFIX.get(national.slice(0, 4));
  const base = 'Số 11 chữ số bắt đầu bằng 01 là đầu số cũ, đã chuyển sang 10 chữ số từ năm 2018.';
  if (replacement === undefined) {
    return `${base} Xin nhập số di động mới.`;
  }
  return `${base} Số mới tương ứng là ${replacement}${national.slice(4)}, xin nhập số mới.`;
}

const MOBILE_PREFIXES: readonly string[] = [
  ...['032', '033', '034', '035', '036', '037', '038', '039'],
  ...['052', '0559', '056', '058', '059'],
  ...['070', '076', '077', '078', '079'],
  ...['081', '082', '083', '084', '085', '086', '087', '088', '089'],
  ...['090', '091', '092', '093', '094', '096', '097', '098', '099'],
];

// The 2018 conversion of eleven-digit numbers (first four digits → first three), as announced by
// the Ministry of Information and Communications; the remaining seven digits stayed the same.
const OLD_TO_NEW_PREFIX: ReadonlyMap<string, string> = new Map([
  ['0162', '032'],
  ['0163', '033'],
  ['0164', '034'],
  ['0165', '035'],
  ['0166', '036'],
  ['0167', '037'],
  ['0168', '038'],
  ['0169', '039'],
  ['0120', '070'],
  ['0121', '079'],
  ['0122', '077'],
  ['0126', '076'],
  ['0128', '078'],
  ['0123', '083'],
  ['0124', '084'],
  ['0125', '085'],
  ['0127', '081'],
  ['0129', '082'],
  ['0186', '056'],
  ['0188', '058'],
  ['0199', '059'],
]);

// Far longer than any way of writing a phone number; stops us scanning pasted essays.
const MAX_INPUT_LENGTH = 64;

const MESSAGE_FORMAT = 'Số di động gồm 10 chữ số, bắt đầu bằng 0, ví dụ 0912 345 678.';
