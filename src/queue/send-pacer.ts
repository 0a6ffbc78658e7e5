import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/**
 * Books the next send slot for a channel across every process, `intervalUs` after the last one
 * and not before a hold (a 429's retry_after) ends, on Redis's clock, and says how long to wait
 * for it (microseconds, so that the spacing need not be rounded to whole milliseconds: 34 ms for
 * 30/s wasted 2 % of the allowance). KEYS: the slot, the hold.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local hold = tonumber(redis.call('GET', KEYS[2]) or '0')
local slot = math.max(now, last + tonumber(ARGV[1]), hold)
redis.call('SET', KEYS[1], string.format('%.0f', slot), 'PX', 60000)
return slot - now
`;

/**
 * The last gate before a send goes: 0 when it may go now, and then it is logged; otherwise how
 * long to wait, in microseconds, negative for a hold (look for a new slot afterwards) and positive
 * when `ARGV[2]` sends already went within the last `ARGV[1]` µs (wait for the oldest to leave that
 * window, then ask again). KEYS: the hold, the log of recent sends (a sorted set scored by time).
 * ARGV[3]: a name for this send, unique in the log.
 */
const GATE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local hold = tonumber(redis.call('GET', KEYS[1]) or '0')
if hold > now then return now - hold end
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%.0f', now - window))
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  local oldest = tonumber(redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2])
  return math.max(1, oldest + window - now)
end
redis.call('ZADD', KEYS[2], string.format('%.0f', now), ARGV[3])
redis.call('PEXPIRE', KEYS[2], math.ceil(window / 1000) + 60000)
return 0
`;

/** Holds every send until `ARGV[1]` ms from now (or later, if held longer already). KEYS: the hold. */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilUs = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now + tonumber(ARGV[1]) * 1000)
redis.call('SET', KEYS[1], string.format('%.0f', untilUs), 'PX', tonumber(ARGV[1]) + 60000)
return 0
`;

/**
 * Slots 1.5 % further apart than the rate allows: at 30/s, 33.83 ms apart, 98.5 % of the
 * allowance, and 30 slots span 1,015 ms, so a send may reach the platform up to 15 ms after its
 * slot and still leave at most 30 in any sliding second there (1 % was not enough for a worker
 * sharing its event loop with an embedded database under test).
 */
export function paceIntervalUs(ratePerSecond: number): number {
  return Math.ceil((1_000_000 / ratePerSecond) * 1.015);
}

/**
 * A send that wakes later than this after its slot gives the slot up and books another. When the
 * process stalls (a garbage collection, a fan-out enqueuing thousands of jobs), every timer that
 * fell due meanwhile fires at once, and sending then would put half a second's sends into a few
 * milliseconds (bench/broadcast-paced.ts saw 33 in one second). A third of the slack above; the
 * rest is for the way from here to the platform.
 */
const LATE_MS = 5;

/**
 * The slots alone keep the spacing only while every send goes when its slot says: a send that
 * went a few milliseconds late, followed by 30 on time, put 31 into one second at the platform
 * (bench/broadcast-paced.ts, about once per 2,400 sends). So the last gate also counts the sends
 * that actually went: no more than the rate within a second and this margin, which is what is
 * left, for the way to the platform, of the slots' 15 ms of slack. It holds a send back only when
 * sends bunched, a few milliseconds at a time, so the utilisation stays. (A window of the whole
 * 15 ms held back every send that went less late than the one 30 before it: 31 again, and gaps
 * from 1 ms to 45 ms.)
 */
const LOG_MARGIN_US = 10_000;

/**
 * How long before its slot a send asks whether it is still wanted: the wait for a slot can be most
 * of a second, and a broadcast cancelled meanwhile should not go out; asking at the slot itself
 * would make the send late by the question's round trip.
 */
const ASK_LEAD_MS = 25;

export interface SendPacer {
  /**
   * Waits for this send's turn; resolves true when it may go, false when `stillWanted`, asked
   * shortly before the turn, said no (the turn is then left unused).
   */
  waitForTurn(stillWanted?: () => Promise<boolean>): Promise<boolean>;
  /**
   * No send goes for `ms` (the platform said to retry after that long): neither those booked
   * later nor those already waiting for a slot, which look again when they wake.
   */
  holdFor(ms: number): Promise<void>;
}

export function createSendPacer(redis: Redis, key: string, ratePerSecond: number, sleep: (ms: number) => Promise<unknown>): SendPacer {
  const intervalUs = paceIntervalUs(ratePerSecond);
  const [slotKey, holdKey, logKey] = [`${key}:slot`, `${key}:hold`, `${key}:sent`];
  // Below one a second, the slots alone are more than a second apart.
  const perWindow = Math.max(1, Math.floor(ratePerSecond));
  const windowUs = 1_000_000 + LOG_MARGIN_US;
  const prefix = randomUUID();
  let sends = 0;
  return {
    async waitForTurn(stillWanted) {
      for (;;) {
        const waitUs = Number(await redis.eval(RESERVE, 2, slotKey, holdKey, intervalUs));
        const due = performance.now() + waitUs / 1000;
        if (stillWanted && waitUs / 1000 > ASK_LEAD_MS) {
          await sleep(Math.floor(waitUs / 1000 - ASK_LEAD_MS));
          if (!(await stillWanted())) return false;
        }
        const rest = due - performance.now();
        if (rest > 0) await sleep(Math.ceil(rest));
        if (performance.now() - due > LATE_MS) continue;
        sends += 1;
        let gate = Number(await redis.eval(GATE, 2, holdKey, logKey, windowUs, perWindow, `${prefix}:${sends}`));
        while (gate > 0) {
          await sleep(Math.ceil(gate / 1000));
          gate = Number(await redis.eval(GATE, 2, holdKey, logKey, windowUs, perWindow, `${prefix}:${sends}`));
        }
        if (gate === 0) return true;
      }
    },
    async holdFor(ms) {
      await redis.eval(HOLD, 1, holdKey, Math.ceil(ms));
    },
  };
}
