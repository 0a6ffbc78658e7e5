import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { downloadAttachment, type DownloadAttachmentDeps } from '../../../../src/channels/telegram/download-attachment';
import { createTelegramAdapter } from '../../../../src/channels/telegram/telegram-adapter';
import type { TelegramFileRef } from '../../../../src/channels/telegram/to-inbound';
import { type FakeTelegramServer, startFakeTelegramServer } from '../../../fakes/fake-telegram-server';

const pdfBytes = Buffer.from('%PDF-1.4\n% báo cáo 6 tháng\n'.repeat(50));
const pdf: TelegramFileRef = { fileId: 'BQACAgUAAxkBAAIBEWK.pdf', kind: 'document', fileName: 'Báo cáo 6 tháng.pdf', mimeType: 'application/pdf', sizeBytes: pdfBytes.length };

describe('downloadAttachment', () => {
  let fake: FakeTelegramServer;
  let dataDir: string;
  let deps: DownloadAttachmentDeps;

  beforeAll(async () => {
    fake = await startFakeTelegramServer();
    dataDir = await mkdtemp(path.join(tmpdir(), 'tg-download-'));
    deps = {
      adapter: createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot }),
      maxBytes: 1024 * 1024,
      dataDir,
      now: () => new Date('2022-07-01T02:00:00Z'),
    };
    fake.registerFile({ fileId: pdf.fileId, bytes: pdfBytes, filePath: 'documents/file_7.pdf' });
  });
  afterEach(() => fake.clearCalls());
  afterAll(async () => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fetches the file with getFile and stores it with its name, type, size and SHA-256', async () => {
    const outcome = await downloadAttachment(pdf, deps);
    const sha256 = createHash('sha256').update(pdfBytes).digest('hex');
    expect(outcome).toEqual({
      kind: 'stored',
      attachment: {
        kind: 'document',
        fileName: 'Báo cáo 6 tháng.pdf',
        mimeType: 'application/pdf',
        sizeBytes: pdfBytes.length,
        sha256,
        storagePath: `attachments/2022/07/${sha256}.pdf`,
      },
    });
    expect(await readFile(path.join(dataDir, 'attachments', '2022', '07', `${sha256}.pdf`))).toEqual(pdfBytes);
    expect(fake.callsTo('getFile')[0]?.params).toEqual({ file_id: pdf.fileId });
    expect(fake.downloads).toEqual(['documents/file_7.pdf']);
  });

  it('stores a photo as an image', async () => {
    fake.registerFile({ fileId: 'AgACAgUAAxkBphoto', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), filePath: 'photos/file_3.jpg' });
    const outcome = await downloadAttachment({ fileId: 'AgACAgUAAxkBphoto', kind: 'image', fileName: 'anh-18.jpg', mimeType: 'image/jpeg', sizeBytes: 7 }, deps);
    expect(outcome).toMatchObject({ kind: 'stored', attachment: { kind: 'image', mimeType: 'image/jpeg', fileName: 'anh-18.jpg', sizeBytes: 7 } });
  });

  it('refuses a file over the limit from its reported size, before any call', async () => {
    const outcome = await downloadAttachment({ ...pdf, sizeBytes: 25 * 1024 * 1024 + 300_000 }, deps);
    expect(outcome).toEqual({
      kind: 'refused',
      text:
        'Tệp “Báo cáo 6 tháng.pdf” nặng 25,3 MB, vượt quá giới hạn 1 MB cho một tệp đính kèm nên chưa được nhận. ' +
        'Anh/Chị vui lòng gửi tệp nhỏ hơn (ví dụ nén lại, hoặc chia thành nhiều tệp).',
    });
    expect(fake.calls).toHaveLength(0);
  });

  it('applies Telegram’s 20 MB download limit when the service allows more', async () => {
    const outcome = await downloadAttachment({ ...pdf, sizeBytes: 21 * 1024 * 1024 }, { ...deps, maxBytes: 50 * 1024 * 1024 });
    expect(outcome).toMatchObject({ kind: 'refused', text: expect.stringContaining('giới hạn 20 MB') });
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses a file whose size only getFile reports, before downloading it', async () => {
    fake.registerFile({ fileId: 'big-unknown.pdf', bytes: Buffer.alloc(10), reportedSize: 2 * 1024 * 1024 });
    const outcome = await downloadAttachment({ ...pdf, fileId: 'big-unknown.pdf', sizeBytes: undefined }, deps);
    expect(outcome).toMatchObject({ kind: 'refused', text: expect.stringContaining('nặng 2 MB') });
    expect(fake.downloads).toEqual([]);
  });

  it('stops a download that runs past the limit when no size was reported', async () => {
    fake.registerFile({ fileId: 'big-silent.pdf', bytes: Buffer.alloc(2 * 1024 * 1024, 1), reportedSize: null });
    const outcome = await downloadAttachment({ ...pdf, fileId: 'big-silent.pdf', sizeBytes: undefined }, deps);
    expect(outcome).toMatchObject({ kind: 'refused', text: expect.stringContaining('vượt quá giới hạn 1 MB') });
  });

  it('refuses a type a report does not take, naming the accepted ones, without downloading', async () => {
    const outcome = await downloadAttachment({ ...pdf, fileName: 'setup.exe', mimeType: 'application/x-msdownload' }, deps);
    expect(outcome).toEqual({ kind: 'refused', text: 'Tệp “setup.exe” không được nhận: Hiệp hội chỉ nhận tệp PDF, Word, Excel, CSV hoặc ảnh (JPG, PNG).' });
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses a voice note or video as a report attachment', async () => {
    const outcome = await downloadAttachment({ fileId: 'voice', kind: 'other', fileName: 'tep-21', mimeType: 'audio/ogg', sizeBytes: 9000 }, deps);
    expect(outcome).toMatchObject({ kind: 'refused', text: expect.stringContaining('chỉ nhận tệp PDF') });
  });

  it('tells the person when Telegram no longer has the file', async () => {
    const outcome = await downloadAttachment({ ...pdf, fileId: 'unknown.pdf' }, deps);
    expect(outcome).toEqual({ kind: 'refused', text: 'Không tải được tệp “Báo cáo 6 tháng.pdf”. Anh/Chị gửi lại tệp giúp.' });
  });

  it('throws a retryable error when Telegram is unavailable, so the update comes again', async () => {
    fake.failNext('getFile', { kind: 'server-error' });
    await expect(downloadAttachment(pdf, deps)).rejects.toMatchObject({ code: 'CHANNEL_UNAVAILABLE', retryable: true });
  });

  it('never leaves a file behind when it refuses one', async () => {
    const before = await readdir(dataDir, { recursive: true });
    await downloadAttachment({ ...pdf, sizeBytes: 5 * 1024 * 1024 }, deps);
    expect(await readdir(dataDir, { recursive: true })).toEqual(before);
  });
});
