import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../fakes/fake-telegram-server';
import { telegramFixture } from '../../fixtures/telegram/telegram-fixtures';
import { freePort } from '../../support/free-port';
import { startService, waitForStatus } from '../../support/service-process';

jest.setTimeout(120_000);

/** The service as deployed, with TELEGRAM_BOT_TOKEN set: the channel starts by itself. */
describe('the web process with Telegram configured', () => {
  let fake: FakeTelegramServer;
  beforeAll(async () => {
    fake = await startFakeTelegramServer({ maxHoldMs: 300 });
  });
  afterAll(async () => fake.close());

  const baseEnv = async () => ({
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'hiephoi-tg-')),
    REDIS_URL: 'redis://127.0.0.1:6379',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });

  it('long-polls without PUBLIC_URL and answers /start in the private chat', async () => {
    fake.clearCalls();
    const service = startService('web', await baseEnv(), await freePort());
    try {
      await waitForStatus(service, '/readyz', 200);
      await fake.waitForCalls('deleteWebhook', 1);
      fake.pushUpdates(telegramFixture('private-text', { userId: 501, updateId: 9001, text: '/start' }));
      const [call] = await fake.waitForCalls('sendMessage', 1, 15_000);
      expect(String(call?.params.chat_id)).toBe('501');
      expect(String(call?.params.text)).toContain('Kính chào Quý doanh nghiệp');
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    }
  });

  it('registers its webhook with the secret behind PUBLIC_URL and refuses a request without it', async () => {
    fake.clearCalls();
    const secret = 'webhook-secret-for-tests-0123456789';
    const port = await freePort();
    const service = startService(
      'web',
      { ...(await baseEnv()), PUBLIC_URL: 'https://bot.example.vn', TELEGRAM_WEBHOOK_SECRET: secret },
      port,
    );
    try {
      await waitForStatus(service, '/readyz', 200);
      const [setWebhook] = await fake.waitForCalls('setWebhook', 1);
      expect(setWebhook?.params).toMatchObject({ url: 'https://bot.example.vn/webhooks/telegram', secret_token: secret });
      const update = JSON.stringify(telegramFixture('private-text', { userId: 502, updateId: 9002, text: '/start' }));
      const refused = await fetch(`${service.baseUrl}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: update });
      expect(refused.status).toBe(401);
      const accepted = await fetch(`${service.baseUrl}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: update,
      });
      expect(accepted.status).toBe(200);
      const [call] = await fake.waitForCalls('sendMessage', 1, 15_000);
      expect(String(call?.params.chat_id)).toBe('502');
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    }
  });
});
