import { formatVnDateTime } from '../../../../src/core/dates/format-vn-date-time';
import { wallClockAsUtc } from '../../../../src/core/dates/zoned-time';

describe('wallClockAsUtc', () => {
  it.each([
    ['2022-07-09T17:00:00Z', 'Asia/Ho_Chi_Minh', '2022-07-10T00:00:00.000Z'],
    ['2022-07-01T02:32:45Z', 'Asia/Ho_Chi_Minh', '2022-07-01T09:32:45.000Z'],
    ['2022-03-27T01:30:00Z', 'Europe/Berlin', '2022-03-27T03:30:00.000Z'],
    ['2022-12-31T23:59:59Z', 'UTC', '2022-12-31T23:59:59.000Z'],
  ])('reads %s in %s as the wall clock %s', (instant, zone, wall) => {
    expect(wallClockAsUtc(new Date(instant), zone).toISOString()).toBe(wall);
  });

  it('refuses an invalid Date', () => {
    expect(() => wallClockAsUtc(new Date('x'), 'UTC')).toThrow(RangeError);
  });
});

describe('formatVnDateTime', () => {
  it.each([
    ['2022-07-01T02:32:00Z', '09:32 ngày 01/07/2022'],
    ['2022-07-09T16:59:00Z', '23:59 ngày 09/07/2022'],
    ['2022-07-09T17:00:00Z', '00:00 ngày 10/07/2022'],
  ])('writes %s as %s in Bắc Giang', (instant, text) => {
    expect(formatVnDateTime(new Date(instant), 'Asia/Ho_Chi_Minh')).toBe(text);
  });
});
