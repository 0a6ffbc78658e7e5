import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

/** A captured payload from test/fixtures/zalo with `patch` deep-merged in (arrays replaced). */
export function fixtureWith(name: string, patch: object = {}): Record<string, unknown> {
  const base: unknown = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/zalo', `${name}.json`), 'utf8'));
  return merge(base, patch) as Record<string, unknown>;
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Zalo OA's `X-ZEvent-Signature` for `raw`: mac=sha256(app id + body + timestamp + OA secret key). */
export function zaloSignature(appId: string, secretKey: string, raw: string, timestamp: string): string {
  return `mac=${createHash('sha256').update(`${appId}${raw}${timestamp}${secretKey}`).digest('hex')}`;
}

/** The machine's Redis; each test uses keys under its own random prefix and removes them. */
export function testRedis(): Redis {
  return new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1, lazyConnect: false });
}

export async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}
