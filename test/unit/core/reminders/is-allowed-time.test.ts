import { isAllowedTime } from '../../../../src/core/reminders/is-allowed-time';
import type { SendingWindow } from '../../../../src/core/reminders/next-allowed-time';

const vn = (local: string): Date => new Date(`${local}+07:00`);

const vietnam: SendingWindow = {
  quietHours: { start: 21, end: 7 },
  skipSundays: false,
  timeZone: 'Asia/Ho_Chi_Minh',
};
const windows = { vietnam, vietnamNoSundays: { ...vietnam, skipSundays: true } };

describe('isAllowedTime', () => {
  it.each<[string, 'vietnam' | 'vietnamNoSundays', boolean]>([
    ['2022-07-07T06:59:59.999', 'vietnam', false],
    ['2022-07-07T07:00:00.000', 'vietnam', true],
    ['2022-07-07T08:00:00.000', 'vietnam', true],
    ['2022-07-07T20:59:59.999', 'vietnam', true],
    ['2022-07-07T21:00:00.000', 'vietnam', false],
    ['2022-07-07T23:00:00.000', 'vietnam', false],
    ['2022-07-08T00:00:00.000', 'vietnam', false],
    ['2022-07-03T08:00:00.000', 'vietnam', true],
    ['2022-07-03T08:00:00.000', 'vietnamNoSundays', false],
    ['2022-07-03T20:59:59.999', 'vietnamNoSundays', false],
    ['2022-07-04T07:00:00.000', 'vietnamNoSundays', true],
    ['2022-07-02T20:00:00.000', 'vietnamNoSundays', true],
  ])('at %s with %s returns %p', (local, window, expected) => {
    expect(isAllowedTime(vn(local), windows[window])).toBe(expected);
  });
});

describe('isAllowedTime in other zones', () => {
  it('reads the hour in the zone: 00:30 UTC is allowed in Vietnam (07:30) but quiet in UTC', () => {
    const instant = new Date('2022-07-04T00:30:00.000Z');
    expect(isAllowedTime(instant, vietnam)).toBe(true);
    expect(isAllowedTime(instant, { ...vietnam, timeZone: 'UTC' })).toBe(false);
  });

  it('reads the day in the zone: Sunday 23:30 UTC is Monday 06:30 in Vietnam, still quiet', () => {
    const instant = new Date('2022-07-03T23:30:00.000Z');
    expect(isAllowedTime(instant, windows.vietnamNoSundays)).toBe(false);
    expect(isAllowedTime(new Date('2022-07-04T00:00:00.000Z'), windows.vietnamNoSundays)).toBe(true);
  });
});
