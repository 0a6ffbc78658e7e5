import { parseArgs } from 'node:util';
import { type Audience, audienceSchema } from '../core/broadcasts/audience';
import { broadcastText } from '../core/broadcasts/broadcast-text';
import { createClock } from '../core/clock';
import { formatVnDateTime } from '../core/dates/format-vn-date-time';
import { formatVnPhone } from '../core/phone/format-vn-phone';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import { createPrismaDeliveryRepository } from '../db/prisma-delivery-repository';
import { createPlanBroadcast, createPhaseBroadcast } from '../db/ready-made-broadcasts';
import { countAudience } from '../db/audience-where';
import { createAnnouncement } from '../db/create-announcement';
import { queueTestSend } from '../db/queue-test-send';
import type { PrismaClient } from '../db/generated/client';
import { csvRecord } from '../lib/csv';
import { runWithDatabase } from './with-database';

const usage = `Cách dùng:
  npm run broadcast -- text "<nội dung>" [--areas hiep-hoa,tan-yen] [--types enterprise] [--not-submitted 6-thang] [--at 2022-07-05T08:00:00+07:00]
  npm run broadcast -- plan [--year 2022]           gửi kế hoạch tới mọi hội viên
  npm run broadcast -- phase <đợt> [--year 2022]    gửi chủ đề của một đợt thi đua
  npm run broadcast -- preview <số>                 xem trước nội dung và số người nhận
  npm run broadcast -- test <số> <mã người liên hệ>  gửi thử cho một người (ví dụ chính mình)
  npm run broadcast -- status <số>                  tiến độ gửi
  npm run broadcast -- cancel <số>                  dừng, phần chưa gửi sẽ không gửi
  npm run broadcast -- calls <số>                   danh sách hội viên không liên lạc được (CSV)`;

/**
 * The office's broadcasts from the command line, as the dashboard's /admin/broadcasts makes them
 * (the same functions): compose (to all, by area, by member type, to those who have not filed),
 * the ready-made plan and phase themes, progress, cancel, and the call list. The workers send them.
 */
