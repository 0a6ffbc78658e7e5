import { metrics } from '../../../src/metrics/metrics';
import { type MetricsServer, serveMetrics } from '../../../src/metrics/serve-metrics';
import { metricValue } from '../../support/metrics-text';
import { silentLogger } from '../../support/silent-logger';

const token = 'metrics-token-for-tests-0123456789';

describe('the internal metrics listener', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const url = (path = '/metrics') => `http://127.0.0.1:${server?.port}${path}`;

  it('serves /metrics without a token when none is configured, and nothing else', async () => {
    server = await serveMetrics({ host: '127.0.0.1', port: 0, logger: silentLogger });
    const response = await fetch(url());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('# TYPE hiephoi_inbound_messages_total counter');
    expect((await fetch(url('/'))).status).toBe(404);
    expect((await fetch(url('/metrics'), { method: 'POST' })).status).toBe(404);
  });

  it('asks for METRICS_TOKEN when one is configured', async () => {
    server = await serveMetrics({ host: '127.0.0.1', port: 0, token, logger: silentLogger });
    const refused = await fetch(url());
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await fetch(url(), { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(url(), { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('fails to start, saying so, when the port is taken', async () => {
    server = await serveMetrics({ host: '127.0.0.1', port: 0, logger: silentLogger });
    await expect(serveMetrics({ host: '127.0.0.1', port: server.port, logger: silentLogger })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('queue depth', () => {
  beforeEach(() => metrics.registry.resetMetrics());

  it('is read from the watched queues at scrape time, and a queue that cannot answer is left out', async () => {
    let waiting = 3;
    const unwatch = metrics.watchQueues([
      { name: 'outbound-telegram', getJobCounts: async () => ({ wait: waiting, prioritized: 1, active: 2, delayed: 5 }) },
      { name: 'broken', getJobCounts: async () => Promise.reject(new Error('Redis is gone')) },
    ]);
    try {
      let text = await metrics.registry.metrics();
      expect(metricValue(text, 'hiephoi_queue_jobs', { queue: 'outbound-telegram', state: 'waiting' })).toBe(4);
      expect(metricValue(text, 'hiephoi_queue_jobs', { queue: 'outbound-telegram', state: 'active' })).toBe(2);
      expect(metricValue(text, 'hiephoi_queue_jobs', { queue: 'outbound-telegram', state: 'delayed' })).toBe(5);
      expect(text).not.toContain('queue="broken"');
      waiting = 0;
      text = await metrics.registry.metrics();
      expect(metricValue(text, 'hiephoi_queue_jobs', { queue: 'outbound-telegram', state: 'waiting' })).toBe(1);
    } finally {
      unwatch();
    }
    expect(await metrics.registry.metrics()).not.toContain('queue="outbound-telegram"');
  });
});
