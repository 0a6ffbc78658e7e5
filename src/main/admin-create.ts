import { randomBytes } from 'node:crypto';
import { hashPassword } from '../core/auth/password-hash';
import { runWithDatabase } from './with-database';

const usage = 'Cách dùng: npm run admin:create -- <tên đăng nhập> ["Họ tên"] [area_viewer <mã-khu-vực>]';

/**
 * `npm run admin:create -- <username>`: an office account with a random password, printed once
 * (set ADMIN_PASSWORD to choose it). `area_viewer <area-code>` makes a read-only account for one area.
 */
runWithDatabase(async (db) => {
  const [username, displayName, role, areaCode] = process.argv.slice(2);
  if (!username || !/^[a-z0-9._-]{3,40}$/.test(username) || (role !== undefined && role !== 'area_viewer')) {
    console.error(usage);
    return 1;
  }
  if (await db.prisma.adminUser.findUnique({ where: { username } })) {
    console.error(`Tài khoản “${username}” đã có.`);
    return 1;
  }
  let areaId: number | null = null;
  if (role === 'area_viewer') {
    const area = areaCode ? await db.prisma.area.findUnique({ where: { code: areaCode } }) : null;
    if (!area) {
      console.error(`Cần mã khu vực cho tài khoản xem theo khu vực. ${usage}`);
      return 1;
    }
    areaId = area.id;
  }
  const password = process.env.ADMIN_PASSWORD || randomBytes(12).toString('base64url');
  if (password.length < 10) {
    console.error('Mật khẩu cần ít nhất 10 ký tự.');
    return 1;
  }
  const user = await db.prisma.adminUser.create({
    data: {
      username,
      displayName: displayName ?? username,
      passwordHash: await hashPassword(password),
      role: role === 'area_viewer' ? 'area_viewer' : 'office_admin',
      areaId,
    },
  });
  await db.prisma.auditLog.create({ data: { actorType: 'cli', actorId: process.env.USER, action: 'admin.created', entityType: 'admin_user', entityId: String(user.id) } });
  console.log(`Đã tạo tài khoản ${username} (${user.role}).`);
  if (!process.env.ADMIN_PASSWORD) console.log(`Mật khẩu (chỉ hiện một lần, hãy đổi sau khi đăng nhập): ${password}`);
  return 0;
});
