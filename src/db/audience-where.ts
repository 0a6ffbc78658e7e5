import type { Audience } from '../core/broadcasts/audience';
import type { Prisma } from './generated/client';

/** The active members an audience names, as a Prisma filter (the delivery fan-out uses it too). */
export function audienceMemberWhere(audience: Audience): Prisma.MemberWhereInput {
  const active: Prisma.MemberWhereInput = { status: 'active' };
  switch (audience.kind) {
    case 'all':
      return active;
    case 'areas':
      return { ...active, areaId: { in: audience.areaIds } };
    case 'member_types':
      return { ...active, type: { in: audience.types } };
    case 'not_submitted':
      return { ...active, submissions: { none: { periodId: audience.periodId } } };
    case 'members':
      return { ...active, id: { in: audience.memberIds } };
  }
}

/**
 * The same audience as an SQL condition on `members m`, for the plain-SQL paths; placeholders
 * are numbered from `first`. It must name the same members as `audienceMemberWhere` (a test runs
 * both for every kind).
 */
export function audienceSql(audience: Audience, first: number): { where: string; params: (number[] | string[] | number)[] } {
  const active = `m.status = 'active'`;
  switch (audience.kind) {
    case 'all':
      return { where: active, params: [] };
    case 'areas':
      return { where: `${active} AND m.area_id = ANY($${first}::int[])`, params: [audience.areaIds] };
    case 'member_types':
      return { where: `${active} AND m.type::text = ANY($${first}::text[])`, params: [audience.types] };
    case 'not_submitted':
      return { where: `${active} AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.member_id = m.id AND s.period_id = $${first})`, params: [audience.periodId] };
    case 'members':
      return { where: `${active} AND m.id = ANY($${first}::int[])`, params: [audience.memberIds] };
  }
}

/** How many active members an audience names now, and how many active contacts they have. */
export async function countAudience(
  db: Pick<Prisma.TransactionClient, 'member' | 'contact'>,
  audience: Audience,
): Promise<{ members: number; contacts: number }> {
  const where = audienceMemberWhere(audience);
  const [members, contacts] = await Promise.all([
    db.member.count({ where }),
    db.contact.count({ where: { status: 'active', member: where } }),
  ]);
  return { members, contacts };
}

/**
 * Of the active members an audience names now, how many have no active contact: a broadcast can
 * reach them on no channel, so they will be on its call list.
 */
export function countUnreachable(db: Pick<Prisma.TransactionClient, 'member'>, audience: Audience): Promise<number> {
  return db.member.count({ where: { AND: [audienceMemberWhere(audience), { contacts: { none: { status: 'active' } } }] } });
}
