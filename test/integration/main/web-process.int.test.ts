import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src/db/database';
import { pingRedis } from '../../../src/queue/redis';
import { freePort } from '../../support/free-port';
import { startService, waitForStatus } from '../../support/service-process';
import { dropSchema, testPostgresUrl, withSchema } from '../../support/test-database';

jest.setTimeout(180_000);

const machineRedis = 'redis://127.0.0.1:6379';

describe('the web process (npm start)', () => {
  it('comes up on the embedded database, is ready, holds the 2022 plan and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-'));
    const service = startService('web', { DATA_DIR: dataDir, REDIS_URL: machineRedis }, await freePort());
    const ready = await waitForStatus(service, '/readyz', 200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    expect((await fetch(`${service.baseUrl}/healthz`)).status).toBe(200);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);

    // PGlite allows one process per directory: read the data once the service has let go of it.
    const db = await openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
    try {
      const campaign = await db.prisma.campaign.findUniqueOrThrow({
        where: { year: 2022 },
        include: { phases: true, reportPeriods: true },
      });
      expect(campaign.docNumber).toBe('20/KHTĐ-HHDN');
      expect(campaign.phases).toHaveLength(2);
      expect(campaign.reportPeriods).toHaveLength(2);
    } finally {
      await db.close();
    }
  });

  it('comes up on PostgreSQL when DATABASE_URL is set, and a second start migrates nothing', async () => {
    const schema = `t_web_${Date.now()}`;
    const url = withSchema(testPostgresUrl, schema);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-'));
    try {
      for (let start = 1; start <= 2; start += 1) {
        const service = startService('web', { DATA_DIR: dataDir, DATABASE_URL: url, REDIS_URL: machineRedis, LOG_LEVEL: 'info' }, await freePort());
        await waitForStatus(service, '/readyz', 200);
        expect(service.output().includes('database migrations applied')).toBe(start === 1);
        service.child.kill('SIGTERM');
        expect(await service.exited).toBe(0);
      }
      const db = await openDatabase({ kind: 'postgres', url });
      try {
        expect(await db.prisma.campaign.count()).toBe(1);
        expect(await db.prisma.area.count()).toBe(10);
      } finally {
        await db.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it('starts a private redis-server under DATA_DIR when none answers, and stops it on exit', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-'));
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    expect(await pingRedis(redisUrl)).toBe(false);
    const service = startService('web', { DATA_DIR: dataDir, REDIS_URL: redisUrl }, await freePort());
    await waitForStatus(service, '/readyz', 200);
    expect(await pingRedis(redisUrl)).toBe(true);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(await pingRedis(redisUrl)).toBe(false);
  });

  it('refuses to start with one clear message per bad setting', async () => {
    const service = startService('web', { APP_TIMEZONE: 'Asia/Hanoi_Nowhere', REDIS_URL: 'http://x' }, await freePort());
    expect(await service.exited).toBe(1);
    const output = service.output();
    expect(output).toContain('Cấu hình không hợp lệ');
    expect(output).toContain('- APP_TIMEZONE: giá trị không hợp lệ: "Asia/Hanoi_Nowhere"; cần tên múi giờ IANA');
    expect(output).toContain('- REDIS_URL: giá trị không hợp lệ; cần địa chỉ Redis dạng redis://máy:6379.');
    expect(output).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses to start, saying how to get Redis, when none answers and autostart is off', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-'));
    const service = startService(
      'web',
      { DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_AUTOSTART: 'never' },
      await freePort(),
    );
    expect(await service.exited).toBe(1);
    expect(service.output()).toContain('Không kết nối được Redis');
    expect(service.output()).toContain('apt-get install redis-server');
  });
});
