import { parseAmount, type AmountField } from '../../../../src/core/money/parse-amount';

const dong: AmountField = { kind: 'money', unit: 'dong' };
const nghin: AmountField = { kind: 'money', unit: 'nghin' };
const trieu: AmountField = { kind: 'money', unit: 'trieu' };
const ty: AmountField = { kind: 'money', unit: 'ty' };
const count: AmountField = { kind: 'count' };

const MONEY_MALFORMED =
  'Chưa hiểu số tiền này. Xin viết theo dạng 350 triệu, 12,5 tỷ hoặc 1.250.000.000 đồng.';
const COUNT_MALFORMED = 'Chưa hiểu số này. Xin nhập một số nguyên, ví dụ 120 hoặc 1.200.';

describe('parseAmount', () => {
  describe('money with explicit units', () => {
    it.each([
      ['12,5 tỷ', 12_500_000_000],
      ['12.5 ty', 12_500_000_000],
      ['12,5 tỉ', 12_500_000_000],
      ['12,5tỷ', 12_500_000_000],
      ['12,5 TỶ', 12_500_000_000],
      ['0,1 tỷ', 100_000_000],
      ['0.1 ty', 100_000_000],
      ['0,001 tỷ', 1_000_000],
      ['1,123456789 tỷ', 1_123_456_789],
      ['350 triệu', 350_000_000],
      ['350tr', 350_000_000],
      ['350 trieu', 350_000_000],
      ['350 TR', 350_000_000],
      ['350 Triệu đồng', 350_000_000],
      ['2,75 triệu', 2_750_000],
      ['500 nghìn', 500_000],
      ['500k', 500_000],
      ['500 K', 500_000],
      ['500 ngàn', 500_000],
      ['500 ngan', 500_000],
      ['1,5k', 1_500],
      ['5 tỷ đồng', 5_000_000_000],
      ['5 tỷ VND', 5_000_000_000],
      ['5 tỷ vnđ', 5_000_000_000],
      ['0 đồng', 0],
      ['0', 0],
      ['1.000 tỷ', 1_000_000_000_000],
      ['1.250.000 nghìn', 1_250_000_000],
      ['1.250,5 tỷ', 1_250_500_000_000],
      ['1,250.5 tỷ', 1_250_500_000_000],
      ['350 triệu.', 350_000_000],
    ])('reads %j as %d đồng when the unit is written', (input, expected) => {
      expect(parseAmount(input, dong)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['1.250.000.000'],
      ['1,250,000,000'],
      ['1 250 000 000'],
      ['1 250 000 000 đ'],
      ['1 250 000 000đ'],
      ['1.250.000.000 đồng'],
      ['1.250.000.000 dong'],
      ['1250000000 VND'],
      ['1250000000đ'],
      ['1.250.000.000₫'],
      ['1\u00a0250\u00a0000\u00a0000 ₫'],
      ['1,25 tỷ'],
      ['1 tỷ 250 triệu'],
      ['1ty250tr'],
      ['1 tỷ 250'],
      ['1 tỷ 250 triệu đồng'],
      ['1250 triệu'],
    ])('reads %j as exactly 1 250 000 000 đồng in a đồng field', (input) => {
      expect(parseAmount(input, dong)).toEqual({ ok: true, value: 1_250_000_000 });
    });
  });

  describe('money in several parts and spoken shorthand', () => {
    it.each([
      ['2 tỷ 300 triệu', 2_300_000_000],
      ['2 tỷ 3', 2_300_000_000],
      ['2 tỷ 300', 2_300_000_000],
      ['2 tỷ 030', 2_030_000_000],
      ['2ty3', 2_300_000_000],
      ['2 tỷ 3 triệu', 2_003_000_000],
      ['2 tỷ 3,5 triệu', 2_003_500_000],
      ['2 tỷ 500 nghìn', 2_000_500_000],
      ['2 tỷ 300 triệu 500 nghìn', 2_300_500_000],
      ['2 tỷ 300 triệu 5', 2_300_500_000],
      ['1tr5', 1_500_000],
      ['1 triệu 5', 1_500_000],
      ['1tr250', 1_250_000],
      ['3 nghìn 5', 3_500],
      ['3k5', 3_500],
      ['5 nghìn 500 đồng', 5_500],
      ['1tr5 đồng', 1_500_000],
      ['1.250 tỷ 300 triệu', 1_250_300_000_000],
    ])('reads %j as %d đồng', (input, expected) => {
      expect(parseAmount(input, dong)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['2 tỷ 25', 'Chưa rõ “2 tỷ 25” là 2,25 tỷ hay 2 tỷ 25 triệu.'],
      ['1tr25', 'Chưa rõ “1tr25” là 1,25 triệu hay 1 triệu 25 nghìn.'],
      ['3 nghìn 50', 'Chưa rõ “3 nghìn 50” là 3,50 nghìn hay 3 nghìn 50 đồng.'],
      ['2 tỷ 300 triệu 25', 'Chưa rõ “2 tỷ 300 triệu 25” là 2 tỷ 300,25 triệu hay 2 tỷ 300 triệu 25 nghìn.'],
    ])('fails with AMBIGUOUS for %j when two digits follow a unit', (input, start) => {
      const result = parseAmount(input, dong);
      expect(result).toEqual({
        ok: false,
        code: 'AMBIGUOUS',
        message: `${start} Xin viết lại theo đúng một trong hai cách đó.`,
      });
    });

    it.each([
      ['2 tỷ 3000', 'four digits after a unit'],
      ['2,5 tỷ 3', 'a digit after a decimal'],
      ['2,5 tỷ 300 triệu', 'a decimal in an earlier part'],
      ['300 triệu 2 tỷ', 'parts in rising order'],
      ['2 tỷ 3 tỷ', 'the same unit twice'],
      ['2 tỷ 1500 triệu', 'a later part as large as the unit before it'],
      ['2 tỷ 1000 triệu', 'a later part equal to the unit before it'],
      ['5 đồng 5', 'digits after đồng'],
      ['2 3 tỷ', 'two bare numbers'],
      ['tỷ', 'a unit with no number'],
      ['đồng', 'a currency with no number'],
      ['đồng 500', 'the currency first'],
      ['500 đồng tỷ', 'a unit after the currency'],
      ['5 tỷ đồng đồng', 'the currency twice'],
      ['5 tỷ rưỡi', 'an unknown word'],
      ['khoảng 5 tỷ', 'a word in front'],
      ['5 tỷ/năm', 'a slash'],
      ['năm trăm triệu', 'numbers in words'],
      ['5%', 'a percent sign'],
      ['+5 tỷ', 'a plus sign'],
      ['1..5 tỷ', 'two dots in a row'],
      ['1.25.000', 'dots not in groups of three'],
      ['1,250.000.5', 'a decimal point used twice'],
      ['1.250,000.5', 'separators in the wrong order'],
      ['1250.000', 'a lone group of three after four digits'],
      ['.5 tỷ', 'a leading dot'],
      ['5, tỷ', 'a trailing comma'],
      ['abc', 'letters only'],
    ])('fails with MALFORMED for %j when it has %s', (input) => {
      expect(parseAmount(input, dong)).toEqual({
        ok: false,
        code: 'MALFORMED',
        message: MONEY_MALFORMED,
      });
    });
  });

  describe('bare numbers take the field unit', () => {
    const fields: Readonly<Record<string, AmountField>> = { dong, nghin, trieu, ty };

    it.each([
      ['45', 'trieu', 45_000_000],
      ['45', 'ty', 45_000_000_000],
      ['45', 'nghin', 45_000],
      ['45', 'dong', 45],
      ['12,5', 'ty', 12_500_000_000],
      ['12.5', 'trieu', 12_500_000],
      ['0,5', 'nghin', 500],
      ['0,001', 'ty', 1_000_000],
      ['1.250.000', 'dong', 1_250_000],
      ['1.250', 'dong', 1_250],
      ['1,250', 'dong', 1_250],
      ['1.000', 'trieu', 1_000_000_000],
      ['45 đồng', 'trieu', 45],
      ['45 VND', 'ty', 45],
      ['45 tỷ', 'trieu', 45_000_000_000],
      ['350 triệu', 'ty', 350_000_000],
      ['12 500', 'trieu', 12_500_000_000],
    ])('reads %j as %s in the field unit and gives %d đồng', (input, unit, expected) => {
      const field = fields[unit];
      expect(field).toBeDefined();
      if (field !== undefined) {
        expect(parseAmount(input, field)).toEqual({ ok: true, value: expected });
      }
    });
  });

  describe('a dot or comma before exactly three digits', () => {
    it.each([
      ['1.250 tỷ', dong, 'Chưa rõ “1.250 tỷ” là 1250 tỷ hay 1,25 tỷ.'],
      ['1,250 tỷ', dong, 'Chưa rõ “1,250 tỷ” là 1250 tỷ hay 1,25 tỷ.'],
      ['1.200 triệu', dong, 'Chưa rõ “1.200 triệu” là 1200 triệu hay 1,2 triệu.'],
      ['2 tỷ 1.250 triệu', dong, 'Chưa rõ “2 tỷ 1.250 triệu” là 1250 triệu hay 1,25 triệu.'],
      ['1.250 nghìn', dong, 'Chưa rõ “1.250 nghìn” là 1250 nghìn hay 1,25 nghìn.'],
      ['1.250', trieu, 'Chưa rõ “1.250” là 1250 triệu hay 1,25 triệu.'],
      ['1.250', ty, 'Chưa rõ “1.250” là 1250 tỷ hay 1,25 tỷ.'],
      ['1.250', nghin, 'Chưa rõ “1.250” là 1250 nghìn hay 1,25 nghìn.'],
      ['12,345 tỷ', dong, 'Chưa rõ “12,345 tỷ” là 12345 tỷ hay 12,345 tỷ.'],
      ['  1.250 TỶ  ', dong, 'Chưa rõ “1.250 TỶ” là 1250 tỷ hay 1,25 tỷ.'],
    ])('fails with AMBIGUOUS for %j when both readings are possible', (input, field, start) => {
      expect(parseAmount(input, field)).toEqual({
        ok: false,
        code: 'AMBIGUOUS',
        message: `${start} Xin viết lại theo đúng một trong hai cách đó.`,
      });
    });

    it.each([
      ['1250 tỷ', 1_250_000_000_000],
      ['1,25 tỷ', 1_250_000_000],
      ['1.25 tỷ', 1_250_000_000],
      ['1.250.000 triệu', 1_250_000_000_000],
      ['1.250,0 tỷ', 1_250_000_000_000],
    ])('reads the unambiguous rewrite %j as %d đồng', (input, expected) => {
      expect(parseAmount(input, dong)).toEqual({ ok: true, value: expected });
    });
  });

  describe('amounts that are not whole đồng', () => {
    it.each([
      ['12,5', dong],
      ['12,5 đồng', ty],
      ['0,5 đ', dong],
      ['1,2345 nghìn', dong],
      ['0,0001 nghìn', dong],
      ['1,0000000001 tỷ', dong],
    ])('fails with MALFORMED for %j when it leaves a fraction of a đồng', (input, field) => {
      expect(parseAmount(input, field)).toEqual({
        ok: false,
        code: 'MALFORMED',
        message: 'Số tiền phải tròn đến đồng, không có phần lẻ dưới 1 đồng.',
      });
    });
  });

  describe('negative, empty, too long', () => {
    it.each([['-5'], ['- 5 triệu'], ['−5 tỷ'], ['âm 5'], ['âm 5 triệu'], ['am 5'], ['-1.250.000 đồng']])(
      'fails with NEGATIVE for %j',
      (input) => {
        expect(parseAmount(input, trieu)).toEqual({
          ok: false,
          code: 'NEGATIVE',
          message: 'Số tiền không được âm.',
        });
      },
    );

    it('fails with NEGATIVE and the count wording when a count is negative', () => {
      expect(parseAmount('-3 người', count)).toEqual({
        ok: false,
        code: 'NEGATIVE',
        message: 'Số lượng không được âm.',
      });
    });

    it('reads minus zero as zero when the sign changes nothing', () => {
      expect(parseAmount('-0', dong)).toEqual({ ok: true, value: 0 });
    });

    it('reports the malformed rest rather than NEGATIVE when what follows the sign is garbage', () => {
      expect(parseAmount('-abc', dong)).toMatchObject({ ok: false, code: 'MALFORMED' });
    });

    it.each([[''], ['   '], ['\t\n'], ['.']])('fails with EMPTY for %j', (input) => {
      expect(parseAmount(input, dong)).toEqual({
        ok: false,
        code: 'EMPTY',
        message: 'Xin nhập số tiền, ví dụ 350 triệu hoặc 12,5 tỷ.',
      });
    });

    it('fails with EMPTY and the count wording when a count is empty', () => {
      expect(parseAmount('', count)).toEqual({
        ok: false,
        code: 'EMPTY',
        message: 'Xin nhập một số, ví dụ 120.',
      });
    });

    it('fails with TOO_LONG when the input is longer than 100 characters', () => {
      expect(parseAmount('1'.repeat(101), dong)).toMatchObject({ ok: false, code: 'TOO_LONG' });
    });
  });

  describe('limits', () => {
    it('accepts exactly the default money maximum of 1 triệu tỷ when nothing is set', () => {
      expect(parseAmount('1.000.000 tỷ', dong)).toEqual({ ok: true, value: 1e15 });
    });

    it('fails with OUT_OF_RANGE showing both amounts when above the default money maximum', () => {
      expect(parseAmount('1.000.001 tỷ', dong)).toEqual({
        ok: false,
        code: 'OUT_OF_RANGE',
        message:
          'Số tiền 1.000.001 tỷ đồng vượt quá mức tối đa 1.000.000 tỷ đồng. Xin kiểm tra lại.',
      });
    });

    it('shows the full figure when the amount has no short form and exceeds the field max', () => {
      expect(parseAmount('1.234.567', { kind: 'money', unit: 'dong', max: 1_000_000 })).toEqual({
        ok: false,
        code: 'OUT_OF_RANGE',
        message: 'Số tiền 1.234.567 đồng vượt quá mức tối đa 1 triệu đồng. Xin kiểm tra lại.',
      });
    });

    it('keeps every digit in the message when the amount is past the safe integer range', () => {
      const result = parseAmount('123456789012345678901', dong);
      expect(result).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
      if (!result.ok) {
        expect(result.message).toContain('123.456.789.012.345.678.901 đồng');
      }
    });

    it('catches a full amount in đồng typed into a field counted in tỷ', () => {
      expect(parseAmount('1.250.000.000', ty)).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    });

    it.each([
      ['500 triệu', 500_000_000, true],
      ['500.000.001', 500_000_000, false],
      ['100', 100, true],
      ['101', 100, false],
    ])('applies a field max to %j (max %d, accepted: %s)', (input, max, accepted) => {
      expect(parseAmount(input, { kind: 'money', unit: 'dong', max }).ok).toBe(accepted);
    });

    it('caps a field max above the safe integer range so the result stays safe', () => {
      const field: AmountField = { kind: 'money', unit: 'dong', max: Number.MAX_VALUE };
      expect(parseAmount('9007199254740991', field)).toEqual({
        ok: true,
        value: Number.MAX_SAFE_INTEGER,
      });
      expect(parseAmount('9007199254740992', field)).toMatchObject({
        ok: false,
        code: 'OUT_OF_RANGE',
      });
    });

    it('accepts exactly the default count maximum of ten million when nothing is set', () => {
      expect(parseAmount('10.000.000', count)).toEqual({ ok: true, value: 10_000_000 });
    });

    it('fails with OUT_OF_RANGE showing the count when above the count maximum', () => {
      expect(parseAmount('10.000.001 người', count)).toEqual({
        ok: false,
        code: 'OUT_OF_RANGE',
        message: 'Số lượng 10.000.001 vượt quá mức tối đa 10.000.000. Xin kiểm tra lại.',
      });
    });

    it('applies a count field max when one is set', () => {
      expect(parseAmount('51', { kind: 'count', max: 50 })).toEqual({
        ok: false,
        code: 'OUT_OF_RANGE',
        message: 'Số lượng 51 vượt quá mức tối đa 50. Xin kiểm tra lại.',
      });
    });
  });

  describe('exactness', () => {
    it.each([
      ['0,1 tỷ', 100_000_000],
      ['0,3 tỷ', 300_000_000],
      ['0,7 triệu', 700_000],
      ['1,1 tỷ', 1_100_000_000],
      ['4,35 tỷ', 4_350_000_000],
      ['9,999999999 tỷ', 9_999_999_999],
      ['999.999,999999999 tỷ', 999_999_999_999_999],
    ])('reads %j as exactly %d with no floating-point error', (input, expected) => {
      const result = parseAmount(input, dong);
      expect(result).toEqual({ ok: true, value: expected });
      if (result.ok) {
        expect(Number.isSafeInteger(result.value)).toBe(true);
      }
    });
  });

  describe('counts', () => {
    it.each([
      ['120', 120],
      ['120 người', 120],
      ['120 nguoi', 120],
      ['120 lao động', 120],
      ['45 người lao động', 45],
      ['3 chi nhánh', 3],
      ['1.200', 1_200],
      ['1,200', 1_200],
      ['1 200', 1_200],
      ['1.000', 1_000],
      ['1.200.000', 1_200_000],
      ['0', 0],
      ['007', 7],
      ['1,5 nghìn', 1_500],
      ['2k người', 2_000],
      ['1,2 triệu', 1_200_000],
      ['12,0 người', 12],
      ['120.', 120],
    ])('reads %j as %d', (input, expected) => {
      expect(parseAmount(input, count)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['1.250 nghìn người', 'Chưa rõ “1.250 nghìn người” là 1250 nghìn hay 1,25 nghìn.'],
      ['1,500 k', 'Chưa rõ “1,500 k” là 1500 nghìn hay 1,5 nghìn.'],
      ['2.500 tr', 'Chưa rõ “2.500 tr” là 2500 triệu hay 2,5 triệu.'],
    ])('fails with AMBIGUOUS for the count %j when a multiplier follows one separator', (input, start) => {
      expect(parseAmount(input, count)).toEqual({
        ok: false,
        code: 'AMBIGUOUS',
        message: `${start} Xin viết lại theo đúng một trong hai cách đó.`,
      });
    });

    it.each([['12,5 người'], ['12.5'], ['0,5'], ['1,2345 nghìn']])(
      'fails with MALFORMED for %j when the count is not whole',
      (input) => {
        expect(parseAmount(input, count)).toEqual({
          ok: false,
          code: 'MALFORMED',
          message: 'Số lượng phải là số nguyên, ví dụ 12 hoặc 13.',
        });
      },
    );

    it.each([
      ['5 tỷ', 'a money unit'],
      ['500 đồng', 'a currency'],
      ['500 VND', 'a currency code'],
      ['khoảng 120', 'a word in front'],
      ['120 người 5', 'a number after the noun'],
      ['120-130', 'a range'],
      ['mười hai', 'a number in words'],
      ['1.20.0', 'bad grouping'],
    ])('fails with MALFORMED for %j when it has %s', (input) => {
      expect(parseAmount(input, count)).toEqual({
        ok: false,
        code: 'MALFORMED',
        message: COUNT_MALFORMED,
      });
    });
  });
});