runWithDatabase(async (db, config) => {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      areas: { type: 'string' },
      types: { type: 'string' },
      'not-submitted': { type: 'string' },
      at: { type: 'string' },
      year: { type: 'string' },
    },
  });
  const [command, argument] = positionals;
  const clock = createClock({ startAt: config.startAt });
  const now = clock.now();
  const year = values.year ? Number(values.year) : toCalendarDateInZone(now, config.timeZone).year;
  const deliveries = createPrismaDeliveryRepository(db);
  const base = config.http.publicUrl ?? `http://localhost:${config.http.port}`;

  switch (command) {
    case 'text': {
      const text = broadcastText(argument ?? '');
      if (!text.ok) return fail(text.message);
      const audience = await audienceFrom(db.prisma, values, year);
      if (typeof audience === 'string') return fail(audience);
      const scheduledAt = values.at ? new Date(values.at) : now;
      if (Number.isNaN(scheduledAt.getTime())) return fail('--at cần một thời điểm ISO 8601, ví dụ 2022-07-05T08:00:00+07:00');
      const { members, contacts } = await countAudience(db.prisma, audience);
      const broadcast = await createAnnouncement(db.prisma, {
        title: (text.value.split('\n')[0] ?? '').slice(0, 80),
        body: text.value,
        audience,
        scheduledAt,
        now,
        actor: { type: 'cli', id: process.env.USER },
      });
      console.log(`Thông báo số ${broadcast.id}: ${contacts} người liên hệ của ${members} hội viên, gửi lúc ${formatVnDateTime(scheduledAt, config.timeZone)}.`);
      return 0;
    }
    case 'plan': {
      const result = await createPlanBroadcast(db.prisma, { year, planPageUrl: `${base}/ke-hoach/${year}`, now, timeZone: config.timeZone });
      console.log(result.created ? `Đã xếp gửi kế hoạch năm ${year}: thông báo số ${result.id}.` : `Kế hoạch năm ${year} đã được xếp gửi trước đó (số ${result.id}).`);
      return 0;
    }
    case 'phase': {
      const ordinal = Number(argument);
      if (!Number.isInteger(ordinal) || ordinal < 1) return fail(usage);
      const result = await createPhaseBroadcast(db.prisma, { year, ordinal, now });
      console.log(result.created ? `Đã xếp gửi chủ đề đợt ${ordinal}: thông báo số ${result.id}.` : `Chủ đề đợt ${ordinal} đã được xếp gửi trước đó (số ${result.id}).`);
      return 0;
    }
    case 'preview': {
      const broadcast = await db.prisma.broadcast.findUnique({ where: { id: Number(argument) } });
      if (!broadcast) return fail(`Không có thông báo số ${argument}.`);
      const { members, contacts } = await countAudience(db.prisma, audienceSchema.parse(broadcast.audience));
      console.log(`Thông báo số ${broadcast.id} (${broadcast.status}) — ${contacts} người liên hệ của ${members} hội viên:\n\n${broadcast.body}`);
      return 0;
    }
    case 'test': {
      const [, , contactText] = positionals;
      const broadcast = await db.prisma.broadcast.findUnique({ where: { id: Number(argument) } });
      if (!broadcast || !contactText || !/^\d{1,9}$/.test(contactText)) return fail(usage);
      const result = await queueTestSend(db.prisma, { broadcastId: broadcast.id, body: broadcast.body, contactId: Number(contactText), now, actor: { type: 'cli', id: process.env.USER } });
      if (!result.ok) return fail(result.reason === 'blocked' ? `Người liên hệ số ${contactText} đã chặn hoặc bỏ theo dõi.` : `Không có người liên hệ số ${contactText}.`);
      console.log(`Đã xếp gửi thử thông báo số ${broadcast.id} tới người liên hệ số ${result.recipient.id} (${result.recipient.channel}).`);
      return 0;
    }
    case 'status': {
      const broadcast = await db.prisma.broadcast.findUnique({ where: { id: Number(argument) } });
      if (!broadcast) return fail(`Không có thông báo số ${argument}.`);
      const p = await deliveries.progress(broadcast.id);
      console.log(`Thông báo số ${broadcast.id} (${broadcast.status}): đã gửi ${p.sent}, lỗi ${p.failed}, còn lại ${p.queued}, đã hủy ${p.cancelled}.`);
      return 0;
    }
    case 'cancel': {
      const result = await deliveries.cancelBroadcast(Number(argument), now);
      if (!result) return fail(`Thông báo số ${argument} không còn gì để dừng.`);
      console.log(`Đã dừng thông báo số ${argument}; ${result.cancelled} tin chưa gửi sẽ không được gửi.`);
      return 0;
    }
    case 'calls': {
      const rows = await deliveries.callList(Number(argument));
      console.log('Tên hội viên,Mã số thuế,Khu vực,Người liên hệ,Điện thoại,Lý do');
      for (const r of rows) console.log(csvRecord([r.name, r.taxCode, r.area, r.contactPerson, r.phone ? formatVnPhone(r.phone) : null, r.reasons.join('; ')]));
      return 0;
    }
    default:
      return fail(usage);
  }
});

/** The audience the flags describe, checked against the database (area and period codes). */
async function audienceFrom(
  prisma: PrismaClient,
  values: { areas?: string; types?: string; 'not-submitted'?: string },
  year: number,
): Promise<Audience | string> {
  if (values.areas) {
    const codes = values.areas.split(',').map((c) => c.trim());
    const areas = await prisma.area.findMany({ where: { code: { in: codes } } });
    const unknown = codes.filter((c) => !areas.some((a) => a.code === c));
    if (unknown.length > 0) return `Không có khu vực: ${unknown.join(', ')}.`;
    return { kind: 'areas', areaIds: areas.map((a) => a.id) };
  }
  if (values.types) {
    const parsed = audienceSchema.safeParse({ kind: 'member_types', types: values.types.split(',').map((t) => t.trim()) });
    return parsed.success ? parsed.data : '--types nhận enterprise, district_association, collective';
  }
  if (values['not-submitted']) {
    const period = await prisma.reportPeriod.findFirst({ where: { code: values['not-submitted'], campaign: { year } } });
    if (!period) return `Không có kỳ báo cáo “${values['not-submitted']}” năm ${year}.`;
    return { kind: 'not_submitted', periodId: period.id };
  }
  return { kind: 'all' };
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
