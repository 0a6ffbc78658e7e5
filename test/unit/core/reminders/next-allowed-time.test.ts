import { dayOfWeek } from '../../../../src/core/dates/calendar-date';
import { nextAllowedTime, type SendingWindow } from '../../../../src/core/reminders/next-allowed-time';

/** A wall-clock reading in Vietnam (UTC+7, no daylight saving) as an instant. */
const vn = (local: string): Date => new Date(`${local}+07:00`);

const vietnam: SendingWindow = {
  quietHours: { start: 21, end: 7 },
  skipSundays: false,
  timeZone: 'Asia/Ho_Chi_Minh',
};
const vietnamNoSundays: SendingWindow = { ...vietnam, skipSundays: true };

describe('calendar facts the tables rely on', () => {
  it('has 3/7/2022 and 11/12/2022 on Sundays and 4/7/2022 on a Monday', () => {
    expect(dayOfWeek({ year: 2022, month: 7, day: 3 })).toBe(0);
    expect(dayOfWeek({ year: 2022, month: 7, day: 4 })).toBe(1);
    expect(dayOfWeek({ year: 2022, month: 12, day: 11 })).toBe(0);
    expect(dayOfWeek({ year: 2022, month: 6, day: 26 })).toBe(0);
  });
});

describe('nextAllowedTime', () => {
  it.each<[string, SendingWindow, string, string]>([
    ['an allowed time is kept', vietnam, '2022-07-07T08:00:00.000', '2022-07-07T08:00:00.000'],
    ['07:00 is the first allowed instant', vietnam, '2022-07-07T07:00:00.000', '2022-07-07T07:00:00.000'],
    ['20:59:59.999 is still allowed', vietnam, '2022-07-07T20:59:59.999', '2022-07-07T20:59:59.999'],
    ['21:00 moves to 07:00 the next day', vietnam, '2022-07-07T21:00:00.000', '2022-07-08T07:00:00.000'],
    ['22:00 moves to 07:00 the next day', vietnam, '2022-07-07T22:00:00.000', '2022-07-08T07:00:00.000'],
    ['23:59:59.999 moves to 07:00 the next day', vietnam, '2022-07-07T23:59:59.999', '2022-07-08T07:00:00.000'],
    ['midnight moves to 07:00 the same day', vietnam, '2022-07-08T00:00:00.000', '2022-07-08T07:00:00.000'],
    ['06:59:59.999 moves to 07:00', vietnam, '2022-07-08T06:59:59.999', '2022-07-08T07:00:00.000'],
    ['quiet hours cross the month end', vietnam, '2022-06-30T22:00:00.000', '2022-07-01T07:00:00.000'],
    ['Sunday 08:00 is allowed when Sundays are not skipped', vietnam, '2022-07-03T08:00:00.000', '2022-07-03T08:00:00.000'],
    ['Sunday 08:00 moves to Monday 07:00', vietnamNoSundays, '2022-07-03T08:00:00.000', '2022-07-04T07:00:00.000'],
    ['Sunday 00:00 moves to Monday 07:00', vietnamNoSundays, '2022-07-03T00:00:00.000', '2022-07-04T07:00:00.000'],
    ['Saturday 22:00 skips Sunday to Monday 07:00', vietnamNoSundays, '2022-07-02T22:00:00.000', '2022-07-04T07:00:00.000'],
    ['Saturday 20:59 stays', vietnamNoSundays, '2022-07-02T20:59:00.000', '2022-07-02T20:59:00.000'],
    ['Monday 06:00 after a Sunday moves to 07:00', vietnamNoSundays, '2022-07-04T06:00:00.000', '2022-07-04T07:00:00.000'],
    [
      'quiet hours within a day end at their end hour',
      { ...vietnam, quietHours: { start: 12, end: 14 } },
      '2022-07-07T12:30:00.000',
      '2022-07-07T14:00:00.000',
    ],
    [
      'quiet hours within a day leave the evening free',
      { ...vietnam, quietHours: { start: 12, end: 14 } },
      '2022-07-07T22:00:00.000',
      '2022-07-07T22:00:00.000',
    ],
    [
      'quiet hours ending at midnight move to midnight',
      { ...vietnam, quietHours: { start: 21, end: 0 } },
      '2022-07-07T23:00:00.000',
      '2022-07-08T00:00:00.000',
    ],
    [
      'equal start and end mean no quiet hours',
      { ...vietnam, quietHours: { start: 0, end: 0 } },
      '2022-07-07T03:00:00.000',
      '2022-07-07T03:00:00.000',
    ],
  ])('%s', (_name, window, local, expected) => {
    expect(nextAllowedTime(vn(local), window).toISOString()).toBe(vn(expected).toISOString());
  });

  it('reads the hours in the zone, not in UTC', () => {
    // 00:30 UTC is 07:30 in Vietnam: allowed there, quiet in UTC.
    const instant = new Date('2022-07-04T00:30:00.000Z');
    expect(nextAllowedTime(instant, vietnam).toISOString()).toBe('2022-07-04T00:30:00.000Z');
    expect(nextAllowedTime(instant, { ...vietnam, timeZone: 'UTC' }).toISOString()).toBe(
      '2022-07-04T07:00:00.000Z',
    );
  });

  it('lands just after a daylight-saving gap when the quiet hours end inside it', () => {
    // Berlin, 31/3/2024: clocks jump from 02:00 to 03:00, so 02:00 does not exist.
    const berlin: SendingWindow = { quietHours: { start: 21, end: 2 }, skipSundays: false, timeZone: 'Europe/Berlin' };
    const lateSaturday = new Date('2024-03-30T22:30:00.000Z'); // 23:30 CET
    expect(nextAllowedTime(lateSaturday, berlin).toISOString()).toBe('2024-03-31T01:00:00.000Z'); // 03:00 CEST
  });

  it('throws RangeError for an invalid Date', () => {
    expect(() => nextAllowedTime(new Date(Number.NaN), vietnam)).toThrow(RangeError);
  });
});
