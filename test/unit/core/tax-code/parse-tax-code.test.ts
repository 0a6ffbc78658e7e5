import {
  isValidTaxCodeCheckDigit,
  parseTaxCode,
} from '../../../../src/core/tax-code/parse-tax-code';

// Tax codes of well-known enterprises, as printed on their invoices and in the national business
// registry. A wrong check-digit rule passes a random code one time in ten, so all of these passing
// is strong evidence that the rule is right.
const REAL_TAX_CODES: ReadonlyArray<readonly [string, string]> = [
  ['Viettel', '0100109106'],
  ['Vietnam Airlines', '0100107518'],
  ['Vinamilk', '0300588569'],
  ['FPT', '0101248141'],
  ['Petrolimex (check digit 0: remainder 10)', '0100107370'],
  ['Vietcombank', '0100112437'],
  ['VietinBank', '0100111948'],
  ['BIDV', '0100150619'],
  ['Agribank', '0100686174'],
  ['Techcombank (check digit 0: remainder 10)', '0100230800'],
  ['VPBank', '0100233583'],
  ['MB', '0100283873'],
  ['ACB', '0301452948'],
  ['Sacombank', '0301103908'],
  ['Vingroup', '0101245486'],
  ['Hòa Phát', '0900189284'],
  ['Masan Group', '0303576603'],
  ['Sabeco', '0300583659'],
  ['Vietjet', '0102325399'],
  ['PetroVietnam', '0100681592'],
  ['VNPT', '0100684378'],
  ['MobiFone', '0100686209'],
  ['EVN', '0100100079'],
  ['Thế Giới Di Động', '0303217354'],
];

const MESSAGE_FORMAT =
  'Mã số thuế phải gồm 10 chữ số (hoặc 13 chữ số với mã chi nhánh, ví dụ 0100109106-001).';

