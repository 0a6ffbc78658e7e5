import { offsetKey, parseOffsetKey } from '../../../../src/core/reminders/offset-key';

describe('offsetKey', () => {
  it.each([
    [-14, 'D-14'],
    [-7, 'D-7'],
    [-3, 'D-3'],
    [-1, 'D-1'],
    [0, 'D0'],
    [1, 'D+1'],
    [3, 'D+3'],
    [59, 'D+59'],
  ])('writes %i days from the deadline day as %s, and reads it back', (days, key) => {
    expect(offsetKey(days)).toBe(key);
    expect(parseOffsetKey(key)).toBe(days);
  });

  it.each([[1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('throws RangeError for %p days', (days) => {
    expect(() => offsetKey(days)).toThrow(RangeError);
  });
});

describe('parseOffsetKey', () => {
  it.each([['D'], ['D-0'], ['D+0'], ['D-01'], ['d-1'], ['D 1'], ['D1'], ['X-1'], ['D-1a'], [''], ['manual']])(
    'returns undefined for the foreign key %p',
    (key) => {
      expect(parseOffsetKey(key)).toBeUndefined();
    },
  );
});
