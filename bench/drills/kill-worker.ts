// Fault drill (issue 9): `kill -9` of the worker mid-broadcast, then a restart. A broadcast to
// MEMBERS members goes through `npm run worker` to a fake Bot API; once KILL_AT of them are sent the
// worker's whole process group (tsx and its node child) gets SIGKILL, and a new worker is started.
// lost = members never sent to, duplicates = sends beyond one per member; expected: lost 0,
// duplicates ≤ DELIVERY_CONCURRENCY (the jobs in flight when it died: sent, not yet marked sent).
// DELIVERY_LOCK_MS is 4,000 here (30,000 by default) so the dead worker's jobs come back after 4 s.
// Run: npx tsx bench/drills/kill-worker.ts → one JSON line; exit code 1 if an expectation fails.
// MEMBERS (2,000), CONCURRENCY (20), RATE (sends/s; 0, the default, for no limit: the most sends
// in flight at the kill), KILL_AT (0.3).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeTelegramServer } from '../../test/fakes/fake-telegram-server';
import { freePort } from '../../test/support/free-port';
import { removeQueueKeys } from '../../test/support/redis-keys';
import { createBenchDatabase } from '../support/broadcast-setup';
import { acceptedSends, countSends, createDueBroadcast, reportDrill, round, rowsByStatus, waitUntilSettled } from './support/broadcast-drill';
import { startProcessGroup } from './support/process-group';

const MEMBERS = Number(process.env.MEMBERS ?? 2_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const RATE = Number(process.env.RATE ?? 0);
const KILL_AT = Number(process.env.KILL_AT ?? 0.3);
const LOCK_MS = 4_000;

async function main() {
  const fake = await startFakeTelegramServer();
  const bench = await createBenchDatabase(MEMBERS);
  const prefix = `drill-kill-${Date.now()}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-drill-'));
  const env = {
    DATABASE_URL: bench.url,
    DATA_DIR: dataDir,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_RATE_PER_SECOND: String(RATE),
    DELIVERY_CONCURRENCY: String(CONCURRENCY),
    DELIVERY_LOCK_MS: String(LOCK_MS),
  };
  const body = `Diễn tập ${prefix}: worker bị dừng đột ngột (kill -9) rồi chạy lại.`;
  let second: ReturnType<typeof startProcessGroup> | null = null;
  try {
    const first = startProcessGroup('worker', env, await freePort());
    await first.waitFor('worker ready');
    const broadcastId = await createDueBroadcast(bench.db, body);
    const started = Date.now();
    // Killed the moment the fake receives the send that makes KILL_AT, before it answers: that send
    // and the others in flight are accepted by the platform but never marked sent.
    await fake.waitForCalls('sendMessage', Math.ceil(MEMBERS * KILL_AT), 180_000);
    await first.kill9();
    const killedAt = Date.now();
    const sentAtKill = acceptedSends(fake, body);
    const rowsAtKill = await rowsByStatus(bench.db, broadcastId);

    second = startProcessGroup('worker', env, await freePort());
    await second.waitFor('worker ready');
    const restartSeconds = (Date.now() - killedAt) / 1000;
    const settledSeconds = await waitUntilSettled(bench.db, broadcastId, MEMBERS, 240_000);
    // A send still on its way when the rows settled would arrive now.
    await sleep(1_000);
    const rows = await rowsByStatus(bench.db, broadcastId);
    const sends = countSends(fake, body, MEMBERS);
    const passed = settledSeconds !== null && sends.lost === 0 && sends.duplicates <= CONCURRENCY && rows.sent === MEMBERS;
    reportDrill({
      drill: 'kill-worker',
      members: MEMBERS,
      concurrency: CONCURRENCY,
      ratePerSecond: RATE,
      lockMs: LOCK_MS,
      sentAtKill,
      rowsAtKill,
      secondsToKill: round((killedAt - started) / 1000),
      restartSeconds: round(restartSeconds),
      settledAfterRestartSeconds: settledSeconds === null ? null : round(settledSeconds),
      totalSeconds: round((Date.now() - started) / 1000),
      rows,
      sends: sends.sends,
      lost: sends.lost,
      duplicates: sends.duplicates,
      duplicatesBound: CONCURRENCY,
      passed,
    });
  } finally {
    await second?.stop();
    await bench.drop();
    await removeQueueKeys(prefix);
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
