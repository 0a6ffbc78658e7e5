import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
} from '../../../../src/core/reminders/reminder-settings';
import { reminderSlots, type ReminderSlot } from '../../../../src/core/reminders/reminder-slots';

/** A wall-clock reading in Vietnam (UTC+7, no daylight saving) as an instant. */
const vn = (local: string): Date => new Date(`${local}:00.000+07:00`);

// 2022 plan: the 6-month report is due "before 10/7/2022", the annual one "before 10/12/2022".
const sixMonth = { opensAt: vn('2022-06-01T00:00'), deadlineAt: vn('2022-07-10T00:00') };
const annual = { opensAt: vn('2022-11-01T00:00'), deadlineAt: vn('2022-12-10T00:00') };

const settings = (change: Partial<ReminderSettings> = {}): ReminderSettings => ({
  ...DEFAULT_REMINDER_SETTINGS,
  ...change,
});

/** `key @ local time in Vietnam`, so a table reads like the calendar the office sees. */
const show = (slots: readonly ReminderSlot[]): string[] =>
  slots.map((slot) => {
    const local = new Date(slot.dueAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    return `${slot.offsetKey} @ ${local}`;
  });

describe('reminderSlots', () => {
  it('lays out the 6-month report of 2022 with the defaults', () => {
    expect(show(reminderSlots(sixMonth, settings()))).toEqual([
      'D-14 @ 2022-06-26T08:00',
      'D-7 @ 2022-07-03T08:00',
      'D-3 @ 2022-07-07T08:00',
      'D-1 @ 2022-07-09T08:00',
      'D+1 @ 2022-07-11T08:00',
      'D+3 @ 2022-07-13T08:00',
    ]);
  });

  it('lays out the annual report of 2022 (before 10/12) with the defaults', () => {
    expect(show(reminderSlots(annual, settings()))).toEqual([
      'D-14 @ 2022-11-26T08:00',
      'D-7 @ 2022-12-03T08:00',
      'D-3 @ 2022-12-07T08:00',
      'D-1 @ 2022-12-09T08:00',
      'D+1 @ 2022-12-11T08:00',
      'D+3 @ 2022-12-13T08:00',
    ]);
  });

  it('gives the slots as instants: D-1 of the 6-month report is 2022-07-09T01:00Z', () => {
    const slots = reminderSlots(sixMonth, settings());
    expect(sixMonth.deadlineAt.toISOString()).toBe('2022-07-09T17:00:00.000Z');
    expect(slots.find((slot) => slot.offsetKey === 'D-1')).toEqual({
      offsetKey: 'D-1',
      offsetDays: -1,
      dueAt: new Date('2022-07-09T01:00:00.000Z'),
    });
  });

  it('takes the deadline day in the zone, not in UTC (the deadline is 9/7 17:00 in UTC)', () => {
    // In UTC the same instant is 9/7 17:00, so the deadline's day would be 9/7 and the last day 8/7.
    const inVietnam = reminderSlots(sixMonth, settings({ offsetsDays: [1], lastDayMorning: false, overdueDays: [] }));
    expect(inVietnam.map((slot) => slot.dueAt.toISOString())).toEqual(['2022-07-09T01:00:00.000Z']);
    const inUtc = reminderSlots(
      sixMonth,
      settings({ timeZone: 'UTC', offsetsDays: [1], lastDayMorning: false, overdueDays: [] }),
    );
    expect(inUtc.map((slot) => slot.dueAt.toISOString())).toEqual(['2022-07-08T08:00:00.000Z']);
  });

  describe('the last day', () => {
    it('dedupes the last-day morning with D-1, which lands on the same instant', () => {
      const slots = reminderSlots(sixMonth, settings({ lastDayMorning: true }));
      expect(slots.filter((slot) => slot.offsetKey === 'D-1')).toHaveLength(1);
      expect(show(slots)).toEqual(show(reminderSlots(sixMonth, settings({ lastDayMorning: false }))));
    });

    it.each<[boolean, string[]]>([
      [true, ['D-14 @ 2022-06-26T08:00', 'D-7 @ 2022-07-03T08:00', 'D-3 @ 2022-07-07T08:00', 'D-1 @ 2022-07-09T08:00']],
      [false, ['D-14 @ 2022-06-26T08:00', 'D-7 @ 2022-07-03T08:00', 'D-3 @ 2022-07-07T08:00']],
    ])('adds D-1 on 9/7 without a 1-day offset only when lastDayMorning is %p', (lastDayMorning, expected) => {
      const slots = reminderSlots(sixMonth, settings({ offsetsDays: [14, 7, 3], lastDayMorning, overdueDays: [] }));
      expect(show(slots)).toEqual(expected);
    });

    it('is the deadline day itself (D0) when the deadline is later in the day than sendAt', () => {
      const at17 = { ...sixMonth, deadlineAt: vn('2022-07-10T17:00') };
      expect(show(reminderSlots(at17, settings()))).toEqual([
        'D-14 @ 2022-06-26T08:00',
        'D-7 @ 2022-07-03T08:00',
        'D-3 @ 2022-07-07T08:00',
        'D-1 @ 2022-07-09T08:00',
        'D0 @ 2022-07-10T08:00',
        'D+1 @ 2022-07-11T08:00',
        'D+3 @ 2022-07-13T08:00',
      ]);
      expect(show(reminderSlots(at17, settings({ lastDayMorning: false })))).not.toContain('D0 @ 2022-07-10T08:00');
    });

    it.each([
      ['07:00, before sendAt', '2022-07-10T07:00'],
      ['08:00, exactly sendAt', '2022-07-10T08:00'],
    ])('has no D0 when the deadline is at %s on its day', (_name, deadline) => {
      const slots = reminderSlots({ ...sixMonth, deadlineAt: vn(deadline) }, settings({ offsetsDays: [1, 0] }));
      expect(slots.map((slot) => slot.offsetKey)).toEqual(['D-1', 'D+1', 'D+3']);
    });

    it('has no D0 for a midnight deadline even when 0 is among the offsets', () => {
      const slots = reminderSlots(sixMonth, settings({ offsetsDays: [0, 1] }));
      expect(slots.map((slot) => slot.offsetKey)).toEqual(['D-1', 'D+1', 'D+3']);
    });
  });

  describe('quiet hours', () => {
    it('moves sendAt 22:00 to 07:00 the next day, and drops D-1, which then lands after the deadline', () => {
      expect(show(reminderSlots(sixMonth, settings({ sendAt: { hour: 22, minute: 0 } })))).toEqual([
        'D-14 @ 2022-06-27T07:00',
        'D-7 @ 2022-07-04T07:00',
        'D-3 @ 2022-07-08T07:00',
        // D-1 would be 10/7 07:00, after the deadline of 10/7 00:00.
        'D+1 @ 2022-07-12T07:00',
        'D+3 @ 2022-07-14T07:00',
      ]);
    });

    it('keeps sendAt 20:59, the last allowed minute', () => {
      const slots = reminderSlots(sixMonth, settings({ sendAt: { hour: 20, minute: 59 }, offsetsDays: [1], overdueDays: [] }));
      expect(show(slots)).toEqual(['D-1 @ 2022-07-09T20:59']);
    });

    it('keeps one message when two moved slots coincide, the one closer to the deadline', () => {
      // sendAt 06:00 is quiet, so every slot moves to 07:00; with Sundays skipped, Sunday 3/7 (D-7)
      // moves to Monday 4/7 07:00, where D-6 already is.
      const slots = reminderSlots(
        sixMonth,
        settings({ sendAt: { hour: 6, minute: 0 }, skipSundays: true, offsetsDays: [7, 6], overdueDays: [], lastDayMorning: false }),
      );
      expect(show(slots)).toEqual(['D-6 @ 2022-07-04T07:00']);
    });
  });

  describe('Sundays', () => {
    it('moves the Sunday slots of the 6-month report (26/6 and 3/7) to Monday 07:00 when skipped', () => {
      expect(show(reminderSlots(sixMonth, settings({ skipSundays: true })))).toEqual([
        'D-14 @ 2022-06-27T07:00',
        'D-7 @ 2022-07-04T07:00',
        'D-3 @ 2022-07-07T08:00',
        'D-1 @ 2022-07-09T08:00',
        'D+1 @ 2022-07-11T08:00',
        'D+3 @ 2022-07-13T08:00',
      ]);
    });

    it('moves D+1 of the annual report (Sunday 11/12) to Monday 12/12 07:00 when skipped', () => {
      expect(show(reminderSlots(annual, settings({ skipSundays: true })))).toEqual([
        'D-14 @ 2022-11-26T08:00',
        'D-7 @ 2022-12-03T08:00',
        'D-3 @ 2022-12-07T08:00',
        'D-1 @ 2022-12-09T08:00',
        'D+1 @ 2022-12-12T07:00',
        'D+3 @ 2022-12-13T08:00',
      ]);
    });
  });

  describe('the period window', () => {
    it.each<[string, string, string[]]>([
      ['before every slot', '2022-06-01T00:00', ['D-14', 'D-7', 'D-3', 'D-1', 'D+1', 'D+3']],
      ['on 1/7, after D-14', '2022-07-01T00:00', ['D-7', 'D-3', 'D-1', 'D+1', 'D+3']],
      ['exactly at D-7', '2022-07-03T08:00', ['D-7', 'D-3', 'D-1', 'D+1', 'D+3']],
      ['one minute after D-7', '2022-07-03T08:01', ['D-3', 'D-1', 'D+1', 'D+3']],
    ])('keeps only the slots at or after the opening when the period opens %s', (_name, opens, keys) => {
      const slots = reminderSlots({ ...sixMonth, opensAt: vn(opens) }, settings());
      expect(slots.map((slot) => slot.offsetKey)).toEqual(keys);
    });

    it('drops a slot that opens 1 ms after it', () => {
      const opensAt = new Date(vn('2022-07-03T08:00').getTime() + 1);
      expect(reminderSlots({ ...sixMonth, opensAt }, settings()).map((slot) => slot.offsetKey)).not.toContain('D-7');
    });

    it('keeps follow-ups while late reports are accepted (60 days, to 8/9 00:00) and drops later ones', () => {
      const slots = reminderSlots(sixMonth, settings({ offsetsDays: [], lastDayMorning: false, overdueDays: [1, 59, 60, 61] }));
      expect(show(slots)).toEqual(['D+1 @ 2022-07-11T08:00', 'D+59 @ 2022-09-07T08:00']);
    });

    it('dedupes repeated offsets', () => {
      const slots = reminderSlots(sixMonth, settings({ offsetsDays: [3, 3, 1], overdueDays: [1, 1] }));
      expect(slots.map((slot) => slot.offsetKey)).toEqual(['D-3', 'D-1', 'D+1']);
    });
  });

  it.each([
    ['an invalid deadline', { ...sixMonth, deadlineAt: new Date(Number.NaN) }, settings()],
    ['an invalid opening', { ...sixMonth, opensAt: new Date(Number.NaN) }, settings()],
    ['invalid settings', sixMonth, settings({ sendAt: { hour: 25, minute: 0 } })],
    ['an unknown zone', sixMonth, settings({ timeZone: 'Nowhere/Special' })],
  ])('throws RangeError for %s', (_name, period, config) => {
    expect(() => reminderSlots(period, config)).toThrow(RangeError);
  });
});
