import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CalendarDate } from '../core/dates/calendar-date';
import { startOfDayInZone } from '../core/dates/zoned-time';
import { reportFieldsSchema } from '../core/reports/report-field';
import { projectRoot } from '../lib/project-root';
import type { PrismaClient } from './generated/client';
import { areasBacGiang2022 } from './seed/areas-bac-giang-2022';
import type { AreaSeed, CampaignSeed } from './seed/campaign-seed';
import { plan2022 } from './seed/plan-2022';

export interface SeedResult {
  campaignsCreated: number;
  areasCreated: number;
}

/**
 * Puts the default campaign (the 2022 plan) and the areas into the database. Create-only: a row
 * that exists is left as it is, so running it at every start is safe and the office's later
 * corrections survive restarts.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  seed: { campaigns: readonly CampaignSeed[]; areas: readonly AreaSeed[] } = {
    campaigns: [plan2022],
    areas: areasBacGiang2022,
  },
): Promise<SeedResult> {
  let areasCreated = 0;
  for (const area of seed.areas) {
    const existing = await prisma.area.findUnique({ where: { code: area.code } });
    if (existing) continue;
    await prisma.area.create({ data: area });
    areasCreated += 1;
  }
  let campaignsCreated = 0;
  for (const campaign of seed.campaigns) {
    if (await prisma.campaign.findUnique({ where: { year: campaign.year } })) continue;
    await createCampaign(prisma, campaign);
    campaignsCreated += 1;
  }
  return { campaignsCreated, areasCreated };
}

async function createCampaign(prisma: PrismaClient, c: CampaignSeed): Promise<void> {
  const fullText = await readFile(path.join(projectRoot(), 'prisma', 'seed', c.fullTextFile), 'utf8');
  const midnight = (d: CalendarDate) => startOfDayInZone(d, c.timeZone);
  // Nested create: the campaign, its phases and its periods land together or not at all.
  await prisma.campaign.create({
    data: {
      year: c.year,
      docNumber: c.docNumber,
      docDate: asDbDate(c.docDate),
      docPlace: c.docPlace,
      title: c.title,
      overallTheme: c.overallTheme,
      movements: c.movements,
      addressees: c.addressees,
      fullText,
      status: 'published',
      publishedAt: midnight(c.docDate),
      phases: {
        create: c.phases.map((p) => ({
          ordinal: p.ordinal,
          name: p.name,
          startsOn: asDbDate(p.startsOn),
          endsOn: asDbDate(p.endsOn),
          theme: p.theme,
        })),
      },
      reportPeriods: {
        create: c.reportPeriods.map((r) => ({
          code: r.code,
          ordinal: r.ordinal,
          name: r.name,
          covers: r.covers,
          opensAt: midnight(r.opensOn),
          deadlineAt: midnight(r.dueBefore),
          deadlineText: r.deadlineText,
          fields: reportFieldsSchema.parse(r.fields),
        })),
      },
    },
  });
}

/** A calendar date for a `@db.Date` column: Prisma reads and writes those at UTC midnight. */
export function asDbDate(d: CalendarDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}
