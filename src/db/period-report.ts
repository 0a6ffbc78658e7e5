import { wallClockAsUtc } from '../core/dates/zoned-time';
import type { PeriodTotalsRow } from '../core/reports/period-totals';
import { type ReportField, reportFieldsSchema } from '../core/reports/report-field';
import type { PrismaClient } from './generated/client';

/** Excel's number format for đồng and people: thousands grouped. */
export const THOUSANDS = '#,##0';
const DATE_TIME = 'dd/mm/yyyy hh:mm';
/** The area cell of a member not yet placed in one. */
export const NO_AREA = 'Chưa có khu vực';
const STATUS_TEXT: Readonly<Record<PeriodTotalsRow['status'], string>> = { on_time: 'Đúng hạn', late: 'Trễ hạn', missing: 'Chưa nộp' };

/** One column of the compiled report: its header and how a spreadsheet shows it. */
export interface ReportColumn {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
}

/**
 * One cell: a number stays a number (đồng, people), text is text, and a `Date` is the wall-clock
 * time in the office's zone written as if it were UTC (spreadsheet dates carry no zone).
 */
export type ReportCell = number | string | Date | null;

/** What one loaded period report holds: the period, its form, the members and the first sheet. */
export type PeriodReport = Awaited<ReturnType<typeof loadPeriodReport>>;

/**
 * The compiled report of one period as every export writes it: one row per active member (those
 * who have not filed too), sorted by area then name, fixed columns first, then a column per field
 * of the period's form, then the files. The XLSX's first sheet and the CSV are this table.
 *
 * Text is cleaned of control characters a spreadsheet cannot hold and cut at Excel's
 * 32 767-character cell limit; it is otherwise as members typed it, so a writer whose format can
 * run formulas must neutralise it.
 *
 * @throws Error when there is no period `periodId`, or its fields are not a valid form.
 */
export async function loadPeriodReport(prisma: PrismaClient, periodId: number, options: { timeZone: string }) {
  const period = await prisma.reportPeriod.findUnique({ where: { id: periodId } });
  if (!period) throw new Error(`Không có kỳ báo cáo số ${periodId}.`);
  const fields = reportFieldsSchema.parse(period.fields);

  const [members, submissions, areas] = await Promise.all([
    prisma.member.findMany({ where: { status: 'active' }, include: { area: true } }),
    prisma.submission.findMany({
      where: { periodId },
      include: {
        revisions: { orderBy: { revision: 'desc' }, take: 1, include: { attachments: { orderBy: { id: 'asc' } } } },
      },
    }),
    prisma.area.findMany({ orderBy: [{ ordinal: 'asc' }, { name: 'asc' }] }),
  ]);

  // Vietnamese order ("Đ" after "D", tones after the bare letter), the same on every database.
  const collator = new Intl.Collator('vi');
  members.sort(
    (a, b) =>
      (a.area?.ordinal ?? Number.POSITIVE_INFINITY) - (b.area?.ordinal ?? Number.POSITIVE_INFINITY) ||
      collator.compare(a.area?.name ?? '', b.area?.name ?? '') ||
      collator.compare(a.name, b.name) ||
      a.id - b.id,
  );
  const submissionOf = new Map(submissions.map((s) => [s.memberId, s]));
  const entries = members.map((member) => {
    const submission = submissionOf.get(member.id);
    const revision = submission?.revisions[0];
    const status: PeriodTotalsRow['status'] = !submission ? 'missing' : submission.onTime ? 'on_time' : 'late';
    return { member, submission, revision, status, values: revision && isRecord(revision.values) ? revision.values : null };
  });

  const columns: ReportColumn[] = [
    { header: 'STT', width: 6 },
    { header: 'Tên hội viên', width: 40 },
    { header: 'Mã số thuế', width: 16 },
    { header: 'Khu vực', width: 20 },
    { header: 'Tình trạng', width: 12 },
    { header: 'Thời điểm nộp', width: 18, numFmt: DATE_TIME },
    { header: 'Lần sửa', width: 9, numFmt: THOUSANDS },
    { header: 'Mã tiếp nhận', width: 22 },
    ...fields.map(fieldColumn),
    { header: 'Tệp đính kèm', width: 30 },
  ];
  const rows = entries.map(({ member, submission, revision, status, values }, index): ReportCell[] => {
    const attachments = revision?.attachments.map((a) => a.fileName) ?? [];
    return [
      index + 1,
      cellText(member.name),
      member.taxCode ?? null,
      member.area ? cellText(member.area.name) : NO_AREA,
      STATUS_TEXT[status],
      submission ? wallClockAsUtc(submission.firstSubmittedAt, options.timeZone) : null,
      submission ? submission.currentRevision - 1 : null,
      revision?.referenceCode ?? null,
      ...fields.map((field) => cellValue(field, values?.[field.code])),
      attachments.length > 0 ? cellText([...new Set(attachments)].join('; ')) : null,
    ];
  });

  return {
    period,
    fields,
    areas,
    entries,
    sheet: { title: cellText(`${period.name} (hạn nộp ${period.deadlineText})`), columns, rows },
  };
}

function fieldColumn(field: ReportField): ReportColumn {
  switch (field.kind) {
    case 'money':
      return { header: `${field.label} (đồng)`, width: 20, numFmt: THOUSANDS };
    case 'count':
      return { header: field.label, width: 14, numFmt: THOUSANDS };
    case 'text':
      return { header: field.label, width: 40 };
    case 'file':
      return { header: field.label, width: 30 };
  }
}

/** A stored answer as a cell: numbers stay numbers, text stays text, a file is its name. */
function cellValue(field: ReportField, value: unknown): number | string | null {
  switch (field.kind) {
    case 'money':
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'text':
      return typeof value === 'string' ? cellText(value) : null;
    case 'file':
      return isRecord(value) && typeof value['fileName'] === 'string' ? cellText(value['fileName']) : null;
  }
}

/**
 * Text for a cell: control characters XML 1.0 cannot hold (a pasted form feed) would make the
 * whole XLSX unreadable, so they go; Excel's 32 767-character cell limit is kept likewise.
 */
export function cellText(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').slice(0, 32_767);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
