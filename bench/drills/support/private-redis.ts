import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { pingRedis } from '../../../src/queue/redis';
import { freePort } from '../../../test/support/free-port';

export interface PrivateRedis {
  readonly url: string;
  readonly dir: string;
  /** The SHUTDOWN command: Redis writes and syncs its append-only file, then exits. */
  shutdown(): Promise<void>;
  /** `kill -9`: with `appendfsync everysec` the last second of writes may be lost. */
  kill9(): Promise<void>;
  /** Deletes the data directory (Redis must be stopped): the next start is empty. */
  wipe(): Promise<void>;
  /** Starts it again on the same port and directory (replaying the append-only file). */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  close(): Promise<void>;
}

/**
 * A redis-server of the drill's own, on a free port with its data in a temporary directory and
 * `appendonly yes` (as `npm start` runs its private one): the machine's shared Redis on 6379 is
 * never stopped.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'hiephoi-drill-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    for (let waited = 0; waited < 10_000; waited += 50) {
      if (await pingRedis(url, 500)) return;
      if (proc.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`private redis-server on ${port} did not answer`);
  }

  async function kill(signal: NodeJS.Signals): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  }

  await start();
  return {
    url,
    dir,
    start,
    async shutdown() {
      const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      // The connection closes under the command: its "error" is the expected outcome.
      await client.call('SHUTDOWN').catch(() => undefined);
      client.disconnect();
      await exited;
    },
    kill9: () => kill('SIGKILL'),
    async wipe() {
      for (const entry of await readdir(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });
    },
    async close() {
      await kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
