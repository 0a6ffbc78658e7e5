import { formatVnd, formatVndShort } from '../../../../src/core/money/format-vnd';
import { parseAmount } from '../../../../src/core/money/parse-amount';

describe('formatVnd', () => {
  it.each([
    [0, '0 đồng'],
    [5, '5 đồng'],
    [999, '999 đồng'],
    [1_000, '1.000 đồng'],
    [12_345, '12.345 đồng'],
    [500_000, '500.000 đồng'],
    [1_250_000_000, '1.250.000.000 đồng'],
    [12_500_000_000, '12.500.000.000 đồng'],
    [1e15, '1.000.000.000.000.000 đồng'],
    [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991 đồng'],
    [-5_000, '-5.000 đồng'],
    [123_456_789_012_345_678_901n, '123.456.789.012.345.678.901 đồng'],
  ])('writes %p as %s with dots between thousands', (amount, expected) => {
    expect(formatVnd(amount)).toBe(expected);
  });

  it.each([[0.5], [1e16], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'throws RangeError when the amount %p is not a safe integer',
    (amount) => {
      expect(() => formatVnd(amount)).toThrow(RangeError);
    },
  );
});

describe('formatVndShort', () => {
  it.each([
    [0, '0 đồng'],
    [500, '500 đồng'],
    [1_000, '1 nghìn đồng'],
    [1_500, '1,5 nghìn đồng'],
    [500_000, '500 nghìn đồng'],
    [1_000_000, '1 triệu đồng'],
    [1_500_000, '1,5 triệu đồng'],
    [1_250_000, '1,25 triệu đồng'],
    [350_000_000, '350 triệu đồng'],
    [1_000_000_000, '1 tỷ đồng'],
    [2_300_000_000, '2,3 tỷ đồng'],
    [12_500_000_000, '12,5 tỷ đồng'],
    [100_000_000, '100 triệu đồng'],
    [12_345_000_000, '12 tỷ 345 triệu đồng'],
    [12_340_000_000, '12,34 tỷ đồng'],
    [2_001_000_000, '2 tỷ 1 triệu đồng'],
    [1_234_000, '1 triệu 234 nghìn đồng'],
    [-12_345_000_000, '-12 tỷ 345 triệu đồng'],
    [1_250_000_000_000, '1.250 tỷ đồng'],
    [1e15, '1.000.000 tỷ đồng'],
    [-2_500_000_000, '-2,5 tỷ đồng'],
    [2_000_000_000_000_000n, '2.000.000 tỷ đồng'],
  ])('writes %p as %s in the largest exact unit', (amount, expected) => {
    expect(formatVndShort(amount)).toBe(expected);
  });

  it.each([
    [1_234_567, '1.234.567 đồng'],
    [1_001, '1.001 đồng'],
    [999_999, '999.999 đồng'],
    [1_234_500, '1.234.500 đồng'],
    [12_345_678_900, '12.345.678.900 đồng'],
    [2_300_000_001, '2.300.000.001 đồng'],
  ])('falls back to the full figure for %p when three decimals are not enough', (amount, expected) => {
    expect(formatVndShort(amount)).toBe(expected);
  });

  it.each([
    ['12,5 tỷ'],
    ['350 triệu'],
    ['2 tỷ 300 triệu'],
    ['2 tỷ 345 triệu'],
    ['1tr5'],
    ['1 triệu 234 nghìn'],
    ['500k'],
    ['1.250.000.000'],
    ['1.234.567'],
    ['1.000.000 tỷ'],
  ])(
    'writes what parseAmount read from %j so that parsing it again gives the same amount',
    (input) => {
      const first = parseAmount(input, { kind: 'money', unit: 'dong' });
      expect(first.ok).toBe(true);
      if (first.ok) {
        const again = parseAmount(formatVndShort(first.value), { kind: 'money', unit: 'dong' });
        expect(again).toEqual(first);
      }
    },
  );

  it('throws RangeError when the amount is not a safe integer', () => {
    expect(() => formatVndShort(1.5)).toThrow(RangeError);
  });
});
