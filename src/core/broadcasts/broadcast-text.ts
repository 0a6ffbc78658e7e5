import { groupThousands } from '../money/group-thousands';
import { fail, ok, type ParseResult } from '../result';

/** The shortest announcement worth sending, in characters. */
export const BROADCAST_TEXT_MIN = 5;
/** The longest, in characters (UTF-16 units, as a browser's `maxlength` counts): one chat message on every channel. */
export const BROADCAST_TEXT_MAX = 2000;

/**
 * The text of an announcement as the office typed it, made ready to send: control characters that
 * chat platforms refuse are dropped, the text is composed (NFC, so a count matches what is seen)
 * and trimmed. Refused with a Vietnamese reason when empty, shorter than 5 or longer than 2,000
 * characters.
 */
export function broadcastText(input: string): ParseResult<string> {
  const text = input
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .normalize('NFC')
    .trim();
  if (text === '') return fail('EMPTY', 'Xin nhập nội dung thông báo.');
  if (text.length < BROADCAST_TEXT_MIN) {
    return fail('OUT_OF_RANGE', `Nội dung cần ít nhất ${BROADCAST_TEXT_MIN} ký tự (hiện có ${text.length}).`);
  }
  if (text.length > BROADCAST_TEXT_MAX) {
    return fail('TOO_LONG', `Nội dung dài ${groupThousands(BigInt(text.length))} ký tự, quá giới hạn ${groupThousands(BigInt(BROADCAST_TEXT_MAX))} ký tự. Xin rút gọn.`);
  }
  return ok(text);
}

