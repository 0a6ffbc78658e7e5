import type { Clock } from '../core/clock';
import { compareCalendarDates } from '../core/dates/calendar-date';
import { fromDbDate } from '../core/dates/days-between';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import type { PrismaClient } from '../db/generated/client';
import { createPhaseBroadcast, createPlanBroadcast } from '../db/ready-made-broadcasts';

/**
 * The campaign calendar: when this year's campaign is published its plan goes to every member,
 * and at each phase's start its theme does. Each once (the broadcasts themselves are the record);
 * the sweeper sends them.
 */
export async function runCalendar(deps: {
  prisma: PrismaClient;
  clock: Clock;
  timeZone: string;
  publicBaseUrl: string;
}): Promise<{ broadcastIds: number[] }> {
  const now = deps.clock.now();
  const today = toCalendarDateInZone(now, deps.timeZone);
  const campaign = await deps.prisma.campaign.findFirst({
    where: { year: today.year, status: 'published', publishedAt: { lte: now } },
    include: { phases: { orderBy: { ordinal: 'asc' } } },
  });
  if (!campaign) return { broadcastIds: [] };
  const ids: number[] = [];
  const plan = await createPlanBroadcast(deps.prisma, {
    year: campaign.year,
    planPageUrl: `${deps.publicBaseUrl.replace(/\/+$/, '')}/ke-hoach/${campaign.year}`,
    now,
    timeZone: deps.timeZone,
  });
  if (plan.created) ids.push(plan.id);
  for (const phase of campaign.phases) {
    const started = compareCalendarDates(fromDbDate(phase.startsOn), today) <= 0;
    const ended = compareCalendarDates(fromDbDate(phase.endsOn), today) < 0;
    if (!started || ended || phase.announcedAt) continue;
    const theme = await createPhaseBroadcast(deps.prisma, { year: campaign.year, ordinal: phase.ordinal, now });
    if (theme.created) ids.push(theme.id);
  }
  return { broadcastIds: ids };
}
