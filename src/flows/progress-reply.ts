import { toCalendarDateInZone } from '../core/dates/zoned-time';
import type { Reply } from '../core/messages';
import { daysLeft, periodPhase } from '../core/reports/period-window';
import type { AreaProgress, PeriodRecord } from './conversation-repository';
import type { FlowContext } from './flow';

const NAMES_PER_AREA = 15;

/**
 * `/tiendo` for the office (every area) and for an area's head (their area): who has and has
 * not filed the report period under way, by area.
 */
export async function progressReply(ctx: FlowContext): Promise<Reply[]> {
  const areaId = ctx.contact.role === 'unit_head' ? (ctx.contact.areaId ?? ctx.member?.areaId ?? null) : null;
  if (ctx.contact.role === 'member' || (ctx.contact.role === 'unit_head' && areaId === null)) {
    return [{ text: 'Lệnh /tiendo dành cho Văn phòng Hiệp hội và trưởng đơn vị khu vực.' }];
  }
  const campaign = await ctx.repo.findCampaignForYear(toCalendarDateInZone(ctx.now, ctx.timeZone).year);
  const period = campaign ? periodUnderWay(campaign.periods, ctx.now) : null;
  if (!period) return [{ text: 'Chưa có kỳ báo cáo nào để xem tiến độ.' }];

  const rows = await ctx.repo.findProgress(period.id, areaId);
  const total = sum(rows, (r) => r.members);
  const onTime = sum(rows, (r) => r.onTime);
  const late = sum(rows, (r) => r.late);
  const left = daysLeft(period.deadlineAt, ctx.now, ctx.timeZone);
  const when = left > 0 ? `còn ${left} ngày` : left === 0 ? 'hạn là hôm nay' : `đã quá hạn ${-left} ngày`;
  const lines = [
    `Tiến độ ${period.name} (${period.deadlineText}; ${periodPhase(period, ctx.now) === 'upcoming' ? 'chưa mở' : when})`,
    `${areaId === null ? 'Toàn Hiệp hội' : 'Khu vực'}: ${onTime + late}/${total} đã nộp (${onTime} đúng hạn, ${late} trễ hạn); ${total - onTime - late} chưa nộp.`,
  ];
  for (const row of rows) lines.push('', describeArea(row));
  return [{ text: lines.join('\n') }];
}

function describeArea(row: AreaProgress): string {
  const head = `${row.areaName}: ${row.onTime + row.late}/${row.members} đã nộp`;
  if (row.notYet.length === 0) return `${head}. Đã đủ.`;
  const shown = row.notYet.slice(0, NAMES_PER_AREA).join('; ');
  const more = row.notYet.length > NAMES_PER_AREA ? ` và ${row.notYet.length - NAMES_PER_AREA} đơn vị khác` : '';
  return `${head}. Chưa nộp: ${shown}${more}.`;
}

/** The period accepting reports (the nearest deadline first), else the last one that opened. */
export function periodUnderWay(periods: readonly PeriodRecord[], now: Date): PeriodRecord | null {
  const accepting = periods
    .filter((p) => ['open', 'late'].includes(periodPhase(p, now)))
    .sort((a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime());
  if (accepting[0]) return accepting[0];
  const opened = periods.filter((p) => p.opensAt <= now).sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime());
  return opened[0] ?? null;
}

function sum(rows: readonly AreaProgress[], pick: (r: AreaProgress) => number): number {
  return rows.reduce((total, row) => total + pick(row), 0);
}
