import {
  assertValidReminderSettings,
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
} from '../../../../src/core/reminders/reminder-settings';

describe('DEFAULT_REMINDER_SETTINGS', () => {
  it('holds the association defaults in Vietnam time', () => {
    expect(DEFAULT_REMINDER_SETTINGS).toEqual({
      offsetsDays: [14, 7, 3, 1],
      lastDayMorning: true,
      overdueDays: [1, 3],
      sendAt: { hour: 8, minute: 0 },
      quietHours: { start: 21, end: 7 },
      skipSundays: false,
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(() => assertValidReminderSettings(DEFAULT_REMINDER_SETTINGS)).not.toThrow();
  });
});

describe('assertValidReminderSettings', () => {
  const base = DEFAULT_REMINDER_SETTINGS;

  it.each<[string, Partial<ReminderSettings>]>([
    ['offsetsDays', { offsetsDays: [7, -1] }],
    ['offsetsDays', { offsetsDays: [1.5] }],
    ['overdueDays', { overdueDays: [0] }],
    ['overdueDays', { overdueDays: [Number.NaN] }],
    ['sendAt.hour', { sendAt: { hour: 24, minute: 0 } }],
    ['sendAt.hour', { sendAt: { hour: -1, minute: 0 } }],
    ['sendAt.minute', { sendAt: { hour: 8, minute: 60 } }],
    ['quietHours.start', { quietHours: { start: 24, end: 7 } }],
    ['quietHours.end', { quietHours: { start: 21, end: 7.5 } }],
  ])('throws RangeError naming %s', (field, change) => {
    expect(() => assertValidReminderSettings({ ...base, ...change })).toThrow(
      new RegExp(field.replace('.', '\\.')),
    );
    expect(() => assertValidReminderSettings({ ...base, ...change })).toThrow(RangeError);
  });

  it('throws RangeError for an unknown time zone', () => {
    expect(() => assertValidReminderSettings({ ...base, timeZone: 'Mars/Olympus_Mons' })).toThrow(
      RangeError,
    );
  });

  it.each<[string, Partial<ReminderSettings>]>([
    ['no offsets at all', { offsetsDays: [], overdueDays: [] }],
    ['a D0 offset', { offsetsDays: [0] }],
    ['no quiet hours', { quietHours: { start: 0, end: 0 } }],
    ['quiet hours within a day', { quietHours: { start: 12, end: 14 } }],
    ['the edges of the clock', { sendAt: { hour: 23, minute: 59 }, quietHours: { start: 23, end: 0 } }],
  ])('accepts %s', (_name, change) => {
    expect(() => assertValidReminderSettings({ ...base, ...change })).not.toThrow();
  });
});
