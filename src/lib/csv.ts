/** A CSV cell: a number is written as digits, text is quoted when needed and made inert. */
export type CsvCell = string | number | bigint | null | undefined;

/**
 * A CSV file as the office opens it in Excel: a UTF-8 byte order mark first (without it Excel
 * reads UTF-8 as the local code page and Vietnamese letters turn to mojibake), then RFC 4180
 * records separated by CRLF.
 */
export function csvDocument(rows: ReadonlyArray<readonly CsvCell[]>): string {
  return `\uFEFF${rows.map(csvRecord).join('\r\n')}\r\n`;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * One field. Numbers are plain digits with no grouping (`-1500000`), so a spreadsheet reads them
 * as numbers, negative ones included. Text that a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's CSV injection list) gets a leading
 * apostrophe, which Excel shows as plain text. Text with a comma, quote or line break is quoted,
 * quotes doubled.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return plainNumber(value);
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  // String(1e21) is "1e+21": a whole number keeps every digit written out instead.
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}
