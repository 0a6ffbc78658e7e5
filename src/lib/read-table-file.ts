import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { decodeTextFile } from './decode-text';

/**
 * Reads a spreadsheet the office exported (`.csv` or `.xlsx` by the extension, any case; the
 * content has the last word, see `readTableBytes`) into rows of trimmed strings, exactly as a
 * person reads them: `table[0]` is the file's first row.
 *
 * - XLSX: the first worksheet. Numbers as plain digits (a tax code `100109106` stays
 *   `100109106`, never `1.00109106E8` or `100,109,106`; a custom format of zeros such as
 *   `0000000000` pads as Excel shows it), dates as `dd/mm/yyyy`, rich text and hyperlinks as their
 *   text, formulas as their cached result. A merged cell repeats its value in every cell it covers,
 *   so a district written once beside several rows applies to each of them.
 * - CSV: UTF-8 with or without BOM (or UTF-16 with BOM); the delimiter (comma, semicolon as in
 *   Vietnamese Excel exports, or tab) is taken from the first line; quoted fields may hold
 *   delimiters, doubled quotes and line breaks (RFC 4180). A record spanning several lines is one
 *   row.
 *
 * Throws an `Error` whose message, in Vietnamese, can be shown to the office as it is: the file is
 * missing, unreadable, of another type (by its name or its content), or not valid UTF-8.
 */
export async function readTableFile(filePath: string): Promise<string[][]> {
  // Checked before reading, so a wrong choice is named even when the file cannot be read.
  checkExtension(path.basename(filePath));
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (cause) {
    throw new Error(fileSystemMessage(filePath, cause), { cause });
  }
  return readTableBytes(bytes, path.basename(filePath));
}

/**
 * `readTableFile` for a file already in memory (an upload): `fileName` gives the extension and
 * names the file in messages. The content decides where it can: a workbook saved with a `.csv`
 * name is read as the workbook it is, and an old `.xls` or another binary file renamed to `.csv`
 * or `.xlsx` is refused with a message saying so, rather than read as garbage.
 */
export async function readTableBytes(bytes: Buffer, fileName: string): Promise<string[][]> {
  const extension = checkExtension(fileName);
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new Error(
      `Tệp “${fileName}” là tệp Excel đời cũ (.xls) được đổi tên. ` + 'Xin mở bằng Excel và lưu lại dạng .xlsx hoặc “CSV UTF-8”.',
    );
  }
  if (startsWith(bytes, ZIP_SIGNATURE) || extension === '.xlsx') return readXlsx(bytes, fileName);
  const decoded = decodeTextFile(bytes);
  if (decoded.ok) return parseCsv(decoded.text);
  if (decoded.problem === 'not_text') {
    throw new Error(`Tệp “${fileName}” không phải tệp CSV (nội dung không phải văn bản). Xin chọn tệp .csv hoặc .xlsx.`);
  }
  throw new Error(
    `Tệp “${fileName}” không phải mã UTF-8. ` + 'Xin mở bằng Excel và lưu lại dạng “CSV UTF-8 (Comma delimited)” hoặc dạng .xlsx.',
  );
}

