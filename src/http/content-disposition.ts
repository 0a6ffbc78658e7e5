/**
 * `attachment; filename="..."; filename*=UTF-8''...` for a file a person named (RFC 6266 with
 * RFC 5987's extended value). Browsers use `filename*`, which keeps a Vietnamese name as it is;
 * the plain `filename` is an ASCII stand-in for old clients: diacritics dropped (`đ` → `d`),
 * anything else outside letters, digits, dot, dash and underscore turned into `_`, so no quote,
 * backslash, slash or line break can reach the header.
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName.normalize('NFC').replace(/[\u0000-\u001F\u007F\\/]/g, '').trim() || 'tep-dinh-kem';
  const ascii =
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '') || 'tep-dinh-kem';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Percent-encodes everything outside RFC 5987's attr-char (encodeURIComponent leaves ' ( ) * alone). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
