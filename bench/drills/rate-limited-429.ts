// Fault drill (issue 9): the platform answers 429 to FRACTION (30 %) of the sends, at random, with
// retry_after 1. A broadcast to MEMBERS members through `npm run worker` must still complete: lost 0,
// duplicates 0 (a 429 delivered nothing, so sending again is no duplicate). Each 429 pauses the
// channel's queue for retry_after and puts the job back without spending an attempt.
// Run: npx tsx bench/drills/rate-limited-429.ts → one JSON line; exit code 1 if an expectation fails.
// MEMBERS (1,000), CONCURRENCY (20), RATE (0: no pacing, so the run takes about a minute; with the
// service's default of 30 sends/s every 429 comes after about 2 sends and the run takes ~8 minutes),
// FRACTION (0.3), RETRY_AFTER (1 s), SEED (1), SETTLE_S (600).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeTelegramServer } from '../../test/fakes/fake-telegram-server';
import { freePort } from '../../test/support/free-port';
import { removeQueueKeys } from '../../test/support/redis-keys';
import { createBenchDatabase } from '../support/broadcast-setup';
import { countSends, createDueBroadcast, reportDrill, round, rowsByStatus, waitUntilSettled } from './support/broadcast-drill';
import { startProcessGroup } from './support/process-group';

const MEMBERS = Number(process.env.MEMBERS ?? 1_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const RATE = Number(process.env.RATE ?? 0);
const FRACTION = Number(process.env.FRACTION ?? 0.3);
const RETRY_AFTER = Number(process.env.RETRY_AFTER ?? 1);
const SEED = Number(process.env.SEED ?? 1);
const SETTLE_S = Number(process.env.SETTLE_S ?? 600);

async function main() {
  const fake = await startFakeTelegramServer();
  const bench = await createBenchDatabase(MEMBERS);
  const prefix = `drill-429-${Date.now()}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-drill-'));
  const worker = startProcessGroup(
    'worker',
    {
      DATABASE_URL: bench.url,
      DATA_DIR: dataDir,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_RATE_PER_SECOND: String(RATE),
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
    },
    await freePort(),
  );
  const body = `Diễn tập ${prefix}: nền tảng trả 429 cho ${Math.round(FRACTION * 100)}% số lần gửi.`;
  try {
    await worker.waitFor('worker ready');
    fake.failFraction('sendMessage', { kind: 'rate-limited', retryAfter: RETRY_AFTER }, FRACTION, SEED);
    const broadcastId = await createDueBroadcast(bench.db, body);
    const settledSeconds = await waitUntilSettled(bench.db, broadcastId, MEMBERS, SETTLE_S * 1000);
    await sleep(1_000);
    const rows = await rowsByStatus(bench.db, broadcastId);
    const sends = countSends(fake, body, MEMBERS);
    const times = fake.calls.filter((c) => c.method === 'sendMessage' && c.params.text === body).map((c) => c.at);
    const sendSeconds = times.length > 1 ? ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000 : 0;
    reportDrill({
      drill: 'rate-limited-429',
      members: MEMBERS,
      concurrency: CONCURRENCY,
      ratePerSecond: RATE,
      fraction429: FRACTION,
      retryAfterSeconds: RETRY_AFTER,
      calls: sends.sends + sends.rejected,
      answered429: sends.rejected,
      settledSeconds: settledSeconds === null ? null : round(settledSeconds),
      sendSeconds: round(sendSeconds),
      acceptedPerSecond: round(sends.sends / Math.max(sendSeconds, 0.001)),
      rows,
      sends: sends.sends,
      lost: sends.lost,
      duplicates: sends.duplicates,
      passed: settledSeconds !== null && sends.lost === 0 && sends.duplicates === 0 && rows.sent === MEMBERS,
    });
  } finally {
    await worker.stop();
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
