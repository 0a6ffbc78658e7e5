import type { AreaProgress } from '../flows/conversation-repository';
import type { Prisma } from './generated/client';

/**
 * Who has filed `periodId` — on time, late, not yet — by area (one area, or all when `areaId` is
 * null), the names of those missing in name order. Shared by `/tiendo` and the dashboard.
 */
export async function queryProgress(db: Pick<Prisma.TransactionClient, 'member'>, periodId: number, areaId: number | null): Promise<AreaProgress[]> {
  const members = await db.member.findMany({
    where: { status: 'active', ...(areaId === null ? {} : { areaId }) },
    select: { name: true, areaId: true, area: { select: { name: true, ordinal: true } }, submissions: { where: { periodId }, select: { onTime: true } } },
    orderBy: { nameFolded: 'asc' },
  });
  return summariseProgress(
    members.map((m) => ({ name: m.name, areaId: m.areaId, areaName: m.area?.name ?? null, areaOrdinal: m.area?.ordinal ?? null, onTime: m.submissions[0]?.onTime ?? null })),
  );
}

/** One active member and how it stands for the period: `onTime` null when it has not filed. */
export interface ProgressRow {
  readonly name: string;
  readonly areaId: number | null;
  readonly areaName: string | null;
  readonly areaOrdinal: number | null;
  readonly onTime: boolean | null;
}

/** Rows in name order, counted by area in the areas' order. */
export function summariseProgress(rows: readonly ProgressRow[]): AreaProgress[] {
  const byArea = new Map<number | null, { areaName: string; ordinal: number; members: number; onTime: number; late: number; notYet: string[] }>();
  for (const m of rows) {
    const row = byArea.get(m.areaId) ?? { areaName: m.areaName ?? 'Chưa rõ khu vực', ordinal: m.areaOrdinal ?? 999, members: 0, onTime: 0, late: 0, notYet: [] };
    row.members += 1;
    if (m.onTime === null) row.notYet.push(m.name);
    else if (m.onTime) row.onTime += 1;
    else row.late += 1;
    byArea.set(m.areaId, row);
  }
  return [...byArea.entries()]
    .sort(([, a], [, b]) => a.ordinal - b.ordinal)
    .map(([id, row]) => ({ areaId: id, areaName: row.areaName, members: row.members, onTime: row.onTime, late: row.late, notYet: row.notYet }));
}
