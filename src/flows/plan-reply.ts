import { type CalendarDate, formatVnDate } from '../core/dates/calendar-date';
import { fromDbDate } from '../core/dates/days-between';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import { compareCalendarDates } from '../core/dates/calendar-date';
import type { Reply } from '../core/messages';
import type { CampaignRecord } from './conversation-repository';
import type { FlowContext } from './flow';

/** `/kehoach`: the current campaign in a few short paragraphs, and a link to its full text. */
export async function planReply(ctx: FlowContext): Promise<Reply[]> {
  const campaign = await ctx.repo.findCampaignForYear(toCalendarDateInZone(ctx.now, ctx.timeZone).year);
  if (!campaign) return [{ text: 'Hiện Hiệp hội chưa công bố kế hoạch thi đua nào.' }];
  return [
    {
      text: renderPlan(campaign, toCalendarDateInZone(ctx.now, ctx.timeZone)),
      link: { url: ctx.planPageUrl(campaign.year), label: 'Xem toàn văn kế hoạch' },
    },
  ];
}

/**
 * The plan in a few short paragraphs, the phase under way on `today` marked: the `/kehoach`
 * reply, and the body of the plan's broadcast.
 */
export function renderPlan(c: Pick<CampaignRecord, 'title' | 'docNumber' | 'docPlace' | 'docDate' | 'overallTheme' | 'phases' | 'movements' | 'periods'>, today: CalendarDate): string {
  const phases = c.phases.map((p) => {
    const current =
      compareCalendarDates(fromDbDate(p.startsOn), today) <= 0 && compareCalendarDates(today, fromDbDate(p.endsOn)) <= 0;
    const range = `${formatVnDate(fromDbDate(p.startsOn))} – ${formatVnDate(fromDbDate(p.endsOn))}`;
    return `• ${p.name} (${range})${current ? ' — đang diễn ra' : ''}: ${p.theme}`;
  });
  const reports = c.periods.map((p) => `• ${p.name}: ${p.deadlineText}. Nội dung: ${p.covers}.`);
  const place = c.docPlace ? `${c.docPlace}, ` : '';
  return [
    `${c.title.toLocaleUpperCase('vi')}`,
    `Số ${c.docNumber}, ${place}ngày ${formatVnDate(fromDbDate(c.docDate))}`,
    '',
    `Chủ đề chung: “${c.overallTheme}”`,
    '',
    'Các đợt thi đua:',
    ...phases,
    ...(c.movements.length > 0 ? ['', 'Các phong trào:', ...c.movements.map((m) => `• ${m}`)] : []),
    '',
    'Báo cáo gửi Văn phòng Hiệp hội:',
    ...reports,
  ].join('\n');
}
