import type { Choice, Reply } from '../../core/messages';

/** Zalo's limit for one text message, on the OA (consultation messages) and the Bot Platform alike. */
export const ZALO_TEXT_LIMIT = 2_000;

/**
 * A reply as the texts to send on Zalo, in order: the text, its link's URL on a line of its own,
 * and its choices as a numbered list with how to answer ("Trả lời 1 hoặc 2."), since buttons are
 * not reliably available on consultation messages and the Bot Platform has none. The engine takes
 * the number or the words. Texts longer than `limit` are split at line breaks.
 */
export function renderZaloText(reply: Reply, limit = ZALO_TEXT_LIMIT): string[] {
  const parts = [reply.text.trim()];
  if (reply.link) parts.push(reply.link.url);
  let text = parts.filter(Boolean).join('\n');
  if (reply.choices && reply.choices.length > 0) {
    const list = reply.choicesByWord ? wordChoices(reply.choices) : numberedChoices(reply.choices);
    text = [text, list].filter(Boolean).join('\n\n');
  }
  return splitZaloText(text, limit);
}

/** "Gõ “Gửi báo cáo”, “Xem kế hoạch” hoặc “Xem trạng thái”." */
export function wordChoices(choices: readonly Choice[]): string {
  const quoted = choices.map((choice) => `“${choice.label}”`);
  return quoted.length === 1 ? `Gõ ${quoted[0]}.` : `Gõ ${quoted.slice(0, -1).join(', ')} hoặc ${quoted.at(-1)}.`;
}

/** "1. Đúng\n2. Không phải\nTrả lời 1 hoặc 2." */
export function numberedChoices(choices: readonly Choice[]): string {
  const lines = choices.map((choice, i) => `${i + 1}. ${choice.label}`);
  return [...lines, howToAnswer(choices.length)].join('\n');
}

function howToAnswer(count: number): string {
  if (count === 1) return 'Trả lời 1.';
  if (count <= 3) {
    const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
    return `Trả lời ${numbers.slice(0, -1).join(', ')} hoặc ${numbers.at(-1)}.`;
  }
  return `Trả lời một số từ 1 đến ${count}.`;
}

/**
 * `text` in pieces of at most `limit` characters, in order: cut at the last line break that fits,
 * else at the last space, else anywhere (never inside a character). Nothing is lost but the line
 * breaks and spaces at the cuts.
 */
export function splitZaloText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text;
  while ([...rest].length > limit) {
    const head = [...rest].slice(0, limit).join('');
    const cut = cutAt(head, rest.charAt(head.length));
    pieces.push(head.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]+/, '');
  }
  if (rest.trim() || pieces.length === 0) pieces.push(rest);
  return pieces.filter((piece, i) => piece.length > 0 || i === 0);
}

/** Where to cut `head`, the first `limit` characters of the text; `next` is the character after it. */
function cutAt(head: string, next: string): number {
  // The whole head fits when the text breaks right after it.
  if (next === '\n') return head.length;
  const lineBreak = head.lastIndexOf('\n');
  if (lineBreak > 0) return lineBreak;
  if (next === ' ') return head.length;
  const space = head.lastIndexOf(' ');
  if (space > 0) return space;
  return head.length;
}
