import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { createZaloOaChannel, type ZaloOaChannel } from '../../../src/channels/zalo/create-zalo-oa-channel';
import { foldText } from '../../../src/core/text/fold-text';
import { createPrismaChannelCredentialStore } from '../../../src/db/prisma-channel-credential-store';
import { createPrismaContactStatusRepository } from '../../../src/db/prisma-contact-status-repository';
import { type Delivery, startDelivery } from '../../../src/main/start-delivery';
import { type FakeZaloOaApi, startFakeZaloOaApi } from '../../fakes/fake-zalo-oa-api';
import { type FakeZaloOAuth, startFakeZaloOAuth } from '../../fakes/fake-zalo-oauth';
import { type FakeZaloZns, startFakeZaloZns } from '../../fakes/fake-zalo-zns';
import { removeKeys, testRedis } from '../channels/zalo/zalo-test-kit';
import { createHarness, type Harness } from '../../support/conversation-harness';
import { silentLogger } from '../../support/silent-logger';

jest.setTimeout(60_000);

const appId = '2874951369803162012';
const initial = { accessToken: 'access-token-0', refreshToken: 'refresh-token-0' };

/** Zalo's 7-day window: a reminder the OA refuses (-230) goes as the approved ZNS template by phone. */
describe('a Zalo OA reminder outside the interaction window', () => {
  let h: Harness;
  let redis: Redis;
  let oauth: FakeZaloOAuth;
  let oa: FakeZaloOaApi;
  let zns: FakeZaloZns;
  let channel: ZaloOaChannel;
  let delivery: Delivery;
  const prefix = `test:zalo-window:${randomUUID()}`;

  beforeAll(async () => {
    h = await createHarness('pglite');
    redis = testRedis();
    oauth = await startFakeZaloOAuth({ appId, appSecret: 'app-secret-for-tests', initial });
    oa = await startFakeZaloOaApi({ isValidToken: (t) => oauth.isValidAccessToken(t), users: {} });
    zns = await startFakeZaloZns({ isValidToken: (t) => oauth.isValidAccessToken(t) });
    channel = createZaloOaChannel({
      config: {
        appId,
        appSecret: 'app-secret-for-tests',
        secretKey: 'oa-secret-key-for-tests',
        initialAccessToken: initial.accessToken,
        initialRefreshToken: initial.refreshToken,
        apiRoot: oa.url,
        oauthRoot: oauth.url,
        znsApiRoot: zns.url,
        reminderTemplateId: '231456',
      },
      redis,
      credentials: createPrismaChannelCredentialStore(h.prisma),
      maxFileBytes: 1024 * 1024,
      dataDir: await mkdtemp(path.join(tmpdir(), 'zalo-window-')),
      now: () => h.clock.now(),
      handle: (message) => h.engine.handle(message),
      contactStatus: createPrismaContactStatusRepository(h.prisma),
      logger: silentLogger,
      redisKeyPrefix: prefix,
    });
    delivery = startDelivery({
      config: {
        redis: { url: 'redis://127.0.0.1:6379', autostart: 'never' },
        delivery: {
          workers: 'in-process',
          queuePrefix: prefix.replace(/[^a-z0-9-]/g, '-'),
          concurrency: 2,
          ratePerSecond: { telegram: 0, zalo_oa: 0, zalo_bot: 0 },
          telegramPerChatIntervalMs: 0,
          lockMs: 30_000,
        },
      },
      db: h.db,
      adapters: { zalo_oa: channel.adapter },
      sendReminderTemplate: async (phone, data, trackingId) =>
        (await channel.client.sendTemplate({ phone, templateId: '231456', templateData: data, trackingId })).messageId,
      promptAfterInterruption: async () => [],
      clock: h.clock,
      logger: silentLogger,
      sweepIntervalMs: 200,
    });
  });
  afterAll(async () => {
    await delivery.stop();
    await channel.stop();
    await Promise.all([oauth.close(), oa.close(), zns.close()]);
    await removeKeys(redis, prefix);
    redis.disconnect();
    await h.dispose();
  });

  async function reminderTo(userId: string, phone: string | null) {
    const name = `Công ty Cửa sổ ${userId.slice(-3)}`;
    const member = await h.prisma.member.create({
      data: { name, nameFolded: foldText(name), status: 'active', inviteCode: `W${userId.slice(-6)}`, phone },
    });
    const contact = await h.prisma.contact.create({ data: { channel: 'zalo_oa', platformUserId: userId, memberId: member.id } });
    const period = await h.prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang' } });
    const log = await h.prisma.reminderLog.create({
      data: { memberId: member.id, periodId: period.id, offsetKey: 'D-3', dueAt: h.clock.now(), sentAt: h.clock.now() },
    });
    return h.prisma.delivery.create({
      data: {
        dedupeKey: `r:${log.id}:c:${contact.id}`,
        reminderId: log.id,
        contactId: contact.id,
        memberId: member.id,
        channel: 'zalo_oa',
        message: { text: 'Nhắc hạn: Báo cáo 6 tháng đầu năm 2022…' },
      },
    });
  }

  async function settled(id: number) {
    for (let i = 0; i < 100; i += 1) {
      const row = await h.prisma.delivery.findUniqueOrThrow({ where: { id } });
      if (row.status !== 'queued') return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('delivery still queued');
  }

  it('sends the approved template to the member phone with the reminder in its parameters', async () => {
    const userId = '7254870239513699001';
    oa.failFor(userId, -230);
    const row = await reminderTo(userId, '+84912000777');
    expect(await settled(row.id)).toMatchObject({ status: 'sent' });
    const [sent] = zns.sent;
    expect(sent).toMatchObject({
      phone: '84912000777',
      templateId: '231456',
      templateData: { ten_doanh_nghiep: 'Công ty Cửa sổ 001', bao_cao: 'Báo cáo 6 tháng đầu năm 2022', han_nop: 'trước ngày 10/7/2022' },
      trackingId: `d-${row.id}`,
    });
  });

  it('records "outside_window" for the office to call when there is no phone to send it to', async () => {
    const userId = '7254870239513699002';
    oa.failFor(userId, -230);
    const before = zns.sent.length;
    const row = await reminderTo(userId, null);
    expect(await settled(row.id)).toMatchObject({ status: 'failed', failure: 'outside_window' });
    expect(zns.sent).toHaveLength(before);
  });
});
