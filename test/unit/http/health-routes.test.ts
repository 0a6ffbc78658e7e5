import { buildApp } from '../../../src/http/app';
import { silentLogger } from '../../support/silent-logger';

async function appWith(checks: Record<string, () => Promise<boolean>>) {
  return buildApp({ logger: silentLogger, health: { checks } });
}

describe('health routes', () => {
  it('answers /healthz with 200 whatever the dependencies say', async () => {
    const app = await appWith({ database: async () => false });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when every check passes', async () => {
    const app = await appWith({ database: async () => true, redis: async () => true });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  it('answers /readyz with 503 naming the dependency that is down', async () => {
    const app = await appWith({ database: async () => true, redis: async () => false });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'unavailable' } });
  });

  it('counts a check that throws as unavailable instead of failing the request', async () => {
    const app = await appWith({
      database: async () => {
        throw new Error('connection refused');
      },
    });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks.database).toBe('unavailable');
  });

  it('answers an unknown path with a Vietnamese 404', async () => {
    const app = await appWith({});
    const response = await app.inject({ method: 'GET', url: '/khong-co' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'Không tìm thấy trang.' });
  });
});
