import { createClock } from '../core/clock';
import { formatVnDate } from '../core/dates/calendar-date';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import { generateInviteCode } from '../core/members/generate-invite-code';
import { runWithDatabase } from './with-database';

const VALID_DAYS = 7;

/**
 * `npm run office:invite` prints a one-use code that makes whoever starts the bot with it a member
 * of the office's staff; `npm run office:invite -- unit_head <area-code>` one for an area's head.
 */
runWithDatabase(async (db, config) => {
  const [role = 'office', areaCode] = process.argv.slice(2);
  if (role !== 'office' && role !== 'unit_head') {
    console.error('Cách dùng: npm run office:invite [-- unit_head <mã-khu-vực>]');
    return 1;
  }
  let areaId: number | null = null;
  if (role === 'unit_head') {
    const area = areaCode ? await db.prisma.area.findUnique({ where: { code: areaCode } }) : null;
    if (!area) {
      const codes = (await db.prisma.area.findMany({ orderBy: { ordinal: 'asc' } })).map((a) => a.code).join(', ');
      console.error(`Cần mã khu vực cho trưởng đơn vị. Các mã: ${codes}`);
      return 1;
    }
    areaId = area.id;
  }
  const now = createClock({ startAt: config.startAt }).now();
  const expiresAt = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  const invite = await db.prisma.roleInvite.create({ data: { code: generateInviteCode(), role, areaId, expiresAt } });
  await db.prisma.auditLog.create({
    data: { actorType: 'cli', actorId: process.env.USER, action: 'role_invite.created', entityType: 'role_invite', entityId: String(invite.id) },
  });
  const base = config.http.publicUrl ?? `http://localhost:${config.http.port}`;
  const who = role === 'office' ? 'cán bộ Văn phòng' : 'trưởng đơn vị khu vực';
  console.log(`Mã mời ${who}: ${invite.code}`);
  console.log(`Dùng một lần, hết hạn ngày ${formatVnDate(toCalendarDateInZone(expiresAt, config.timeZone))}.`);
  console.log(`Cách dùng: trong Telegram hoặc Zalo gõ /start ${invite.code}; trên web: ${base}/chat?start=${invite.code}`);
  return 0;
});
