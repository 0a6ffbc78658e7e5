import { telegramWebhookRoutes } from '../../../../src/channels/telegram/telegram-webhook-routes';
import { buildApp } from '../../../../src/http/app';
import { silentLogger } from '../../../support/silent-logger';

const secret = 'tg-secret-0123456789abcdef';

async function appWith(handleUpdate: (body: unknown) => Promise<void>) {
  const app = await buildApp({ logger: silentLogger, health: { checks: {} } });
  await app.register(telegramWebhookRoutes, { secret, handleUpdate });
  return app;
}

describe('telegram webhook routes', () => {
  it('hands a verified update to the handler and answers 200', async () => {
    const handled: unknown[] = [];
    const app = await appWith(async (body) => void handled.push(body));
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'x-telegram-bot-api-secret-token': secret },
      payload: { update_id: 1, message: { text: 'x' } },
    });
    expect(response.statusCode).toBe(200);
    expect(handled).toEqual([{ update_id: 1, message: { text: 'x' } }]);
  });

  it.each([
    ['no', undefined],
    ['a wrong', 'tg-secret-0123456789abcdeX'],
    ['a shorter', 'tg-secret'],
    ['an empty', ''],
  ])('answers 401 and handles nothing with %s secret header', async (_what, header) => {
    const handleUpdate = jest.fn(async () => undefined);
    const app = await appWith(handleUpdate);
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: header === undefined ? {} : { 'x-telegram-bot-api-secret-token': header },
      payload: { update_id: 1 },
    });
    expect(response.statusCode).toBe(401);
    expect(handleUpdate).not.toHaveBeenCalled();
  });

  it('answers 401 before reading a malformed body without the secret', async () => {
    const app = await appWith(async () => undefined);
    const response = await app.inject({ method: 'POST', url: '/webhooks/telegram', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(response.statusCode).toBe(401);
  });

  it('answers 400 to malformed JSON with the secret', async () => {
    const handleUpdate = jest.fn(async () => undefined);
    const app = await appWith(handleUpdate);
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'x-telegram-bot-api-secret-token': secret, 'content-type': 'application/json' },
      payload: '{"update_id": 1,',
    });
    expect(response.statusCode).toBe(400);
    expect(handleUpdate).not.toHaveBeenCalled();
  });

  it('answers 500 when the update could not be handled, so Telegram delivers it again', async () => {
    const app = await appWith(async () => {
      throw new Error('database unavailable');
    });
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'x-telegram-bot-api-secret-token': secret },
      payload: { update_id: 1 },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('database unavailable');
  });

  it('leaves the other routes without the secret check', async () => {
    const app = await appWith(async () => undefined);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
