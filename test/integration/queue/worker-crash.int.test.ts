import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { foldText } from '../../../src/core/text/fold-text';
import { type Database, openDatabase } from '../../../src/db/database';
import { prepareDatabase } from '../../../src/db/prepare-database';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../fakes/fake-telegram-server';
import { removeQueueKeys } from '../../support/redis-keys';
import { silentLogger } from '../../support/silent-logger';
import { dropSchema, testPostgresUrl, withSchema } from '../../support/test-database';

jest.setTimeout(240_000);

const root = path.join(__dirname, '..', '..', '..');
const RECIPIENTS = 150;
const CONCURRENCY = 5;

/** The drill from the issue: kill -9 of the worker mid-broadcast, then a restart. */
describe('a worker killed mid-broadcast and restarted', () => {
  const schema = `t_crash_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  const prefix = `crash-${randomUUID().slice(0, 8)}`;
  let db: Database;
  let fake: FakeTelegramServer;

  beforeAll(async () => {
    fake = await startFakeTelegramServer();
    db = await openDatabase({ kind: 'postgres', url });
    await prepareDatabase(db, silentLogger);
    const area = await db.prisma.area.findFirstOrThrow();
    for (let i = 0; i < RECIPIENTS; i += 1) {
      const name = `Công ty Diễn tập ${i}`;
      await db.prisma.member.create({
        data: {
          name,
          nameFolded: foldText(name),
          areaId: area.id,
          status: 'active',
          inviteCode: `CR${i}`,
          contacts: { create: { channel: 'telegram', platformUserId: String(20_000 + i) } },
        },
      });
    }
  });
  afterAll(async () => {
    await db.close();
    await dropSchema(schema);
    await fake.close();
    await removeQueueKeys(prefix);
  });

  function startWorker(): ChildProcess {
    // One process (node --import tsx), so SIGKILL hits the worker itself and nothing survives it.
    return spawn(process.execPath, ['--import', 'tsx', 'src/main/worker.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        REDIS_URL: 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: prefix,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_RATE_PER_SECOND: '40',
        DELIVERY_CONCURRENCY: String(CONCURRENCY),
        DELIVERY_LOCK_MS: '4000',
      },
      stdio: 'ignore',
    });
  }

  it('loses nothing and duplicates at most what was in flight', async () => {
    const broadcast = await db.prisma.broadcast.create({
      data: { title: 'Diễn tập', body: 'Tin diễn tập: dừng đột ngột rồi chạy lại.', audience: { kind: 'all' }, status: 'scheduled', scheduledAt: new Date() },
    });
    const first = startWorker();
    const exitedFirst = new Promise((resolve) => first.once('exit', resolve));
    await fake.waitForCalls('sendMessage', 40, 60_000);
    first.kill('SIGKILL');
    await exitedFirst;
    const atKill = fake.callsTo('sendMessage').length;
    expect(atKill).toBeLessThan(RECIPIENTS);

    const second = startWorker();
    try {
      // Jobs that were running are found stalled once their locks expire (DELIVERY_LOCK_MS), then redone.
      const deadline = Date.now() + 180_000;
      for (;;) {
        const queued = await db.prisma.delivery.count({ where: { broadcastId: broadcast.id, status: 'queued' } });
        const rows = await db.prisma.delivery.count({ where: { broadcastId: broadcast.id } });
        if (rows === RECIPIENTS && queued === 0) break;
        if (Date.now() > deadline) throw new Error(`not finished: ${queued} queued of ${rows}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }

    const perChat = new Map<string, number>();
    for (const call of fake.callsTo('sendMessage')) {
      const chat = String(call.params.chat_id);
      perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    }
    const lost = [...Array(RECIPIENTS).keys()].filter((i) => !perChat.has(String(20_000 + i)));
    const duplicates = [...perChat.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(lost).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    expect(await db.prisma.delivery.count({ where: { broadcastId: broadcast.id, status: 'sent' } })).toBe(RECIPIENTS);
  });
});
