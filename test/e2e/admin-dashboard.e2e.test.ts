import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { generateInviteCode } from '../../src/core/members/generate-invite-code';
import { isValidTaxCodeCheckDigit } from '../../src/core/tax-code/parse-tax-code';
import { foldText } from '../../src/core/text/fold-text';
import { type Database, openDatabase } from '../../src/db/database';
import { type FakeTelegramServer, startFakeTelegramServer } from '../fakes/fake-telegram-server';
import { launchBrowser } from '../support/browser';
import { freePort } from '../support/free-port';
import { removeQueueKeys } from '../support/redis-keys';
import { runCli } from '../support/run-cli';
import { type ServiceProcess, startService, waitForStatus } from '../support/service-process';
import { dropSchema, testPostgresUrl, withSchema } from '../support/test-database';

jest.setTimeout(240_000);

const root = path.join(__dirname, '..', '..');
const artifacts = path.join(root, 'test-artifacts');
const laptop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

const password = 'mat-khau-van-phong-2022';
const broadcastText = 'Kính gửi Quý doanh nghiệp khu vực Hiệp Hòa: hội nghị tổng kết 6 tháng đầu năm 2022 họp lúc 8 giờ ngày 15/7/2022 tại Hội trường UBND huyện.';

/** The first valid tax code starting with the nine digits given (the check digit found). */
function taxCode(nineDigits: string): string {
  for (let d = 0; d <= 9; d += 1) if (isValidTaxCodeCheckDigit(`${nineDigits}${d}`)) return `${nineDigits}${d}`;
  throw new Error(`no valid tax code starts with ${nineDigits}`);
}

/**
 * The office's dashboard as the office uses it, in headless Chromium against the real service
 * process (PostgreSQL, Redis, the fake Telegram Bot API): log in, import a roster with bad rows,
 * approve a self-registration, send a broadcast to an area and watch it finish, download the
 * compiled report. Screenshots of the main pages, at a laptop's and a phone's width, go to
 * test-artifacts/ (not committed).
 */
