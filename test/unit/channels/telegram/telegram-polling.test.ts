import { createTelegramAdapter } from '../../../../src/channels/telegram/telegram-adapter';
import { createTelegramPolling } from '../../../../src/channels/telegram/telegram-polling';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../../fakes/fake-telegram-server';
import { silentLogger } from '../../../support/silent-logger';

describe('telegram polling', () => {
  let fake: FakeTelegramServer;

  beforeEach(async () => {
    fake = await startFakeTelegramServer({ maxHoldMs: 50 });
  });
  afterEach(() => fake.close());

  function polling(handleUpdate: (body: unknown) => Promise<void>, maxAttempts = 3) {
    return createTelegramPolling({
      adapter: createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot }),
      handleUpdate,
      logger: silentLogger,
      timeoutSeconds: 25,
      initialBackoffMs: 10,
      maxBackoffMs: 40,
      maxAttempts,
    });
  }

  async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('handles updates in order and asks for the next from last update_id + 1', async () => {
    const handled: number[] = [];
    const p = polling(async (body) => void handled.push(Number((body as { update_id: number }).update_id)));
    fake.pushUpdates({ update_id: 10 }, { update_id: 11 });
    p.start();
    await until(() => handled.length === 2);
    fake.pushUpdates({ update_id: 12 });
    await until(() => handled.length === 3);
    await p.stop();
    expect(handled).toEqual([10, 11, 12]);
    const calls = fake.callsTo('getUpdates');
    expect(calls[0]?.params).toEqual({ timeout: 25, limit: 100, allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
    expect(calls.some((c) => c.params.offset === 12)).toBe(true);
    // At stop, the last handled update is confirmed.
    expect(calls.at(-1)?.params).toMatchObject({ offset: 13 });
  });

  it('backs off and goes on after getUpdates fails', async () => {
    fake.failNext('getUpdates', { kind: 'server-error' }, 2);
    fake.failNext('getUpdates', { kind: 'conflict' });
    const handled: unknown[] = [];
    const p = polling(async (body) => void handled.push(body));
    fake.pushUpdates({ update_id: 1 });
    p.start();
    await until(() => handled.length === 1);
    await p.stop();
    expect(fake.callsTo('getUpdates').length).toBeGreaterThanOrEqual(4);
  });

  it('tries a failed update again before the ones after it, and skips it after maxAttempts', async () => {
    const seen: number[] = [];
    const p = polling(async (body) => {
      const id = Number((body as { update_id: number }).update_id);
      seen.push(id);
      if (id === 21) throw new Error('database unavailable');
    }, 3);
    fake.pushUpdates({ update_id: 20 }, { update_id: 21 }, { update_id: 22 });
    p.start();
    await until(() => seen.includes(22));
    await p.stop();
    expect(seen).toEqual([20, 21, 21, 21, 22]);
  });

  it('stops at once in the middle of a long poll', async () => {
    const slow = await startFakeTelegramServer({ maxHoldMs: 20_000 });
    try {
      const p = createTelegramPolling({
        adapter: createTelegramAdapter({ token: slow.token, apiRoot: slow.apiRoot }),
        handleUpdate: async () => undefined,
        logger: silentLogger,
      });
      p.start();
      await slow.waitForCalls('getUpdates', 1);
      const started = Date.now();
      await p.stop();
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await slow.close();
    }
  });
});
