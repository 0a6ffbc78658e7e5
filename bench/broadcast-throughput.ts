// Broadcast to 100,000 members, the rate limiter off: time to resolve the audience and enqueue,
// deliveries per second through `npm run worker` to a fake Bot API, a delivery row for every send,
// and the worker's memory afterwards; anchored by bare BullMQ in the same run (same concurrency,
// same HTTP call). Run: npx tsx bench/broadcast-throughput.ts → one JSON line.
// Targets (issue 9): ≥ 1,000 deliveries/s, ≥ 0.7 of the anchor, RSS < 300 MB. MEMBERS, CONCURRENCY.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFakeTelegramServer } from '../test/fakes/fake-telegram-server';
import { awaitBroadcast, buildService, collectSends, createBenchDatabase, rssMb, startWorker } from './support/broadcast-setup';

const MEMBERS = Number(process.env.MEMBERS ?? 100_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const root = path.join(__dirname, '..');

async function main() {
  buildService();
  const fake = await startFakeTelegramServer({ maxHoldMs: 200 });
  const bench = await createBenchDatabase(MEMBERS);
  const prefix = `bench-${Date.now()}`;
  const { worker, stop } = await startWorker({
    DATABASE_URL: bench.url,
    QUEUE_PREFIX: prefix,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_RATE_PER_SECOND: '0',
    TELEGRAM_PER_CHAT_INTERVAL_MS: '0',
    DELIVERY_CONCURRENCY: String(CONCURRENCY),
  }, { built: true });
  let service: Record<string, unknown>;
  try {
    const rssIdleMb = await rssMb(worker.child.pid);
    const created = Date.now();
    const broadcast = await bench.db.prisma.broadcast.create({
      data: { title: 'Thử tải', body: 'Thông báo thử tải', audience: { kind: 'all' }, status: 'scheduled', scheduledAt: new Date(created) },
    });
    let peakRss = rssIdleMb ?? 0;
    // Once a second: polling more often (a count over every row) took CPU from the fake Bot API,
    // which runs on this process's event loop, that the anchor's run does not lose.
    const { fanoutSeconds } = await awaitBroadcast(bench.db, broadcast.id, {
      members: MEMBERS,
      createdAt: created,
      pollMs: 1_000,
      deadline: Date.now() + 30 * 60_000,
      onPoll: async () => {
        peakRss = Math.max(peakRss, (await rssMb(worker.child.pid)) ?? 0);
      },
    });
    const { sends, times, distinctChats, duplicates, rows } = await collectSends(fake, bench.db, broadcast.id);
    const sendSeconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    service = {
      fanoutSeconds,
      sendSeconds: Math.round(sendSeconds * 100) / 100,
      perSecond: Math.round(sends.length / Math.max(sendSeconds, 0.001)),
      sends: sends.length,
      distinctChats,
      duplicates,
      rows,
      workerRssIdleMb: rssIdleMb,
      workerRssPeakMb: peakRss,
      workerRssAfterMb: await rssMb(worker.child.pid),
    };
  } finally {
    await stop();
  }
  fake.clearCalls();
  const anchorRun = promisify(execFile)(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/support/bare-bullmq-anchor.ts'], {
    cwd: root,
    env: { ...process.env, N: String(MEMBERS), CONCURRENCY: String(CONCURRENCY), API_ROOT: fake.apiRoot, TOKEN: fake.token },
    maxBuffer: 1 << 20,
  }).finally(async () => {
    await fake.close();
    await bench.drop();
  });
  const { stdout } = await anchorRun;
  const anchor = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { perSecond: number };
  console.log(
    JSON.stringify({
      bench: 'broadcast-throughput',
      members: MEMBERS,
      concurrency: CONCURRENCY,
      seedSeconds: Math.round(bench.seedSeconds * 10) / 10,
      service,
      bareBullmq: anchor,
      ratio: Math.round((Number(service.perSecond) / Math.max(1, anchor.perSecond)) * 100) / 100,
    }),
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
