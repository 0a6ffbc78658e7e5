import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decideRegistration } from '../../../src/db/decide-registration';
import { findPublishedCampaign } from '../../../src/db/find-published-campaign';
import { createWebchatOutbox } from '../../../src/db/webchat-outbox';
import { buildApp, type App } from '../../../src/http/app';
import { storeFile } from '../../../src/lib/file-store';
import { createHarness, type Harness } from '../../support/conversation-harness';
import { silentLogger } from '../../support/silent-logger';

jest.setTimeout(60_000);

describe('web chat and plan page routes', () => {
  let h: Harness;
  let app: App;
  let dataDir: string;

  beforeAll(async () => {
    h = await createHarness('pglite');
    dataDir = await mkdtemp(path.join(tmpdir(), 'webchat-'));
    app = await buildApp({
      logger: silentLogger,
      health: { checks: {} },
      planPage: { findCampaign: (year) => findPublishedCampaign(h.prisma, year), now: () => h.clock.now(), timeZone: 'Asia/Ho_Chi_Minh' },
      webchat: {
        engine: h.engine,
        storeFile: (bytes, meta) => storeFile(dataDir, bytes, { ...meta, now: h.clock.now() }),
        takeQueued: createWebchatOutbox(h.prisma, () => h.clock.now()).takeQueued,
        maxFileBytes: 1024 * 1024,
        secureCookies: false,
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await h.dispose();
  });

  /** A browser: keeps the session cookie between requests. */
  function browser() {
    let cookie = '';
    let n = 0;
    const remember = (header: string | string[] | undefined) => {
      const value = Array.isArray(header) ? header[0] : header;
      if (value) cookie = value.split(';')[0] ?? '';
    };
    return {
      get cookie() {
        return cookie;
      },
      async page(url = '/chat') {
        const response = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
        remember(response.headers['set-cookie']);
        return response;
      },
      async say(body: { text?: string; payload?: string }, clientMessageId = `msg-${(n += 1)}-0000`) {
        const response = await app.inject({
          method: 'POST',
          url: '/chat/api/messages',
          headers: cookie ? { cookie } : {},
          payload: { ...body, clientMessageId },
        });
        remember(response.headers['set-cookie']);
        return response;
      },
      async upload(name: string, bytes: Buffer, contentType = 'application/octet-stream') {
        return app.inject({
          method: 'POST',
          url: `/chat/api/files?name=${encodeURIComponent(name)}&id=file-${(n += 1)}-0000`,
          headers: { cookie, 'content-type': contentType },
          payload: bytes,
        });
      },
      async updates() {
        return app.inject({ method: 'GET', url: '/chat/api/updates', headers: { cookie } });
      },
    };
  }

  it('serves the chat page with an http-only session cookie and no markup from the query', async () => {
    const b = browser();
    const response = await b.page('/chat?start=%3Cscript%3E');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(String(response.headers['set-cookie'])).toMatch(/^hh_chat=[\w-]{32,}; Path=\/chat; HttpOnly; SameSite=Lax/);
    expect(response.body).toContain('"newSession":true');
    expect(response.body).toContain('"startCode":null');
    expect(response.body).not.toContain('<script>alert');
  });

  it('answers a message with the replies and keeps the conversation by cookie', async () => {
    const b = browser();
    const first = await b.say({ text: '/start' });
    expect(first.statusCode).toBe(200);
    expect(first.json().replies[1].text).toContain('nhập mã số thuế');
    const second = await b.say({ text: '123' });
    expect(second.json().replies[0].text).toContain('Mã số thuế phải gồm 10 chữ số');
    const contacts = await h.prisma.contact.count({ where: { channel: 'webchat' } });
    expect(contacts).toBeGreaterThanOrEqual(1);
  });

  it('stores the hash of the cookie, never the cookie itself', async () => {
    const b = browser();
    await b.say({ text: '/start' });
    const token = b.cookie.split('=')[1] ?? '';
    expect(await h.prisma.contact.count({ where: { platformUserId: token } })).toBe(0);
  });

  it('gives the same message id one effect: a retried POST changes nothing', async () => {
    const b = browser();
    await b.say({ text: '/start' }, 'same-id-0001');
    const retry = await b.say({ text: '/start' }, 'same-id-0001');
    expect(retry.json()).toEqual({ replies: [] });
  });

  it('rejects a body that is not a message with a Vietnamese 400', async () => {
    const response = await app.inject({ method: 'POST', url: '/chat/api/messages', payload: { text: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'Tin nhắn không hợp lệ.' });
  });

  it('refuses a message over 256 KB with a clear 413', async () => {
    const b = browser();
    const response = await b.say({ text: 'a'.repeat(300 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toContain('quá lớn');
  });

  it('refuses a file type that is not a document or picture', async () => {
    const b = browser();
    await b.say({ text: '/start' });
    const response = await b.upload('virus.exe', Buffer.from('MZ'));
    expect(response.statusCode).toBe(415);
    expect(response.json().error).toContain('Chỉ nhận tệp PDF, Word, Excel');
  });

  it('refuses a file over the size limit', async () => {
    const b = browser();
    await b.say({ text: '/start' });
    const response = await b.upload('lon.pdf', Buffer.alloc(1024 * 1024 + 10, 1));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toContain('tối đa 1 MB');
  });

  it('stores an accepted file under DATA_DIR and passes it to the conversation', async () => {
    const b = browser();
    await b.say({ text: '/start' });
    const bytes = Buffer.from('%PDF-1.4 test');
    const response = await b.upload('Báo cáo.pdf', bytes, 'application/pdf');
    expect(response.statusCode).toBe(200);
    // Outside a report the file is not kept with anything: the person is told where it belongs.
    expect(response.json().replies[0].text).toBeTruthy();
    const files = await h.prisma.attachment.count();
    expect(files).toBe(0);
    const stored = path.join(dataDir, 'attachments', '2022', '07');
    const { readdir } = await import('node:fs/promises');
    const names = await readdir(stored);
    expect(names.some((n) => n.endsWith('.pdf'))).toBe(true);
    expect(await readFile(path.join(stored, names.find((n) => n.endsWith('.pdf')) ?? ''))).toEqual(bytes);
  });

  it('delivers an approval once through polling, then asks nothing when idle', async () => {
    const b = browser();
    await b.say({ text: '/start' });
    await b.say({ text: 'Đăng ký mới' });
    for (const answer of ['Công ty TNHH Gạch Yên Thế', '0100107518', 'Yên Thế', '1', 'Lê Văn Cường', '0987 654 321', 'Gửi đăng ký']) {
      await b.say({ text: answer });
    }
    const member = await h.prisma.member.findUniqueOrThrow({ where: { taxCode: '0100107518' } });
    expect(member).toMatchObject({ status: 'pending', source: 'self_registered' });

    const decided = await decideRegistration(h.prisma, member.id, { approve: true }, { type: 'test' }, h.clock.now());
    expect(decided.notified).toBe(1);
    const first = await b.updates();
    expect(first.json().replies[0].text).toContain('đã duyệt đăng ký của Công ty TNHH Gạch Yên Thế');
    expect((await b.updates()).json()).toEqual({ replies: [] });
    const delivery = await h.prisma.delivery.findFirstOrThrow({ where: { memberId: member.id } });
    expect(delivery.status).toBe('sent');
    await expect(
      decideRegistration(h.prisma, member.id, { approve: true }, { type: 'test' }, h.clock.now()),
    ).rejects.toThrow('không ở trạng thái chờ duyệt');
  });

  it('re-asks the current question after a notice that arrived mid-report', async () => {
    const b = browser();
    await b.say({ text: '/start' });
    await h.addMember({ name: 'Công ty CP Thực phẩm Lục Nam', taxCode: '0300588569', inviteCode: 'LUCNAM22' });
    await b.say({ text: '/start LUCNAM22' });
    await b.say({ text: '/baocao' });
    const contact = await h.prisma.contact.findFirstOrThrow({ where: { member: { taxCode: '0300588569' } } });
    await h.prisma.delivery.create({
      data: {
        dedupeKey: `notice:test:${contact.id}`,
        contactId: contact.id,
        channel: 'webchat',
        message: { text: 'Thông báo: Văn phòng nghỉ Lễ 2/9.' },
      },
    });
    const replies = (await b.updates()).json().replies;
    expect(replies[0].text).toBe('Thông báo: Văn phòng nghỉ Lễ 2/9.');
    expect(replies[1].text).toContain('Mục 1/7: Doanh thu');
  });

  it('shows the plan page with the full text, the current phase marked', async () => {
    const response = await app.inject({ method: 'GET', url: '/ke-hoach/2022' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Số 20/KHTĐ-HHDN, Bắc Giang, ngày 21/04/2022');
    expect(response.body).toContain('Đợt thứ hai</strong> (01/07/2022 – 31/12/2022)');
    expect(response.body).toMatch(/Đợt thứ hai<\/strong>[^<]*\s*<span class="current">đang diễn ra/);
    expect(response.body).toContain('Phát động thi đua năm 2022');
  });

  it('escapes what the office stored when showing the plan', async () => {
    await h.prisma.campaign.update({ where: { year: 2022 }, data: { overallTheme: 'Đoàn kết <script>alert(1)</script>' } });
    const response = await app.inject({ method: 'GET', url: '/ke-hoach/2022' });
    expect(response.body).toContain('Đoàn kết &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(response.body).not.toContain('<script>alert(1)');
  });

  it.each(['1999', 'abc', '20222'])('answers a Vietnamese 404 for the plan of %s', async (year) => {
    const response = await app.inject({ method: 'GET', url: `/ke-hoach/${year}` });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Chưa có kế hoạch thi đua nào được công bố');
  });
});