/**
 * Splits CSV text into rows of trimmed fields (RFC 4180, lenient the way Excel is: a quote inside
 * an unquoted field is kept as a character). The delimiter is the one of `,`, `;` and tab that
 * occurs most often, outside quotes, in the first line; `sep=;`, which Excel writes as a first
 * line, names it explicitly. A trailing line break adds no row.
 *
 * Throws when a quoted field is never closed, since everything after it would otherwise be read
 * silently as one field.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith('\ufeff') ? text.slice(1) : text;
  const sep = /^sep=(.)\r?\n/u.exec(input);
  const body = sep === null ? input : input.slice(sep[0].length);
  const delimiter = sep?.[1] ?? detectDelimiter(body);

  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteOpenedOnRow = 0;
  let index = 0;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (index < body.length) {
    const char = body[index];
    if (inQuotes) {
      if (char === '"') {
        if (body[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          inQuotes = false;
        }
      } else if (char === '\r') {
        // Line breaks inside a field become `\n` whatever the file used.
        field += '\n';
        if (body[index + 1] === '\n') index += 1;
      } else {
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      // Spaces before an opening quote are not part of the value (`a, "b"`).
      field = '';
      inQuotes = true;
      quoteOpenedOnRow = rows.length + 1;
    } else if (char === delimiter) {
      endField();
    } else if (char === '\n' || char === '\r') {
      endRow();
      if (char === '\r' && body[index + 1] === '\n') index += 1;
    } else {
      field += char;
    }
    index += 1;
  }
  if (inQuotes) {
    throw new Error(
      `Tệp CSV có dấu ngoặc kép (") mở ở dòng ${quoteOpenedOnRow} mà không đóng. Xin kiểm tra lại tệp.`,
    );
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Every .xlsx is a ZIP archive; an old .xls (and .doc) is an OLE compound file. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function checkExtension(fileName: string): '.csv' | '.xlsx' {
  const extension = path.extname(fileName).toLowerCase();
  if (extension === '.csv' || extension === '.xlsx') return extension;
  const oldExcel = extension === '.xls' ? ' Tệp .xls đời cũ: xin mở bằng Excel và lưu lại dạng .xlsx.' : '';
  throw new Error(`Chỉ nhận tệp .csv hoặc .xlsx (tệp đã chọn: “${fileName}”).${oldExcel}`);
}

function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [candidate, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = candidate;
  }
  return best;
}

async function readXlsx(bytes: Buffer, fileName: string): Promise<string[][]> {
  const workbook = new Workbook();
  try {
    // exceljs types its input as its own `Buffer extends ArrayBuffer`; an ArrayBuffer copy is what
    // that type describes, and JSZip underneath reads it.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (cause) {
    throw new Error(
      `Không đọc được tệp Excel “${fileName}”: tệp hỏng hoặc không phải dạng .xlsx ` +
        '(tệp .xls cũ cần lưu lại dạng .xlsx).',
      { cause },
    );
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  const rows: string[][] = [];
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      const cell = row.getCell(column);
      cells.push(renderValue(cell.value, cell.numFmt).trim());
    }
    rows.push(cells);
  }
  // Formatting alone (borders, a fill) makes exceljs count rows that hold nothing.
  while (rows.length > 0 && (rows.at(-1) ?? []).every((cell) => cell === '')) rows.pop();
  return rows;
}

/** A cell's value as the office sees it; walks exceljs's value shapes at run time. */
function renderValue(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return renderNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return renderDate(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: unknown) => (isObject(run) && 'text' in run ? renderValue(run.text, undefined) : '')).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return 'result' in value ? renderValue(value.result, numFmt) : '';
  }
  // A hyperlink's text may itself be rich text.
  if ('text' in value) return renderValue(value.text, numFmt);
  if ('error' in value && typeof value.error === 'string') return value.error;
  return '';
}

function renderNumber(value: number, numFmt: string | undefined): string {
  // `String` switches to exponent notation from 1e21 and below 1e-6; these render in full.
  const plain = /e/iu.test(String(value))
    ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    : String(value);
  // A format of only zeros (`0000000000`) is how careful offices keep a tax code's leading 0.
  if (numFmt !== undefined && /^0+$/u.test(numFmt) && /^\d+$/u.test(plain)) {
    return plain.padStart(numFmt.length, '0');
  }
  return plain;
}

/**
 * Excel dates carry no time zone; exceljs returns them as the same wall-clock time in UTC, so UTC
 * fields give the date the office typed.
 */
function renderDate(date: Date): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function fileSystemMessage(filePath: string, cause: unknown): string {
  const code = isObject(cause) && 'code' in cause ? cause.code : undefined;
  const name = `“${filePath}”`;
  if (code === 'ENOENT') return `Không tìm thấy tệp ${name}. Xin kiểm tra lại đường dẫn.`;
  if (code === 'EISDIR') return `${name} là một thư mục, không phải tệp.`;
  if (code === 'EACCES' || code === 'EPERM') return `Không có quyền đọc tệp ${name}.`;
  return `Không đọc được tệp ${name}.`;
}
