import { performance } from 'node:perf_hooks';

/** Where code gets the current time, so that tests and simulations can control it. */
export interface Clock {
  /** The current instant; a new `Date` each call, so callers may mutate it freely. */
  now(): Date;
}

/** A clock for tests that only moves when told to. */
export interface FixedClock extends Clock {
  /** Jumps to `at` (backwards too). */
  set(at: Date): void;
  /** Moves forward by `ms` milliseconds (backwards when negative). */
  advance(ms: number): void;
}

/**
 * The clock to use in running code.
 *
 * Without `startAt` it is the system clock. With `startAt` it reads `startAt` at the moment it is
 * created and runs on from there at real speed, for rehearsing a campaign "as if it were" another
 * day. Elapsed time comes from `monotonic` (milliseconds, `performance.now()` by default), which
 * does not jump when the system clock is adjusted; `monotonic` is ignored without `startAt`.
 *
 * @throws RangeError when `startAt` is an invalid `Date`.
 */
export function createClock(options: { startAt?: Date; monotonic?: () => number } = {}): Clock {
  const { startAt, monotonic = () => performance.now() } = options;
  if (startAt === undefined) {
    return { now: () => new Date() };
  }
  const start = validTime(startAt);
  const origin = monotonic();
  return {
    now: () => new Date(start + Math.floor(monotonic() - origin)),
  };
}

/**
 * A clock for tests, standing still at `at` until moved with `set` or `advance`.
 *
 * @throws RangeError when `at` (or a later `set`) is an invalid `Date`, or `advance` is given a
 * non-finite number.
 */
export function createFixedClock(at: Date): FixedClock {
  // Copy the time, not the Date, so the caller mutating its Date cannot move the clock.
  let current = validTime(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = validTime(next);
    },
    advance: (ms) => {
      if (!Number.isFinite(ms)) {
        throw new RangeError(`advance needs a finite number of milliseconds, got ${ms}`);
      }
      current += ms;
    },
  };
}

function validTime(date: Date): number {
  const time = date.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError('The clock needs a valid Date');
  }
  return time;
}
