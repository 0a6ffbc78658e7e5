import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { ChannelError } from '../../../../src/channels/channel-error';
import { createZaloOaChannel, type ZaloOaChannel } from '../../../../src/channels/zalo/create-zalo-oa-channel';
import { toZaloChannelError } from '../../../../src/channels/zalo/zalo-errors';
import type { InboundMessage, Reply } from '../../../../src/core/messages';
import { createPrismaChannelCredentialStore } from '../../../../src/db/prisma-channel-credential-store';
import { createPrismaContactStatusRepository } from '../../../../src/db/prisma-contact-status-repository';
import { type FakeZaloOaApi, startFakeZaloOaApi } from '../../../fakes/fake-zalo-oa-api';
import { type FakeZaloOAuth, startFakeZaloOAuth } from '../../../fakes/fake-zalo-oauth';
import { type FakeZaloZns, startFakeZaloZns } from '../../../fakes/fake-zalo-zns';
import { createHarness, type Harness } from '../../../support/conversation-harness';
import { reportAnswers, validTaxCode } from '../../../support/flow-helpers';
import { silentLogger } from '../../../support/silent-logger';
import { fixtureWith, removeKeys, testRedis, zaloSignature } from './zalo-test-kit';

jest.setTimeout(60_000);

const appId = '2874951369803162012';
const appSecret = 'app-secret-for-tests';
const secretKey = 'oa-secret-key-for-tests';
const initial = { accessToken: 'access-token-0', refreshToken: 'refresh-token-0' };
const pdfBytes = readFileSync(path.join(__dirname, '../../../fixtures/files/bao-cao-6-thang.pdf'));

