import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InboundAttachment } from '../../../src/core/messages';
import { storeFile } from '../../../src/lib/file-store';
import { createHarness, type Harness } from '../../support/conversation-harness';
import { auditOf, contactOf, linkedMember, stateOf } from '../../support/flow-helpers';
import { type Backend, backends } from '../../support/test-database';

jest.setTimeout(120_000);

const plans = path.join(__dirname, '../../fixtures/plans');

describe.each(backends)('a plan document sent to the bot on %s', (backend: Backend) => {
  let h: Harness;
  let dataDir: string;
  const office = 'office-plan';
  const member = 'member-plan';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'plan-import-flow-'));
    h = await createHarness(backend, { dataDir });
    await h.prisma.roleInvite.create({ data: { code: 'VANPHONG7', role: 'office' } });
    expect(h.text(await h.say(office, '/start VANPHONG7'))).toContain('cán bộ Văn phòng Hiệp hội');
    await linkedMember(h, member, { name: 'Công ty Gửi Nhầm Kế Hoạch' });
  });
  afterAll(async () => {
    await h.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A file as a channel hands it over: stored under DATA_DIR first. */
  async function sent(fileName: string, bytes?: Buffer): Promise<InboundAttachment> {
    const content = bytes ?? (await readFile(path.join(plans, fileName)));
    return storeFile(dataDir, content, { fileName, mimeType: 'application/octet-stream', kind: 'document', now: h.clock.now() });
  }

  it('asks office staff for the file on /kehoachmoi, with the dashboard as the other way', async () => {
    const replies = await h.say(office, '/kehoachmoi');
    expect(h.text(replies)).toContain('Anh/Chị gửi tệp kế hoạch thi đua của năm (tệp Word .docx hoặc văn bản .txt).');
    expect(replies[0]?.link).toEqual({ url: 'http://localhost:3000/admin/campaigns/import', label: 'Hoặc dán văn bản trên trang quản trị' });
    expect((await stateOf(h, office))?.flowId).toBe('plan-import');
    expect(h.text(await h.say(office, 'kế hoạch năm nay đây'))).toContain('Tôi cần tệp kế hoạch gửi kèm (tệp .docx hoặc .txt), không phải tin nhắn chữ.');
    expect(h.text(await h.say(office, '/huy'))).toBe('Đã thôi nhập kế hoạch.');
    expect(await stateOf(h, office)).toBeNull();
  });

  it('reads the .docx sent after /kehoachmoi, keeps its text and answers with what it found and a link to confirm', async () => {
    await h.say(office, '/kehoachmoi');
    const attachment = await sent('ke-hoach-2027.docx');
    const replies = await h.say(office, { attachment });
    const planImport = await h.prisma.planImport.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const contact = await contactOf(h, office);
    expect(planImport).toMatchObject({ source: 'chat', fileName: 'ke-hoach-2027.docx', createdByContactId: contact.id, createdByAdminId: null, campaignId: null });
    expect(planImport.text.split('\n')[2]).toBe('Số: 11/KH-HHDN');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.link).toEqual({ url: `http://localhost:3000/admin/campaigns/import/${planImport.id}`, label: 'Kiểm tra và tạo kế hoạch' });
    expect(replies[0]?.text).toBe(
      [
        'Đã đọc tệp “ke-hoach-2027.docx”.',
        '',
        'Tìm thấy:',
        '• Văn bản số 11/KH-HHDN, ngày 18/01/2027',
        '• Kế hoạch phát động phong trào thi đua năm 2027',
        '• Chủ đề chung: “Đoàn kết, đổi mới, hội nhập, phát triển bền vững”',
        '• 2 đợt thi đua: Đợt 1 (01/01/2027 – 30/06/2027); Đợt 2 (01/07/2027 – 31/12/2027)',
        '• 2 báo cáo: Báo cáo 6 tháng đầu năm 2027 (trước ngày 10/7/2027); Báo cáo tổng kết năm 2027 (trước ngày 10/12/2027)',
        '• 2 phong trào thi đua',
        '• Gửi Hội doanh nghiệp các huyện, thành phố; Các doanh nghiệp hội viên',
        '',
        'Kế hoạch chưa được tạo: Anh/Chị mở trang dưới đây để đối chiếu với văn bản, sửa nếu cần rồi bấm tạo (bản nháp, chưa gửi hội viên).',
      ].join('\n'),
    );
    const [audit] = await auditOf(h, 'plan_import.created', String(planImport.id));
    expect(audit).toMatchObject({ actorType: 'contact', actorId: String(contact.id), entityType: 'plan_import', details: { source: 'chat', fileName: 'ke-hoach-2027.docx' } });
    // Nothing is created from the chat: the office confirms in the dashboard.
    expect(await h.prisma.campaign.count({ where: { year: 2027 } })).toBe(0);
    expect(await stateOf(h, office)).toBeNull();
  });

  it('takes a .txt plan office staff send without the command, and lists what is missing', async () => {
    const before = await h.prisma.planImport.count();
    const replies = await h.say(office, { attachment: await sent('ke-hoach-thieu-phan.txt') });
    expect(await h.prisma.planImport.count()).toBe(before + 1);
    const text = h.text(replies);
    expect(text).toContain('Đã đọc tệp “ke-hoach-thieu-phan.txt”.');
    expect(text).toContain('• 3 đợt thi đua: Đợt 1; Đợt 2; Đợt 3');
    expect(text).toContain('Không tìm thấy (Văn phòng điền trên trang quản trị):\n• Số hiệu văn bản\n• Nơi và ngày ban hành\n• Tên kế hoạch');
    expect(text).toContain('• … và 9 phần khác');
    expect(replies[0]?.link?.url).toMatch(/^http:\/\/localhost:3000\/admin\/campaigns\/import\/\d+$/);
  });

  it('says why a file cannot be read and waits for another, keeping nothing', async () => {
    const before = await h.prisma.planImport.count();
    await h.say(office, '/kehoachmoi');
    const text = h.text(await h.say(office, { attachment: await sent('ke-hoach.pdf', Buffer.from('%PDF-1.7 kế hoạch')) }));
    expect(text).toContain('Chỉ đọc được tệp Word .docx hoặc văn bản .txt (tệp đã gửi: “ke-hoach.pdf”).');
    expect(text).toContain('Anh/Chị gửi tệp khác, hoặc gõ /huy để thôi.');
    expect((await stateOf(h, office))?.flowId).toBe('plan-import');
    expect(h.text(await h.say(office, { attachment: await sent('cu.txt', Buffer.from([0x4b, 0xea, 0x20, 0x68, 0x6f])) }))).toContain('Tệp “cu.txt” không phải mã UTF-8');
    expect(await h.prisma.planImport.count()).toBe(before);
    await h.say(office, '/huy');
  });

  it('lists /kehoachmoi in the office’s help', async () => {
    expect(h.text(await h.say(office, '/trogiup'))).toContain('• /kehoachmoi — gửi tệp kế hoạch thi đua mới (.docx, .txt) để đọc và tạo kế hoạch');
    expect(h.text(await h.say(member, '/trogiup'))).not.toContain('/kehoachmoi');
  });

  it('refuses /kehoachmoi to a member and treats a plan file a member sends as any other file', async () => {
    const before = await h.prisma.planImport.count();
    expect(h.text(await h.say(member, '/kehoachmoi'))).toBe('Lệnh /kehoachmoi dành cho cán bộ Văn phòng Hiệp hội.');
    expect(h.text(await h.say(member, { attachment: await sent('ke-hoach-2027.docx') }))).toContain('Tôi đã nhận tệp, nhưng tệp chỉ được lưu khi kèm báo cáo.');
    expect(await stateOf(h, member)).toBeNull();
    expect(await h.prisma.planImport.count()).toBe(before);
  });
});
