import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTelegramChannel, type TelegramChannel } from '../../../../src/channels/telegram/create-telegram-channel';
import { TELEGRAM_TEXT_LIMIT } from '../../../../src/channels/telegram/render-reply';
import { createPrismaContactStatusRepository } from '../../../../src/db/prisma-contact-status-repository';
import { buildApp, type App } from '../../../../src/http/app';
import { type FakeTelegramServer, type RecordedCall, startFakeTelegramServer } from '../../../fakes/fake-telegram-server';
import {
  type FixtureChange,
  type FixtureName,
  fixtureGroupId,
  fixtureNames,
  freshUpdateId,
  telegramFixture,
} from '../../../fixtures/telegram/telegram-fixtures';
import { createHarness, type Harness } from '../../../support/conversation-harness';
import { reportAnswers, storedReportValues, validTaxCode } from '../../../support/flow-helpers';
import { type Backend, backends } from '../../../support/test-database';
import { silentLogger } from '../../../support/silent-logger';

jest.setTimeout(120_000);

const secret = 'tg-webhook-secret-0123456789';
const pdfBytes = Buffer.from('%PDF-1.4\n% Báo cáo 6 tháng đầu năm 2022\n'.repeat(40));

/** A Fastify app with the real engine and database behind the Telegram webhook, and a fake Bot API. */
interface World {
  readonly h: Harness;
  readonly fake: FakeTelegramServer;
  readonly app: App;
  readonly channel: TelegramChannel;
  readonly dataDir: string;
  dispose(): Promise<void>;
}

async function createWorld(backend: Backend): Promise<World> {
  const h = await createHarness(backend);
  const fake = await startFakeTelegramServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'telegram-int-'));
  const channel = createTelegramChannel({
    config: { token: fake.token, apiRoot: fake.apiRoot, webhook: { url: 'https://bot.hiephoi.vn/webhooks/telegram', secret } },
    maxFileBytes: 1024 * 1024,
    dataDir,
    now: () => h.clock.now(),
    handle: (m) => h.engine.handle(m),
    contactStatus: createPrismaContactStatusRepository(h.prisma),
    logger: silentLogger,
  });
  const app = await buildApp({ logger: silentLogger, health: { checks: {} } });
  await app.register(channel.routes);
  return {
    h,
    fake,
    app,
    channel,
    dataDir,
    async dispose() {
      await channel.stop();
      await app.close();
      await fake.close();
      await h.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts an update as Telegram does; with `secret: null`, without the header. */
function post(w: World, update: unknown, headers: { secret?: string | null } = {}) {
  const value = headers.secret === undefined ? secret : headers.secret;
  return w.app.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: { 'content-type': 'application/json', ...(value === null ? {} : { 'x-telegram-bot-api-secret-token': value }) },
    payload: JSON.stringify(update),
  });
}

/** A person writing to the bot: each update gets a fresh id and its sendMessage calls are returned. */
function person(w: World, userId: number) {
  async function send(name: FixtureName, change: FixtureChange = {}, updateId = freshUpdateId()): Promise<RecordedCall['params'][]> {
    const before = w.fake.sent(userId).length;
    const response = await post(w, telegramFixture(name, { userId, updateId, ...change }));
    expect(response.statusCode).toBe(200);
    // Replies go out after the webhook answers; stop() drains them (and does nothing else in webhook mode).
    await w.channel.stop();
    return w.fake.sent(userId).slice(before);
  }
  return {
    send,
    say: (text: string) => send('private-text', { text }),
    press: (data: string) => send('callback-query', { data }),
  };
}

function texts(sent: readonly RecordedCall['params'][]): string {
  return sent.map((p) => String(p.text)).join('\n');
}

let nextUser = 5_200_000_000;
const newUserId = () => (nextUser += 1);

