/**
 * The outcome of parsing something a person typed: a value, or a reason in Vietnamese that can be
 * shown to them as it is. Used where failure is expected (bad input), instead of throwing.
 */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ParseErrorCode; readonly message: string };

/** Stable codes for rejected input; `message` is for people and may change. */
export type ParseErrorCode =
  | 'EMPTY'
  | 'MALFORMED'
  | 'CHECKSUM'
  | 'OUT_OF_RANGE'
  | 'AMBIGUOUS'
  | 'NEGATIVE'
  | 'TOO_LONG';

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ParseErrorCode, message: string): ParseResult<T> {
  return { ok: false, code, message };
}
