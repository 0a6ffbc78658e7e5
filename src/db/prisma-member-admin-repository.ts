import { normalizeInviteCode } from '../core/members/generate-invite-code';
import type { RosterRow } from '../core/roster/parse-roster';
import { foldText } from '../core/text/fold-text';
import { decideRegistration, type RegistrationDecision } from './decide-registration';
import { type ImportRosterOptions, importRoster } from './import-roster';
import type { MemberStatus, MemberType, Prisma, PrismaClient } from './generated/client';

export interface MemberListQuery {
  /** What the person typed: part of the name (folded), a tax code's start or an invite code. */
  readonly search?: string;
  readonly areaCode?: string;
  /** Set for an area viewer: only this area, whatever `areaCode` says. */
  readonly onlyAreaId?: number;
  readonly type?: MemberType;
  readonly status?: MemberStatus;
  readonly skip: number;
  readonly take: number;
}

/**
 * The office's member pages: listing, one member with its contacts, registration decisions and the
 * roster import.
 */
export function createPrismaMemberAdminRepository(prisma: PrismaClient) {
  return {
    async list(query: MemberListQuery) {
      const where = listWhere(query);
      const [total, members] = await Promise.all([
        prisma.member.count({ where }),
        prisma.member.findMany({
          where,
          orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
          skip: query.skip,
          take: query.take,
          include: { area: true, _count: { select: { contacts: true } } },
        }),
      ]);
      return { total, members };
    },
    areas() {
      return prisma.area.findMany({ where: { active: true }, orderBy: { ordinal: 'asc' } });
    },
    findById(id: number) {
      return prisma.member.findUnique({
        where: { id },
        include: { area: true, contacts: { orderBy: [{ lastInteractionAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] } },
      });
    },
    decide(memberId: number, decision: RegistrationDecision, actor: { type: 'admin'; id: string }, now: Date) {
      return decideRegistration(prisma, memberId, decision, actor, now);
    },
    /** The rows `parseRoster` accepted; the same import as `npm run roster:import`, audited. */
    importRoster(rows: readonly RosterRow[], options: ImportRosterOptions) {
      return importRoster(prisma, rows, options);
    },
  };
}

export type MemberAdminRepository = ReturnType<typeof createPrismaMemberAdminRepository>;

function listWhere(query: MemberListQuery): Prisma.MemberWhereInput {
  const and: Prisma.MemberWhereInput[] = [];
  if (query.onlyAreaId !== undefined) and.push({ areaId: query.onlyAreaId });
  if (query.areaCode !== undefined) and.push({ area: { code: query.areaCode } });
  if (query.type !== undefined) and.push({ type: query.type });
  if (query.status !== undefined) and.push({ status: query.status });
  const search = query.search?.trim();
  if (search) and.push({ OR: searchConditions(search) });
  return { AND: and };
}

function searchConditions(search: string): Prisma.MemberWhereInput[] {
  const conditions: Prisma.MemberWhereInput[] = [{ nameFolded: { contains: escapeLike(foldText(search)) } }, { inviteCode: normalizeInviteCode(search) }];
  const digits = search.replace(/\s/g, '');
  if (/^\d{3,10}(-\d{0,3})?$/.test(digits)) conditions.push({ taxCode: { startsWith: digits } });
  return conditions;
}

/** `contains` goes to LIKE as it is: a typed `%` or `_` must not match every name. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
