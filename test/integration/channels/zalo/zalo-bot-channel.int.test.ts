import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { ChannelError } from '../../../../src/channels/channel-error';
import { createZaloBotChannel, type ZaloBotChannel } from '../../../../src/channels/zalo/create-zalo-bot-channel';
import { type FakeZaloBotApi, startFakeZaloBotApi } from '../../../fakes/fake-zalo-bot-api';
import { createHarness, type Harness } from '../../../support/conversation-harness';
import { reportAnswers, validTaxCode } from '../../../support/flow-helpers';
import { silentLogger } from '../../../support/silent-logger';
import { fixtureWith } from './zalo-test-kit';

jest.setTimeout(60_000);

const token = '1459232241454765289:bot-token-for-tests';
const secret = 'bot-webhook-secret';
const webhookUrl = 'https://bot.hiephoi.vn/webhooks/zalo-bot';

describe('Zalo Bot Platform channel', () => {
  let h: Harness;
  let bot: FakeZaloBotApi;
  let channel: ZaloBotChannel;
  let app: FastifyInstance;
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness('pglite');
  });
  afterAll(async () => {
    await h.dispose();
  });

  beforeEach(async () => {
    bot = await startFakeZaloBotApi({ token });
    channel = createZaloBotChannel({
      config: { token, apiRoot: bot.url, webhook: { url: webhookUrl, secret } },
      handle: (message) => h.engine.handle(message),
      logger: silentLogger,
    });
    await channel.start();
    app = Fastify();
    await app.register(channel.routes);
  });
  afterEach(async () => {
    await app.close();
    await channel.stop();
    await bot.close();
  });

  /** A new Bot Platform user (ids are hex strings there). */
  function newUser(): string {
    seq += 1;
    return `${randomUUID().replace(/-/g, '').slice(0, 16)}${String(seq).padStart(4, '0')}`;
  }

  function update(user: string, text: string, options: { bare?: boolean; messageId?: string } = {}) {
    const message = { from: { id: user }, chat: { id: user }, text, message_id: options.messageId ?? `m${randomUUID().replace(/-/g, '').slice(0, 18)}` };
    return options.bare
      ? fixtureWith('bot/message.text.received-bare', { message })
      : fixtureWith('bot/message.text.received', { result: { message } });
  }

  function post(body: unknown, headers: Record<string, string> = { 'x-bot-api-secret-token': secret }) {
    return app.inject({ method: 'POST', url: '/webhooks/zalo-bot', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  }

  /** Posts `text` as `user`, checks the 200 and waits (bounded) for a reply matching `expected`. */
  async function say(user: string, text: string, expected: RegExp | string, options: { bare?: boolean } = {}): Promise<string[]> {
    const mark = bot.textsTo(user).length;
    const response = await post(update(user, text, options));
    expect(response.statusCode).toBe(200);
    await bot.waitForText(user, expected, mark);
    await channel.idle();
    return bot.textsTo(user).slice(mark);
  }

  it('registers its webhook with the secret on start', () => {
    expect(bot.webhook).toEqual({ url: webhookUrl, secret });
  });

  it('answers 401 to a missing or wrong secret, and nothing is stored or sent', async () => {
    const user = newUser();
    expect((await post(update(user, '/start'), {})).statusCode).toBe(401);
    expect((await post(update(user, '/start'), { 'x-bot-api-secret-token': 'bot-webhook-secreT' })).statusCode).toBe(401);
    await channel.idle();
    expect(bot.calls.filter((c) => c.method !== 'setWebhook')).toHaveLength(0);
    expect(await h.prisma.contact.count({ where: { channel: 'zalo_bot', platformUserId: user } })).toBe(0);
  });

  it('takes wrapped and bare bodies alike', async () => {
    const user = newUser();
    const wrapped = await say(user, '/start', 'nhập mã số thuế');
    const bare = await say(user, '/trogiup', 'Tôi là trợ lý của Hiệp hội', { bare: true });
    expect(wrapped.join('\n')).toContain('Kính chào Quý doanh nghiệp!');
    expect(bare[0]).toContain('/baocao');
    // "Typing…" while the answer is prepared.
    expect(bot.calls.some((c) => c.method === 'sendChatAction' && c.params.chat_id === user && c.params.action === 'typing')).toBe(true);
  });

  it('registers a roster member by tax code and roster phone, with no phone button offered', async () => {
    const taxCode = validTaxCode(951);
    const memberId = await h.addMember({ name: 'Công ty TNHH Đồ gỗ Yên Dũng', taxCode, phone: '+84912345051' });
    const user = newUser();
    const greeting = await say(user, '/start', 'nhập mã số thuế');
    // The Bot Platform cannot vouch for a phone: the question does not offer sharing one.
    expect(greeting.join('\n')).not.toContain('Chia sẻ số điện thoại');
    expect(greeting.at(-1)).toMatch(/\n\n1\. Đăng ký mới\nTrả lời 1\.$/);

    const confirm = await say(user, taxCode, 'Có phải Anh/Chị thuộc');
    expect(confirm.at(-1)).toMatch(/\n\n1\. Đúng\n2\. Không phải\nTrả lời 1 hoặc 2\.$/);
    await say(user, '1', 'số điện thoại liên hệ');
    await say(user, '0912345051', 'đã được liên kết với Công ty TNHH Đồ gỗ Yên Dũng');
    const contact = await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: 'zalo_bot', platformUserId: user } } });
    expect(contact).toMatchObject({ memberId, displayName: 'Trần Thị Bình' });
  });

  it('files the 6-month report, the file question skipped since the bot cannot take files', async () => {
    const memberId = await h.addMember({ name: 'Công ty CP Vận tải Sơn Động', taxCode: validTaxCode(952), inviteCode: 'SONDONG1' });
    const user = newUser();
    await say(user, '/start SONDONG1', 'đã được liên kết');
    await say(user, '/baocao', 'Mục 1/7: Doanh thu?');
    for (const [i, answer] of reportAnswers.slice(0, 5).entries()) await say(user, answer, `Mục ${i + 2}/7`);
    const summary = await say(user, reportAnswers[5], 'Anh/Chị kiểm tra lại rồi chọn');
    expect(summary.at(-1)).toContain('6. Khó khăn, vướng mắc và kiến nghị: Thiếu vốn lưu động');
    const receipt = await say(user, '1', 'Mã tiếp nhận');
    expect(receipt.at(-1)).toContain('Văn phòng Hiệp hội đã nhận Báo cáo 6 tháng đầu năm 2022 của Công ty CP Vận tải Sơn Động');
    expect(await h.prisma.submission.count({ where: { memberId } })).toBe(1);
    expect(await h.prisma.attachment.count({ where: { memberId } })).toBe(0);
  });

  it('gives a redelivered message id one effect', async () => {
    const user = newUser();
    const body = update(user, '/start', { messageId: 'redelivered-bot-1' });
    expect((await post(body)).statusCode).toBe(200);
    expect((await post(body)).statusCode).toBe(200);
    await bot.waitForText(user, 'nhập mã số thuế');
    await channel.idle();
    expect(bot.textsTo(user)).toHaveLength(2);
    expect(await h.prisma.processedUpdate.count({ where: { channel: 'zalo_bot', updateId: 'zbot-redelivered-bot-1' } })).toBe(1);
  });

  it('passes a picture and a sticker to the conversation as messages without text', async () => {
    await h.addMember({ name: 'Công ty TNHH Thủy sản Lục Nam', taxCode: validTaxCode(953), inviteCode: 'LUCNAM01' });
    const user = newUser();
    await say(user, '/start LUCNAM01', 'đã được liên kết');
    let mark = bot.textsTo(user).length;
    await post(fixtureWith('bot/message.image.received', { result: { message: { from: { id: user }, chat: { id: user }, message_id: `img-${randomUUID()}` } } }));
    await bot.waitForText(user, 'Xin lỗi, tôi chưa hiểu tin nhắn này', mark);
    mark = bot.textsTo(user).length;
    await post(fixtureWith('bot/message.sticker.received', { result: { message: { from: { id: user }, chat: { id: user }, message_id: `st-${randomUUID()}` } } }));
    await bot.waitForText(user, 'Xin lỗi, tôi chưa hiểu tin nhắn này', mark);
    await channel.idle();

    const before = bot.textsTo(user).length;
    await post(fixtureWith('bot/message.unsupported.received', { result: { message: { from: { id: user }, chat: { id: user } } } }));
    await channel.idle();
    expect(bot.textsTo(user)).toHaveLength(before);
  });

  it('throws a ChannelError when the platform refuses a message', async () => {
    bot.failNext(429);
    const error = await channel.adapter.send(newUser(), { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ channel: 'zalo_bot', code: 'CHANNEL_RATE_LIMITED' });
  });

  it('polls getUpdates without PUBLIC_URL, answers, and stops when told', async () => {
    const polling = createZaloBotChannel({
      config: { token, apiRoot: bot.url, webhook: undefined },
      handle: (message) => h.engine.handle(message),
      logger: silentLogger,
      pollTimeoutSeconds: 1,
    });
    await polling.start();
    try {
      expect(bot.webhook).toBeNull();
      expect(bot.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);

      const user = newUser();
      bot.pushUpdate(update(user, '/start', { messageId: 'polled-1' }).result);
      await bot.waitForText(user, 'nhập mã số thuế');
      // The same update delivered twice (no offset on this platform): one effect. The next
      // update's answer shows the duplicate was taken (one person's updates go in order).
      bot.pushUpdate(update(user, '/start', { messageId: 'polled-1' }).result);
      bot.pushUpdate(update(user, '/trogiup', { messageId: 'polled-2' }).result);
      await bot.waitForText(user, 'Tôi là trợ lý của Hiệp hội');
      await polling.idle();
      expect(bot.textsTo(user).filter((t) => t.startsWith('Kính chào Quý doanh nghiệp!'))).toHaveLength(1);
    } finally {
      const started = Date.now();
      await polling.stop();
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});
