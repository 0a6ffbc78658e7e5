import { createZaloBotClient } from '../../../../src/channels/zalo/zalo-bot-client';
import { ZaloApiError } from '../../../../src/channels/zalo/zalo-errors';
import { json, scriptedFetch } from './scripted-fetch';

const token = '1459232241454765289:secret-part';

describe('createZaloBotClient', () => {
  it('posts JSON to <root>/bot<token>/<method> and reads the message id', async () => {
    const s = scriptedFetch([json({ ok: true, result: { message_id: '82599fa32f56d00e8941', date: 1749632637199 } })]);
    const client = createZaloBotClient({ token, apiRoot: 'https://bot.test/', fetch: s.fetch });
    await expect(client.sendMessage('6ede9afa66b88fe6d6a9', 'Xin chào')).resolves.toEqual({ messageId: '82599fa32f56d00e8941' });
    expect(s.requests[0]).toMatchObject({ url: `https://bot.test/bot${token}/sendMessage`, method: 'POST' });
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ chat_id: '6ede9afa66b88fe6d6a9', text: 'Xin chào' });
  });

  it('throws ZaloApiError with the error code for ok: false, without the token in the message', async () => {
    const s = scriptedFetch([json({ ok: false, error_code: 429, description: 'Quota exceeded' }, 429)]);
    const client = createZaloBotClient({ token, apiRoot: 'https://bot.test', fetch: s.fetch });
    const error = await client.sendMessage('c', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error).toMatchObject({ surface: 'bot', errorCode: 429 });
    expect(String(error)).not.toContain('secret-part');
  });

  it('asks getUpdates with the timeout as a string and returns the raw result', async () => {
    const s = scriptedFetch([json({ ok: true, result: { event_name: 'message.text.received' } })]);
    const client = createZaloBotClient({ token, apiRoot: 'https://bot.test', fetch: s.fetch });
    await expect(client.getUpdates(30)).resolves.toEqual({ event_name: 'message.text.received' });
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ timeout: '30' });
  });

  it('registers a webhook with its secret token', async () => {
    const s = scriptedFetch([json({ ok: true, result: { url: 'https://bot.hiephoi.vn/webhooks/zalo-bot', updated_at: 1 } })]);
    const client = createZaloBotClient({ token, apiRoot: 'https://bot.test', fetch: s.fetch });
    await client.setWebhook('https://bot.hiephoi.vn/webhooks/zalo-bot', 'bot-webhook-secret');
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ url: 'https://bot.hiephoi.vn/webhooks/zalo-bot', secret_token: 'bot-webhook-secret' });
  });
});
