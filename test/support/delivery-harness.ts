import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTelegramAdapter } from '../../src/channels/telegram/telegram-adapter';
import type { Audience } from '../../src/core/broadcasts/audience';
import { foldText } from '../../src/core/text/fold-text';
import { type Delivery, startDelivery } from '../../src/main/start-delivery';
import { type FakeTelegramServer, startFakeTelegramServer } from '../fakes/fake-telegram-server';
import { createHarness, type Harness } from './conversation-harness';
import { removeQueueKeys } from './redis-keys';
import { silentLogger } from './silent-logger';
import type { Backend } from './test-database';

export interface DeliveryHarness {
  readonly h: Harness;
  readonly fake: FakeTelegramServer;
  readonly prefix: string;
  delivery: Delivery;
  /** Members with one Telegram contact each (chat ids from `firstChatId`). */
  addRecipients(count: number, firstChatId: number): Promise<number[]>;
  broadcast(body: string, audience?: Audience, scheduledAt?: Date): Promise<number>;
  /** Starts the workers again (after `delivery.stop()`), with other settings if given. */
  restart(settings?: Partial<Settings>): void;
  /** Waits until `predicate` holds, checking every 100 ms, for at most `timeoutMs`. */
  until(predicate: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

interface Settings {
  ratePerSecond: number;
  concurrency: number;
}

/** The real outbound side on the harness database, the machine's Redis and a fake Telegram. */
export async function createDeliveryHarness(backend: Backend, settings: Settings): Promise<DeliveryHarness> {
  const h = await createHarness(backend);
  const fake = await startFakeTelegramServer();
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  const adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot });
  const start = (s: Settings) =>
    startDelivery({
      config: {
        redis: { url: 'redis://127.0.0.1:6379', autostart: 'never' },
        delivery: {
          workers: 'in-process',
          queuePrefix: prefix,
          concurrency: s.concurrency,
          ratePerSecond: { telegram: s.ratePerSecond, zalo_oa: 0, zalo_bot: 0 },
          telegramPerChatIntervalMs: 0,
          lockMs: 30_000,
        },
      },
      db: h.db,
      adapters: { telegram: adapter },
      promptAfterInterruption: (channel, user) => h.engine.promptAfterInterruption(channel, user),
      clock: h.clock,
      logger: silentLogger,
      sweepIntervalMs: 200,
    });
  let current = settings;
  const harness: DeliveryHarness = {
    h,
    fake,
    prefix,
    delivery: start(settings),
    async addRecipients(count, firstChatId) {
      const area = await h.prisma.area.findFirstOrThrow({ where: { code: 'lang-giang' } });
      const ids: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const name = `Công ty Nhận tin ${firstChatId + i}`;
        const member = await h.prisma.member.create({
          data: {
            name,
            nameFolded: foldText(name),
            areaId: area.id,
            status: 'active',
            inviteCode: `R${firstChatId + i}`,
            contacts: { create: { channel: 'telegram', platformUserId: String(firstChatId + i) } },
          },
        });
        ids.push(member.id);
      }
      return ids;
    },
    async broadcast(body, audience = { kind: 'members', memberIds: [] }, scheduledAt) {
      const b = await h.prisma.broadcast.create({
        data: { title: body.slice(0, 40), body, audience, status: 'scheduled', scheduledAt: scheduledAt ?? h.clock.now() },
      });
      return b.id;
    },
    restart(s) {
      current = { ...current, ...s };
      harness.delivery = start(current);
    },
    async until(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await predicate())) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await sleep(100);
      }
    },
    async dispose() {
      await harness.delivery.stop();
      await removeQueueKeys(prefix);
      await fake.close();
      await h.dispose();
    },
  };
  return harness;
}

/** The most calls that fell within any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
