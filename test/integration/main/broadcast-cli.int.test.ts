import { openDatabase, type Database } from '../../../src/db/database';
import { runCli } from '../../support/run-cli';
import { dropSchema, testPostgresUrl, withSchema } from '../../support/test-database';

jest.setTimeout(120_000);

describe('npm run broadcast', () => {
  const schema = `t_bcli_${Date.now()}`;
  const env = { DATABASE_URL: withSchema(testPostgresUrl, schema), APP_NOW: '2022-07-01T09:00:00+07:00' };
  let db: Database;

  beforeAll(async () => {
    expect((await runCli('broadcast', ['status', '1'], env)).output).toContain('Không có thông báo số 1.');
    db = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL });
    const area = await db.prisma.area.findUniqueOrThrow({ where: { code: 'tan-yen' } });
    const member = await db.prisma.member.create({
      data: { name: 'Công ty Tân Yên', nameFolded: 'cong ty tan yen', areaId: area.id, status: 'active', inviteCode: 'TY0001', phone: '+84912111222' },
    });
    await db.prisma.contact.create({ data: { channel: 'telegram', platformUserId: '31', memberId: member.id } });
  });
  afterAll(async () => {
    await db.close();
    await dropSchema(schema);
  });

  it('composes a broadcast for an area and says how many it reaches', async () => {
    const { code, output } = await runCli('broadcast', ['text', 'Họp hội viên khu vực Tân Yên ngày 20/7.', '--areas', 'tan-yen'], env);
    expect(code).toBe(0);
    expect(output).toMatch(/Thông báo số \d+: 1 người liên hệ của 1 hội viên, gửi lúc 09:00 ngày 01\/07\/2022\./);
    const broadcast = await db.prisma.broadcast.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(broadcast).toMatchObject({ status: 'scheduled', kind: 'announcement' });
  });

  it('refuses an unknown area', async () => {
    const { code, output } = await runCli('broadcast', ['text', 'Nội dung thử nghiệm', '--areas', 'khong-co'], env);
    expect(code).toBe(1);
    expect(output).toContain('Không có khu vực: khong-co.');
  });

  it('queues the plan once, and a phase theme once', async () => {
    const plan = await runCli('broadcast', ['plan'], env);
    expect(plan.output).toMatch(/Đã xếp gửi kế hoạch năm 2022: thông báo số \d+\./);
    expect((await runCli('broadcast', ['plan'], env)).output).toContain('đã được xếp gửi trước đó');
    const row = await db.prisma.broadcast.findFirstOrThrow({ where: { kind: 'plan' } });
    expect(row.body).toContain('KẾ HOẠCH PHÁT ĐỘNG THI ĐUA NĂM 2022');
    expect(row.body).toContain('Toàn văn kế hoạch: http://localhost:3000/ke-hoach/2022');
    const phase = await runCli('broadcast', ['phase', '2'], env);
    expect(phase.output).toMatch(/Đã xếp gửi chủ đề đợt 2/);
    const theme = await db.prisma.broadcast.findFirstOrThrow({ where: { kind: 'phase_theme' } });
    expect(theme.body).toContain('từ 01/07/2022 đến 31/12/2022');
  });

  it('previews a broadcast and queues a test send to one contact, apart from its progress', async () => {
    const broadcast = await db.prisma.broadcast.findFirstOrThrow({ where: { kind: 'announcement' } });
    const preview = await runCli('broadcast', ['preview', String(broadcast.id)], env);
    expect(preview.output).toContain('1 người liên hệ của 1 hội viên');
    expect(preview.output).toContain('Họp hội viên khu vực Tân Yên ngày 20/7.');
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { platformUserId: '31' } });
    const test = await runCli('broadcast', ['test', String(broadcast.id), String(contact.id)], env);
    expect(test.output).toContain(`Đã xếp gửi thử thông báo số ${broadcast.id}`);
    const row = await db.prisma.delivery.findFirstOrThrow({ where: { dedupeKey: { startsWith: `test:${broadcast.id}:` } } });
    expect(row).toMatchObject({ broadcastId: null, contactId: contact.id, status: 'queued' });
    expect(row.message).toEqual({ text: '[Gửi thử] Họp hội viên khu vực Tân Yên ngày 20/7.' });
  });

  it('reports progress and cancels what is left', async () => {
    const broadcast = await db.prisma.broadcast.findFirstOrThrow({ where: { kind: 'announcement' } });
    expect((await runCli('broadcast', ['status', String(broadcast.id)], env)).output).toContain('đã gửi 0, lỗi 0, còn lại 0');
    const cancel = await runCli('broadcast', ['cancel', String(broadcast.id)], env);
    expect(cancel.output).toContain(`Đã dừng thông báo số ${broadcast.id}`);
    expect((await runCli('broadcast', ['cancel', String(broadcast.id)], env)).code).toBe(1);
  });

  it('prints the call list of a broadcast as CSV: who, the number to dial, why', async () => {
    const member = await db.prisma.member.findUniqueOrThrow({ where: { inviteCode: 'TY0001' } });
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { platformUserId: '31' } });
    const broadcast = await db.prisma.broadcast.create({ data: { title: 'Thử gọi', body: 'Thử gọi', audience: { kind: 'all' }, status: 'sent' } });
    await db.prisma.delivery.create({
      data: { dedupeKey: `calls-cli:${broadcast.id}`, broadcastId: broadcast.id, contactId: contact.id, memberId: member.id, channel: 'telegram', status: 'failed', failure: 'blocked' },
    });
    const { code, output } = await runCli('broadcast', ['calls', String(broadcast.id)], env);
    expect(code).toBe(0);
    expect(output).toContain('Tên hội viên,Mã số thuế,Khu vực,Người liên hệ,Điện thoại,Lý do\nCông ty Tân Yên,,Tân Yên,,0912 111 222,Telegram: đã chặn hoặc bỏ theo dõi\n');
  });
});
