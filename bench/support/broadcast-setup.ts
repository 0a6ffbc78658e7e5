import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { foldText } from '../../src/core/text/fold-text';
import { type Database, openDatabase } from '../../src/db/database';
import { prepareDatabase } from '../../src/db/prepare-database';
import { silentLogger } from '../../test/support/silent-logger';
import { freePort } from '../../test/support/free-port';
import { serviceNodeArgs, spawnService, startService, type ServiceProcess } from '../../test/support/service-process';
import type { FakeTelegramServer } from '../../test/fakes/fake-telegram-server';
import { dropSchema, testPostgresUrl, withSchema } from '../../test/support/test-database';

export const FIRST_CHAT = 8_000_000_000;

/** A migrated PostgreSQL schema of its own with `members` active members, one Telegram contact each. */
export async function createBenchDatabase(members: number): Promise<{ db: Database; url: string; schema: string; seedSeconds: number; drop(): Promise<void> }> {
  const schema = `bench_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  const db = await openDatabase({ kind: 'postgres', url });
  await prepareDatabase(db, silentLogger);
  const t0 = performance.now();
  const area = await db.prisma.area.findFirstOrThrow({ where: { code: 'hiep-hoa' } });
  const CHUNK = 5_000;
  for (let from = 0; from < members; from += CHUNK) {
    const n = Math.min(CHUNK, members - from);
    const data = Array.from({ length: n }, (_, i) => {
      const name = `Công ty Thử tải số ${from + i}`;
      return { name, nameFolded: foldText(name), areaId: area.id, status: 'active' as const, inviteCode: `T${String(from + i).padStart(8, '0')}` };
    });
    const created = await db.prisma.member.createManyAndReturn({ data, select: { id: true } });
    await db.prisma.contact.createMany({
      data: created.map((m, i) => ({ channel: 'telegram' as const, platformUserId: String(FIRST_CHAT + from + i), memberId: m.id })),
    });
  }
  const seedSeconds = (performance.now() - t0) / 1000;
  return {
    db,
    url,
    schema,
    seedSeconds,
    async drop() {
      await db.close();
      await dropSchema(schema);
    },
  };
}

/**
 * The worker on the bench's database, Redis prefix and fake Bot API: as production runs it
 * (`node dist/src/main/worker.js`, built first with `npm run build`) when `built`, else through tsx
 * as `npm run worker` does — tsx's compiler adds about 100 MB to the resident memory.
 */
export async function startWorker(env: Record<string, string>, options: { built?: boolean } = {}): Promise<{ worker: ServiceProcess; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-bench-'));
  const settings = { DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:6379', LOG_LEVEL: 'info', ...env };
  // The worker listens on no port of its own; PORT must still be a valid setting.
  const port = await freePort();
  const worker = options.built ? startBuilt('worker', settings, port) : startService('worker', settings, port);
  const deadline = Date.now() + 120_000;
  while (!worker.output().includes('worker ready')) {
    if (Date.now() > deadline) throw new Error(`worker not ready:\n${worker.output()}`);
    await sleep(100);
  }
  return {
    worker,
    async stop() {
      worker.child.kill('SIGTERM');
      await worker.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const root = path.join(__dirname, '..', '..');

/** Compiles the service as the Docker image does (`npm run build`). */
export function buildService(): void {
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}

/** `node dist/src/main/<entry>.js`, as production runs it, with the same output capture as `startService`. */
export function startBuilt(entry: string, env: Record<string, string>, port: number): ServiceProcess {
  // The worker with the heap limit docker-compose.yml (and `npm run worker:prod`) gives it.
  const heapLimit = entry === 'worker' ? ['--max-old-space-size=192'] : [];
  const args = [...heapLimit, ...serviceNodeArgs(), path.join(root, 'dist/src/main', `${entry}.js`)];
  return spawnService(args, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, port);
}

/**
 * Polls a broadcast every `pollMs` until all its `members` rows are sent or failed, or until
 * `deadline`: seldom, because the fake Bot API records arrivals on this process's event loop and
 * each poll's queries take time from it. `onPoll` runs after each poll (a bench's own sampling).
 */
export async function awaitBroadcast(
  db: Database,
  broadcastId: number,
  options: { members: number; createdAt: number; pollMs: number; deadline: number; onPoll?: () => Promise<void> },
): Promise<{ fanoutSeconds: number | null; settled: number }> {
  let fanoutSeconds: number | null = null;
  let settled = 0;
  while (Date.now() < options.deadline) {
    await sleep(options.pollMs);
    const row = await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
    if (fanoutSeconds === null && row.fanoutDoneAt) fanoutSeconds = (row.fanoutDoneAt.getTime() - options.createdAt) / 1000;
    settled = await db.prisma.delivery.count({ where: { broadcastId, status: { in: ['sent', 'failed'] } } });
    await options.onPoll?.();
    if (process.env.BENCH_DEBUG) console.error({ settled, fanoutSeconds });
    if (settled >= options.members) break;
  }
  // Anything still in flight (a send past its row's count) reaches the fake.
  await sleep(1_000);
  return { fanoutSeconds, settled };
}

/** The sends the fake received (arrival times sorted), how many distinct chats, and the broadcast's rows by status. */
export async function collectSends(fake: FakeTelegramServer, db: Database, broadcastId: number) {
  const sends = fake.callsTo('sendMessage');
  const times = sends.map((c) => c.at).sort((a, b) => a - b);
  const distinctChats = new Set(sends.map((c) => String(c.params.chat_id))).size;
  const byStatus = await db.prisma.delivery.groupBy({ by: ['status'], where: { broadcastId }, _count: { _all: true } });
  const rows = Object.fromEntries(byStatus.map((r) => [r.status, r._count._all]));
  return { sends, times, distinctChats, duplicates: sends.length - distinctChats, rows };
}

/** Resident memory of a process started through tsx: the largest of it and its children, in MB. */
export async function rssMb(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  // Read from /proc rather than by running pgrep: a synchronous child process would stall this
  // process's event loop, which also serves the fake Bot API the worker under test is sending to.
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const pids = [String(pid), ...children.split(/\s+/).filter(Boolean)];
  let max = 0;
  for (const p of pids) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    max = Math.max(max, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
  }
  return Math.round(max / 1024);
}

/** The largest number of arrival times in any window of `windowMs` (a sliding second by default). */
export function maxInWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
