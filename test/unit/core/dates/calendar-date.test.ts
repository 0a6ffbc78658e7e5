import {
  addDays,
  compareCalendarDates,
  dayOfWeek,
  daysInMonth,
  formatVnDate,
  isLeapYear,
  type CalendarDate,
} from '../../../../src/core/dates/calendar-date';

const date = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

describe('formatVnDate', () => {
  it.each([
    [date(2022, 7, 10), '10/07/2022'],
    [date(2022, 1, 1), '01/01/2022'],
    [date(2022, 12, 31), '31/12/2022'],
    [date(1999, 9, 2), '02/09/1999'],
    [date(2024, 2, 29), '29/02/2024'],
    [date(800, 3, 5), '05/03/0800'],
  ])('writes %o as %s, day first and zero-padded', (value, expected) => {
    expect(formatVnDate(value)).toBe(expected);
  });
});

describe('compareCalendarDates', () => {
  it.each([
    [date(2022, 7, 10), date(2022, 7, 10), 0],
    [date(2022, 7, 9), date(2022, 7, 10), -1],
    [date(2022, 7, 11), date(2022, 7, 10), 1],
    [date(2022, 6, 30), date(2022, 7, 1), -1],
    [date(2022, 12, 31), date(2023, 1, 1), -1],
    [date(2023, 1, 1), date(2022, 12, 31), 1],
    [date(2022, 8, 1), date(2022, 7, 31), 1],
  ])('compares %o with %o as %i', (a, b, expected) => {
    expect(compareCalendarDates(a, b)).toBe(expected);
  });

  it('sorts dates chronologically when used with Array#sort', () => {
    const dates = [date(2023, 1, 1), date(2022, 7, 10), date(2022, 12, 31), date(2022, 7, 9)];
    expect([...dates].sort(compareCalendarDates)).toEqual([
      date(2022, 7, 9),
      date(2022, 7, 10),
      date(2022, 12, 31),
      date(2023, 1, 1),
    ]);
  });
});

describe('addDays', () => {
  it.each([
    [date(2022, 7, 10), 0, date(2022, 7, 10)],
    [date(2022, 7, 10), 1, date(2022, 7, 11)],
    [date(2022, 7, 31), 1, date(2022, 8, 1)],
    [date(2022, 12, 31), 1, date(2023, 1, 1)],
    [date(2023, 1, 1), -1, date(2022, 12, 31)],
    [date(2024, 2, 28), 1, date(2024, 2, 29)],
    [date(2023, 2, 28), 1, date(2023, 3, 1)],
    [date(2024, 3, 1), -1, date(2024, 2, 29)],
    [date(2022, 7, 10), 30, date(2022, 8, 9)],
    [date(2022, 7, 10), 365, date(2023, 7, 10)],
    [date(2024, 1, 1), 366, date(2025, 1, 1)],
    [date(2000, 2, 28), 1, date(2000, 2, 29)],
    [date(1900, 2, 28), 1, date(1900, 3, 1)],
    [date(1970, 1, 1), -1, date(1969, 12, 31)],
    [date(2022, 7, 10), -3650, date(2012, 7, 12)],
    [date(2022, 3, 27), 1, date(2022, 3, 28)],
  ])('moves %o by %i days to %o', (start, days, expected) => {
    expect(addDays(start, days)).toEqual(expected);
  });

  it('walks day by day through a whole leap year without skipping or repeating a date', () => {
    let current = date(2024, 1, 1);
    for (let step = 0; step < 366; step += 1) {
      const next = addDays(current, 1);
      expect(compareCalendarDates(next, current)).toBe(1);
      expect(next.day).toBe(current.day === daysInMonth(current.year, current.month) ? 1 : current.day + 1);
      current = next;
    }
    expect(current).toEqual(date(2025, 1, 1));
  });

  it.each([[0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'throws RangeError when days is %p',
    (days) => {
      expect(() => addDays(date(2022, 7, 10), days)).toThrow(RangeError);
    },
  );
});

describe('dayOfWeek', () => {
  it.each([
    [date(1970, 1, 1), 4],
    [date(2022, 7, 10), 0],
    [date(2022, 7, 11), 1],
    [date(2024, 2, 29), 4],
    [date(2000, 1, 1), 6],
    [date(1945, 9, 2), 0],
    [date(2025, 1, 29), 3],
    [date(1969, 12, 31), 3],
  ])('returns %o as day %i (0 = Sunday)', (value, expected) => {
    expect(dayOfWeek(value)).toBe(expected);
  });

  it('agrees with Date#getUTCDay for every day of 2023 and 2024', () => {
    let current = date(2023, 1, 1);
    for (let step = 0; step < 731; step += 1) {
      const utc = new Date(Date.UTC(current.year, current.month - 1, current.day));
      expect(dayOfWeek(current)).toBe(utc.getUTCDay());
      current = addDays(current, 1);
    }
  });
});

describe('daysInMonth', () => {
  it.each([
    [2023, 1, 31],
    [2023, 2, 28],
    [2024, 2, 29],
    [2000, 2, 29],
    [1900, 2, 28],
    [2023, 4, 30],
    [2023, 6, 30],
    [2023, 9, 30],
    [2023, 11, 30],
    [2023, 12, 31],
    [2023, 7, 31],
    [2023, 8, 31],
  ])('returns for %i-%i the count %i', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });
});

describe('isLeapYear', () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
  ])('says %i is a leap year: %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });
});
