import { type Cell, Workbook, type Worksheet } from 'exceljs';
import { wallClockAsUtc } from '../core/dates/zoned-time';
import { type PeriodTotals, type PeriodTotalsRow, periodTotals } from '../core/reports/period-totals';
import { type ReportField, reportFieldsSchema } from '../core/reports/report-field';
import type { PrismaClient } from './generated/client';

const THOUSANDS = '#,##0';
const DATE_TIME = 'dd/mm/yyyy hh:mm';
const NO_AREA = 'Chưa có khu vực';
const STATUS_TEXT: Readonly<Record<PeriodTotalsRow['status'], string>> = { on_time: 'Đúng hạn', late: 'Trễ hạn', missing: 'Chưa nộp' };

/**
 * The office's compiled report of one period as an XLSX file: sheet "Báo cáo" with one row per
 * active member (those who have not filed too), sorted by area then name, and sheet "Tổng hợp
 * theo khu vực" with each area's counts and totals and a row for the whole association.
 *
 * Money is in đồng and counts are people, both as numbers with a thousands format, so the office
 * can add and filter them in Excel. Submission times are real Excel dates showing the wall-clock
 * time in `timeZone` (Excel dates carry no zone). What members typed is written as text, never as
 * a formula, whatever it starts with.
 *
 * @throws Error when there is no period `periodId`, or its fields are not a valid form.
 */
