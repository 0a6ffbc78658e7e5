import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database';
import { launchBrowser } from '../support/browser';
import { freePort } from '../support/free-port';
import { runCli } from '../support/run-cli';
import { type ServiceProcess, startService, waitForStatus } from '../support/service-process';
import { dropSchema, testPostgresUrl, withSchema } from '../support/test-database';

jest.setTimeout(180_000);

const root = path.join(__dirname, '..', '..');
const artifacts = path.join(root, 'test-artifacts');
const pdf = path.join(root, 'test', 'fixtures', 'files', 'bao-cao-6-thang.pdf');

describe('the web chat in a browser', () => {
  const schema = `t_e2e_${Date.now()}`;
  const url = withSchema(testPostgresUrl, schema);
  let dataDir: string;
  let service: ServiceProcess;
  let browser: Browser;
  let db: Database;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hiephoi-e2e-'));
    await mkdir(artifacts, { recursive: true });
    const roster = path.join(dataDir, 'danh-sach.csv');
    await writeFile(
      roster,
      'Tên doanh nghiệp,Mã số thuế,Khu vực,Loại hội viên,Người liên hệ,Điện thoại\n' +
        'Công ty TNHH May Hiệp Hòa,0100109106,Huyện Hiệp Hòa,Doanh nghiệp,Nguyễn Văn An,0912 345 678\n',
    );
    const imported = await runCli('roster-import', [roster], { DATABASE_URL: url, DATA_DIR: dataDir });
    expect(imported.code).toBe(0);
    // 1 July 2022, 09:00 in Bắc Giang: the 6-month report is open, due before 10/7.
    service = startService('web', { DATABASE_URL: url, DATA_DIR: dataDir, APP_NOW: '2022-07-01T09:00:00+07:00', REDIS_URL: 'redis://127.0.0.1:6379' }, await freePort());
    await waitForStatus(service, '/readyz', 200);
    browser = await launchBrowser();
    db = await openDatabase({ kind: 'postgres', url });
  });

  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    await db?.close();
    await dropSchema(schema);
  });

  it('registers an enterprise from the roster and files the 6-month report with Vietnamese amounts', async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 860 } });
    await page.goto(`${service.baseUrl}/chat`);
    await expectBot(page, 'Anh/Chị vui lòng nhập mã số thuế');

    await type(page, '0100 109 106');
    await expectBot(page, 'Có phải Anh/Chị thuộc Công ty TNHH May Hiệp Hòa');
    await click(page, 'Đúng');
    await expectBot(page, 'nhập số điện thoại liên hệ');
    await type(page, '0912.345.678');
    await expectBot(page, 'đã được liên kết với Công ty TNHH May Hiệp Hòa');
    await page.screenshot({ path: path.join(artifacts, 'webchat-registered.png'), fullPage: true });

    await click(page, 'Gửi báo cáo');
    await expectBot(page, 'Mục 1/7: Doanh thu');
    await type(page, '12,5 tỷ');
    await expectBot(page, 'Đã ghi doanh thu: 12,5 tỷ đồng');
    await type(page, '800tr');
    await expectBot(page, 'Mục 3/7: Số lao động');
    await type(page, '1.200.000'); // absurd for a head count: refused, asked again
    await expectBot(page, 'Mục 3/7: Số lao động', 2);
    await type(page, '120 người');
    await expectBot(page, 'Mục 4/7');
    await type(page, '8,5 triệu');
    await expectBot(page, 'Mục 5/7');
    await type(page, '50 trieu');
    await expectBot(page, 'Mục 6/7');
    await type(page, 'Thiếu vốn lưu động; đề nghị hỗ trợ <b>lãi suất</b>');
    await expectBot(page, 'Mục 7/7');
    await page.setInputFiles('#file', pdf);
    await expectBot(page, 'Anh/Chị kiểm tra lại rồi chọn');
    await page.screenshot({ path: path.join(artifacts, 'webchat-summary.png'), fullPage: true });
    await click(page, 'Gửi báo cáo');
    await expectBot(page, 'Mã tiếp nhận: BC-2022-1-');
    await page.screenshot({ path: path.join(artifacts, 'webchat-receipt.png'), fullPage: true });

    // What members typed is shown as text, never as markup.
    expect(await page.locator('.msg b').count()).toBe(0);

    const submission = await db.prisma.submission.findFirstOrThrow({
      include: { member: true, period: true, revisions: { include: { attachments: true, contact: true } } },
    });
    expect(submission.member.taxCode).toBe('0100109106');
    expect(submission.period.code).toBe('6-thang');
    expect(submission.onTime).toBe(true);
    expect(submission.currentRevision).toBe(1);
    const [revision] = submission.revisions;
    expect(revision?.contact?.channel).toBe('webchat');
    expect(revision?.values).toMatchObject({
      revenue: 12_500_000_000,
      budget_contribution: 800_000_000,
      employees: 120,
      average_income: 8_500_000,
      social_contribution: 50_000_000,
      difficulties: 'Thiếu vốn lưu động; đề nghị hỗ trợ <b>lãi suất</b>',
    });
    const [attachment] = revision?.attachments ?? [];
    const bytes = await readFile(pdf);
    expect(attachment).toMatchObject({
      fileName: 'bao-cao-6-thang.pdf',
      mimeType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(await readFile(path.join(dataDir, attachment?.storagePath ?? 'missing'))).toEqual(bytes);
  });
});

async function type(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

async function click(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).last().click();
}

/** Waits until the bot has said `fragment` (at least `times` times). */
async function expectBot(page: Page, fragment: string, times = 1): Promise<void> {
  await page.locator('.msg.bot', { hasText: fragment }).nth(times - 1).waitFor({ timeout: 20_000 });
}