describe.each(backends)('telegram channel through the webhook on %s', (backend: Backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(() => w.dispose());

  it('registers by tax code and roster phone, then files the 6-month report with a document', async () => {
    const { h, fake } = w;
    const taxCode = validTaxCode(801);
    const memberId = await h.addMember({ name: 'Công ty TNHH An Phát Bắc Giang', taxCode, phone: '+84912345678' });
    const userId = newUserId();
    const u = person(w, userId);

    const greeting = await u.say('/start');
    expect(texts(greeting)).toContain('Kính chào Quý doanh nghiệp!');
    expect(greeting.at(-1)?.reply_markup).toEqual({
      keyboard: [[{ text: 'Chia sẻ số điện thoại', request_contact: true }], [{ text: 'Đăng ký mới' }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });

    const confirm = await u.say(taxCode);
    expect(texts(confirm)).toContain(`Có phải Anh/Chị thuộc Công ty TNHH An Phát Bắc Giang (MST ${taxCode}, Hiệp Hòa)?`);
    expect(confirm.at(-1)?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Đúng', callback_data: 'yes' }, { text: 'Không phải', callback_data: 'no' }]],
    });

    const answeredBefore = fake.callsTo('answerCallbackQuery').length;
    expect(texts(await u.press('yes'))).toContain('vui lòng nhập số điện thoại liên hệ mà doanh nghiệp đã đăng ký với Hiệp hội');
    expect(fake.callsTo('answerCallbackQuery').slice(answeredBefore).map(({ method, params }) => ({ method, params }))).toEqual([
      { method: 'answerCallbackQuery', params: { callback_query_id: '2201830174655236123' } },
    ]);

    const linked = await u.say('0912 345 678');
    expect(texts(linked)).toContain('Tài khoản này đã được liên kết với Công ty TNHH An Phát Bắc Giang');
    const contact = await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: 'telegram', platformUserId: String(userId) } } });
    expect(contact).toMatchObject({ memberId, displayName: 'An Nguyễn Văn', status: 'active' });

    const intro = await u.press('cmd:report');
    expect(texts(intro)).toContain('Mục 1/7: Doanh thu?');
    for (const answer of reportAnswers.slice(0, -1)) await u.say(answer);

    fake.registerFile({ fileId: 'BQACAgUAAxkBAAIBEWK-bao-cao.pdf', bytes: pdfBytes, filePath: 'documents/file_42.pdf' });
    const summary = await u.send('document', {
      document: { file_id: 'BQACAgUAAxkBAAIBEWK-bao-cao.pdf', file_name: 'Báo cáo 6 tháng 2022.pdf', file_size: pdfBytes.length },
    });
    expect(texts(summary)).toContain('Báo cáo 6 tháng 2022.pdf');
    expect(fake.downloads).toContain('documents/file_42.pdf');

    const receipt = await u.press('submit');
    expect(texts(receipt)).toContain('Văn phòng Hiệp hội đã nhận');
    expect(texts(receipt)).toContain(`Mã tiếp nhận: BC-2022-1-${String(memberId).padStart(5, '0')}-1`);

    const sha256 = createHash('sha256').update(pdfBytes).digest('hex');
    const attachment = await h.prisma.attachment.findFirstOrThrow({ where: { memberId } });
    expect(attachment).toMatchObject({
      channel: 'telegram',
      fileName: 'Báo cáo 6 tháng 2022.pdf',
      mimeType: 'application/pdf',
      sizeBytes: pdfBytes.length,
      sha256,
      storagePath: `attachments/2022/07/${sha256}.pdf`,
    });
    expect(attachment.revisionId).not.toBeNull();
    expect(await readFile(path.join(w.dataDir, attachment.storagePath))).toEqual(pdfBytes);
    const revision = await h.prisma.submissionRevision.findFirstOrThrow({ where: { submission: { memberId } } });
    expect(revision.values).toEqual({ ...storedReportValues, attachment: { attachmentId: attachment.id, fileName: 'Báo cáo 6 tháng 2022.pdf' } });
    expect(revision.contactId).toBe(contact.id);
  });

  it('links through the contact button when the verified phone matches the roster', async () => {
    const { h } = w;
    const memberId = await h.addMember({ name: 'HTX Nông sản Lục Ngạn', taxCode: validTaxCode(802), phone: '+84987650001' });
    const userId = newUserId();
    const u = person(w, userId);
    await u.say('/start');
    const confirm = await u.send('contact-own', { phone: '84987650001' });
    expect(texts(confirm)).toContain('Có phải Anh/Chị thuộc HTX Nông sản Lục Ngạn');
    expect(texts(await u.press('yes'))).toContain('đã được liên kết với HTX Nông sản Lục Ngạn');
    const contact = await h.prisma.contact.findUniqueOrThrow({ where: { channel_platformUserId: { channel: 'telegram', platformUserId: String(userId) } } });
    expect(contact).toMatchObject({ memberId, phone: '+84987650001', phoneVerified: true });
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'contact.linked', entityId: String(memberId) } });
    expect(audit.details).toEqual({ how: 'verified phone' });
  });

  it('gives a redelivered update (same update_id) one effect', async () => {
    const userId = newUserId();
    const u = person(w, userId);
    const updateId = freshUpdateId();
    const first = await u.send('private-text', { text: '/start' }, updateId);
    expect(first.length).toBeGreaterThan(0);
    const again = await u.send('private-text', { text: '/start' }, updateId);
    expect(again).toEqual([]);
    expect(await w.h.prisma.processedUpdate.count({ where: { channel: 'telegram', updateId: `tg-${updateId}` } })).toBe(1);
  });
});

