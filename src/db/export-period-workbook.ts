import { type Cell, Workbook, type Worksheet } from 'exceljs';
import { type PeriodTotals, type TotalledField, periodTotals } from '../core/reports/period-totals';
import type { PrismaClient } from './generated/client';
import { NO_AREA, type ReportColumn, THOUSANDS, cellText, loadPeriodReport } from './period-report';

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
  const { period, fields, areas, entries, sheet: table } = await loadPeriodReport(prisma, periodId, options);

  const workbook = new Workbook();
  workbook.creator = 'hiephoi-bot';
  workbook.created = new Date();

  // ─── Sheet 1: one row per member ───
  const sheet = workbook.addWorksheet('Báo cáo');
  writeTitle(sheet, table.title, table.columns.length);
  writeHeader(sheet, table.columns);
  for (const row of table.rows) sheet.addRow(row);
  finishTable(sheet, table.columns, table.rows.length);

  // ─── Sheet 2: per area and for the association ───
  const inUse = new Set(entries.map((e) => e.member.areaId));
  const shownAreas = areas.filter((a) => a.active || inUse.has(a.id));
  const totals = periodTotals(
    entries.map((e) => ({ areaId: e.member.areaId, status: e.status, values: e.values })),
    fields,
    shownAreas.map((a) => a.id),
  );
  const areaName = new Map(shownAreas.map((a) => [a.id, a.name]));
  const totalled = fields.filter((f) => f.kind === 'money' || f.kind === 'count');
  const summary = workbook.addWorksheet('Tổng hợp theo khu vực');
  const summaryColumns: ReportColumn[] = [
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
    cellText(name),
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

function totalColumn(field: TotalledField): ReportColumn {
  const how = field.total === 'sum' ? 'tổng' : 'bình quân';
  const unit = field.kind === 'money' ? ', đồng' : '';
  return { header: `${field.label} (${how}${unit})`, width: 22, numFmt: THOUSANDS };
}

function writeTitle(sheet: Worksheet, title: string, width: number): void {
  const row = sheet.addRow([cellText(title)]);
  row.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, width);
}

function writeHeader(sheet: Worksheet, columns: readonly ReportColumn[]): void {
  const row = sheet.addRow(columns.map((c) => c.header));
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell: Cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** Widths and formats per column, the header frozen and a filter over the table's rows. */
function finishTable(sheet: Worksheet, columns: readonly ReportColumn[], dataRows: number): void {
  columns.forEach((spec, index) => {
    sheet.getColumn(index + 1).width = spec.width;
    if (spec.numFmt === undefined) return;
    // Per cell rather than per column: a column format would also reformat the title and header.
    for (let r = 3; r < 3 + dataRows; r += 1) sheet.getCell(r, index + 1).numFmt = spec.numFmt;
  });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + dataRows, column: columns.length } };
}
