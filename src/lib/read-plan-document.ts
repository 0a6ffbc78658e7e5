import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import mammoth from 'mammoth';
import { decodeTextFile } from './decode-text';

/** Longest plan text kept: a campaign's full text holds up to this (see campaign-form.ts). */
export const MAX_PLAN_TEXT_LENGTH = 100_000;

/** Whether a file's name says it is a document `readPlanDocument` reads (.txt or .docx, any case). */
export function isPlanDocumentName(fileName: string): boolean {
  return ['.txt', '.docx'].includes(path.extname(fileName).toLowerCase());
}

/**
 * The text of a plan document the office has (`fileName` gives the type and names the file in
 * messages), ready for `parsePlanText` and for keeping as the campaign's full text:
 *
 * - `.txt`: UTF-8 with or without BOM, or UTF-16 with BOM.
 * - `.docx`: one line per paragraph (a table cell's paragraphs in order, cell after cell), a line
 *   break inside a paragraph (Shift+Enter, common in "Nơi nhận" and the header) as a line of its
 *   own, tabs kept. A .docx saved under a .txt name is read as the .docx it is.
 *
 * Line ends become `\n`, the text is NFC (Vietnamese typed as combining marks becomes the usual
 * precomposed letters) and control characters other than tab are dropped: see `normalizePlanText`.
 *
 * @throws Error with a message, in Vietnamese, to show the office as it is: the type is not
 *   accepted (an old .doc, a PDF), the file is damaged, not UTF-8, empty or too long.
 */
export async function readPlanDocument(bytes: Uint8Array, fileName: string): Promise<string> {
  const name = `“${fileName}”`;
  const extension = path.extname(fileName).toLowerCase();
  let text: string;
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new Error(`Tệp ${name} là tệp Word đời cũ (.doc). Xin mở bằng Word, chọn Lưu thành (Save As) dạng .docx rồi gửi lại.`);
  } else if (startsWith(bytes, ZIP_SIGNATURE) || extension === '.docx') {
    text = await readDocx(bytes, name);
  } else if (extension === '.txt') {
    text = decodeText(bytes, name);
  } else {
    const advice =
      extension === '.doc'
        ? ' Tệp Word đời cũ (.doc): xin mở bằng Word rồi lưu lại dạng .docx.'
        : extension === '.pdf'
          ? ' Tệp PDF: xin mở bằng Word rồi lưu lại dạng .docx, hoặc chép nội dung văn bản và dán vào ô văn bản.'
          : '';
    throw new Error(`Chỉ đọc được tệp Word .docx hoặc văn bản .txt (tệp đã gửi: ${name}).${advice}`);
  }
  const normalized = normalizePlanText(text);
  const problem = planTextProblem(normalized, `Tệp ${name}`);
  if (problem) throw new Error(problem);
  return normalized;
}

/**
 * `readPlanDocument` for a file a channel stored under `dataDir` (an attachment's `storagePath`),
 * as a result rather than a throw; a path that leads outside `dataDir` is not read.
 */
export async function readStoredPlanDocument(
  dataDir: string,
  file: { readonly storagePath: string; readonly fileName: string },
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  let bytes: Buffer;
  try {
    const root = await realpath(dataDir);
    const absolute = await realpath(path.resolve(root, file.storagePath));
    if (!absolute.startsWith(root + path.sep)) throw new Error('outside DATA_DIR');
    bytes = await readFile(absolute);
  } catch {
    return { ok: false, message: `Không đọc được tệp “${file.fileName}” trên máy chủ. Xin gửi lại tệp.` };
  }
  try {
    return { ok: true, text: await readPlanDocument(bytes, file.fileName) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : `Không đọc được tệp “${file.fileName}”.` };
  }
}

/**
 * A plan's text as kept and parsed, whether pasted or read from a file: `\n` line ends, NFC,
 * no control characters but tab, no trailing blank lines. Line numbers shown to the office refer
 * to this text.
 */
export function normalizePlanText(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\s+$/, '');
}

/** Why a (normalized) plan text cannot be taken, as a Vietnamese sentence about `subject` ("Tệp “a.docx”"), or null. */
export function planTextProblem(text: string, subject: string): string | null {
  if (text.trim() === '') {
    return `${subject} không có chữ nào. Bản chụp hay bản quét (ảnh) thì không đọc được; xin dùng tệp Word hoặc dán nội dung văn bản.`;
  }
  if (text.length > MAX_PLAN_TEXT_LENGTH) {
    return `${subject} dài ${text.length.toLocaleString('vi-VN')} ký tự, quá ${MAX_PLAN_TEXT_LENGTH.toLocaleString('vi-VN')} ký tự: một kế hoạch thi đua chỉ dài vài trang.`;
  }
  return null;
}

function decodeText(bytes: Uint8Array, name: string): string {
  const decoded = decodeTextFile(bytes);
  if (decoded.ok) return decoded.text;
  if (decoded.problem === 'not_text') {
    throw new Error(`Tệp ${name} không phải văn bản .txt (nội dung là tệp nhị phân, có thể là PDF hay ảnh đổi tên). Xin gửi tệp .docx hoặc .txt.`);
  }
  throw new Error(
    `Tệp ${name} không phải mã UTF-8 (có thể lưu theo bảng mã Windows hay TCVN3, nên dấu tiếng Việt sẽ sai). ` +
      'Xin mở bằng Notepad, chọn File › Save As, ở ô Encoding chọn UTF-8 rồi lưu và gửi lại; hoặc gửi tệp Word .docx.',
  );
}

async function readDocx(bytes: Uint8Array, name: string): Promise<string> {
  let text = '';
  try {
    // extractRawText drops line breaks inside a paragraph, gluing "Nơi nhận:" to the first
    // addressee; the document tree keeps them. The tree is read here and nothing is converted.
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        transformDocument: (document: unknown) => {
          text = documentText(document);
          return { ...asRecord(document), children: [] };
        },
      },
    );
  } catch (cause) {
    throw new Error(`Không đọc được tệp Word ${name}: tệp hỏng hoặc không phải dạng .docx. Xin mở bằng Word, lưu lại dạng .docx rồi gửi lại.`, { cause });
  }
  return text;
}

/** Paragraphs as lines, line breaks as new lines, tabs kept; everything else contributes its text. */
function documentText(element: unknown): string {
  const node = asRecord(element);
  switch (node['type']) {
    case 'text':
      return typeof node['value'] === 'string' ? node['value'] : '';
    case 'tab':
      return '\t';
    case 'break':
      return node['breakType'] === 'line' ? '\n' : '';
    case 'paragraph':
      return `${childrenText(node)}\n`;
    default:
      return childrenText(node);
  }
}

function childrenText(node: Readonly<Record<string, unknown>>): string {
  const children = node['children'];
  return Array.isArray(children) ? children.map(documentText).join('') : '';
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};
}

/** A .docx is a ZIP archive; an old .doc is an OLE compound file. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}
