/**
 * The bytes of a text file the office saved (a CSV, a plan as .txt) as a string: UTF-16 when it
 * starts with its byte order mark, otherwise UTF-8 with or without one (the mark is dropped).
 *
 * - `not_text`: a zero byte outside UTF-16 — a PDF, an image or a Word file given a text name.
 * - `not_utf8`: not valid UTF-8, typically the Windows Vietnamese code page (1258) or TCVN3;
 *   decoding it anyway would turn every diacritic into `�` and the text into garbage.
 *
 * Callers word the problem for their file type; the reasons here are not shown as they are.
 */
export function decodeTextFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: 'not_text' | 'not_utf8' } {
  // Excel's "Unicode text" and Notepad's "Unicode" write UTF-16 with a byte order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  if (bytes.includes(0)) return { ok: false, problem: 'not_text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'not_utf8' };
  }
}