export async function exportPeriodWorkbook(
  prisma: PrismaClient,
  periodId: number,
  options: { timeZone: string },
): Promise<Buffer> {
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
  const rows = members.map((member) => {
    const submission = submissionOf.get(member.id);
    const revision = submission?.revisions[0];
    const status: PeriodTotalsRow['status'] = !submission ? 'missing' : submission.onTime ? 'on_time' : 'late';
    return { member, submission, revision, status, values: revision && isRecord(revision.values) ? revision.values : null };
  });

  const workbook = new Workbook();
  workbook.creator = 'hiephoi-bot';
  workbook.created = new Date();

  // ─── Sheet 1: one row per member ───
  const sheet = workbook.addWorksheet('Báo cáo');
  const fixed: ColumnSpec[] = [
    { header: 'STT', width: 6 },
    { header: 'Tên hội viên', width: 40 },
    { header: 'Mã số thuế', width: 16 },
    { header: 'Khu vực', width: 20 },
    { header: 'Tình trạng', width: 12 },
    { header: 'Thời điểm nộp', width: 18, numFmt: DATE_TIME },
    { header: 'Lần sửa', width: 9, numFmt: THOUSANDS },
    { header: 'Mã tiếp nhận', width: 22 },
  ];
  const fieldColumns = fields.map(fieldColumn);
  const columns = [...fixed, ...fieldColumns, { header: 'Tệp đính kèm', width: 30 }];
  writeTitle(sheet, `${period.name} (hạn nộp ${period.deadlineText})`, columns.length);
  writeHeader(sheet, columns);

  rows.forEach(({ member, submission, revision, status, values }, index) => {
    const attachments = revision?.attachments.map((a) => a.fileName) ?? [];
    sheet.addRow([
      index + 1,
      text(member.name),
      member.taxCode ?? null,
      member.area ? text(member.area.name) : NO_AREA,
      STATUS_TEXT[status],
      submission ? wallClockAsUtc(submission.firstSubmittedAt, options.timeZone) : null,
      submission ? submission.currentRevision - 1 : null,
      revision?.referenceCode ?? null,
      ...fields.map((field) => cellValue(field, values?.[field.code])),
      attachments.length > 0 ? text([...new Set(attachments)].join('; ')) : null,
    ]);
  });
  finishTable(sheet, columns, rows.length);

  // ─── Sheet 2: per area and for the association ───
  const inUse = new Set(members.map((m) => m.areaId));
  const shownAreas = areas.filter((a) => a.active || inUse.has(a.id));
  const totals = periodTotals(
    rows.map((r) => ({ areaId: r.member.areaId, status: r.status, values: r.values })),
    fields,
    shownAreas.map((a) => a.id),
  );
  const areaName = new Map(shownAreas.map((a) => [a.id, a.name]));
  const totalled = fields.filter((f) => f.kind === 'money' || f.kind === 'count');
  const summary = workbook.addWorksheet('Tổng hợp theo khu vực');
  const summaryColumns: ColumnSpec[] = [
    { header: 'Khu vực', width: 24 },
    { header: 'Số hội viên', width: 12, numFmt: THOUSANDS },
    { header: 'Đã nộp', width: 10, numFmt: THOUSANDS },
    { header: 'Đúng hạn', width: 10, numFmt: THOUSANDS },
    { header: 'Trễ hạn', width: 10, numFmt: THOUSANDS },
    ...totalled.map(totalColumn),
  ];
  writeTitle(summary, `${period.name}: tổng hợp theo khu vực`, summaryColumns.length);
  writeHeader(summary, summaryColumns);
  const summaryRow = (name: string, t: PeriodTotals) => [
    text(name),
    t.members,
    t.filed,
    t.onTime,
    t.late,
    ...totalled.map((f) => {
      const figure = t.fields.get(f.code);
      // Excel holds doubles: beyond 2^53 the last digits round, as they would in any Excel sum.
      return figure === undefined || figure === null ? null : Number(figure);
    }),
  ];
  for (const area of totals.areas) {
    summary.addRow(summaryRow(area.areaId === null ? NO_AREA : (areaName.get(area.areaId) ?? NO_AREA), area));
  }
  summary.addRow(summaryRow('Toàn Hiệp hội', totals.overall)).font = { bold: true };
  finishTable(summary, summaryColumns, totals.areas.length + 1);
  summary.addRow([]);
  summary.addRow([
    'Bình quân tính trên các hội viên đã trả lời mục đó (không tính người bỏ qua hoặc chưa nộp), làm tròn đến đồng.',
  ]).font = { italic: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface ColumnSpec {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
}

function fieldColumn(field: ReportField): ColumnSpec {
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

function totalColumn(field: Extract<ReportField, { kind: 'money' | 'count' }>): ColumnSpec {
  const how = field.total === 'sum' ? 'tổng' : 'bình quân';
  const unit = field.kind === 'money' ? ', đồng' : '';
  return { header: `${field.label} (${how}${unit})`, width: 22, numFmt: THOUSANDS };
}

/** A stored answer as a cell: numbers stay numbers, text stays text, a file is its name. */
function cellValue(field: ReportField, value: unknown): number | string | null {
  switch (field.kind) {
    case 'money':
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'text':
      return typeof value === 'string' ? text(value) : null;
    case 'file':
      return isRecord(value) && typeof value['fileName'] === 'string' ? text(value['fileName']) : null;
  }
}

function writeTitle(sheet: Worksheet, title: string, width: number): void {
  const row = sheet.addRow([text(title)]);
  row.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, width);
}

function writeHeader(sheet: Worksheet, columns: readonly ColumnSpec[]): void {
  const row = sheet.addRow(columns.map((c) => c.header));
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell: Cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** Widths and formats per column, the header frozen and a filter over the table's rows. */
function finishTable(sheet: Worksheet, columns: readonly ColumnSpec[], dataRows: number): void {
  columns.forEach((spec, index) => {
    sheet.getColumn(index + 1).width = spec.width;
    if (spec.numFmt === undefined) return;
    // Per cell rather than per column: a column format would also reformat the title and header.
    for (let r = 3; r < 3 + dataRows; r += 1) sheet.getCell(r, index + 1).numFmt = spec.numFmt;
  });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + dataRows, column: columns.length } };
}

/**
 * Text for a cell: control characters XML 1.0 cannot hold (a pasted form feed) would make the
 * whole file unreadable, so they go; Excel's 32 767-character cell limit is kept likewise.
 */
function text(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').slice(0, 32_767);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
