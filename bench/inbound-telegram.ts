// Inbound: Telegram updates posted to /webhooks/telegram, through the engine and PostgreSQL to the
// reply at a fake Bot API; anchored by a bare telegraf echo bot on the same machine, same load.
// Run: npx tsx bench/inbound-telegram.ts  → one JSON line. Targets (issue 9): ≥ 500 updates/s,
// p99 < 100 ms. BENCH_SECONDS, CONNECTIONS, CONTACTS change the load.
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Telegraf } from 'telegraf';
import { openDatabase } from '../src/db/database';
import { foldText } from '../src/core/text/fold-text';
import { startFakeTelegramServer, type FakeTelegramServer } from '../test/fakes/fake-telegram-server';
import { freePort } from '../test/support/free-port';
import { waitForStatus } from '../test/support/service-process';
import { dropSchema, testPostgresUrl, withSchema } from '../test/support/test-database';
import { buildService, rssMb, startBuilt } from './support/broadcast-setup';
import { quantile, replyLatencies, runLoad, type LoadResult } from './support/load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const CONTACTS = Number(process.env.CONTACTS ?? 1_000);
const SECRET = 'bench-webhook-secret-0123456789';
const FIRST_USER = 7_000_000_000;

/** What each person types, in turn: a tenth are new and register, four tenths file, half chat. */
function scriptFor(person: number): readonly string[] {
  if (person % 10 === 0) return ['/start', '0100109106', 'Không', '/huy', 'xin chào'];
  if (person % 10 < 5) return ['/baocao', '12,5 tỷ', '800tr', '120 người', '8,5 triệu', '50 triệu', 'Thiếu vốn lưu động', '/huy'];
  return ['xin chào', '/trangthai', 'cảm ơn', '/kehoach', 'ok'];
}

function updateFor(updateId: number, userId: number, text: string) {
  const from = { id: userId, is_bot: false, first_name: 'Người', last_name: `Số ${userId - FIRST_USER}`, language_code: 'vi' };
  const entities = text.startsWith('/') ? [{ offset: 0, length: text.split(' ')[0]?.length ?? 1, type: 'bot_command' }] : undefined;
  return { update_id: updateId, message: { message_id: updateId, from, chat: { id: userId, type: 'private', first_name: from.first_name }, date: Math.floor(Date.now() / 1000), text, entities } };
}

/** Each loop owns CONTACTS/CONNECTIONS people and walks them round-robin through their scripts. */
function makeNext(updateIdBase: number) {
  let updateId = updateIdBase;
  const steps = new Map<number, number>();
  const cursor = new Map<number, number>();
  const perLoop = Math.max(1, Math.floor(CONTACTS / CONNECTIONS));
  return (loop: number) => {
    const slot = cursor.get(loop) ?? 0;
    cursor.set(loop, slot + 1);
    const person = loop * perLoop + (slot % perLoop);
    const userId = FIRST_USER + person;
    const script = scriptFor(person);
    const step = steps.get(person) ?? 0;
    steps.set(person, step + 1);
    updateId += 1;
    return { body: JSON.stringify(updateFor(updateId, userId, script[step % script.length] ?? 'ok')), key: String(userId) };
  };
}

function summarise(load: LoadResult, fake: FakeTelegramServer, since: number) {
  const replies = fake.calls.filter((c) => c.method === 'sendMessage' && c.at >= since).map((c) => ({ key: String(c.params.chat_id), at: c.at }));
  const e2e = replyLatencies(load.sentAt, replies);
  return {
    updates: load.sent,
    perSecond: Math.round(load.sent / load.seconds),
    statuses: load.statuses,
    httpP50: quantile(load.latencies, 0.5),
    httpP99: quantile(load.latencies, 0.99),
    replies: replies.length,
    unanswered: e2e.unanswered,
    replyP50: quantile(e2e.latencies, 0.5),
    replyP99: quantile(e2e.latencies, 0.99),
  };
}

async function benchService(fake: FakeTelegramServer) {
  const schema = `bench_inbound_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-bench-'));
  const port = await freePort();
  // As production runs it: the compiled JavaScript (`npm run build`, `node dist/src/main/web.js`),
  // not the TypeScript through tsx.
  const service = startBuilt(
    'web',
    {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `bench-${Date.now()}`,
      APP_NOW: '2022-07-01T09:00:00+07:00',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The bench is about the reply path, not the pacing of notices.
      TELEGRAM_PER_CHAT_INTERVAL_MS: '0',
      LOG_LEVEL: 'error',
    },
    port,
  );
  try {
    await waitForStatus(service, '/readyz', 200, 120_000);
    const db = await openDatabase({ kind: 'postgres', url });
    try {
      // Everyone but the newcomers is a registered contact of a member (one member each).
      const area = await db.prisma.area.findFirstOrThrow({ where: { code: 'hiep-hoa' } });
      for (let person = 0; person < CONTACTS; person += 1) {
        if (person % 10 === 0) continue;
        const name = `Công ty Thử tải số ${person}`;
        const member = await db.prisma.member.create({ data: { name, nameFolded: foldText(name), areaId: area.id, status: 'active', inviteCode: `B${String(person).padStart(7, '0')}` } });
        await db.prisma.contact.create({ data: { channel: 'telegram', platformUserId: String(FIRST_USER + person), displayName: name, memberId: member.id } });
      }
    } finally {
      await db.close();
    }
    const target = `${service.baseUrl}/webhooks/telegram`;
    const headers = { 'x-telegram-bot-api-secret-token': SECRET };
    // Warm up the process (JIT, pools) before measuring.
    await runLoad({ url: target, headers, connections: 10, seconds: 2, next: makeNext(1) });
    await sleep(500);
    const since = Date.now();
    const load = await runLoad({ url: target, headers, connections: CONNECTIONS, seconds: SECONDS, next: makeNext(1_000_000) });
    await sleep(2_000);
    const serviceRssMb = await rssMb(service.child.pid);
    return { ...summarise(load, fake, since), serviceRssMb };
  } finally {
    service.child.kill('SIGTERM');
    await service.exited;
    await dropSchema(schema);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The anchor: telegraf's own webhook callback echoing text, nothing stored. */
async function benchBareTelegraf(fake: FakeTelegramServer) {
  const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
  bot.on('text', (ctx) => ctx.reply(ctx.message.text));
  bot.botInfo = await bot.telegram.getMe();
  const server = createServer(await bot.createWebhook({ domain: 'bench.invalid', path: '/webhooks/telegram', secret_token: SECRET }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const target = `http://127.0.0.1:${port}/webhooks/telegram`;
    const headers = { 'x-telegram-bot-api-secret-token': SECRET };
    await runLoad({ url: target, headers, connections: 10, seconds: 2, next: makeNext(5_000_000) });
    await sleep(500);
    const since = Date.now();
    const load = await runLoad({ url: target, headers, connections: CONNECTIONS, seconds: SECONDS, next: makeNext(9_000_000) });
    await sleep(1_000);
    return summarise(load, fake, since);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function main() {
  buildService();
  const fake = await startFakeTelegramServer({ maxHoldMs: 200 });
  try {
    const service = await benchService(fake);
    fake.clearCalls();
    const anchor = await benchBareTelegraf(fake);
    console.log(
      JSON.stringify({
        bench: 'inbound-telegram',
        seconds: SECONDS,
        connections: CONNECTIONS,
        contacts: CONTACTS,
        service,
        bareTelegraf: anchor,
        throughputRatio: Math.round((service.perSecond / Math.max(1, anchor.perSecond)) * 100) / 100,
      }),
    );
  } finally {
    await fake.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
