import { Redis } from 'ioredis';

/** Deletes every key of a test's queue prefix from the machine's Redis. */
export async function removeQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis('redis://127.0.0.1:6379');
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
