import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../core/errors';
import type { Logger } from '../lib/logger';
import { pingRedis } from '../queue/redis';

export interface RedisHandle {
  /** Stops the private redis-server, if this process started one. */
  stop(): Promise<void>;
}

/**
 * Makes sure a Redis answers at `url`. On a fresh machine with none running, and a `redis-server`
 * binary on PATH, starts a private one on that local port with its data (append-only) under
 * DATA_DIR; otherwise stops the start with a message saying how to get Redis.
 */
export async function ensureRedis(options: {
  url: string;
  autostart: 'auto' | 'never';
  dataDir: string;
  logger: Logger;
}): Promise<RedisHandle> {
  const noop: RedisHandle = { stop: async () => undefined };
  if (await pingRedis(options.url)) return noop;

  const target = new URL(options.url);
  const local = ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(target.hostname);
  const binary = findOnPath('redis-server');
  if (options.autostart === 'never' || !local || !binary || target.password) {
    throw new AppError(
      'REDIS_UNAVAILABLE',
      `Không kết nối được Redis tại ${target.host}. Hãy cài và chạy Redis ` +
        '(Debian/Ubuntu: apt-get install redis-server), hoặc đặt REDIS_URL trỏ tới một Redis đang chạy.',
    );
  }

  const port = target.port || '6379';
  const dir = path.resolve(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    binary,
    ['--port', port, '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  options.logger.info({ port, dir }, 'started a private redis-server');

  for (let waited = 0; waited < 10_000; waited += 100) {
    if (await pingRedis(options.url, 500)) return { stop: () => stopChild(child, exited) };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stopChild(child, exited);
  throw new AppError('REDIS_UNAVAILABLE', `redis-server đã được chạy nhưng không trả lời ở cổng ${port}.`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