describe('parseTaxCode', () => {
  it.each(REAL_TAX_CODES)('accepts the real tax code of %s when typed plainly', (_name, code) => {
    expect(parseTaxCode(code)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['0100109106', '0100109106'],
    [' 0100109106 ', '0100109106'],
    ['0100 109 106', '0100109106'],
    ['01.00.109.106', '0100109106'],
    ['0100.109.106', '0100109106'],
    ['0\u00a0100\u00a0109\u00a0106', '0100109106'],
    ['0100109106-001', '0100109106-001'],
    ['0100109106001', '0100109106-001'],
    ['0100109106 001', '0100109106-001'],
    ['0100109106 - 001', '0100109106-001'],
    ['0100109106–001', '0100109106-001'],
    ['0100109106-999', '0100109106-999'],
    ['0314409058-002', '0314409058-002'],
    ['0312 68 78 78 - 001', '0312687878-001'],
    ['0102641429-066', '0102641429-066'],
    ['01.00.112.437', '0100112437'],
  ])('normalises %j to %s when separators are spaces, dots or a branch dash', (input, expected) => {
    expect(parseTaxCode(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    [' . . ', 'EMPTY'],
  ])('fails with %s code when input %j has no digits at all', (input, code) => {
    const result = parseTaxCode(input);
    expect(result).toMatchObject({ ok: false, code });
  });

  it('asks for a tax code with an example when the input is empty', () => {
    expect(parseTaxCode('')).toEqual({
      ok: false,
      code: 'EMPTY',
      message: 'Xin nhập mã số thuế, ví dụ 0100109106.',
    });
  });

  it.each([
    ['12345', 'too short'],
    ['010010910', 'nine digits (leading zero lost in a spreadsheet)'],
    ['01001091061', 'eleven digits'],
    ['010010910600', 'twelve digits (a personal identification number)'],
    ['01001091060011', 'fourteen digits'],
    ['0100109106-01', 'a two-digit branch'],
    ['0100109106-0001', 'a four-digit branch'],
    ['0100-109-106', 'dashes inside the ten digits'],
    ['0100109106--001', 'two dashes'],
    ['0100109106-', 'a dash with no branch'],
    ['-0100109106', 'a leading dash'],
    ['MST 0100109106', 'a label in front'],
    ['VV34567890', 'letters'],
    ['0100109106/001', 'a slash before the branch'],
    ['０１００１０９１０６', 'full-width digits'],
    ['0100109106,', 'a trailing comma'],
  ])('rejects %j as MALFORMED with the format message when it has %s', (input) => {
    expect(parseTaxCode(input)).toEqual({ ok: false, code: 'MALFORMED', message: MESSAGE_FORMAT });
  });

  it.each([
    ['0100109107', 'last digit off by one'],
    ['0100109105', 'last digit off by one the other way'],
    ['0100109160', 'first nine digits whose remainder is 0 (check digit would be 10)'],
    ['1100109106', 'first digit changed'],
    ['0100190106', 'two digits swapped'],
    ['0100233480', 'a published invalid example'],
    ['0100109107-001', 'a branch of an invalid code'],
  ])('rejects %j as CHECKSUM when it has %s', (input) => {
    const result = parseTaxCode(input);
    expect(result).toMatchObject({ ok: false, code: 'CHECKSUM' });
  });

  it('names the code and says the check digit is wrong when the checksum fails', () => {
    expect(parseTaxCode('0100 109 107')).toEqual({
      ok: false,
      code: 'CHECKSUM',
      message:
        'Mã số thuế 0100109107 không đúng (chữ số kiểm tra cuối không khớp). Xin kiểm tra lại từng chữ số.',
    });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9].map((position) => [position]))(
    'rejects every single-digit typo at position %i of a valid code when the digit is replaced',
    (position) => {
      const valid = '0100109106';
      for (let digit = 0; digit <= 9; digit += 1) {
        const original = valid[position - 1];
        if (String(digit) === original) {
          continue;
        }
        const typo = `${valid.slice(0, position - 1)}${digit}${valid.slice(position)}`;
        expect(parseTaxCode(typo).ok).toBe(false);
      }
    },
  );

  it('rejects branch 000 as OUT_OF_RANGE with a message explaining branches start at 001', () => {
    expect(parseTaxCode('0100109106-000')).toEqual({
      ok: false,
      code: 'OUT_OF_RANGE',
      message: 'Mã chi nhánh (3 số cuối) phải từ 001 đến 999, không thể là 000.',
    });
  });

  it('rejects branch 000 when written without a dash', () => {
    expect(parseTaxCode('0100109106000')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
  });

  it('rejects an all-zero sequence number as OUT_OF_RANGE when the rest looks valid', () => {
    // 01 0000000 3 has a correct check digit but sequence numbers start at 0000001.
    expect(isValidTaxCodeCheckDigit('0100000003')).toBe(true);
    expect(parseTaxCode('0100000003')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
  });

  it('rejects input longer than 64 characters as TOO_LONG without scanning it', () => {
    expect(parseTaxCode('0'.repeat(65))).toMatchObject({ ok: false, code: 'TOO_LONG' });
  });

  it('writes every message in Vietnamese with diacritics when rejecting', () => {
    for (const input of ['', 'abc', '0100109107', '0100109106-000', '0'.repeat(65)]) {
      const result = parseTaxCode(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(/Mã số thuế|mã số thuế|Mã chi nhánh/);
      }
    }
  });
});

describe('isValidTaxCodeCheckDigit', () => {
  it.each(REAL_TAX_CODES)('returns true for the real code of %s when given its ten digits', (_name, code) => {
    expect(isValidTaxCodeCheckDigit(code)).toBe(true);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((digit) => [digit]))(
    'returns false for check digit %i when the first nine digits have remainder 0',
    (digit) => {
      // 31·0 + 29·1 + 23·0 + 19·0 + 17·1 + 13·0 + 7·9 + 5·1 + 3·6 = 132 = 12 · 11.
      expect(isValidTaxCodeCheckDigit(`010010916${digit}`)).toBe(false);
    },
  );

  it.each([
    ['', 'empty'],
    ['010010910', 'nine digits'],
    ['0100109106001', 'thirteen digits'],
    ['0100109106-', 'a trailing dash'],
    ['010010910a', 'a letter'],
    [' 0100109106', 'a space'],
  ])('returns false for %j when it is not exactly ten digits (%s)', (input) => {
    expect(isValidTaxCodeCheckDigit(input)).toBe(false);
  });
});
