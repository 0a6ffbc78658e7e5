import { ChannelError } from '../../../../src/channels/channel-error';
import { createTelegramAdapter, type TelegramAdapter } from '../../../../src/channels/telegram/telegram-adapter';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../../fakes/fake-telegram-server';
import { freePort } from '../../../support/free-port';

describe('telegram adapter', () => {
  let fake: FakeTelegramServer;
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    fake = await startFakeTelegramServer();
    adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot });
  });
  afterEach(() => fake.clearCalls());
  afterAll(() => fake.close());

  async function sendError(): Promise<ChannelError> {
    const error: unknown = await adapter.send('5123456701', { text: 'Xin chào' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof ChannelError)) throw new Error(`expected a ChannelError, got ${String(error)}`);
    return error;
  }

  it('sends HTML-escaped text with its keyboard and returns the message ids', async () => {
    const result = await adapter.send('5123456701', { text: 'A <&> B', choices: [{ label: 'Đúng', payload: 'yes' }] });
    expect(result.platformMessageIds).toHaveLength(1);
    expect(fake.sent('5123456701')).toEqual([
      {
        chat_id: '5123456701',
        text: 'A &lt;&amp;&gt; B',
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: 'Đúng', callback_data: 'yes' }]] },
        link_preview_options: { is_disabled: true },
      },
    ]);
  });

  it('sends the parts of a long reply in order', async () => {
    const text = Array.from({ length: 300 }, (_, i) => `Dòng ${i + 1}: ${'nội dung '.repeat(4)}`).join('\n');
    const { platformMessageIds } = await adapter.send('5123456701', { text });
    expect(platformMessageIds.length).toBeGreaterThan(1);
    expect(platformMessageIds.map(Number)).toEqual([...platformMessageIds.map(Number)].sort((a, b) => a - b));
    expect(fake.sent().map((p) => String(p.text).split('\n')[0])[0]).toBe(`Dòng 1: ${'nội dung '.repeat(4)}`);
  });

  it('maps a 429 to CHANNEL_RATE_LIMITED with retry_after in ms', async () => {
    fake.failNext('sendMessage', { kind: 'rate-limited', retryAfter: 7 });
    const error = await sendError();
    expect(error).toMatchObject({ code: 'CHANNEL_RATE_LIMITED', channel: 'telegram', retryAfterMs: 7_000, retryable: true });
  });

  it('maps "bot was blocked by the user" to CHANNEL_REJECTED, reason blocked', async () => {
    fake.failNext('sendMessage', { kind: 'blocked' });
    expect(await sendError()).toMatchObject({ code: 'CHANNEL_REJECTED', reason: 'blocked', retryable: false });
  });

  it('maps "user is deactivated" to CHANNEL_REJECTED, reason blocked', async () => {
    fake.failNext('sendMessage', { kind: 'deactivated' });
    expect(await sendError()).toMatchObject({ code: 'CHANNEL_REJECTED', reason: 'blocked' });
  });

  it('maps "chat not found" to CHANNEL_REJECTED, reason unreachable', async () => {
    fake.failNext('sendMessage', { kind: 'chat-not-found' });
    expect(await sendError()).toMatchObject({ code: 'CHANNEL_REJECTED', reason: 'unreachable' });
  });

  it('maps any other 400 to CHANNEL_REJECTED, reason error', async () => {
    fake.failNext('sendMessage', { kind: 'bad-request', description: "Bad Request: can't parse entities: Unsupported start tag" });
    const error = await sendError();
    expect(error).toMatchObject({ code: 'CHANNEL_REJECTED', reason: 'error' });
    expect(error.message).toContain("can't parse entities");
  });

  it('maps a 5xx to CHANNEL_UNAVAILABLE', async () => {
    fake.failNext('sendMessage', { kind: 'server-error', status: 502 });
    expect(await sendError()).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', retryable: true });
  });

  it('maps a wrong token (401) to CHANNEL_UNAVAILABLE: the channel is down, not the message', async () => {
    const wrong = createTelegramAdapter({ token: '7000000001:wrong-token-wrong-token', apiRoot: fake.apiRoot });
    await expect(wrong.getMe()).rejects.toMatchObject({ code: 'CHANNEL_UNAVAILABLE' });
  });

  it('maps a network failure to CHANNEL_UNAVAILABLE without the token in the message', async () => {
    const unreachable = createTelegramAdapter({ token: fake.token, apiRoot: `http://127.0.0.1:${await freePort()}` });
    const error: unknown = await unreachable.send('5123456701', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ code: 'CHANNEL_UNAVAILABLE' });
    expect(String((error as Error).message)).not.toContain(fake.token.split(':')[1]);
  });

  it('stops at the first failed part and sends nothing after it', async () => {
    fake.failNext('sendMessage', { kind: 'server-error' });
    const text = Array.from({ length: 300 }, (_, i) => `Dòng ${i + 1}: ${'nội dung '.repeat(4)}`).join('\n');
    await expect(adapter.send('5123456701', { text })).rejects.toMatchObject({ code: 'CHANNEL_UNAVAILABLE' });
    expect(fake.callsTo('sendMessage')).toHaveLength(1);
  });

  it('gets the bot username, registers and deletes the webhook with the update kinds it handles', async () => {
    expect(await adapter.getMe()).toEqual({ id: 7000000001, username: 'HiepHoiBacGiangBot' });
    await adapter.setWebhook('https://bot.hiephoi.vn/webhooks/telegram', 'secret-0123456789abcdef');
    await adapter.deleteWebhook();
    expect(fake.callsTo('setWebhook')[0]?.params).toEqual({
      url: 'https://bot.hiephoi.vn/webhooks/telegram',
      secret_token: 'secret-0123456789abcdef',
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
      drop_pending_updates: false,
    });
    expect(fake.callsTo('deleteWebhook')[0]?.params).toEqual({ drop_pending_updates: false });
  });

  it('answers a callback query', async () => {
    await adapter.answerCallbackQuery('2201830174655236123');
    expect(fake.callsTo('answerCallbackQuery')[0]?.params).toEqual({ callback_query_id: '2201830174655236123' });
  });

  it('aborts a long poll when its signal aborts', async () => {
    const slow = await startFakeTelegramServer({ maxHoldMs: 10_000 });
    try {
      const polling = createTelegramAdapter({ token: slow.token, apiRoot: slow.apiRoot });
      const controller = new AbortController();
      const started = Date.now();
      const poll = polling.getUpdates({ timeoutSeconds: 25, signal: controller.signal });
      await slow.waitForCalls('getUpdates', 1);
      controller.abort();
      await expect(poll).rejects.toMatchObject({ code: 'CHANNEL_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await slow.close();
    }
  });
});
