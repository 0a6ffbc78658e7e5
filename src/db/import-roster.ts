import { generateInviteCode } from '../core/members/generate-invite-code';
import type { RosterRow } from '../core/roster/parse-roster';
import { foldText } from '../core/text/fold-text';
import { type Member, Prisma, type PrismaClient } from './generated/client';

/** Who ran the import, for the audit log. */
export interface ImportRosterOptions {
  /** @defaultValue `'cli'` */
  readonly actorType?: string;
  /** E.g. the admin user's id when the dashboard imports. */
  readonly actorId?: string;
  /** What was imported, e.g. the file's name; recorded in the audit log. */
  readonly source?: string;
}

/** A row that passed the parser but could not be stored. */
export interface RosterImportFailure {
  readonly line: number;
  /** In Vietnamese, for the office. */
  readonly reason: string;
}

export interface ImportRosterResult {
  readonly created: number;
  /** Existing members of whom at least one field changed. */
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: readonly RosterImportFailure[];
}

/**
 * Puts the roster's members into the database; running it again with the same rows changes
 * nothing. A member is found by tax code; a row without one (district associations, collectives)
 * by folded name and type. A row with a tax code also adopts a member of the same name and type
 * stored earlier without a tax code, rather than creating a second one.
 *
 * Found members get name, area, type and, where the roster has them, contact person, phone and
 * address; an empty cell in the roster does not erase what is stored (the member may have given it
 * through the bot). Status, source and invite code are kept. New members are `active`, from
 * `roster`, with a fresh invite code.
 *
 * Rows are stored one by one and a row that fails is reported in `failed`; the others are still
 * stored. One `roster.import` audit entry records the counts.
 */
export async function importRoster(
  prisma: PrismaClient,
  rows: readonly RosterRow[],
  options: ImportRosterOptions = {},
): Promise<ImportRosterResult> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const failed: RosterImportFailure[] = [];
  // No transaction around a row or a batch: each row is one lookup and at most one write, which is
  // atomic by itself, and a batch would roll good rows back with a bad one. An import stopped
  // halfway leaves whole rows behind, and running it again completes it, since it is idempotent.
  // A member created meanwhile by someone else surfaces as a unique violation and is retried as an
  // update.
  for (const row of rows) {
    try {
      counts[await importRow(prisma, row)] += 1;
    } catch (error) {
      failed.push({ line: row.line, reason: failureReason(error) });
    }
  }
  await prisma.auditLog.create({
    data: {
      actorType: options.actorType ?? 'cli',
      actorId: options.actorId ?? null,
      action: 'roster.import',
      entityType: 'member',
      details: {
        source: options.source ?? null,
        rows: rows.length,
        ...counts,
        failed: failed.length,
        failedLines: failed.map((failure) => failure.line),
      },
    },
  });
  return { ...counts, failed };
}

type RowOutcome = 'created' | 'updated' | 'unchanged';

async function importRow(prisma: PrismaClient, row: RosterRow): Promise<RowOutcome> {
  const nameFolded = foldText(row.name);
  const existing = await findExisting(prisma, row, nameFolded);
  if (existing !== undefined) return updateIfChanged(prisma, existing, row, nameFolded);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await prisma.member.create({
        data: {
          name: row.name,
          nameFolded,
          taxCode: row.taxCode,
          areaId: row.areaId,
          type: row.type,
          status: 'active',
          source: 'roster',
          inviteCode: generateInviteCode(),
          contactPerson: row.contactPerson,
          phone: row.phone,
          address: row.address,
        },
      });
      return 'created';
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Either the tax code was stored meanwhile (then the member exists now and is updated), or
      // the random invite code was taken (then another one is drawn).
      const now = await findExisting(prisma, row, nameFolded);
      if (now !== undefined) return updateIfChanged(prisma, now, row, nameFolded);
      if (attempt >= MAX_CREATE_ATTEMPTS) throw error;
    }
  }
}

// 31^8 codes: even with a hundred thousand members a collision is about one in ten million, so
// five draws in a row colliding means something else is wrong.
const MAX_CREATE_ATTEMPTS = 5;

async function findExisting(prisma: PrismaClient, row: RosterRow, nameFolded: string): Promise<Member | undefined> {
  if (row.taxCode !== null) {
    const byTaxCode = await prisma.member.findUnique({ where: { taxCode: row.taxCode } });
    if (byTaxCode !== null) return byTaxCode;
  }
  const byName = await prisma.member.findMany({
    where: { nameFolded, type: row.type, ...(row.taxCode === null ? {} : { taxCode: null }) },
    orderBy: { id: 'asc' },
    take: 2,
  });
  if (byName.length > 1) {
    throw new AmbiguousMemberError(
      `Có nhiều hội viên cùng tên “${row.name}” và cùng loại trong dữ liệu; ` +
        'xin ghi mã số thuế để phân biệt, hoặc gộp các hội viên trùng trên trang quản trị.',
    );
  }
  return byName[0];
}

async function updateIfChanged(
  prisma: PrismaClient,
  existing: Member,
  row: RosterRow,
  nameFolded: string,
): Promise<RowOutcome> {
  const changes: Prisma.MemberUncheckedUpdateInput = {};
  if (existing.name !== row.name) changes.name = row.name;
  if (existing.nameFolded !== nameFolded) changes.nameFolded = nameFolded;
  if (existing.areaId !== row.areaId) changes.areaId = row.areaId;
  if (existing.type !== row.type) changes.type = row.type;
  if (existing.taxCode === null && row.taxCode !== null) changes.taxCode = row.taxCode;
  if (row.contactPerson !== null && existing.contactPerson !== row.contactPerson) changes.contactPerson = row.contactPerson;
  if (row.phone !== null && existing.phone !== row.phone) changes.phone = row.phone;
  if (row.address !== null && existing.address !== row.address) changes.address = row.address;
  if (Object.keys(changes).length === 0) return 'unchanged';
  await prisma.member.update({ where: { id: existing.id }, data: changes });
  return 'updated';
}

class AmbiguousMemberError extends Error {
  override readonly name = 'AmbiguousMemberError';
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function failureReason(error: unknown): string {
  if (error instanceof AmbiguousMemberError) return error.message;
  // The database's own words help whoever looks into it; Prisma puts the cause on the last line.
  const detail = error instanceof Error ? (error.message.trim().split('\n').at(-1) ?? '') : String(error);
  return `Không lưu được vào cơ sở dữ liệu (${detail.trim()})`;
}
