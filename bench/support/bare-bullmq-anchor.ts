// The anchor of bench/broadcast-throughput.ts, run as its own process like the service's worker:
// bare BullMQ, the same concurrency, the same sendMessage call to the same fake Bot API, no
// database. Prints one JSON line.
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

const N = Number(process.env.N ?? 100_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const API = `${process.env.API_ROOT}/bot${process.env.TOKEN}/sendMessage`;
const prefix = process.env.PREFIX ?? `anchor-${Date.now()}`;

async function main() {
  const connection = new IORedis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const queue = new Queue('send', { connection, prefix });
  const t0 = performance.now();
  for (let from = 0; from < N; from += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, N - from) }, (_, i) => ({
        name: 'send',
        data: { chatId: 8_000_000_000 + from + i, text: 'Thông báo thử tải' },
        opts: { jobId: `a-${from + i}`, removeOnComplete: true, attempts: 5 },
      })),
    );
  }
  const enqueueSeconds = (performance.now() - t0) / 1000;
  let done = 0;
  let first = 0;
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker(
      'send',
      async (job) => {
        const response = await fetch(API, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: job.data.chatId, text: job.data.text }) });
        if (!response.ok) throw new Error(`sendMessage ${response.status}`);
        await response.json();
      },
      { connection, prefix, concurrency: CONCURRENCY },
    );
    worker.on('completed', () => {
      if (done === 0) first = performance.now();
      done += 1;
      if (done === N) void worker.close().then(() => resolve());
    });
  });
  await finished;
  const seconds = (performance.now() - first) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  console.log(JSON.stringify({ enqueueSeconds: Math.round(enqueueSeconds * 100) / 100, sendSeconds: Math.round(seconds * 100) / 100, perSecond: Math.round(N / seconds), rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
