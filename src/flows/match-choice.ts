import type { Choice } from '../core/messages';
import { foldText } from '../core/text/fold-text';

/** A choice with the other words people type for it ("có", "ok" for "Đúng"). */
export interface ChoiceOption extends Choice {
  readonly aliases?: readonly string[];
}

/**
 * Which choice a message means: the button's payload, its number ("2", "2."), its label with or
 * without diacritics, one of its aliases, or the start of exactly one label ("sua" for "Sửa một
 * mục"). Null when it means none, or could mean several.
 */
export function matchChoice<C extends ChoiceOption>(
  options: readonly C[],
  input: { text?: string; payload?: string },
): C | null {
  if (input.payload) {
    const byPayload = options.find((o) => o.payload === input.payload);
    if (byPayload) return byPayload;
  }
  const text = foldText(input.text ?? '').replace(/[.!)]+$/, '').trim();
  if (!text) return null;
  if (/^\d{1,3}$/.test(text)) return options[Number(text) - 1] ?? null;
  const exact = options.filter(
    (o) => foldText(o.label) === text || (o.aliases ?? []).some((a) => foldText(a) === text),
  );
  if (exact.length === 1) return exact[0] ?? null;
  if (text.length < 2) return null;
  const prefixed = options.filter((o) => foldText(o.label).startsWith(text));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

/** The choices as sent: aliases stay on our side. */
export function toChoices(options: readonly ChoiceOption[]): Choice[] {
  return options.map(({ label, payload }) => ({ label, payload }));
}
