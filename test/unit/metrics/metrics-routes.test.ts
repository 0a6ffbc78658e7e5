import Fastify, { type FastifyInstance } from 'fastify';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/create-telegram-channel';
import type { InboundMessage, Reply } from '../../../src/core/messages';
import { instrumentEngine } from '../../../src/metrics/instrument-engine';
import { metrics } from '../../../src/metrics/metrics';
import { metricsRoutes } from '../../../src/metrics/metrics-routes';
import { observeWebhookLatency } from '../../../src/metrics/observe-webhook-latency';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../fakes/fake-telegram-server';
import { telegramFixture } from '../../fixtures/telegram/telegram-fixtures';
import { metricValue } from '../../support/metrics-text';
import { silentLogger } from '../../support/silent-logger';

const token = 'metrics-token-for-tests-0123456789';
const secret = 'webhook-secret-for-tests-0123456789';

describe('GET /metrics on the service port', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    metrics.registry.resetMetrics();
    app = Fastify();
    await app.register(metricsRoutes, { token });
  });
  afterEach(() => app.close());

  it('answers 401 with a Bearer challenge when the token is missing or wrong', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${token}`, token, `Bearer ${token}x`]) {
      const response = await app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(response.body).not.toContain('hiephoi_');
    }
  });

  it('serves every collector in the Prometheus text format with the right token', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'hiephoi_inbound_messages_total',
      'hiephoi_replies_total',
      'hiephoi_deliveries_total',
      'hiephoi_queue_wait_seconds',
      'hiephoi_queue_jobs',
      'hiephoi_reminders_sent_total',
      'hiephoi_schedule_ticks_total',
      'hiephoi_scheduled_job_runs_total',
      'hiephoi_webhook_duration_seconds',
      // Node's own, added once the process serves metrics.
      'hiephoi_process_resident_memory_bytes',
    ]) {
      expect(response.body).toContain(`# TYPE ${name} `);
    }
  });

  it('is not there at all when no token is configured', async () => {
    const bare = Fastify();
    const response = await bare.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
    await bare.close();
  });
});

describe('metrics of an inbound Telegram update', () => {
  let fake: FakeTelegramServer;
  let app: FastifyInstance;
  let telegram: TelegramChannel;
  const handled: InboundMessage[] = [];

  beforeAll(async () => {
    fake = await startFakeTelegramServer();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    metrics.registry.resetMetrics();
    handled.length = 0;
    fake.clearCalls();
    const engine = instrumentEngine({
      handle: async (message: InboundMessage): Promise<Reply[]> => {
        handled.push(message);
        return [{ text: 'Kính chào Quý doanh nghiệp!' }, { text: 'Anh/Chị vui lòng nhập mã số thuế.' }];
      },
      promptAfterInterruption: async () => [],
    });
    telegram = createTelegramChannel({
      config: { token: fake.token, apiRoot: fake.apiRoot, webhook: { url: 'https://bot.example.vn/webhooks/telegram', secret } },
      maxFileBytes: 1024 * 1024,
      dataDir: '/nonexistent',
      now: () => new Date(),
      handle: (message) => engine.handle(message),
      contactStatus: { markBlocked: async () => undefined, markActive: async () => undefined },
      logger: silentLogger,
    });
    app = Fastify();
    app.addHook('onResponse', observeWebhookLatency);
    await app.register(metricsRoutes, { token });
    await app.register(telegram.routes);
  });
  afterEach(async () => {
    await app.close();
    await telegram.stop();
  });

  const scrape = async () =>
    (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } })).body;
  const post = (update: object, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': secret }) =>
    app.inject({ method: 'POST', url: '/webhooks/telegram', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(update) });

  it('counts the update, its replies and the webhook time once it is handled', async () => {
    const before = await scrape();
    expect(metricValue(before, 'hiephoi_inbound_messages_total', { channel: 'telegram' })).toBe(0);

    const response = await post(telegramFixture('private-text', { userId: 601, updateId: 7001, text: '/start' }));
    expect(response.statusCode).toBe(200);
    await fake.waitForCalls('sendMessage', 2);
    await telegram.stop();

    const after = await scrape();
    expect(handled).toHaveLength(1);
    expect(metricValue(after, 'hiephoi_inbound_messages_total', { channel: 'telegram' })).toBe(1);
    expect(metricValue(after, 'hiephoi_replies_total', { channel: 'telegram', outcome: 'sent' })).toBe(2);
    expect(metricValue(after, 'hiephoi_replies_total', { channel: 'telegram', outcome: 'failed' })).toBe(0);
    const timed = { route: '/webhooks/telegram', channel: 'telegram', status: '200' };
    expect(metricValue(after, 'hiephoi_webhook_duration_seconds_count', timed)).toBe(1);
    expect(metricValue(after, 'hiephoi_webhook_duration_seconds_bucket', { ...timed, le: '+Inf' })).toBe(1);
    // Not a webhook: the scrapes themselves are not timed.
    expect(metricValue(after, 'hiephoi_webhook_duration_seconds_count', { route: '/metrics' })).toBe(0);
  });

  it('times a refused webhook under its status and counts nothing as inbound', async () => {
    const response = await post(telegramFixture('private-text', { userId: 602, updateId: 7002 }), {});
    expect(response.statusCode).toBe(401);
    const after = await scrape();
    expect(metricValue(after, 'hiephoi_webhook_duration_seconds_count', { channel: 'telegram', status: '401' })).toBe(1);
    expect(metricValue(after, 'hiephoi_inbound_messages_total')).toBe(0);
  });

  it('counts a reply the platform refused as failed, and the rest of that answer not at all', async () => {
    fake.failNext('sendMessage', { kind: 'blocked' });
    expect((await post(telegramFixture('private-text', { userId: 603, updateId: 7003, text: '/start' }))).statusCode).toBe(200);
    await fake.waitForCalls('sendMessage', 1);
    await telegram.stop();
    const after = await scrape();
    expect(metricValue(after, 'hiephoi_replies_total', { channel: 'telegram', outcome: 'failed' })).toBe(1);
    expect(metricValue(after, 'hiephoi_replies_total', { channel: 'telegram', outcome: 'sent' })).toBe(0);
  });
});
