// Fault drill (issue 9): Redis restarted mid-broadcast. The worker runs against a private
// redis-server (a free port, a temporary directory, appendonly yes, appendfsync everysec; the
// machine's shared Redis is never touched). For each variant a broadcast to MEMBERS members starts;
// once RESTART_AT of them are sent, Redis goes down for DOWN_MS and comes back:
//   shutdown — the SHUTDOWN command (the append-only file is synced; nothing is lost);
//   kill9    — kill -9 (up to about a second of queue writes may be lost);
//   wipe     — kill -9 and its data directory deleted: Redis comes back empty, every job is gone
//              and only the database knows what is left to send (the sweeper must put it back).
// The same worker process lives through all of them. lost = members never sent to, duplicates =
// sends beyond one per member; expected: lost 0, duplicates ≤ DELIVERY_CONCURRENCY, no crash.
// Run: npx tsx bench/drills/restart-redis.ts [shutdown|kill9|wipe …] → one JSON line.
// MEMBERS (2,000), CONCURRENCY (20), RATE (0: no limit), DOWN_MS (3,000), SETTLE_S (150).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../src/db/database';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../test/fakes/fake-telegram-server';
import { freePort } from '../../test/support/free-port';
import { createBenchDatabase } from '../support/broadcast-setup';
import { acceptedSends, countSends, createDueBroadcast, reportDrill, round, rowsByStatus, waitUntilSettled } from './support/broadcast-drill';
import { type PrivateRedis, startPrivateRedis } from './support/private-redis';
import { type ProcessGroup, startProcessGroup } from './support/process-group';

const MEMBERS = Number(process.env.MEMBERS ?? 2_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const RATE = Number(process.env.RATE ?? 0);
const RESTART_AT = Number(process.env.RESTART_AT ?? 0.3);
const DOWN_MS = Number(process.env.DOWN_MS ?? 3_000);
const SETTLE_S = Number(process.env.SETTLE_S ?? 150);
const LOCK_MS = 4_000;
const variants = ['shutdown', 'kill9', 'wipe'] as const;
type Variant = (typeof variants)[number];

async function main() {
  const chosen = process.argv.slice(2).filter((a): a is Variant => (variants as readonly string[]).includes(a));
  const fake = await startFakeTelegramServer();
  const bench = await createBenchDatabase(MEMBERS);
  const redis = await startPrivateRedis();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-drill-'));
  const worker = startProcessGroup(
    'worker',
    {
      DATABASE_URL: bench.url,
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'drill',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_RATE_PER_SECOND: String(RATE),
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
      DELIVERY_LOCK_MS: String(LOCK_MS),
    },
    await freePort(),
  );
  try {
    await worker.waitFor('worker ready');
    const results = [];
    for (const variant of chosen.length > 0 ? chosen : variants) {
      results.push(await drill(variant, { fake, db: bench.db, redis, worker }));
    }
    const workerAlive = worker.child.exitCode === null && worker.child.signalCode === null;
    const lost = results.reduce((sum, r) => sum + r.lost, 0);
    const duplicates = results.reduce((sum, r) => sum + r.duplicates, 0);
    reportDrill({
      drill: 'restart-redis',
      members: MEMBERS,
      concurrency: CONCURRENCY,
      ratePerSecond: RATE,
      downMs: DOWN_MS,
      lockMs: LOCK_MS,
      variants: results,
      workerAlive,
      lost,
      duplicates,
      passed: workerAlive && results.every((r) => r.passed),
    });
  } finally {
    await worker.stop();
    await redis.close();
    await bench.drop();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function drill(variant: Variant, ctx: { fake: FakeTelegramServer; db: Database; redis: PrivateRedis; worker: ProcessGroup }) {
  const { fake, db, redis } = ctx;
  fake.clearCalls();
  const body = `Diễn tập Redis (${variant}) ${Date.now()}: khởi động lại giữa chừng.`;
  const broadcastId = await createDueBroadcast(db, body);
  const started = Date.now();
  await fake.waitForCalls('sendMessage', Math.ceil(MEMBERS * RESTART_AT), 120_000);
  if (variant === 'shutdown') await redis.shutdown();
  else await redis.kill9();
  const downAt = Date.now();
  const sentAtFault = acceptedSends(fake, body);
  if (variant === 'wipe') await redis.wipe();
  await sleep(DOWN_MS);
  const sentWhileDown = acceptedSends(fake, body) - sentAtFault;
  const restartAt = Date.now();
  await redis.start();
  const settledSeconds = await waitUntilSettled(db, broadcastId, MEMBERS, SETTLE_S * 1000);
  await sleep(1_000);
  const firstSendAfter = fake.calls.find((c) => c.method === 'sendMessage' && c.at > restartAt)?.at;
  const rows = await rowsByStatus(db, broadcastId);
  const sends = countSends(fake, body, MEMBERS);
  return {
    variant,
    sentAtFault,
    sentWhileDown,
    secondsToFault: round((downAt - started) / 1000),
    firstSendAfterRestartSeconds: firstSendAfter === undefined ? null : round((firstSendAfter - restartAt) / 1000),
    settledAfterRestartSeconds: settledSeconds === null ? null : round(settledSeconds),
    rows,
    sends: sends.sends,
    lost: sends.lost,
    duplicates: sends.duplicates,
    passed: settledSeconds !== null && sends.lost === 0 && sends.duplicates <= CONCURRENCY && rows.sent === MEMBERS,
  };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
