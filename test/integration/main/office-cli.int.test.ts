import { openDatabase, type Database } from '../../../src/db/database';
import { runCli } from '../../support/run-cli';
import { dropSchema, testPostgresUrl, withSchema } from '../../support/test-database';

jest.setTimeout(120_000);

describe('office commands (npm run office:invite, npm run registrations)', () => {
  const schema = `t_cli_${Date.now()}`;
  const env = { DATABASE_URL: withSchema(testPostgresUrl, schema), APP_NOW: '2022-07-01T09:00:00+07:00' };
  let db: Database;

  beforeAll(async () => {
    // The first command migrates and seeds the new schema.
    expect((await runCli('registrations', [], env)).output).toContain('Không có đăng ký nào đang chờ duyệt.');
    db = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL });
  });
  afterAll(async () => {
    await db.close();
    await dropSchema(schema);
  });

  it('prints a one-use office invite code and how to use it', async () => {
    const { code, output } = await runCli('office-invite', [], env);
    expect(code).toBe(0);
    const invite = /Mã mời cán bộ Văn phòng: ([A-Z0-9]{8})/.exec(output)?.[1];
    expect(invite).toBeDefined();
    expect(output).toContain(`gõ /start ${invite}`);
    expect(output).toContain(`/chat?start=${invite}`);
    expect(output).toContain('hết hạn ngày 08/07/2022');
    const row = await db.prisma.roleInvite.findUniqueOrThrow({ where: { code: invite ?? '' } });
    expect(row).toMatchObject({ role: 'office', usedAt: null });
  });

  it('makes a unit-head invite for an area, and refuses one without a known area', async () => {
    const ok = await runCli('office-invite', ['unit_head', 'hiep-hoa'], env);
    expect(ok.code).toBe(0);
    expect(ok.output).toContain('Mã mời trưởng đơn vị khu vực');
    const bad = await runCli('office-invite', ['unit_head', 'khong-co'], env);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('Cần mã khu vực cho trưởng đơn vị. Các mã: tp-bac-giang, hiep-hoa');
  });

  it('lists pending registrations, approves one and queues the notice for its contact', async () => {
    const area = await db.prisma.area.findUniqueOrThrow({ where: { code: 'yen-the' } });
    const member = await db.prisma.member.create({
      data: {
        name: 'Công ty TNHH Gạch Yên Thế',
        nameFolded: 'cong ty tnhh gach yen the',
        taxCode: '0100107518',
        areaId: area.id,
        status: 'pending',
        source: 'self_registered',
        inviteCode: 'YENTHE22',
        contactPerson: 'Lê Văn Cường',
        phone: '+84987654321',
      },
    });
    await db.prisma.contact.create({ data: { channel: 'telegram', platformUserId: '777', memberId: member.id } });

    const list = await runCli('registrations', [], env);
    expect(list.output).toContain(`${member.id}. Công ty TNHH Gạch Yên Thế — MST 0100107518 — Yên Thế — Lê Văn Cường +84987654321`);

    const approve = await runCli('registrations', ['approve', String(member.id)], env);
    expect(approve.code).toBe(0);
    expect(approve.output).toContain('Đã duyệt Công ty TNHH Gạch Yên Thế; đã xếp hàng 1 tin báo');
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ status: 'active' });
    const delivery = await db.prisma.delivery.findFirstOrThrow({ where: { memberId: member.id } });
    expect(delivery).toMatchObject({ channel: 'telegram', status: 'queued' });
    expect(delivery.message).toMatchObject({ text: expect.stringContaining('đã duyệt đăng ký') });

    const again = await runCli('registrations', ['approve', String(member.id)], env);
    expect(again.code).toBe(1);
    expect(again.output).toContain('không ở trạng thái chờ duyệt');
  });

  it('creates an office account with a random password printed once, stored hashed', async () => {
    const { code, output } = await runCli('admin-create', ['vanphong', 'Nguyễn Thị Lan'], env);
    expect(code).toBe(0);
    const password = /Mật khẩu \(chỉ hiện một lần, hãy đổi sau khi đăng nhập\): (\S+)/.exec(output)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    const user = await db.prisma.adminUser.findUniqueOrThrow({ where: { username: 'vanphong' } });
    expect(user).toMatchObject({ displayName: 'Nguyễn Thị Lan', role: 'office_admin' });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(password);
    expect((await runCli('admin-create', ['vanphong'], env)).output).toContain('Tài khoản “vanphong” đã có.');
  });

  it('refuses to reject without a reason', async () => {
    const { code, output } = await runCli('registrations', ['reject', '1'], env);
    expect(code).toBe(1);
    expect(output).toContain('npm run registrations -- reject <số> <lý do>');
  });
});
