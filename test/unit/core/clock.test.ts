import { createClock, createFixedClock } from '../../../src/core/clock';

describe('createClock', () => {
  it('follows the system clock when no start is given', () => {
    const clock = createClock();
    const before = Date.now();
    const now = clock.now().getTime();
    const after = Date.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
  });

  it('ignores the monotonic source when no start is given', () => {
    const monotonic = jest.fn(() => 0);
    const clock = createClock({ monotonic });
    clock.now();
    expect(monotonic).not.toHaveBeenCalled();
  });

  it('reads the start instant when created with startAt and no time has passed', () => {
    const clock = createClock({ startAt: new Date('2022-07-10T01:00:00Z'), monotonic: () => 500 });
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:00.000Z');
  });

  it.each([
    [0, '2022-07-10T01:00:00.000Z'],
    [1, '2022-07-10T01:00:00.001Z'],
    [999.9, '2022-07-10T01:00:00.999Z'],
    [60_000, '2022-07-10T01:01:00.000Z'],
    [86_400_000, '2022-07-11T01:00:00.000Z'],
  ])('runs on from startAt by %d ms of monotonic time to %s', (elapsed, expected) => {
    let monotonicNow = 12_345.678;
    const clock = createClock({
      startAt: new Date('2022-07-10T01:00:00Z'),
      monotonic: () => monotonicNow,
    });
    monotonicNow += elapsed;
    expect(clock.now().toISOString()).toBe(expected);
  });

  it('runs at real speed from startAt when using the default monotonic source', async () => {
    const start = new Date('2000-01-01T00:00:00Z');
    const clock = createClock({ startAt: start });
    const first = clock.now().getTime();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = clock.now().getTime();
    expect(first - start.getTime()).toBeLessThan(1000);
    expect(second - first).toBeGreaterThanOrEqual(15);
    expect(second - first).toBeLessThan(5000);
  });

  it('is not moved when the caller mutates the startAt Date afterwards', () => {
    const startAt = new Date('2022-07-10T01:00:00Z');
    const clock = createClock({ startAt, monotonic: () => 0 });
    startAt.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:00.000Z');
  });

  it('returns a fresh Date each call so a caller mutating one cannot move the clock', () => {
    const clock = createClock({ startAt: new Date('2022-07-10T01:00:00Z'), monotonic: () => 0 });
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:00.000Z');
  });

  it('throws RangeError when startAt is an invalid Date', () => {
    expect(() => createClock({ startAt: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('createFixedClock', () => {
  it('stands still at the given instant when nothing moves it', () => {
    const clock = createFixedClock(new Date('2022-07-10T01:00:00Z'));
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:00.000Z');
  });

  it.each([
    [1, '2022-07-10T01:00:00.001Z'],
    [60_000, '2022-07-10T01:01:00.000Z'],
    [-3_600_000, '2022-07-10T00:00:00.000Z'],
    [0, '2022-07-10T01:00:00.000Z'],
  ])('moves by %d ms when advanced', (ms, expected) => {
    const clock = createFixedClock(new Date('2022-07-10T01:00:00Z'));
    clock.advance(ms);
    expect(clock.now().toISOString()).toBe(expected);
  });

  it('adds up successive advances', () => {
    const clock = createFixedClock(new Date('2022-07-10T01:00:00Z'));
    clock.advance(1_000);
    clock.advance(2_000);
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:03.000Z');
  });

  it('jumps to any instant, also backwards, when set', () => {
    const clock = createFixedClock(new Date('2022-07-10T01:00:00Z'));
    clock.set(new Date('2030-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    clock.set(new Date('2000-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2000-01-01T00:00:00.000Z');
    clock.advance(1);
    expect(clock.now().toISOString()).toBe('2000-01-01T00:00:00.001Z');
  });

  it('is not moved when the caller mutates the Date it was created or set with', () => {
    const at = new Date('2022-07-10T01:00:00Z');
    const clock = createFixedClock(at);
    at.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:00.000Z');
    const next = new Date('2023-01-01T00:00:00Z');
    clock.set(next);
    next.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2023-01-01T00:00:00.000Z');
  });

  it('returns a fresh Date each call so a caller mutating one cannot move the clock', () => {
    const clock = createFixedClock(new Date('2022-07-10T01:00:00Z'));
    const first = clock.now();
    first.setUTCFullYear(1999);
    expect(clock.now()).not.toBe(first);
    expect(clock.now().toISOString()).toBe('2022-07-10T01:00:00.000Z');
  });

  it.each([
    ['created', () => createFixedClock(new Date(Number.NaN))],
    ['set', () => createFixedClock(new Date(0)).set(new Date(Number.NaN))],
    ['advanced by NaN', () => createFixedClock(new Date(0)).advance(Number.NaN)],
    ['advanced by Infinity', () => createFixedClock(new Date(0)).advance(Number.POSITIVE_INFINITY)],
  ])('throws RangeError when %s with an invalid value', (_what, act) => {
    expect(act).toThrow(RangeError);
  });
});
