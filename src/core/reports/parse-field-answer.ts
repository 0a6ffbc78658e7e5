import { parseAmount } from '../money/parse-amount';
import { fail, ok, type ParseResult } from '../result';
import { foldText } from '../text/fold-text';
import type { ReportField } from './report-field';

/** Words that mean "nothing to report here" for an optional field. */
const SKIP_WORDS = new Set(['bo qua', 'khong', 'khong co', 'ko', 'k', 'skip', 'bo', '-', 'khong co gi', 'chua co']);

export function isSkipAnswer(text: string): boolean {
  return SKIP_WORDS.has(foldText(text).replace(/[.!]+$/, ''));
}

/**
 * A typed answer to one field of the short report: an integer amount (đồng) or count, a text,
 * or null for an optional field skipped. File fields take an attachment, not text: for them only
 * a skip is parsed here.
 */
export function parseFieldAnswer(field: ReportField, input: string): ParseResult<number | string | null> {
  const text = input.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  if (!field.required && isSkipAnswer(text)) return ok(null);
  switch (field.kind) {
    case 'money':
      return parseAmount(text, { kind: 'money', unit: field.unit, max: field.max });
    case 'count':
      return parseAmount(text, { kind: 'count', max: field.max });
    case 'text': {
      const value = text.normalize('NFC');
      // Zero-width spaces and lone marks survive trim() but say nothing.
      if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(value)) return fail('EMPTY', 'Anh/Chị vui lòng nhập vài dòng nội dung.');
      if (value.length > field.maxLength) {
        return fail('TOO_LONG', `Nội dung dài ${value.length} ký tự, quá giới hạn ${field.maxLength}. Anh/Chị viết gọn lại giúp.`);
      }
      return ok(value);
    }
    case 'file':
      return fail('MALFORMED', 'Anh/Chị gửi tệp đính kèm, hoặc trả lời “bỏ qua” nếu không có.');
  }
}
