import type { PrismaClient } from './generated/client';

/** A published campaign with its phases, periods and full text, for the public plan page. */
export async function findPublishedCampaign(prisma: PrismaClient, year: number) {
  return prisma.campaign.findFirst({
    where: { year, status: 'published' },
    include: { phases: { orderBy: { ordinal: 'asc' } }, reportPeriods: { orderBy: { ordinal: 'asc' } } },
  });
}

export type PublishedCampaign = NonNullable<Awaited<ReturnType<typeof findPublishedCampaign>>>;
