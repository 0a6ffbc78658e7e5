import { type CsvCell, csvDocument } from '../lib/csv';
import type { PrismaClient } from './generated/client';
import { type ReportCell, loadPeriodReport } from './period-report';

/**
 * The compiled report of one period as CSV: the XLSX's first sheet ("Báo cáo"), its header row
 * first and no title row, so that the file imports as a table. Money in đồng and counts as plain
 * numbers; submission times as `2022-07-01 09:00` in `timeZone`, which spreadsheets read as a date
 * whatever their locale (a `01/07/2022` would be 7 January in an English Excel). What members
 * typed cannot run as a formula (see `csvCell`).
 *
 * @throws Error when there is no period `periodId`, or its fields are not a valid form.
 */
export async function exportPeriodCsv(prisma: PrismaClient, periodId: number, options: { timeZone: string }): Promise<string> {
  const { sheet } = await loadPeriodReport(prisma, periodId, options);
  return csvDocument([sheet.columns.map((c) => c.header), ...sheet.rows.map((row) => row.map(csvValue))]);
}

function csvValue(cell: ReportCell): CsvCell {
  if (!(cell instanceof Date)) return cell;
  // The report's dates are wall-clock times written as UTC.
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())} ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}`;
}
