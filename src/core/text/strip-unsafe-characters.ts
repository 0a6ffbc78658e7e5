/**
 * Control characters but tab, line feed and carriage return, and UTF-16 surrogates without their
 * other half (half an emoji, cut by a client or a careless `slice`).
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes what no text a person sends should carry into the service: NUL and the other control
 * characters (but tab and line breaks) and lone surrogates. PostgreSQL stores neither NUL nor a
 * lone surrogate in a JSON value, and refuses NUL in text too: left in, one such character makes
 * every retry of the message fail. Platforms refuse them in what the bot sends back as well.
 */
export function stripUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE, '');
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Removes bidi embeddings, overrides and isolates. A name never needs them, and with them
 * `hoa-don\u202Egnp.exe` shows as `hoa-donexe.png`; repeated inside a reply, they turn the rest
 * of the reply's line around.
 */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