describe('telegram channel through the webhook on pglite: every kind of update', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('pglite');
  });
  afterAll(() => w.dispose());
  afterEach(() => w.fake.clearCalls());

  const contactOf = (userId: number) =>
    w.h.prisma.contact.findUnique({ where: { channel_platformUserId: { channel: 'telegram', platformUserId: String(userId) } } });

  it.each(fixtureNames)('answers 401 to %s without the secret header, and stores and sends nothing', async (name) => {
    const userId = newUserId();
    const update = telegramFixture(name, { userId, updateId: freshUpdateId() });
    for (const header of [null, 'wrong-secret-0123456789']) {
      const response = await post(w, update, { secret: header });
      expect(response.statusCode).toBe(401);
    }
    await w.channel.stop();
    expect(w.fake.calls).toEqual([]);
    expect(await contactOf(userId)).toBeNull();
    expect(await w.h.prisma.processedUpdate.count({ where: { updateId: `tg-${update.update_id}` } })).toBe(0);
  });

  it.each(fixtureNames)('answers 200 to %s with the secret header', async (name) => {
    w.fake.registerFile({ fileId: 'BQACAgUAAxkBAAIBEWK-x2r8Q0aJ3bq7pdf', bytes: pdfBytes });
    w.fake.registerFile({ fileId: 'AgACAgUAAxkBAAIBEmK-photo-x', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) });
    const response = await post(w, telegramFixture(name, { userId: newUserId(), updateId: freshUpdateId() }));
    expect(response.statusCode).toBe(200);
    await w.channel.stop();
  });

  it('sends nothing for an edited message, an unknown kind, plain group text or a command to another bot', async () => {
    for (const name of ['edited-message', 'message-reaction', 'group-text', 'group-command-to-other-bot'] as const) {
      expect((await post(w, telegramFixture(name, { userId: newUserId(), updateId: freshUpdateId() }))).statusCode).toBe(200);
    }
    await w.channel.stop();
    expect(w.fake.callsTo('sendMessage')).toEqual([]);
  });

  it('answers 400 to malformed JSON and 200 to JSON that is not an update', async () => {
    const malformed = await w.app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'x-telegram-bot-api-secret-token': secret, 'content-type': 'application/json' },
      payload: '{"update_id": 1, "message": ',
    });
    expect(malformed.statusCode).toBe(400);
    for (const body of [{ hello: 'world' }, [1, 2], { update_id: 'x' }, { update_id: freshUpdateId(), message: { chat: 'nope' } }]) {
      expect((await post(w, body)).statusCode).toBe(200);
    }
    expect(w.fake.callsTo('sendMessage')).toEqual([]);
  });

  it('answers the pressed button so that it stops spinning', async () => {
    const userId = newUserId();
    const sent = await person(w, userId).press('cmd:plan');
    expect(w.fake.callsTo('answerCallbackQuery')).toHaveLength(1);
    expect(texts(sent)).toContain('KẾ HOẠCH');
  });

  it('answers a sticker from a newcomer with something useful', async () => {
    const sent = await person(w, newUserId()).send('sticker');
    expect(texts(sent)).toContain('nhập mã số thuế');
  });

  it('marks the contact blocked when the person blocks the bot, and active when they come back', async () => {
    const userId = newUserId();
    const u = person(w, userId);
    await u.say('/start');
    await u.send('my-chat-member-kicked');
    expect(await contactOf(userId)).toMatchObject({ status: 'blocked', statusReason: 'blocked the bot' });
    const audit = await w.h.prisma.auditLog.findFirst({ where: { action: 'contact.blocked', entityId: String(userId) } });
    expect(audit?.details).toEqual({ reason: 'blocked the bot' });
    await u.send('my-chat-member-member');
    expect(await contactOf(userId)).toMatchObject({ status: 'active', statusReason: null });
    expect(w.fake.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === String(userId))).toHaveLength(2);
  });

  it('does not mark the contact itself when a reply is refused because the bot is blocked', async () => {
    const userId = newUserId();
    w.fake.failNext('sendMessage', { kind: 'blocked' });
    await person(w, userId).say('/start');
    expect(await contactOf(userId)).toMatchObject({ status: 'active' });
  });

  it('tries a reply again when the Bot API fails in passing, and gives up on a refusal at once', async () => {
    const userId = newUserId();
    w.fake.failNext('sendMessage', { kind: 'server-error', status: 502 });
    const failedBefore = w.fake.callsTo('sendMessage').filter((c) => c.failed).length;
    const sent = await person(w, userId).say('/start');
    // The greeting refused with a 502, the greeting again, then the question that follows it.
    expect(sent).toHaveLength(3);
    expect(sent[1]?.text).toBe(sent[0]?.text);
    expect(String(sent[2]?.text)).toContain('mã số thuế');
    expect(w.fake.callsTo('sendMessage').filter((c) => c.failed).length).toBe(failedBefore + 1);
    w.fake.failNext('sendMessage', { kind: 'blocked' });
    expect(await person(w, userId).say('/trangthai')).toHaveLength(1);
  });

  it('refuses a file over the limit in Vietnamese before downloading it, and stores nothing', async () => {
    const userId = newUserId();
    const u = person(w, userId);
    await u.say('/start');
    const filesBefore = await readdir(w.dataDir, { recursive: true });
    const attachmentsBefore = await w.h.prisma.attachment.count();
    const sent = await u.send('document', { document: { file_id: 'too-big.pdf', file_name: 'Báo cáo tài chính.pdf', file_size: 3 * 1024 * 1024 } });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe(
      'Tệp “Báo cáo tài chính.pdf” nặng 3 MB, vượt quá giới hạn 1 MB cho một tệp đính kèm nên chưa được nhận. ' +
        'Anh/Chị vui lòng gửi tệp nhỏ hơn (ví dụ nén lại, hoặc chia thành nhiều tệp).',
    );
    expect(w.fake.callsTo('getFile')).toEqual([]);
    expect(w.fake.downloads).toEqual([]);
    expect(await readdir(w.dataDir, { recursive: true })).toEqual(filesBefore);
    expect(await w.h.prisma.attachment.count()).toBe(attachmentsBefore);
  });

  it('refuses a file type a report does not take, naming the accepted ones', async () => {
    const sent = await person(w, newUserId()).send('document', {
      document: { file_id: 'setup.exe', file_name: 'setup.exe', mime_type: 'application/x-msdownload', file_size: 1000 },
    });
    expect(texts(sent)).toBe('Tệp “setup.exe” không được nhận: Hiệp hội chỉ nhận tệp PDF, Word, Excel, CSV hoặc ảnh (JPG, PNG).');
    expect(w.fake.callsTo('getFile')).toEqual([]);
  });

  it('answers a command addressed to the bot in a group into the group, without buttons', async () => {
    const userId = newUserId();
    const before = w.fake.sent(fixtureGroupId).length;
    const response = await post(w, telegramFixture('group-command-to-bot', { userId, updateId: freshUpdateId() }));
    expect(response.statusCode).toBe(200);
    await w.channel.stop();
    const sent = w.fake.sent(fixtureGroupId).slice(before);
    expect(texts(sent)).toContain('KẾ HOẠCH');
    expect(sent.every((p) => !JSON.stringify(p.reply_markup ?? {}).includes('callback_data'))).toBe(true);
    expect(w.fake.sent(userId)).toEqual([]);
  });

  it.each(['/baocao@HiepHoiBacGiangBot', '/start@HiepHoiBacGiangBot', '/trangthai@HiepHoiBacGiangBot'])(
    'answers %s in a group by sending the person to a private chat, starting nothing',
    async (text) => {
      const userId = newUserId();
      const memberId = await w.h.addMember({ name: `Công ty Nhóm ${userId}`, taxCode: undefined });
      await w.h.prisma.contact.create({ data: { channel: 'telegram', platformUserId: String(userId), memberId } });
      const before = w.fake.sent(fixtureGroupId).length;
      const response = await post(w, telegramFixture('group-command-to-bot', { userId, updateId: freshUpdateId(), text }));
      expect(response.statusCode).toBe(200);
      await w.channel.stop();
      const sent = w.fake.sent(fixtureGroupId).slice(before);
      expect(texts(sent)).toContain('cần nhắn riêng với bot');
      expect(texts(sent)).not.toContain('Mục 1/7');
      expect(w.fake.sent(userId)).toEqual([]);
      const contact = await w.h.prisma.contact.findFirstOrThrow({ where: { platformUserId: String(userId) } });
      expect(await w.h.prisma.conversationState.count({ where: { contactId: contact.id } })).toBe(0);
      expect(await w.h.prisma.submissionDraft.count({ where: { memberId } })).toBe(0);
    },
  );

  it('splits a 10 KB reply into parts under 4,096 characters, in order, the link on the last', async () => {
    const campaign = await w.h.prisma.campaign.findUniqueOrThrow({ where: { year: 2022 } });
    const longTheme = Array.from({ length: 160 }, (_, i) => `Dòng ${String(i + 1).padStart(3, '0')}: thi đua sản xuất, kinh doanh <hiệu quả> & bền vững`).join('\n');
    await w.h.prisma.campaign.update({ where: { year: 2022 }, data: { overallTheme: longTheme } });
    try {
      const sent = await person(w, newUserId()).press('cmd:plan');
      expect(sent.length).toBeGreaterThanOrEqual(3);
      for (const part of sent) expect(String(part.text).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      const numbers = [...texts(sent).matchAll(/Dòng (\d{3}):/g)].map((m) => Number(m[1]));
      expect(numbers).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
      expect(texts(sent)).toContain('&lt;hiệu quả&gt; &amp; bền vững');
      expect(sent.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
      // The harness serves on localhost, which Telegram refuses as a URL button: the link is in the text.
      expect(String(sent.at(-1)?.text)).toContain('Xem toàn văn kế hoạch: http://localhost:3000/ke-hoach/2022');
    } finally {
      await w.h.prisma.campaign.update({ where: { year: 2022 }, data: { overallTheme: campaign.overallTheme } });
    }
  });
});
