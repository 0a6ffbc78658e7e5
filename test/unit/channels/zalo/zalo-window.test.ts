import { zaloWindow } from '../../../../src/channels/zalo/zalo-window';

const last = new Date('2022-07-01T09:00:00+07:00');
const hours = (n: number) => new Date(last.getTime() + n * 3_600_000);

describe('zaloWindow', () => {
  it.each([
    ['right after the message', 0, 'free'],
    ['one millisecond before 48 hours', 48 - 1 / 3_600_000, 'free'],
    ['exactly 48 hours after', 48, 'paid'],
    ['three days after', 72, 'paid'],
    ['one millisecond before 7 days', 168 - 1 / 3_600_000, 'paid'],
    ['exactly 7 days after', 168, 'closed'],
    ['a month after', 720, 'closed'],
  ])('is %s: %s h → %s', (_label, h, expected) => {
    expect(zaloWindow(last, hours(Number(h)))).toBe(expected);
  });

  it('is closed for a person who never wrote', () => {
    expect(zaloWindow(null, last)).toBe('closed');
  });

  it('is free when our clock is behind the interaction (clock skew)', () => {
    expect(zaloWindow(last, hours(-1))).toBe('free');
  });
});
