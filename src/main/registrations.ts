import { createClock } from '../core/clock';
import { formatVnDateTime } from '../core/dates/format-vn-date-time';
import { decideRegistration } from '../db/decide-registration';
import { runWithDatabase } from './with-database';

const usage =
  'Cách dùng: npm run registrations                 (danh sách chờ duyệt)\n' +
  '           npm run registrations -- approve <số>\n' +
  '           npm run registrations -- reject <số> <lý do>';

/** The office's self-registrations until the dashboard exists: list, approve, reject. */
runWithDatabase(async (db, config) => {
  const [action, idText, ...reasonWords] = process.argv.slice(2);
  if (!action) {
    const pending = await db.prisma.member.findMany({ where: { status: 'pending' }, include: { area: true }, orderBy: { id: 'asc' } });
    if (pending.length === 0) console.log('Không có đăng ký nào đang chờ duyệt.');
    for (const m of pending) {
      console.log(
        `${m.id}. ${m.name} — MST ${m.taxCode ?? '(không có)'} — ${m.area?.name ?? '(chưa rõ khu vực)'} — ` +
          `${m.contactPerson ?? ''} ${m.phone ?? ''} — đăng ký lúc ${formatVnDateTime(m.createdAt, config.timeZone)}`,
      );
    }
    return 0;
  }
  const memberId = Number(idText);
  const reason = reasonWords.join(' ').trim();
  if ((action !== 'approve' && action !== 'reject') || !Number.isInteger(memberId) || (action === 'reject' && !reason)) {
    console.error(usage);
    return 1;
  }
  const decision = action === 'approve' ? { approve: true as const } : { approve: false as const, reason };
  const result = await decideRegistration(db.prisma, memberId, decision, { type: 'cli', id: process.env.USER }, createClock({ startAt: config.startAt }).now());
  console.log(
    `${action === 'approve' ? 'Đã duyệt' : 'Đã từ chối'} ${result.name}; đã xếp hàng ${result.notified} tin báo cho người liên hệ.`,
  );
  return 0;
});
