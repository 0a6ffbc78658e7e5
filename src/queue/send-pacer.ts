import type { Redis } from 'ioredis';

/**
 * Reserves the next send slot for a channel across every process: slots are `intervalMs` apart on
 * Redis's clock. Returns how long to wait before sending. BullMQ's limiter spaces the *starts* of
 * jobs, but the sends follow a database read of varying length, so two could still fall closer
 * than the interval; pacing the send itself keeps any sliding second within the rate.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], slot, 'PX', 60000)
return slot - now
`;

export function createSendPacer(redis: Redis, key: string, intervalMs: number): () => Promise<number> {
  return async () => {
    const wait = await redis.eval(RESERVE, 1, key, intervalMs);
    return typeof wait === 'number' ? wait : Number(wait);
  };
}
