import { groupThousands } from '../../../../src/core/money/group-thousands';

describe('groupThousands', () => {
  it.each([
    [0n, '0'],
    [7n, '7'],
    [999n, '999'],
    [1_000n, '1.000'],
    [12_345n, '12.345'],
    [123_456n, '123.456'],
    [1_234_567n, '1.234.567'],
    [1_000_000_000n, '1.000.000.000'],
    [-1_000n, '-1.000'],
    [-999n, '-999'],
    [12_345_678_901_234_567_890n, '12.345.678.901.234.567.890'],
  ])('writes %p as %s', (value, expected) => {
    expect(groupThousands(value)).toBe(expected);
  });
});
