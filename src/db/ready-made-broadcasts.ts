import { formatVnDate } from '../core/dates/calendar-date';
import { fromDbDate } from '../core/dates/days-between';
import { toCalendarDateInZone } from '../core/dates/zoned-time';
import type { Audience } from '../core/broadcasts/audience';
import { reportFieldsSchema } from '../core/reports/report-field';
import { renderPlan } from '../flows/plan-reply';
import type { PrismaClient } from './generated/client';
import { toJson } from './to-json';

const everyone: Audience = { kind: 'all' };

/**
 * The plan as a broadcast to every member: its summary and a link to the full text. Once per
 * campaign (the dedupe is the campaign's `plan` broadcast not cancelled).
 */
export async function createPlanBroadcast(
  prisma: PrismaClient,
  input: { year: number; planPageUrl: string; now: Date; timeZone: string; scheduledAt?: Date },
): Promise<{ id: number; created: boolean }> {
  const campaign = await prisma.campaign.findUniqueOrThrow({
    where: { year: input.year },
    include: { phases: { orderBy: { ordinal: 'asc' } }, reportPeriods: { orderBy: { ordinal: 'asc' } } },
  });
  const existing = await prisma.broadcast.findFirst({ where: { campaignId: campaign.id, kind: 'plan', status: { not: 'cancelled' } } });
  if (existing) return { id: existing.id, created: false };
  const periods = campaign.reportPeriods.map((p) => ({ ...p, year: campaign.year, fields: reportFieldsSchema.parse(p.fields) }));
  const body =
    `${renderPlan({ ...campaign, periods }, toCalendarDateInZone(input.now, input.timeZone))}\n\n` +
    `Toàn văn kế hoạch: ${input.planPageUrl}`;
  const broadcast = await prisma.broadcast.create({
    data: {
      kind: 'plan',
      campaignId: campaign.id,
      title: campaign.title,
      body,
      audience: toJson(everyone),
      status: 'scheduled',
      scheduledAt: input.scheduledAt ?? input.now,
    },
  });
  return { id: broadcast.id, created: true };
}

/** A phase's theme as a broadcast to every member, once per phase. */
export async function createPhaseBroadcast(
  prisma: PrismaClient,
  input: { year: number; ordinal: number; now: Date; scheduledAt?: Date },
): Promise<{ id: number; created: boolean }> {
  const phase = await prisma.campaignPhase.findFirstOrThrow({
    where: { ordinal: input.ordinal, campaign: { year: input.year } },
    include: { campaign: true },
  });
  const title = `${phase.name} năm ${input.year}`;
  const existing = await prisma.broadcast.findFirst({
    where: { campaignId: phase.campaignId, kind: 'phase_theme', title, status: { not: 'cancelled' } },
  });
  if (existing) return { id: existing.id, created: false };
  const body =
    `Hiệp hội doanh nghiệp phát động ${phase.name.toLocaleLowerCase('vi')} của phong trào thi đua năm ${input.year}, ` +
    `từ ${formatVnDate(fromDbDate(phase.startsOn))} đến ${formatVnDate(fromDbDate(phase.endsOn))}.\n\nChủ đề: ${phase.theme}`;
  const broadcast = await prisma.$transaction(async (tx) => {
    const created = await tx.broadcast.create({
      data: {
        kind: 'phase_theme',
        campaignId: phase.campaignId,
        title,
        body,
        audience: toJson(everyone),
        status: 'scheduled',
        scheduledAt: input.scheduledAt ?? input.now,
      },
    });
    await tx.campaignPhase.update({ where: { id: phase.id }, data: { announcedAt: input.now } });
    return created;
  });
  return { id: broadcast.id, created: true };
}
