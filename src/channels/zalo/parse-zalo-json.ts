/**
 * Parses a Zalo body or response without losing digits: integers of 16 digits or more (user ids
 * sent as numbers) become strings before `JSON.parse` sees them, since a double keeps only 15–17
 * significant digits. Text inside JSON strings is left as it is. Undefined when `text` is not JSON.
 */
export function parseZaloJson(text: string): unknown {
  // Node 20's JSON.parse has no access to a number's source text (that came with V8 11.4), so the
  // big integers are quoted beforehand; strings are matched first so nothing inside them changes.
  const quoted = text.replace(bigIntegerOrString, (token) => (token.startsWith('"') ? token : `"${token}"`));
  try {
    return JSON.parse(quoted);
  } catch {
    return undefined;
  }
}

const bigIntegerOrString = /"(?:[^"\\]|\\.)*"|(?<![\w.])-?\d{16,}(?![\d.eE])/g;
