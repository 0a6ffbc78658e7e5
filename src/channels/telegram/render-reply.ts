import type { Choice, Reply } from '../../core/messages';

/** One button of an inline keyboard: a choice (its payload comes back) or a link. */
export type InlineButton = { readonly text: string; readonly callback_data: string } | { readonly text: string; readonly url: string };

/** One button under the text field: its label comes back as a message, or the person's contact. */
export interface KeyboardButton {
  readonly text: string;
  readonly request_contact?: true;
}

/** The Bot API's `reply_markup`, in the forms this channel uses. */
export type TelegramReplyMarkup =
  | { readonly inline_keyboard: InlineButton[][] }
  | {
      readonly keyboard: KeyboardButton[][];
      readonly resize_keyboard: true;
      readonly one_time_keyboard: true;
    }
  | { readonly remove_keyboard: true };

/** One `sendMessage` call, without its `chat_id`. */
export interface TelegramOutgoing {
  /** HTML-escaped: the text is the reply's, never markup. */
  readonly text: string;
  readonly parse_mode: 'HTML';
  readonly reply_markup?: TelegramReplyMarkup;
}

/** Telegram refuses a message longer than this. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** The label of the contact button; the registration flow tells people to press it by this name. */
export const sharePhoneLabel = 'Chia sẻ số điện thoại';

/** Telegram's limit on a button's callback_data, in bytes. */
const CALLBACK_DATA_LIMIT = 64;

/**
 * A reply as the `sendMessage` calls that deliver it, in order. Pure.
 *
 * - The text is HTML-escaped (parse mode HTML) and split under 4,096 characters at line breaks,
 *   a single overlong line being cut where it must; the keyboard rides on the last part only.
 * - Choices become an inline keyboard whose callback_data is the choice's payload.
 * - `requestPhone` becomes a reply keyboard: the contact button, and the choices as plain buttons
 *   whose labels come back as text (the engine matches labels), since one message cannot carry
 *   both kinds of keyboard.
 * - A link becomes a URL button (or a line of text where a button cannot carry it).
 * - A reply with no keyboard takes away a contact keyboard left from an earlier question.
 * - In a group no choice or contact button is shown: anyone there could press it.
 */
export function renderReply(reply: Reply, options: { readonly chat: 'private' | 'group' }): TelegramOutgoing[] {
  const group = options.chat === 'group';
  const choices = group ? [] : (reply.choices ?? []);
  const requestPhone = !group && reply.requestPhone === true;
  const link = reply.link;
  const linkAsButton = link !== undefined && !requestPhone && isButtonUrl(link.url);
  const linkLine = link && !linkAsButton ? `\n\n${link.label}: ${link.url}` : '';

  const markup = markupOf({ choices, requestPhone, link: linkAsButton ? link : undefined, group });
  const parts = splitText(`${reply.text}${linkLine}`, TELEGRAM_TEXT_LIMIT).map(escapeHtml);
  return parts.map((text, i) => {
    const last = i === parts.length - 1;
    return last && markup ? { text, parse_mode: 'HTML', reply_markup: markup } : { text, parse_mode: 'HTML' };
  });
}

function markupOf(r: {
  choices: readonly Choice[];
  requestPhone: boolean;
  link: { url: string; label: string } | undefined;
  group: boolean;
}): TelegramReplyMarkup | undefined {
  const payloadsFit = r.choices.every((c) => Buffer.byteLength(c.payload, 'utf8') <= CALLBACK_DATA_LIMIT && c.payload.length > 0);
  if (r.requestPhone || !payloadsFit) {
    const contact: KeyboardButton[][] = r.requestPhone ? [[{ text: sharePhoneLabel, request_contact: true }]] : [];
    return {
      keyboard: [...contact, ...r.choices.map((c) => [{ text: c.label }])],
      resize_keyboard: true,
      one_time_keyboard: true,
    };
  }
  const rows: InlineButton[][] = rowsOf(r.choices.map((c) => ({ text: c.label, callback_data: c.payload })));
  if (r.link) rows.push([{ text: r.link.label, url: r.link.url }]);
  if (rows.length > 0) return { inline_keyboard: rows };
  return r.group ? undefined : { remove_keyboard: true };
}

/** Short labels ("Đúng", "Không phải") two to a row; longer ones alone, so none is cut off. */
function rowsOf(buttons: InlineButton[]): InlineButton[][] {
  const short = buttons.every((b) => b.text.length <= 16);
  if (!short) return buttons.map((b) => [b]);
  const rows: InlineButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

/**
 * Telegram refuses the whole message (BUTTON_URL_INVALID) when a URL button points at localhost
 * or a bare IP, as a development setup's PUBLIC_URL does; such a link is sent as text instead.
 */
function isButtonUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname;
  const ip = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && host.includes('.') && !ip && host !== 'localhost';
}

/** The three characters Telegram's HTML parse mode reads as markup or entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Parts of `text` whose escaped form fits `limit`, cut at line breaks where possible, then at a
 * space, then anywhere (never inside a character). Measuring the escaped form keeps a part under
 * the limit whether Telegram counts before or after reading entities.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (escapedLength(joined) <= limit) {
      current = joined;
      continue;
    }
    if (current !== '') parts.push(current);
    if (escapedLength(line) <= limit) {
      current = line;
      continue;
    }
    const pieces = cutLine(line, limit);
    current = pieces.pop() ?? '';
    parts.push(...pieces);
  }
  parts.push(current);
  const kept = parts.filter((p) => p.trim() !== '');
  // Telegram refuses an empty message; a reply is never meant to be one.
  return kept.length > 0 ? kept : ['…'];
}

function cutLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let length = 0;
  for (const char of line) {
    const size = escapedLength(char);
    if (length + size > limit) {
      const space = piece.lastIndexOf(' ');
      // Break at a word when one ends in the second half of the piece; else cut right here.
      if (space > piece.length / 2) {
        pieces.push(piece.slice(0, space));
        piece = piece.slice(space + 1);
      } else {
        pieces.push(piece);
        piece = '';
      }
      length = escapedLength(piece);
    }
    piece += char;
    length += size;
  }
  pieces.push(piece);
  return pieces;
}

function escapedLength(text: string): number {
  let length = text.length;
  for (const char of text) {
    if (char === '&') length += 4;
    else if (char === '<' || char === '>') length += 3;
  }
  return length;
}
