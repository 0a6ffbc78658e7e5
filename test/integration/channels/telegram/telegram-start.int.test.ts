import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTelegramChannel } from '../../../../src/channels/telegram/create-telegram-channel';
import { createPrismaContactStatusRepository } from '../../../../src/db/prisma-contact-status-repository';
import { startFakeTelegramServer } from '../../../fakes/fake-telegram-server';
import { telegramFixture, type TelegramUpdateJson } from '../../../fixtures/telegram/telegram-fixtures';
import { createHarness } from '../../../support/conversation-harness';
import { silentLogger } from '../../../support/silent-logger';

jest.setTimeout(60_000);

const secret = 'tg-webhook-secret-0123456789';
const userId = 5_300_000_001;

describe('telegram channel start', () => {
  it('long-polls without a webhook: fetches an update with getUpdates, replies, and stops cleanly', async () => {
    const h = await createHarness('pglite');
    const fake = await startFakeTelegramServer({ maxHoldMs: 100 });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'telegram-poll-'));
    const channel = createTelegramChannel({
      config: { token: fake.token, apiRoot: fake.apiRoot },
      maxFileBytes: 1024 * 1024,
      dataDir,
      now: () => h.clock.now(),
      handle: (m) => h.engine.handle(m),
      contactStatus: createPrismaContactStatusRepository(h.prisma),
      logger: silentLogger,
      polling: { timeoutSeconds: 25, initialBackoffMs: 10 },
    });
    try {
      const update: TelegramUpdateJson = telegramFixture('private-text', { userId, updateId: 4_000_001, text: '/start' });
      fake.pushUpdates(update);
      await channel.start();
      const [sent] = await fake.waitForCalls('sendMessage', 2, 10_000);
      expect(String(sent?.params.chat_id)).toBe(String(userId));
      expect(fake.sent(userId).map((p) => String(p.text)).join('\n')).toContain('Kính chào Quý doanh nghiệp!');
      await channel.stop();
      const methods = fake.calls.map((c) => c.method);
      expect(methods.slice(0, 3)).toEqual(['getMe', 'deleteWebhook', 'getUpdates']);
      expect(methods).not.toContain('setWebhook');
      expect(fake.callsTo('getUpdates').at(-1)?.params).toMatchObject({ offset: 4_000_002 });
      const callsAtStop = fake.calls.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.calls.length).toBe(callsAtStop);
    } finally {
      await channel.stop();
      await fake.close();
      await h.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('registers the webhook with its secret at start in webhook mode', async () => {
    const fake = await startFakeTelegramServer();
    const channel = createTelegramChannel({
      config: { token: fake.token, apiRoot: fake.apiRoot, webhook: { url: 'https://bot.hiephoi.vn/webhooks/telegram', secret } },
      maxFileBytes: 1024,
      dataDir: tmpdir(),
      now: () => new Date(),
      handle: async () => [],
      contactStatus: { markBlocked: async () => undefined, markActive: async () => undefined },
      logger: silentLogger,
    });
    try {
      await channel.start();
      expect(fake.calls.map((c) => c.method)).toEqual(['getMe', 'setWebhook']);
      expect(fake.callsTo('setWebhook')[0]?.params).toMatchObject({ url: 'https://bot.hiephoi.vn/webhooks/telegram', secret_token: secret });
    } finally {
      await channel.stop();
      await fake.close();
    }
  });
});
