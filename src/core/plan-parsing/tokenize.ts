/**
 * A word, number or punctuation mark of a folded line, with its position in the folded text.
 * Dates and keywords are recognised on tokens so that spacing (`10 / 7`, `ngày  10`) never matters.
 */
export interface Token {
  readonly kind: 'word' | 'num' | 'sep' | 'punct';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Tokens of a folded line: letter runs, digit runs, date separators (`/ - .`), other marks singly. */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const text = match[0];
    const start = match.index;
    tokens.push({ kind: kindOf(text), text, start, end: start + text.length });
  }
  return tokens;
}

function kindOf(text: string): Token['kind'] {
  if (/^\d/.test(text)) return 'num';
  if (/^\p{L}/u.test(text)) return 'word';
  return /^[/.-]$/.test(text) ? 'sep' : 'punct';
}

const TOKEN = /\p{L}+|\d+|[^\s\p{L}\d]/gu;
