import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { foldText } from '../../../src/core/text/fold-text';
import type { Database } from '../../../src/db/database';
import type { FakeTelegramServer } from '../../../test/fakes/fake-telegram-server';
import { telegramFixture, type TelegramUpdateJson } from '../../../test/fixtures/telegram/telegram-fixtures';
import { freePort } from '../../../test/support/free-port';
import { type ProcessGroup, startProcessGroup } from './process-group';

export const WEBHOOK_SECRET = 'drill-webhook-secret-0123456789';

export interface TelegramWeb {
  readonly process: ProcessGroup;
  /** Posts one update to /webhooks/telegram: the status (0 when no answer came) and the time taken. */
  post(update: TelegramUpdateJson, timeoutMs?: number): Promise<{ status: number; ms: number }>;
  /** GET `urlPath`'s status (0 when no answer came within 5 s). */
  status(urlPath: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The web process (`npm start`) with Telegram by webhook to a fake Bot API, on `databaseUrl`,
 * the machine's Redis under its own queue prefix, on 1 July 2022 (the 6-month report open).
 * Resolves once /readyz answers 200.
 */
export async function startTelegramWeb(options: { databaseUrl: string; fake: FakeTelegramServer; queuePrefix: string }): Promise<TelegramWeb> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-drill-web-'));
  const port = await freePort();
  const web = startProcessGroup(
    'web',
    {
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: options.queuePrefix,
      APP_NOW: '2022-07-01T09:00:00+07:00',
      TELEGRAM_BOT_TOKEN: options.fake.token,
      TELEGRAM_API_ROOT: options.fake.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_PER_CHAT_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
    },
    port,
  );
  const status = async (urlPath: string) => {
    try {
      return (await fetch(web.baseUrl + urlPath, { signal: AbortSignal.timeout(5_000) })).status;
    } catch {
      return 0;
    }
  };
  const deadline = Date.now() + 120_000;
  while ((await status('/readyz')) !== 200) {
    if (web.child.exitCode !== null || Date.now() > deadline) throw new Error(`web process not ready:\n${web.output()}`);
    await sleep(200);
  }
  return {
    process: web,
    status,
    async post(update, timeoutMs = 30_000) {
      const t0 = performance.now();
      try {
        const response = await fetch(`${web.baseUrl}/webhooks/telegram`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
        return { status: response.status, ms: performance.now() - t0 };
      } catch {
        return { status: 0, ms: performance.now() - t0 };
      }
    },
    async stop() {
      await web.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `count` registered members (since May 2022), one Telegram contact each: users `firstUser`, `firstUser + 1`, … */
export async function addTelegramMembers(db: Database, count: number, firstUser: number): Promise<void> {
  const area = await db.prisma.area.findFirstOrThrow({ where: { code: 'hiep-hoa' } });
  for (let i = 0; i < count; i += 1) {
    const name = `Công ty Diễn tập số ${firstUser + i}`;
    await db.prisma.member.create({
      data: {
        name,
        nameFolded: foldText(name),
        areaId: area.id,
        status: 'active',
        inviteCode: `D${firstUser + i}`,
        createdAt: new Date('2022-05-01T00:00:00Z'),
        contacts: { create: { channel: 'telegram', platformUserId: String(firstUser + i), displayName: name } },
      },
    });
  }
}

/** A private text message (a /command gets its bot_command entity). */
export function textUpdate(updateId: number, userId: number, text: string): TelegramUpdateJson {
  return telegramFixture('private-text', { updateId, userId, text });
}

/** A press of an inline button whose callback_data is `data`. */
export function buttonUpdate(updateId: number, userId: number, data: string): TelegramUpdateJson {
  return telegramFixture('callback-query', { updateId, userId, data });
}

/** The sendMessage calls the fake accepted, per chat id. */
export function repliesPerChat(fake: FakeTelegramServer): Map<string, number> {
  const perChat = new Map<string, number>();
  for (const call of fake.calls) {
    if (call.method !== 'sendMessage' || call.failed) continue;
    const chat = String(call.params.chat_id);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
  }
  return perChat;
}
