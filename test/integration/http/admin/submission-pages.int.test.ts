import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { storeFile } from '../../../../src/lib/file-store';
import { addAdmin, type AdminBrowser, type AdminTestApp, createAdminTestApp } from '../../../support/admin-test-app';
import { createHarness, type Harness, july1st2022 } from '../../../support/conversation-harness';
import { fillReport, linkedMember, periodByCode, reportAnswers, sayOn } from '../../../support/flow-helpers';

jest.setTimeout(120_000);

const pdfBytes = Buffer.from('%PDF-1.4\n% báo cáo An Bình\n%%EOF\n', 'utf8');
const fileName = 'Báo cáo quý 2 "An Bình".pdf';
const difficulties = 'Thiếu vốn <script>alert("x")</script>\nvà mặt bằng';

describe('report pages at /admin/periods/:id/submissions, /admin/periods/:id/members/:memberId and /admin/attachments/:id', () => {
  let h: Harness;
  let t: AdminTestApp;
  let office: AdminBrowser;
  let viewer: AdminBrowser;
  let periodId: number;
  let langGiangId: number;
  let anBinh: { memberId: number; name: string; inviteCode: string };
  let bacHa: { memberId: number; name: string };
  let dongSon: { memberId: number; name: string };
  let lucNam: { memberId: number; name: string };
  let attachmentIds: number[];
  let otherAreaAttachmentId: number;

  beforeAll(async () => {
    h = await createHarness('pglite');
    t = await createAdminTestApp(h);
    await addAdmin(h, 'vanphong', 'mat-khau-van-phong');
    await addAdmin(h, 'hiephoa', 'mat-khau-hiep-hoa', { areaCode: 'hiep-hoa' });
    periodId = (await periodByCode(h, '6-thang')).id;
    const langGiang = await h.prisma.area.findUniqueOrThrow({ where: { code: 'lang-giang' } });
    langGiangId = langGiang.id;

    anBinh = await linkedMember(h, 'sp-an', { name: 'Công ty TNHH An Bình' });
    bacHa = await linkedMember(h, 'sp-bac', { name: 'Công ty TNHH Bắc Hà' });
    dongSon = await linkedMember(h, 'sp-dong', { name: 'Công ty TNHH Đông Sơn' });
    lucNam = await linkedMember(h, 'sp-luc', { name: 'Công ty Lục Nam (Lạng Giang)' });
    await h.prisma.member.updateMany({ where: { id: { in: [dongSon.memberId, lucNam.memberId] } }, data: { areaId: langGiang.id } });
    // Not yet approved: owes no report and is not listed.
    await h.addMember({ name: 'Hộ kinh doanh Chờ Duyệt', status: 'pending' });

    // On time at 09:00 on the web chat, with a stored file and a text that tries to be markup.
    const stored = await storeFile(t.dataDir, pdfBytes, { fileName, mimeType: 'application/pdf', kind: 'document', now: h.clock.now() });
    await fillReport(h, 'sp-an', [...reportAnswers.slice(0, 5), difficulties]);
    await h.say('sp-an', { attachment: stored });
    expect(h.text(await h.say('sp-an', 'Gửi báo cáo'))).toContain('(đúng hạn)');

    // A correction at 11:00 from a Telegram contact of the same member: only the revenue changes.
    h.clock.set(new Date('2022-07-01T11:00:00+07:00'));
    await sayOn(h, 'telegram', 'tg-an', { text: `/start ${anBinh.inviteCode}` });
    await sayOn(h, 'telegram', 'tg-an', { text: '/baocao' });
    await sayOn(h, 'telegram', 'tg-an', { text: 'Nộp bản sửa' });
    await sayOn(h, 'telegram', 'tg-an', { text: 'sửa' });
    await sayOn(h, 'telegram', 'tg-an', { text: '1' });
    await sayOn(h, 'telegram', 'tg-an', { text: '13 tỷ' });
    expect(h.text(await sayOn(h, 'telegram', 'tg-an', { text: 'gửi' }))).toContain('bản sửa lần 1');

    // Late, on 12/7, no file.
    h.clock.set(new Date('2022-07-12T10:15:00+07:00'));
    await fillReport(h, 'sp-bac', [...reportAnswers.slice(0, 5), 'bỏ qua', 'bỏ qua']);
    expect(h.text(await h.say('sp-bac', 'Gửi báo cáo'))).toContain('nộp muộn');

    // Lạng Giang, on time, with a file an area viewer of Hiệp Hòa must not get.
    h.clock.set(july1st2022);
    const other = await storeFile(t.dataDir, Buffer.from('bảng lương'), { fileName: 'luong.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'document', now: h.clock.now() });
    await fillReport(h, 'sp-luc', [...reportAnswers.slice(0, 6)]);
    await h.say('sp-luc', { attachment: other });
    await h.say('sp-luc', 'Gửi báo cáo');

    const attachments = await h.prisma.attachment.findMany({ where: { memberId: anBinh.memberId }, orderBy: { id: 'asc' } });
    attachmentIds = attachments.map((a) => a.id);
    expect(attachmentIds).toHaveLength(2);
    otherAreaAttachmentId = (await h.prisma.attachment.findFirstOrThrow({ where: { memberId: lucNam.memberId } })).id;

    office = await t.login('vanphong', 'mat-khau-van-phong');
    viewer = await t.login('hiephoa', 'mat-khau-hiep-hoa');
  });
  afterAll(async () => {
    await t.close();
    await h.dispose();
  });

  const listRows = (body: string) => [...body.matchAll(/<td><a href="\/admin\/periods\/\d+\/members\/(\d+)">([^<]+)<\/a><\/td>/g)].map((m) => m[2]);

  describe('the list of members with their status', () => {
    it('lists every active member of the period with status, time, edits and reference code, by area then name', async () => {
      const response = await t.get(office, `/admin/periods/${periodId}/submissions`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(listRows(response.body)).toEqual([anBinh.name, bacHa.name, lucNam.name, dongSon.name]);
      expect(response.body).toContain('<strong>Tất cả (4)</strong>');
      expect(response.body).toContain('Đúng hạn (2)</a>');
      expect(response.body).toContain('Trễ hạn (1)</a>');
      expect(response.body).toContain('Chưa nộp (1)</a>');
      expect(response.body).toContain(
        `<td><a href="/admin/periods/${periodId}/members/${anBinh.memberId}">${anBinh.name}</a></td>`,
      );
      const anRow = response.body.slice(response.body.indexOf(anBinh.name), response.body.indexOf(bacHa.name));
      expect(anRow).toContain('<td>Hiệp Hòa</td><td>Đúng hạn</td><td>09:00 ngày 01/07/2022</td><td class="num">1</td>');
      expect(anRow).toContain(`BC-2022-1-${String(anBinh.memberId).padStart(5, '0')}-2`);
      expect(response.body).toContain('<td>Trễ hạn</td><td>10:15 ngày 12/07/2022</td>');
      expect(response.body).toContain('<td>Lạng Giang</td><td>Chưa nộp</td><td></td>');
      expect(response.body).toContain(`href="/admin/periods/${periodId}/export.csv"`);
    });

    it('filters by status and by area, keeping the other filter in its links', async () => {
      const late = await t.get(office, `/admin/periods/${periodId}/submissions?status=late`);
      expect(listRows(late.body)).toEqual([bacHa.name]);
      expect(late.body).toContain('<strong>Trễ hạn (1)</strong>');
      const missing = await t.get(office, `/admin/periods/${periodId}/submissions?status=missing`);
      expect(listRows(missing.body)).toEqual([dongSon.name]);

      const langGiang = await t.get(office, `/admin/periods/${periodId}/submissions?area=${langGiangId}`);
      expect(listRows(langGiang.body)).toEqual([lucNam.name, dongSon.name]);
      expect(langGiang.body).toContain('<strong>Tất cả (2)</strong>');
      expect(langGiang.body).toContain(`href="/admin/periods/${periodId}/submissions?area=${langGiangId}&amp;status=missing">Chưa nộp (1)</a>`);
      expect(langGiang.body).toContain(`<option value="${langGiangId}" selected>Lạng Giang</option>`);
      const both = await t.get(office, `/admin/periods/${periodId}/submissions?area=${langGiangId}&status=on_time`);
      expect(listRows(both.body)).toEqual([lucNam.name]);

      expect(listRows((await t.get(office, `/admin/periods/${periodId}/submissions?area=none`)).body)).toEqual([]);
      // A filter that does not parse is ignored.
      expect(listRows((await t.get(office, `/admin/periods/${periodId}/submissions?status=all&area=x`)).body)).toHaveLength(4);
    });

    it("limits an area viewer to their area, whatever the link asks, and offers no export", async () => {
      const response = await t.get(viewer, `/admin/periods/${periodId}/submissions?area=${langGiangId}`);
      expect(response.statusCode).toBe(200);
      expect(listRows(response.body)).toEqual([anBinh.name, bacHa.name]);
      expect(response.body).toContain('<strong>Tất cả (2)</strong>');
      expect(response.body).toContain('Khu vực: Hiệp Hòa');
      expect(response.body).not.toContain('export.csv');
      expect(response.body).not.toContain(lucNam.name);
    });

    it('answers 404 for a period that does not exist or is not an id', async () => {
      for (const id of ['999999', 'abc', '1e3', '-1']) {
        const response = await t.get(office, `/admin/periods/${id}/submissions`);
        expect(response.statusCode).toBe(404);
        expect(response.body).toContain('Không có kỳ báo cáo này.');
      }
    });

    it('is linked from each area of the progress page', async () => {
      const progress = await t.get(office, `/admin/progress?period=${periodId}`);
      expect(progress.body).toContain(`<a href="/admin/periods/${periodId}/submissions?area=${langGiangId}">Lạng Giang</a>`);
      expect(progress.body).toContain(`<a href="/admin/periods/${periodId}/submissions?area=${langGiangId}&amp;status=missing">1</a>`);
      expect(progress.body).toContain(`<a href="/admin/periods/${periodId}/export.csv">Tải CSV</a>`);
      expect((await t.get(viewer, `/admin/progress?period=${periodId}`)).body).not.toContain('export.xlsx');
    });
  });

  describe("a member's report", () => {
    it('shows the current values with the fields\' labels, money the Vietnamese way, and escapes what members typed', async () => {
      const response = await t.get(office, `/admin/periods/${periodId}/members/${anBinh.memberId}`);
      expect(response.statusCode).toBe(200);
      const body = response.body;
      expect(body).toContain('<tr><th>Tình trạng</th><td>Đúng hạn — nộp lần đầu lúc 09:00 ngày 01/07/2022, sửa 1 lần, lần cuối lúc 11:00 ngày 01/07/2022</td></tr>');
      const current = body.slice(body.indexOf('Số liệu hiện tại'), body.indexOf('Các lần nộp'));
      expect(current).toContain('<tr><th>Doanh thu</th><td>13 tỷ đồng (13.000.000.000 đồng)</td></tr>');
      expect(current).toContain('<tr><th>Nộp ngân sách nhà nước</th><td>800 triệu đồng (800.000.000 đồng)</td></tr>');
      expect(current).toContain('<tr><th>Số lao động</th><td>120</td></tr>');
      expect(current).toContain('<tr><th>Thu nhập bình quân một người lao động mỗi tháng</th><td>8,5 triệu đồng (8.500.000 đồng)</td></tr>');
      expect(current).toContain('Thiếu vốn &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nvà mặt bằng');
      expect(body).not.toContain('<script>alert');
      // The current value names the file as it first arrived: its link serves the same bytes.
      expect(current).toContain(`<a href="/admin/attachments/${attachmentIds[0]}">Báo cáo quý 2 &quot;An Bình&quot;.pdf</a>`);
    });

    it('lists every revision, latest first, with who filed it on which channel, when, and what changed', async () => {
      const body = (await t.get(office, `/admin/periods/${periodId}/members/${anBinh.memberId}`)).body;
      const second = body.indexOf('<h2>Bản sửa lần 1 (bản đang dùng)</h2>');
      const first = body.indexOf('<h2>Lần nộp đầu</h2>');
      expect(second).toBeGreaterThan(0);
      expect(first).toBeGreaterThan(second);
      const correction = body.slice(second, first);
      const original = body.slice(first);
      const code = (n: number) => `BC-2022-1-${String(anBinh.memberId).padStart(5, '0')}-${n}`;
      expect(correction).toContain(`Mã tiếp nhận <strong>${code(2)}</strong> · lúc 11:00 ngày 01/07/2022 (đúng hạn) · người nộp: Người dùng tg-an — Telegram`);
      expect(original).toContain(`Mã tiếp nhận <strong>${code(1)}</strong> · lúc 09:00 ngày 01/07/2022 (đúng hạn) · người nộp: Người dùng sp-an — Trò chuyện trên web`);
      // Only the revenue changed: the kept file (same bytes, its own row) is not a change.
      expect(correction).toContain(
        '<p>Thay đổi so với lần trước:</p><ul><li>Doanh thu: 12,5 tỷ đồng (12.500.000.000 đồng) → 13 tỷ đồng (13.000.000.000 đồng)</li></ul>',
      );
      expect(original).not.toContain('Thay đổi so với lần trước');
      expect(correction).toContain(`<a href="/admin/attachments/${attachmentIds[1]}">`);
      expect(original).toContain(`<a href="/admin/attachments/${attachmentIds[0]}">`);
      expect(original).toContain(`(${pdfBytes.length} byte)`);
    });

    it('says when a member has not filed', async () => {
      const response = await t.get(office, `/admin/periods/${periodId}/members/${dongSon.memberId}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<tr><th>Tình trạng</th><td>Chưa nộp</td></tr>');
      expect(response.body).toContain('Hội viên chưa nộp báo cáo kỳ này.');
    });

    it('shows an area viewer their area only, and 404 for bad ids', async () => {
      expect((await t.get(viewer, `/admin/periods/${periodId}/members/${anBinh.memberId}`)).statusCode).toBe(200);
      const other = await t.get(viewer, `/admin/periods/${periodId}/members/${lucNam.memberId}`);
      expect(other.statusCode).toBe(404);
      expect(other.body).not.toContain(lucNam.name);
      for (const url of [`/admin/periods/${periodId}/members/999999`, `/admin/periods/${periodId}/members/x`, `/admin/periods/999999/members/${anBinh.memberId}`]) {
        expect((await t.get(office, url)).statusCode).toBe(404);
      }
    });
  });

  describe('attachment downloads', () => {
    it('serves the stored bytes with the stored type, as an attachment with a safe Vietnamese filename', async () => {
      const response = await t.get(office, `/admin/attachments/${attachmentIds[0]}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="Bao_cao_quy_2_An_Binh_.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%202%20%22An%20B%C3%ACnh%22.pdf`,
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-length']).toBe(String(pdfBytes.length));
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.rawPayload.equals(pdfBytes)).toBe(true);
      // The correction's own row points at the same bytes.
      expect((await t.get(office, `/admin/attachments/${attachmentIds[1]}`)).rawPayload.equals(pdfBytes)).toBe(true);
    });

    it("gives an area viewer their area's files only", async () => {
      expect((await t.get(viewer, `/admin/attachments/${attachmentIds[0]}`)).statusCode).toBe(200);
      const other = await t.get(viewer, `/admin/attachments/${otherAreaAttachmentId}`);
      expect(other.statusCode).toBe(404);
      expect(other.headers['content-type']).toContain('text/html');
      expect((await t.get(office, `/admin/attachments/${otherAreaAttachmentId}`)).statusCode).toBe(200);
    });

    it('answers 404 for an unknown id, a non-id, and a file gone from disk', async () => {
      expect((await t.get(office, '/admin/attachments/999999')).statusCode).toBe(404);
      expect((await t.get(office, '/admin/attachments/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
      const gone = await h.prisma.attachment.create({
        data: { memberId: anBinh.memberId, channel: 'webchat', fileName: 'mat.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'cd'.repeat(32), storagePath: 'attachments/2022/07/khong-co.pdf' },
      });
      const response = await t.get(office, `/admin/attachments/${gone.id}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Tệp này không còn trên máy chủ.');
    });

    it('serves only files inside DATA_DIR, whatever path a row holds', async () => {
      // A secret next to DATA_DIR, reachable by "..", an absolute path or a symbolic link.
      const secret = path.join(path.dirname(t.dataDir), `${path.basename(t.dataDir)}-secret.txt`);
      await writeFile(secret, 'mật khẩu');
      await mkdir(path.join(t.dataDir, 'attachments'), { recursive: true });
      await symlink(secret, path.join(t.dataDir, 'attachments', 'link.txt'));
      try {
        for (const storagePath of [`../${path.basename(secret)}`, secret, 'attachments/link.txt', '.', 'attachments']) {
          const row = await h.prisma.attachment.create({
            data: { memberId: anBinh.memberId, channel: 'webchat', fileName: 'x.txt', mimeType: 'text/plain', sizeBytes: 1, sha256: 'ef'.repeat(32), storagePath },
          });
          const response = await t.get(office, `/admin/attachments/${row.id}`);
          expect({ storagePath, status: response.statusCode }).toEqual({ storagePath, status: 404 });
          expect(response.body).not.toContain('mật khẩu');
        }
      } finally {
        await rm(secret, { force: true });
      }
    });

    it('serves a recorded type that is not a media type as opaque bytes', async () => {
      const stored = await storeFile(t.dataDir, Buffer.from('<h1>hi</h1>'), { fileName: 'trang.html', mimeType: 'text/html', kind: 'document', now: h.clock.now() });
      const row = await h.prisma.attachment.create({
        data: { memberId: anBinh.memberId, channel: 'webchat', fileName: stored.fileName, mimeType: 'text/html"; charset=x', sizeBytes: stored.sizeBytes, sha256: stored.sha256, storagePath: stored.storagePath },
      });
      const response = await t.get(office, `/admin/attachments/${row.id}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/octet-stream');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="trang.html"; filename*=UTF-8''trang.html`);
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    });
  });
});