describe('Zalo OA channel', () => {
  let h: Harness;
  let redis: Redis;
  let dataDir: string;
  let oauth: FakeZaloOAuth;
  let oa: FakeZaloOaApi;
  let zns: FakeZaloZns;
  let prefix: string;
  let channel: ZaloOaChannel;
  let app: FastifyInstance;
  const extraChannels: ZaloOaChannel[] = [];
  let userSeq = 0;

  beforeAll(async () => {
    h = await createHarness('pglite');
    redis = testRedis();
    dataDir = await mkdtemp(path.join(tmpdir(), 'zalo-oa-'));
  });
  afterAll(async () => {
    redis.disconnect();
    await h.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    // Every test starts as a fresh install: settings' tokens, nothing stored, fresh fakes.
    await h.prisma.channelCredential.deleteMany();
    prefix = `test:zalo-oa:${randomUUID()}`;
    oauth = await startFakeZaloOAuth({ appId, appSecret, initial });
    oa = await startFakeZaloOaApi({ isValidToken: (t) => oauth.isValidAccessToken(t), users: {} });
    zns = await startFakeZaloZns({ isValidToken: (t) => oauth.isValidAccessToken(t) });
    channel = newChannel();
    app = Fastify();
    await app.register(channel.routes);
  });
  afterEach(async () => {
    await app.close();
    for (const c of [channel, ...extraChannels.splice(0)]) await c.stop();
    await Promise.all([oauth.close(), oa.close(), zns.close()]);
    await removeKeys(redis, prefix);
  });

  function newChannel(overrides: { handle?: (message: InboundMessage) => Promise<Reply[]> } = {}) {
    return createZaloOaChannel({
      config: {
        appId,
        appSecret,
        secretKey,
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
      dataDir,
      now: () => h.clock.now(),
      handle: overrides.handle ?? ((message) => h.engine.handle(message)),
      contactStatus: createPrismaContactStatusRepository(h.prisma),
      logger: silentLogger,
      redisKeyPrefix: prefix,
    });
  }

  /** A new Zalo user id: a 19-digit number, as Zalo's are. */
  function newUser(): string {
    userSeq += 1;
    return String(7254870239513600000n + BigInt(userSeq));
  }

  let msgSeq = 0;
  /** Signs and posts an OA event built from a fixture; returns the response. */
  async function post(fixture: string, patch: object, options: { signature?: string | null; raw?: string } = {}) {
    const raw = options.raw ?? JSON.stringify(fixtureWith(fixture, patch));
    const timestamp = String(JSON.parse(raw).timestamp);
    const signature = options.signature === undefined ? zaloSignature(appId, secretKey, raw, timestamp) : options.signature;
    return app.inject({
      method: 'POST',
      url: '/webhooks/zalo-oa',
      headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-zevent-signature': signature }) },
      payload: raw,
    });
  }

  function text(user: string, body: string) {
    msgSeq += 1;
    return post('oa/user_send_text', { sender: { id: user }, message: { text: body, msg_id: `msg${msgSeq}${randomUUID().slice(0, 8)}` } });
  }

  /** Posts `body` as `user`, checks the 200, and waits (bounded) for a reply matching `expected`. */
  async function say(user: string, body: string, expected: RegExp | string): Promise<string[]> {
    const mark = oa.sent.length;
    const response = await text(user, body);
    expect(response.statusCode).toBe(200);
    await oa.waitForText(user, expected, mark);
    await channel.idle();
    return oa.sent
      .slice(mark)
      .filter((s) => s.userId === user)
      .map((s) => s.text ?? `[${s.template}]`);
  }

  describe('webhook', () => {
    it('answers 401 to a forged or missing signature, and nothing is stored or sent', async () => {
      const user = newUser();
      const forged = await post('oa/user_send_text', { sender: { id: user }, message: { text: '/start', msg_id: 'forged-1' } }, {
        signature: zaloSignature(appId, 'not-the-secret', '{}', '1656640800000'),
      });
      const missing = await post('oa/user_send_text', { sender: { id: user }, message: { text: '/start', msg_id: 'forged-2' } }, { signature: null });
      expect(forged.statusCode).toBe(401);
      expect(missing.statusCode).toBe(401);
      await channel.idle();
      expect(oa.sent).toHaveLength(0);
      expect(oa.lookups).toHaveLength(0);
      expect(await h.prisma.contact.count({ where: { channel: 'zalo_oa', platformUserId: user } })).toBe(0);
      expect(await h.prisma.processedUpdate.count({ where: { updateId: { in: ['zoa-forged-1', 'zoa-forged-2'] } } })).toBe(0);
    });

    it('answers 200 before the conversation has run, and replies after', async () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const slow = newChannel({
        handle: async (message) => {
          await gate;
          return h.engine.handle(message);
        },
      });
      extraChannels.push(slow);
      const slowApp = Fastify();
      await slowApp.register(slow.routes);
      const user = newUser();
      const raw = JSON.stringify(fixtureWith('oa/user_send_text', { sender: { id: user }, message: { text: '/start', msg_id: 'slow-1' } }));
      const started = Date.now();
      const response = await slowApp.inject({
        method: 'POST',
        url: '/webhooks/zalo-oa',
        headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(appId, secretKey, raw, '1656640800000') },
        payload: raw,
      });
      expect(response.statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(oa.sent).toHaveLength(0);
      open();
      await oa.waitForText(user, 'nhập mã số thuế');
      await slowApp.close();
    });

    it('keeps a numeric user id as its exact digits', async () => {
      const raw = readFileSync(path.join(__dirname, '../../../fixtures/zalo/oa/user_send_text-numeric-ids.json')).toString('utf8');
      const response = await post('', {}, { raw });
      expect(response.statusCode).toBe(200);
      await oa.waitForText('7254870239513629467', 'Kính chào');
      expect(await h.prisma.contact.count({ where: { channel: 'zalo_oa', platformUserId: '7254870239513629467' } })).toBe(1);
      expect(oa.lookups).toContain('7254870239513629467');
    });

    it('gives a redelivered msg_id one effect, in this process and in another', async () => {
      const user = newUser();
      const raw = JSON.stringify(fixtureWith('oa/user_send_text', { sender: { id: user }, message: { text: '/start', msg_id: 'redelivered-1' } }));
      expect((await post('', {}, { raw })).statusCode).toBe(200);
      expect((await post('', {}, { raw })).statusCode).toBe(200);
      await oa.waitForText(user, 'nhập mã số thuế');
      await channel.idle();
      const once = oa.sent.filter((s) => s.userId === user).length;
      // Greeting, question, and the "share your phone" card.
      expect(once).toBe(3);

      // Another process (its own memory) gets the same event: the database says it was handled.
      const other = newChannel();
      extraChannels.push(other);
      const otherApp = Fastify();
      await otherApp.register(other.routes);
      const again = await otherApp.inject({
        method: 'POST',
        url: '/webhooks/zalo-oa',
        headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(appId, secretKey, raw, '1656640800000') },
        payload: raw,
      });
      expect(again.statusCode).toBe(200);
      await other.idle();
      await otherApp.close();
      expect(oa.sent.filter((s) => s.userId === user)).toHaveLength(once);
      expect(await h.prisma.processedUpdate.count({ where: { channel: 'zalo_oa', updateId: 'zoa-redelivered-1' } })).toBe(1);
    });

    it('records follow as an active contact and unfollow as blocked', async () => {
      const user = newUser();
      expect((await post('oa/follow', { follower: { id: user } })).statusCode).toBe(200);
      await channel.idle();
      const followed = await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: 'zalo_oa', platformUserId: user } } });
      expect(followed).toMatchObject({ status: 'active', displayName: `Người dùng ${user}` });
      expect(followed.lastInteractionAt).toEqual(h.clock.now());

      expect((await post('oa/unfollow', { follower: { id: user } })).statusCode).toBe(200);
      await channel.idle();
      const unfollowed = await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: 'zalo_oa', platformUserId: user } } });
      expect(unfollowed).toMatchObject({ status: 'blocked', statusReason: 'unfollowed the OA' });
      expect(await h.prisma.auditLog.count({ where: { action: 'contact.blocked', entityId: user } })).toBe(1);
      expect(oa.sent.filter((s) => s.userId === user)).toHaveLength(0);
    });

    it('ignores events it does not act on', async () => {
      const user = newUser();
      expect((await post('oa/user_send_sticker', { sender: { id: user } })).statusCode).toBe(200);
      await channel.idle();
      expect(oa.sent).toHaveLength(0);
      expect(await h.prisma.contact.count({ where: { channel: 'zalo_oa', platformUserId: user } })).toBe(0);
    });
  });

  describe('conversations', () => {
    it('registers a roster member by tax code and roster phone, choices as numbered text', async () => {
      const taxCode = validTaxCode(901);
      const memberId = await h.addMember({ name: 'Công ty TNHH Gạch Tân Yên', taxCode, phone: '+84912345001' });
      const user = newUser();

      const greeting = await say(user, '/start', 'nhập mã số thuế');
      expect(greeting[0]).toContain('Kính chào Quý doanh nghiệp!');
      expect(greeting[1]).toContain('bấm “Chia sẻ số điện thoại”');
      expect(greeting[1]).toMatch(/\n\n1\. Đăng ký mới\nTrả lời 1\.$/);
      // A verified phone is asked with Zalo's own card, after the question.
      expect(greeting[2]).toBe('[request_user_info]');

      const confirm = await say(user, taxCode, 'Có phải Anh/Chị thuộc');
      expect(confirm.at(-1)).toBe(`Có phải Anh/Chị thuộc Công ty TNHH Gạch Tân Yên (MST ${taxCode}, Hiệp Hòa)?\n\n1. Đúng\n2. Không phải\nTrả lời 1 hoặc 2.`);
      await say(user, '1', 'số điện thoại liên hệ mà doanh nghiệp đã đăng ký');
      const linked = await say(user, '0912 345 001', 'đã được liên kết với Công ty TNHH Gạch Tân Yên');
      // Outside a flow the menu is answered by its number or its words.
      expect(linked.at(-1)).toMatch(/\n\n1\. Gửi báo cáo\n2\. Xem kế hoạch\n3\. Xem trạng thái\nTrả lời 1, 2 hoặc 3\.$/);

      const contact = await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: 'zalo_oa', platformUserId: user } } });
      expect(contact).toMatchObject({ memberId, displayName: `Người dùng ${user}` });
      // The display name is asked once, not per message.
      expect(oa.lookups.filter((id) => id === user)).toHaveLength(1);
    });

    it('registers by the verified phone the person shares (user_submit_info)', async () => {
      const memberId = await h.addMember({ name: 'Công ty CP Nông sản Lạng Giang', taxCode: validTaxCode(902), phone: '+84912345002' });
      const user = newUser();
      await say(user, '/start', 'nhập mã số thuế');

      const mark = oa.sent.length;
      const shared = await post('oa/user_submit_info', { sender: { id: user }, info: { phone: '84912345002', name: 'Lê Thị Hoa' } });
      expect(shared.statusCode).toBe(200);
      await oa.waitForText(user, 'Có phải Anh/Chị thuộc Công ty CP Nông sản Lạng Giang', mark);
      await channel.idle();
      await say(user, 'Đúng', 'đã được liên kết với Công ty CP Nông sản Lạng Giang');

      const contact = await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: 'zalo_oa', platformUserId: user } } });
      expect(contact).toMatchObject({ memberId, phone: '+84912345002', phoneVerified: true });
      const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'contact.linked', entityId: String(memberId) } });
      expect(audit.details).toEqual({ how: 'verified phone' });
    });

    it('files the 6-month report with a file downloaded from Zalo and stored with its SHA-256', async () => {
      const memberId = await h.addMember({ name: 'Công ty TNHH Cơ khí Việt Yên', taxCode: validTaxCode(903), inviteCode: 'VIETYEN1' });
      const user = newUser();
      await say(user, '/start VIETYEN1', 'đã được liên kết với Công ty TNHH Cơ khí Việt Yên');

      await say(user, '/baocao', 'Mục 1/7: Doanh thu?');
      for (const [i, answer] of reportAnswers.slice(0, 6).entries()) {
        const replies = await say(user, answer, `Mục ${i + 2}/7`);
        // "1" would be taken as the answer here, so "Quay lại" is offered by its words only.
        expect(replies.at(-1)).toMatch(/\n\nGõ (“Bỏ qua” hoặc )?“Quay lại”\.$/);
      }

      const url = oa.hostFile('bao-cao-6-thang.pdf', pdfBytes, 'application/pdf');
      const mark = oa.sent.length;
      const file = await post('oa/user_send_file', {
        sender: { id: user },
        message: { msg_id: `file-${randomUUID().slice(0, 8)}`, attachments: [{ type: 'file', payload: { url, name: 'Báo cáo 6 tháng.pdf', size: String(pdfBytes.length), type: 'pdf' } }] },
      });
      expect(file.statusCode).toBe(200);
      const summary = await oa.waitForText(user, 'Anh/Chị kiểm tra lại rồi chọn', mark);
      await channel.idle();
      expect(summary.at(-1)?.text).toContain('7. Tệp báo cáo đính kèm (nếu có): tệp “Báo cáo 6 tháng.pdf”');
      expect(summary.at(-1)?.text).toMatch(/1\. Gửi báo cáo\n2\. Sửa một mục\n3\. Quay lại\n4\. Hủy\nTrả lời một số từ 1 đến 4\.$/);

      const receipt = await say(user, '1', 'Mã tiếp nhận');
      expect(receipt.at(-1)).toContain('Văn phòng Hiệp hội đã nhận Báo cáo 6 tháng đầu năm 2022');

      const attachment = await h.prisma.attachment.findFirstOrThrow({ where: { memberId } });
      expect(attachment).toMatchObject({
        channel: 'zalo_oa',
        fileName: 'Báo cáo 6 tháng.pdf',
        mimeType: 'application/pdf',
        sizeBytes: pdfBytes.length,
        sha256: createHash('sha256').update(pdfBytes).digest('hex'),
      });
      expect(attachment.revisionId).not.toBeNull();
      expect(await readFile(path.join(dataDir, attachment.storagePath))).toEqual(pdfBytes);
      const submission = await h.prisma.submission.findFirstOrThrow({ where: { memberId } });
      expect(submission.currentRevision).toBe(1);
    });

    it('stores a picture sent outside a report and says where files belong', async () => {
      await h.addMember({ name: 'Công ty TNHH May Lục Ngạn', taxCode: validTaxCode(904), inviteCode: 'LUCNGAN1' });
      const user = newUser();
      await say(user, '/start LUCNGAN1', 'đã được liên kết');
      const url = oa.hostFile('bang-luong.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg');
      const mark = oa.sent.length;
      await post('oa/user_send_image', { sender: { id: user }, message: { msg_id: `img-${randomUUID().slice(0, 8)}`, attachments: [{ type: 'image', payload: { url } }] } });
      await oa.waitForText(user, 'tệp chỉ được lưu khi kèm báo cáo', mark);
      const stored = await readdir(path.join(dataDir, 'attachments', '2022', '07'));
      expect(stored.some((name) => name.endsWith('.jpg'))).toBe(true);
    });

    it('refuses a file type it does not take, and one that is too large, telling the person', async () => {
      const user = newUser();
      const exe = oa.hostFile('setup.exe', Buffer.from('MZ'), 'application/octet-stream');
      let mark = oa.sent.length;
      await post('oa/user_send_file', { sender: { id: user }, message: { msg_id: 'exe-1', attachments: [{ type: 'file', payload: { url: exe, name: 'setup.exe', size: '2' } }] } });
      const refused = await oa.waitForText(user, 'không được nhận', mark);
      expect(refused.at(-1)?.text).toBe('Tệp “setup.exe” không được nhận. Chỉ nhận tệp PDF, Word, Excel, CSV hoặc ảnh (JPG, PNG).');

      const big = oa.hostFile('lon.pdf', Buffer.alloc(1024 * 1024 + 1, 1), 'application/pdf');
      mark = oa.sent.length;
      // Zalo announces a small size; the download itself shows the truth.
      await post('oa/user_send_file', { sender: { id: user }, message: { msg_id: 'big-1', attachments: [{ type: 'file', payload: { url: big, name: 'lon.pdf', size: '10' } }] } });
      const tooLarge = await oa.waitForText(user, 'quá lớn', mark);
      expect(tooLarge.at(-1)?.text).toBe('Tệp “lon.pdf” quá lớn (tối đa 1 MB cho một tệp). Anh/Chị gửi tệp nhỏ hơn giúp.');
      await channel.idle();
      expect(await h.prisma.processedUpdate.count({ where: { updateId: { in: ['zoa-exe-1', 'zoa-big-1'] } } })).toBe(0);
    });
  });

  describe('tokens', () => {
    it('takes the first tokens from the settings and swaps them at once for a pair with a known expiry', async () => {
      await channel.adapter.send(newUser(), { text: 'Xin chào' });
      // The settings' access token has no known expiry: the first use refreshes, so the upkeep
      // timer can keep the one-use refresh token alive through months without messages.
      expect(oauth.attempts).toEqual([{ refreshToken: 'refresh-token-0', accepted: true }]);
      const rows = await h.prisma.channelCredential.findMany({ where: { channel: 'zalo_oa' }, orderBy: { name: 'asc' } });
      expect(rows.map((r) => [r.name, r.value, r.expiresAt !== null])).toEqual([
        ['access_token', 'access-token-1', true],
        ['refresh_token', 'refresh-token-1', true],
      ]);
      expect(oa.sent.at(-1)?.accessToken).toBe('access-token-1');
    });

    it('on start stores and swaps the settings’ tokens, then refreshes only a token that expires within the hour', async () => {
      await channel.start();
      expect(oauth.refreshCount).toBe(1);
      const restarted = newChannel();
      extraChannels.push(restarted);
      await restarted.start();
      expect(oauth.refreshCount).toBe(1);

      await createPrismaChannelCredentialStore(h.prisma).write('zalo_oa', {
        access_token: { value: 'access-token-1', expiresAt: new Date(Date.now() + 10 * 60_000) },
      });
      const again = newChannel();
      extraChannels.push(again);
      await again.start();
      expect(oauth.refreshCount).toBe(2);
      const stored = await h.prisma.channelCredential.findUniqueOrThrow({ where: { channel_name: { channel: 'zalo_oa', name: 'access_token' } } });
      expect(stored.value).toBe('access-token-2');
    });

    it('on -216 refreshes once, retries once, and saves the rotated pair', async () => {
      const user = newUser();
      await channel.adapter.send(user, { text: 'Trước' });
      oauth.expireAccessToken();
      const before = Date.now();
      await expect(channel.adapter.send(user, { text: 'Sau' })).resolves.toEqual({ platformMessageIds: [expect.any(String)] });

      // One refresh at first use (the settings' token), one for the -216.
      expect(oauth.attempts).toEqual([
        { refreshToken: 'refresh-token-0', accepted: true },
        { refreshToken: 'refresh-token-1', accepted: true },
      ]);
      const sendCalls = oa.calls.filter((c) => c.path === '/v3.0/oa/message/cs');
      expect(sendCalls.map((c) => [c.accessToken, c.error])).toEqual([
        ['access-token-1', 0],
        ['access-token-1', -216],
        ['access-token-2', 0],
      ]);
      const rows = new Map(
        (await h.prisma.channelCredential.findMany({ where: { channel: 'zalo_oa' } })).map((r) => [r.name, r]),
      );
      expect(rows.get('access_token')?.value).toBe('access-token-2');
      expect(rows.get('refresh_token')?.value).toBe('refresh-token-2');
      const expiresAt = rows.get('access_token')?.expiresAt?.getTime() ?? 0;
      expect(expiresAt).toBeGreaterThanOrEqual(before + 90_000_000 - 1_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 90_000_000);
    });

    it('recovers the same way from a single programmed -216', async () => {
      const user = newUser();
      await channel.adapter.send(user, { text: 'Trước' });
      oa.failNext(-216);
      await channel.adapter.send(user, { text: 'Sau' });
      expect(oauth.refreshCount).toBe(2);
      expect(oa.sent.filter((s) => s.userId === user).map((s) => [s.text, s.accessToken])).toEqual([
        ['Trước', 'access-token-1'],
        ['Sau', 'access-token-2'],
      ]);
    });

    it('lets exactly one of two processes refresh when both meet -216 at once', async () => {
      await createPrismaChannelCredentialStore(h.prisma).write('zalo_oa', {
        access_token: { value: initial.accessToken, expiresAt: new Date(Date.now() + 20 * 3_600_000) },
        refresh_token: { value: initial.refreshToken, expiresAt: null },
      });
      await oauth.close();
      // A slow OAuth server, so that both refreshes would overlap without the lock.
      const slowOAuth = await startFakeZaloOAuth({ appId, appSecret, initial, delayMs: 300 });
      oauth = slowOAuth;
      slowOAuth.expireAccessToken();
      const [a, b] = [newChannelAt(slowOAuth), newChannelAt(slowOAuth)];
      extraChannels.push(a, b);

      const [userA, userB] = [newUser(), newUser()];
      await Promise.all([a.adapter.send(userA, { text: 'Một' }), b.adapter.send(userB, { text: 'Hai' })]);

      expect(slowOAuth.refreshCount).toBe(1);
      expect(slowOAuth.attempts).toHaveLength(1);
      expect(oa.sent.filter((s) => [userA, userB].includes(s.userId)).map((s) => s.accessToken)).toEqual(['access-token-1', 'access-token-1']);
      const stored = await h.prisma.channelCredential.findUniqueOrThrow({ where: { channel_name: { channel: 'zalo_oa', name: 'refresh_token' } } });
      expect(stored.value).toBe('refresh-token-1');
    });

    it('lets exactly one of two processes refresh ahead of expiry', async () => {
      const soon = new Date(Date.now() + 20 * 60_000);
      await createPrismaChannelCredentialStore(h.prisma).write('zalo_oa', {
        access_token: { value: initial.accessToken, expiresAt: soon },
        refresh_token: { value: initial.refreshToken, expiresAt: null },
      });
      await oauth.close();
      const slowOAuth = await startFakeZaloOAuth({ appId, appSecret, initial, delayMs: 300 });
      oauth = slowOAuth;
      const [a, b] = [newChannelAt(slowOAuth), newChannelAt(slowOAuth)];
      extraChannels.push(a, b);
      const [userA, userB] = [newUser(), newUser()];
      await Promise.all([a.adapter.send(userA, { text: 'Một' }), b.adapter.send(userB, { text: 'Hai' })]);
      expect(slowOAuth.refreshCount).toBe(1);
      // Nobody tried the spent refresh token either.
      expect(slowOAuth.attempts).toHaveLength(1);
      expect(oa.sent.filter((s) => [userA, userB].includes(s.userId)).map((s) => s.accessToken)).toEqual(['access-token-1', 'access-token-1']);
      // Nothing is left locked.
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
    });

    /** Another process of the same service (own memory, same Redis and database), on `oauthServer`. */
    function newChannelAt(oauthServer: FakeZaloOAuth) {
      return createZaloOaChannel({
        config: {
          appId,
          appSecret,
          secretKey,
          initialAccessToken: initial.accessToken,
          initialRefreshToken: initial.refreshToken,
          apiRoot: oa.url,
          oauthRoot: oauthServer.url,
          znsApiRoot: zns.url,
          reminderTemplateId: undefined,
        },
        redis,
        credentials: createPrismaChannelCredentialStore(h.prisma),
        maxFileBytes: 1024 * 1024,
        dataDir,
        now: () => h.clock.now(),
        handle: (message) => h.engine.handle(message),
        contactStatus: createPrismaContactStatusRepository(h.prisma),
        logger: silentLogger,
        redisKeyPrefix: prefix,
      });
    }
  });

  describe('errors and templates', () => {
    it.each([
      [-230, 'CHANNEL_REJECTED', 'outside_window'],
      [-213, 'CHANNEL_REJECTED', 'blocked'],
      [-32, 'CHANNEL_RATE_LIMITED', undefined],
    ] as const)('turns Zalo error %i into %s %s', async (code, channelCode, reason) => {
      await channel.adapter.send(newUser(), { text: 'Khởi động' });
      const refreshes = oauth.refreshCount;
      oa.failNext(code);
      const error = await channel.adapter.send(newUser(), { text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelError);
      expect(error).toMatchObject({ channel: 'zalo_oa', code: channelCode, reason });
      expect(oauth.refreshCount).toBe(refreshes);
    });

    it('sends a ZNS template by phone and maps its refusals', async () => {
      const sent = await channel.client.sendTemplate({
        phone: '+84912345678',
        templateId: '231456',
        templateData: { ten_doanh_nghiep: 'Công ty TNHH An Phát', ky_bao_cao: 'Báo cáo 6 tháng', han_nop: '10/07/2022' },
        trackingId: 'nhac-han-1',
      });
      expect(sent).toMatchObject({ messageId: 'zns-1', quota: { daily: 500, remaining: 499 } });
      expect(zns.sent).toEqual([
        expect.objectContaining({ phone: '84912345678', templateId: '231456', trackingId: 'nhac-han-1', accessToken: 'access-token-1' }),
      ]);

      zns.failNext(-117);
      const refused = await channel.client.sendTemplate({ phone: '+84912345678', templateId: '999', templateData: {} }).catch((e: unknown) => e);
      expect(toZaloChannelError('zalo_oa', refused)).toMatchObject({ code: 'CHANNEL_REJECTED', reason: 'template_not_approved' });
      zns.failNext(-115);
      const broke = await channel.client.sendTemplate({ phone: '+84912345678', templateId: '231456', templateData: {} }).catch((e: unknown) => e);
      expect(toZaloChannelError('zalo_oa', broke)).toMatchObject({ code: 'CHANNEL_REJECTED', reason: 'quota_exceeded' });
    });

    it('refreshes on ZNS’s token refusal too', async () => {
      await channel.adapter.send(newUser(), { text: 'Khởi động' });
      oauth.expireAccessToken();
      await channel.client.sendTemplate({ phone: '84912345678', templateId: '231456', templateData: {} });
      expect(oauth.refreshCount).toBe(2);
      expect(zns.sent.at(-1)?.accessToken).toBe('access-token-2');
    });
  });
});
