import type { CalendarDate } from '../../../../src/core/dates/calendar-date';
import {
  startOfDayInZone,
  toCalendarDateInZone,
  zonedDateTime,
} from '../../../../src/core/dates/zoned-time';

const date = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

describe('startOfDayInZone', () => {
  it.each([
    // Vietnam: UTC+7 all year, no daylight saving.
    [date(2022, 7, 10), 'Asia/Ho_Chi_Minh', '2022-07-09T17:00:00.000Z'],
    [date(2022, 1, 1), 'Asia/Ho_Chi_Minh', '2021-12-31T17:00:00.000Z'],
    [date(2024, 2, 29), 'Asia/Ho_Chi_Minh', '2024-02-28T17:00:00.000Z'],
    [date(2024, 3, 31), 'Asia/Ho_Chi_Minh', '2024-03-30T17:00:00.000Z'],
    [date(2022, 7, 10), 'Asia/Bangkok', '2022-07-09T17:00:00.000Z'],
    [date(2022, 7, 10), 'UTC', '2022-07-10T00:00:00.000Z'],
    [date(2022, 7, 10), 'Asia/Kolkata', '2022-07-09T18:30:00.000Z'],
    [date(2022, 7, 10), 'Asia/Kathmandu', '2022-07-09T18:15:00.000Z'],
    [date(2022, 7, 10), 'America/New_York', '2022-07-10T04:00:00.000Z'],
    [date(2022, 1, 10), 'America/New_York', '2022-01-10T05:00:00.000Z'],
    [date(2022, 7, 10), 'Pacific/Kiritimati', '2022-07-09T10:00:00.000Z'],
    // Berlin: the spring-forward day starts in winter time, the next day in summer time.
    [date(2024, 3, 30), 'Europe/Berlin', '2024-03-29T23:00:00.000Z'],
    [date(2024, 3, 31), 'Europe/Berlin', '2024-03-30T23:00:00.000Z'],
    [date(2024, 4, 1), 'Europe/Berlin', '2024-03-31T22:00:00.000Z'],
    // Berlin: the fall-back day starts in summer time, the next day in winter time.
    [date(2024, 10, 27), 'Europe/Berlin', '2024-10-26T22:00:00.000Z'],
    [date(2024, 10, 28), 'Europe/Berlin', '2024-10-27T23:00:00.000Z'],
    [date(2022, 7, 10), 'Europe/Berlin', '2022-07-09T22:00:00.000Z'],
    // Santiago changes clocks at midnight: on 8 Sept 2024 00:00 never happens, the day starts 01:00.
    [date(2024, 9, 8), 'America/Santiago', '2024-09-08T04:00:00.000Z'],
    [date(2024, 9, 7), 'America/Santiago', '2024-09-07T04:00:00.000Z'],
    // On 7 April 2024 Santiago repeats 23:00–24:00 of the 6th, so the 7th begins once, at 00:00 −04.
    [date(2024, 4, 6), 'America/Santiago', '2024-04-06T03:00:00.000Z'],
    [date(2024, 4, 7), 'America/Santiago', '2024-04-07T04:00:00.000Z'],
  ])('returns for %o in %s the instant %s', (day, zone, expected) => {
    expect(startOfDayInZone(day, zone).toISOString()).toBe(expected);
  });

  it.each([['Asia/Ho_Chi_Minh'], ['Europe/Berlin'], ['America/Santiago'], ['Australia/Lord_Howe']])(
    'gives for every day of 2024 in %s an instant on that day whose previous millisecond is the day before',
    (zone) => {
      let day = date(2024, 1, 1);
      for (let step = 0; step < 366; step += 1) {
        const start = startOfDayInZone(day, zone);
        expect(toCalendarDateInZone(start, zone)).toEqual(day);
        expect(toCalendarDateInZone(new Date(start.getTime() - 1), zone)).not.toEqual(day);
        day = nextDay(day);
      }
    },
  );

  it('throws RangeError when the time zone is unknown', () => {
    expect(() => startOfDayInZone(date(2022, 7, 10), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('zonedDateTime', () => {
  it.each([
    [date(2022, 7, 10), 8, 30, 'Asia/Ho_Chi_Minh', '2022-07-10T01:30:00.000Z'],
    [date(2022, 7, 10), 23, 59, 'Asia/Ho_Chi_Minh', '2022-07-10T16:59:00.000Z'],
    [date(2022, 7, 10), 6, 0, 'Asia/Ho_Chi_Minh', '2022-07-09T23:00:00.000Z'],
    [date(2024, 3, 31), 1, 59, 'Europe/Berlin', '2024-03-31T00:59:00.000Z'],
    [date(2024, 3, 31), 3, 0, 'Europe/Berlin', '2024-03-31T01:00:00.000Z'],
    [date(2024, 3, 31), 12, 0, 'Europe/Berlin', '2024-03-31T10:00:00.000Z'],
    // 02:30 does not exist that day; moved forward by the one-hour gap to 03:30 CEST.
    [date(2024, 3, 31), 2, 30, 'Europe/Berlin', '2024-03-31T01:30:00.000Z'],
    [date(2024, 3, 31), 2, 0, 'Europe/Berlin', '2024-03-31T01:00:00.000Z'],
    // 02:30 happens twice that day; the earlier (summer time) one is taken.
    [date(2024, 10, 27), 2, 30, 'Europe/Berlin', '2024-10-27T00:30:00.000Z'],
    [date(2024, 10, 27), 3, 0, 'Europe/Berlin', '2024-10-27T02:00:00.000Z'],
    [date(2024, 10, 27), 1, 59, 'Europe/Berlin', '2024-10-26T23:59:00.000Z'],
    [date(2024, 3, 10), 2, 30, 'America/New_York', '2024-03-10T07:30:00.000Z'],
    [date(2024, 11, 3), 1, 30, 'America/New_York', '2024-11-03T05:30:00.000Z'],
    [date(2024, 7, 1), 9, 0, 'UTC', '2024-07-01T09:00:00.000Z'],
  ])('returns for %o %i:%i in %s the instant %s', (day, hour, minute, zone, expected) => {
    expect(zonedDateTime(day, hour, minute, zone).toISOString()).toBe(expected);
  });

  it.each([
    [24, 0],
    [-1, 0],
    [1.5, 0],
    [8, 60],
    [8, -1],
    [8, Number.NaN],
  ])('throws RangeError when hour is %p and minute %p', (hour, minute) => {
    expect(() => zonedDateTime(date(2022, 7, 10), hour, minute, 'Asia/Ho_Chi_Minh')).toThrow(
      RangeError,
    );
  });
});

describe('toCalendarDateInZone', () => {
  it.each([
    ['2022-07-09T17:00:00.000Z', 'Asia/Ho_Chi_Minh', date(2022, 7, 10)],
    ['2022-07-09T16:59:59.999Z', 'Asia/Ho_Chi_Minh', date(2022, 7, 9)],
    ['2022-12-31T17:00:00.000Z', 'Asia/Ho_Chi_Minh', date(2023, 1, 1)],
    ['2022-12-31T16:59:59.999Z', 'Asia/Ho_Chi_Minh', date(2022, 12, 31)],
    ['2022-07-10T03:00:00.000Z', 'America/New_York', date(2022, 7, 9)],
    ['2022-07-10T04:00:00.000Z', 'America/New_York', date(2022, 7, 10)],
    ['2024-10-26T21:59:59.999Z', 'Europe/Berlin', date(2024, 10, 26)],
    ['2024-10-26T22:00:00.000Z', 'Europe/Berlin', date(2024, 10, 27)],
    ['2022-07-10T12:00:00.000Z', 'UTC', date(2022, 7, 10)],
    ['2022-07-09T10:00:00.000Z', 'Pacific/Kiritimati', date(2022, 7, 10)],
  ])('returns for %s in %s the date %o', (iso, zone, expected) => {
    expect(toCalendarDateInZone(new Date(iso), zone)).toEqual(expected);
  });

  it('throws RangeError when the instant is an invalid Date', () => {
    expect(() => toCalendarDateInZone(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });

  it('throws RangeError when the time zone is unknown', () => {
    expect(() => toCalendarDateInZone(new Date(0), 'Not/A_Zone')).toThrow(RangeError);
  });
});

function nextDay(day: CalendarDate): CalendarDate {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return date(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}