describe('the office dashboard in a browser', () => {
  const schema = `t_e2e_admin_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  // A queue prefix of its own: another service on this Redis must not take this one's jobs.
  const queuePrefix = `e2e-admin-${randomBytes(4).toString('hex')}`;
  let dataDir: string;
  let fake: FakeTelegramServer;
  let service: ServiceProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: Database;

  // Tax codes of the members made beforehand and of the roster's rows; Telegram chats of the contacts.
  const codes = {
    may: taxCode('240012345'),
    coKhi: taxCode('240023456'),
    lucNgan: taxCode('240034567'),
    phucLam: taxCode('240045678'),
    thep: taxCode('240056789'),
    goTanYen: taxCode('240067891'),
    haNoi: taxCode('010112233'),
  };
  const chats = { may1: '7001', may2: '7002', coKhi: '7003', lucNgan: '7004', phucLam: '7005' };
  let phucLamId: number;
  let periodId: number;
  let areaIds: Record<string, number>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-e2e-admin-'));
    await mkdir(artifacts, { recursive: true });
    fake = await startFakeTelegramServer({ maxHoldMs: 300 });
    service = startService(
      'web',
      {
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        // 1 July 2022, 09:00 in Bắc Giang: the 6-month report is open, due before 10/7.
        APP_NOW: '2022-07-01T09:00:00+07:00',
        REDIS_URL: 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: queuePrefix,
        // The scheduled jobs would send reminders and the plan on a real quarter-hour tick: 29 February only.
        JOBS_CRON: '0 0 29 2 *',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_BOT_USERNAME: fake.bot.username,
      },
      await freePort(),
    );
    // The service migrates and seeds the database before it answers.
    await waitForStatus(service, '/readyz', 200);
    db = await openDatabase({ kind: 'postgres', url });
    const created = await runCli('admin-create', ['vanphong', 'Chị Lan (Văn phòng)'], { DATABASE_URL: url, DATA_DIR: dataDir, ADMIN_PASSWORD: password });
    expect(created).toMatchObject({ code: 0 });
    expect(created.output).toContain('Đã tạo tài khoản vanphong (office_admin).');

    areaIds = Object.fromEntries((await db.prisma.area.findMany()).map((a) => [a.code, a.id]));
    const member = async (data: { name: string; taxCode: string; area: string; status?: 'active' | 'pending'; phone?: string; contactPerson?: string; chats?: string[] }) => {
      const m = await db.prisma.member.create({
        data: {
          name: data.name,
          nameFolded: foldText(data.name),
          taxCode: data.taxCode,
          areaId: areaIds[data.area],
          status: data.status ?? 'active',
          source: data.status === 'pending' ? 'self_registered' : 'roster',
          inviteCode: generateInviteCode(),
          phone: data.phone,
          contactPerson: data.contactPerson,
          // The database's clock is the machine's; the service's is APP_NOW.
          createdAt: new Date('2022-06-28T10:00:00+07:00'),
          contacts: {
            create: (data.chats ?? []).map((chat, i) => ({ channel: 'telegram' as const, platformUserId: chat, displayName: `${data.contactPerson ?? 'Người liên hệ'} ${i + 1}` })),
          },
        },
      });
      return m.id;
    };
    const mayId = await member({ name: 'Công ty TNHH May Hiệp Hòa', taxCode: codes.may, area: 'hiep-hoa', contactPerson: 'Nguyễn Văn An', phone: '+84912345678', chats: [chats.may1, chats.may2] });
    await member({ name: 'Công ty Cổ phần Cơ khí Đức Thắng', taxCode: codes.coKhi, area: 'hiep-hoa', chats: [chats.coKhi] });
    await member({ name: 'Công ty TNHH Lục Ngạn Xanh', taxCode: codes.lucNgan, area: 'luc-ngan', chats: [chats.lucNgan] });
    phucLamId = await member({
      name: 'Công ty TNHH Nông sản Phúc Lâm',
      taxCode: codes.phucLam,
      area: 'hiep-hoa',
      status: 'pending',
      contactPerson: 'Trần Thị Bình',
      phone: '+84987654321',
      chats: [chats.phucLam],
    });

    // The May company filed its 6-month report on 30 June (as the chat would have stored it).
    const period = await db.prisma.reportPeriod.findFirstOrThrow({ where: { code: '6-thang', campaign: { year: 2022 } } });
    periodId = period.id;
    const at = new Date('2022-06-30T15:20:00+07:00');
    await db.prisma.submission.create({
      data: {
        memberId: mayId,
        periodId,
        currentRevision: 1,
        firstSubmittedAt: at,
        lastSubmittedAt: at,
        onTime: true,
        revisions: {
          create: {
            revision: 1,
            values: {
              revenue: 12_500_000_000,
              budget_contribution: 800_000_000,
              employees: 120,
              average_income: 8_500_000,
              social_contribution: 50_000_000,
              difficulties: 'Thiếu vốn lưu động',
              attachment: null,
            },
            submittedAt: at,
            onTime: true,
            referenceCode: 'BC-2022-1-MAYHH-1',
          },
        },
      },
    });

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: laptop, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    await fake?.close();
    await db?.close();
    await dropSchema(schema);
    await removeQueueKeys(queuePrefix);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(artifacts, `admin-${name}.png`), fullPage: true });
  const goto = (p: Page, where: string) => p.goto(`${service.baseUrl}${where}`);

  it('logs in through the form', async () => {
    await goto(page, '/admin');
    await page.waitForURL('**/admin/login');
    await shot(page, 'login-1280');
    // Before logging in there is no menu: every page behind it would only lead back here.
    expect(await page.locator('nav.admin-nav').count()).toBe(0);
    await page.getByLabel('Tên đăng nhập').fill('vanphong');
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${service.baseUrl}/admin`);
    await expectText(page.locator('main'), 'Xin chào Chị Lan (Văn phòng).');
    // The pending registration is on the overview.
    const pending = page.locator('section', { hasText: 'Đăng ký chờ duyệt' });
    await expectText(pending, 'Trần Thị Bình 0987 654 321');
    expect(await pending.getByRole('link', { name: 'Công ty TNHH Nông sản Phúc Lâm' }).getAttribute('href')).toBe(`/admin/members/${phucLamId}`);
    await shot(page, 'overview-1280');
  });

  it('imports a roster with bad rows and lists each with its line and reason', async () => {
    const roster = path.join(dataDir, 'danh-sách-hội-viên.csv');
    await writeFile(
      roster,
      '\ufeffSTT;Tên doanh nghiệp;Mã số thuế;Khu vực;Loại hội viên;Người liên hệ;Điện thoại\r\n' +
        `1;Công ty CP Thép Hiệp Hòa;${codes.thep};Hiệp Hòa;Doanh nghiệp;Lê Văn Cường;0912 111 222\r\n` +
        `2;Công ty TNHH Gỗ Tân Yên;${codes.goTanYen};Tân Yên;DN;Phạm Thị Dung;0912 333 444\r\n` +
        `3;Công ty Cổ phần Cơ khí Đức Thắng;${codes.coKhi};Hiệp Hòa;;Hoàng Văn Em;0912 555 666\r\n` +
        `4;Công ty Sai Mã;${codes.thep.slice(0, 9)}${(Number(codes.thep[9]) + 1) % 10};Lục Nam;;;\r\n` +
        `5;Công ty Trùng Mã;${codes.thep};Hiệp Hòa;;;\r\n` +
        `6;Công ty Ở Hà Nội;${codes.haNoi};Hà Nội;;;\r\n` +
        `7;;${taxCode('010223344')};Yên Dũng;;;\r\n`,
    );
    await goto(page, '/admin/members');
    await shot(page, 'members-1280');
    await page.getByRole('link', { name: 'Nhập danh sách hội viên từ tệp Excel/CSV' }).click();
    await page.setInputFiles('input[type=file][name=file]', roster);
    await page.getByRole('button', { name: 'Nhập danh sách' }).click();
    await expectText(page.getByRole('status'), 'Hội viên mới: 2 · Cập nhật: 1 · Không đổi: 0 · Dòng lỗi chưa nhập: 4');
    await expectText(page.locator('h2').first(), 'Kết quả nhập tệp “danh-sách-hội-viên.csv”');
    const badRows = await page.locator('table tr').evaluateAll((rows) => rows.slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(badRows).toEqual([
      ['5', expect.stringContaining('không đúng (chữ số kiểm tra cuối không khớp)')],
      ['6', 'Trùng mã số thuế với dòng 2.'],
      ['7', expect.stringContaining('Không rõ khu vực “Hà Nội”')],
      ['8', 'Thiếu tên doanh nghiệp.'],
    ]);
    await shot(page, 'import-report-1280');

    // Two new members, one updated (its contact person and phone); the bad rows stored nothing.
    const imported = await db.prisma.member.findMany({ where: { taxCode: { in: [codes.thep, codes.goTanYen, codes.coKhi] } }, include: { area: true } });
    expect(imported.map((m) => [m.name, m.taxCode, m.area?.code, m.status, m.source, m.phone, m.contactPerson]).sort()).toEqual([
      ['Công ty CP Thép Hiệp Hòa', codes.thep, 'hiep-hoa', 'active', 'roster', '+84912111222', 'Lê Văn Cường'],
      ['Công ty Cổ phần Cơ khí Đức Thắng', codes.coKhi, 'hiep-hoa', 'active', 'roster', '+84912555666', 'Hoàng Văn Em'],
      ['Công ty TNHH Gỗ Tân Yên', codes.goTanYen, 'tan-yen', 'active', 'roster', '+84912333444', 'Phạm Thị Dung'],
    ]);
    expect(await db.prisma.member.count()).toBe(6);
    expect(await db.prisma.member.count({ where: { name: { in: ['Công ty Sai Mã', 'Công ty Trùng Mã', 'Công ty Ở Hà Nội'] } } })).toBe(0);
  });

  it('approves a pending self-registration, and its contact is told on Telegram', async () => {
    await goto(page, '/admin/members');
    await page.getByLabel('Trạng thái').selectOption('pending');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expectText(page.locator('main'), 'Tìm thấy 1 hội viên');
    await page.getByRole('link', { name: 'Công ty TNHH Nông sản Phúc Lâm' }).click();
    await expectText(page.locator('main'), 'Chờ duyệt');
    // Both invite links, each with its QR code, which loads as an image.
    const qr = page.locator('figure img');
    await waitForValue(() => qr.count(), 2);
    for (const img of await qr.all()) {
      // Runs in the page: written without the DOM's types, which the project leaves out.
      const complete = await img.evaluate((el) => (el as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0);
      expect(complete).toBe(true);
    }
    await expectText(page.locator('main'), `https://t.me/${fake.bot.username}?start=`);
    await shot(page, 'member-pending-1280');

    await page.getByRole('button', { name: 'Duyệt đăng ký' }).click();
    await page.waitForURL(`**/admin/members/${phucLamId}?done=approved`);
    await expectText(page.getByRole('status'), 'Đã duyệt đăng ký.');
    await expectText(page.locator('main'), 'Đang hoạt động');
    await shot(page, 'member-qr-1280');

    const [call] = await fake.waitForCalls('sendMessage', 1, 20_000);
    expect(String(call?.params.chat_id)).toBe(chats.phucLam);
    expect(String(call?.params.text)).toContain('Văn phòng Hiệp hội đã duyệt đăng ký của Công ty TNHH Nông sản Phúc Lâm.');
    const approved = await db.prisma.member.findUniqueOrThrow({ where: { id: phucLamId } });
    expect(approved).toMatchObject({ status: 'active' });
    expect(approved.approvedAt).not.toBeNull();
  });

  it('sends a broadcast to an area and follows it to the end', async () => {
    await goto(page, '/admin/broadcasts');
    await page.getByRole('link', { name: 'Soạn thông báo mới' }).click();
    await page.getByLabel('Tiêu đề').fill('Hội nghị sơ kết 6 tháng — Hiệp Hòa');
    await page.getByLabel('Nội dung gửi hội viên').fill(broadcastText);
    await expectText(page.locator('#body-count'), String(broadcastText.length));
    // Ticking an area chooses “the members of these areas” and recounts.
    await page.locator(`input[name=areaId][value="${areaIds['hiep-hoa']}"]`).check();
    expect(await page.locator('input[name=audience][value=areas]').isChecked()).toBe(true);
    // Hiệp Hòa: May (2 contacts), Cơ khí (1), Phúc Lâm (approved, 1), Thép (imported, none).
    await expectText(page.locator('#audience-count'), 'Sẽ gửi tới 4 người liên hệ của 4 hội viên; 1 hội viên chưa có kênh liên lạc nào');
    await shot(page, 'broadcast-composer-1280');

    await page.getByRole('button', { name: 'Xem trước →' }).click();
    await expectText(page.locator('main'), 'Người nhận: Hội viên khu vực Hiệp Hòa — 4 người liên hệ của 4 hội viên');
    await expectText(page.locator('main pre.doc'), broadcastText);
    await shot(page, 'broadcast-preview-1280');
    await page.getByRole('button', { name: 'Gửi ngay tới 4 hội viên' }).click();
    await page.waitForURL(/\/admin\/broadcasts\/\d+\?done=created$/);
    await shot(page, 'broadcast-sending-1280');

    // The page follows the sending by itself, then shows the results.
    await page.locator('#p-status', { hasText: 'Đã gửi xong' }).waitFor({ timeout: 60_000 });
    const bar = await page.locator('#p-bar').evaluate((el) => {
      const progress = el as unknown as { value: number; max: number };
      return { value: progress.value, max: progress.max };
    });
    expect(bar.value).toBe(bar.max);
    expect(await page.locator('#p-sent').textContent()).toBe('4');
    await expectText(page.locator('main'), 'Hội viên không nhận được trên kênh nào: 1');
    await shot(page, 'broadcast-done-1280');

    const received = (chat: string) => fake.sent(chat).filter((m) => String(m.text).includes('hội nghị tổng kết 6 tháng'));
    for (const chat of [chats.may1, chats.may2, chats.coKhi, chats.phucLam]) expect(received(chat)).toHaveLength(1);
    expect(received(chats.lucNgan)).toHaveLength(0);
    expect(fake.sent().filter((m) => String(m.text).includes('hội nghị tổng kết 6 tháng'))).toHaveLength(4);

    // The imported steel company has no channel: it is on the broadcast's call list.
    await page.getByRole('link', { name: 'Danh sách cần gọi điện' }).click();
    await expectText(page.locator('main'), 'Công ty CP Thép Hiệp Hòa');
  });

  it('downloads the compiled report as XLSX, numbers as numbers, and as CSV with a BOM', async () => {
    await goto(page, `/admin/progress?period=${periodId}`);
    await expectText(page.locator('main'), '1/');
    await shot(page, 'progress-1280');

    const xlsx = await download(page, page.getByRole('link', { name: 'Tải báo cáo tổng hợp (Excel)' }));
    expect(xlsx.name).toBe('bao-cao-2022-6-thang.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    const sheet = workbook.getWorksheet('Báo cáo') as Worksheet;
    // Row 1 is the title; `values` is 1-based, with a hole at 0.
    const headers = Array.from(sheet.getRow(2).values as unknown[], (v) => String(v ?? ''));
    const column = (prefix: string) => {
      const index = headers.findIndex((h) => h.startsWith(prefix));
      if (index < 0) throw new Error(`no column ${prefix} in ${headers.join(' | ')}`);
      return index;
    };
    const rowOf = (name: string) => {
      for (let r = 3; r <= sheet.rowCount; r += 1) if (sheet.getCell(r, column('Tên hội viên')).value === name) return r;
      throw new Error(`no row for ${name}`);
    };
    const may = rowOf('Công ty TNHH May Hiệp Hòa');
    expect(sheet.getCell(may, column('Mã số thuế')).value).toBe(codes.may);
    expect(sheet.getCell(may, column('Khu vực')).value).toBe('Hiệp Hòa');
    expect(sheet.getCell(may, column('Doanh thu')).value).toBe(12_500_000_000);
    expect(sheet.getCell(may, column('Số lao động')).value).toBe(120);
    expect(sheet.getCell(may, column('Mã tiếp nhận')).value).toBe('BC-2022-1-MAYHH-1');
    expect(sheet.getCell(may, column('Thời điểm nộp')).value).toBeInstanceOf(Date);
    // Those who have not filed are rows too, without figures.
    const thep = rowOf('Công ty CP Thép Hiệp Hòa');
    expect(sheet.getCell(thep, column('Doanh thu')).value ?? null).toBeNull();

    const csv = await download(page, page.getByRole('link', { name: 'Tải CSV' }));
    expect(csv.name).toBe('bao-cao-2022-6-thang.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text).toContain('Công ty TNHH May Hiệp Hòa');
    expect(text).toContain('12500000000');
  });

  it('shows the campaign, the call list and the audit log', async () => {
    await goto(page, '/admin/campaigns');
    await shot(page, 'campaigns-1280');
    await page.locator('main a[href^="/admin/campaigns/"]').first().click();
    await expectText(page.locator('main'), '2022');
    await shot(page, 'campaign-1280');

    await goto(page, '/admin/calls');
    await expectText(page.locator('main'), 'Công ty CP Thép Hiệp Hòa');
    await shot(page, 'calls-1280');

    await goto(page, '/admin/audit');
    await expectText(page.locator('main'), 'vanphong');
    await shot(page, 'audit-1280');
    const actions = (await db.prisma.auditLog.findMany({ select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['admin.created', 'admin.login', 'roster.import', 'member.registration_approved', 'report.exported']));
  });

  it('fits a phone: no page scrolls sideways, and the menu wraps', async () => {
    const phoneContext = await browser.newContext({ viewport: phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN', storageState: await context.storageState() });
    const loggedOut = await browser.newContext({ viewport: phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    try {
      const p = await phoneContext.newPage();
      const broadcast = await db.prisma.broadcast.findFirstOrThrow({ orderBy: { id: 'desc' } });
      const campaign = await db.prisma.campaign.findFirstOrThrow({ where: { year: 2022 } });
      const pages: Array<[string, string]> = [
        ['overview', '/admin'],
        ['members', '/admin/members'],
        ['member-qr', `/admin/members/${phucLamId}`],
        ['progress', `/admin/progress?period=${periodId}`],
        ['broadcasts', '/admin/broadcasts'],
        ['broadcast-composer', '/admin/broadcasts/new'],
        ['broadcast-done', `/admin/broadcasts/${broadcast.id}`],
        ['campaign', `/admin/campaigns/${campaign.id}`],
        ['calls', '/admin/calls'],
        ['audit', '/admin/audit'],
        ['submissions', `/admin/periods/${periodId}/submissions`],
      ];
      const overflowing: string[] = [];
      for (const [name, where] of pages) {
        const response = await goto(p, where);
        expect(response?.status()).toBe(200);
        await shot(p, `${name}-390`);
        const width = Number(await p.evaluate('document.documentElement.scrollWidth'));
        if (width > phone.width) overflowing.push(`${where}: ${width}px`);
      }
      // The import report, sent again: nothing new, the same bad rows.
      await goto(p, '/admin/members/import');
      await p.setInputFiles('input[type=file][name=file]', path.join(dataDir, 'danh-sách-hội-viên.csv'));
      await p.getByRole('button', { name: 'Nhập danh sách' }).click();
      await expectText(p.getByRole('status'), 'Hội viên mới: 0 · Cập nhật: 0 · Không đổi: 3 · Dòng lỗi chưa nhập: 4');
      await shot(p, 'import-report-390');
      const login = await loggedOut.newPage();
      await goto(login, '/admin/login');
      await shot(login, 'login-390');
      expect(overflowing).toEqual([]);
      // The menu wraps onto lines of the screen's width rather than running off it.
      const menu = await p.locator('nav.admin-nav').evaluate((nav) => ({ width: nav.scrollWidth, height: nav.getBoundingClientRect().height }));
      expect(menu.width).toBeLessThanOrEqual(phone.width);
      expect(menu.height).toBeGreaterThan(40);
    } finally {
      await phoneContext.close();
      await loggedOut.close();
    }
  });
});

/** Waits until the element's text as shown (whitespace collapsed) contains `fragment`. */
async function expectText(locator: Locator, fragment: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.first().innerText({ timeout: 15_000 })).replace(/\s+/g, ' ');
    if (last.includes(fragment)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`expected “${fragment}” in:\n${last}`);
}

async function waitForValue<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  expect(value).toBe(expected);
}

/** Clicks a link that downloads a file, and reads the file the browser saved. */
async function download(page: Page, link: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(saved) };
}
