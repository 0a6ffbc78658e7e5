import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud over the phone and typed on small keyboards. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A random invite code such as `K7M2QX9P`: 8 characters, about 39 bits, usable as a Telegram
 * deep-link payload. Compare codes with `normalizeInviteCode`.
 */
export function generateInviteCode(length = 8): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What a person typed, as stored: upper case, without spaces or dashes. */
export function normalizeInviteCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '');
}
