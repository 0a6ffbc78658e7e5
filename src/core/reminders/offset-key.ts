/**
 * The key of a reminder slot, as stored in the reminder log: `D-14` … `D-1` before the deadline's
 * day (days left, 1 = the last day), `D0` on the deadline's own day, `D+1`, `D+3` … after it.
 * `offsetDays` is signed calendar days from the deadline's day in the zone: −7 → `D-7`, 1 → `D+1`.
 *
 * @throws RangeError when `offsetDays` is not an integer.
 */
export function offsetKey(offsetDays: number): string {
  if (!Number.isInteger(offsetDays)) {
    throw new RangeError(`offsetKey needs a whole number of days, got ${offsetDays}`);
  }
  if (offsetDays === 0) return 'D0';
  return offsetDays < 0 ? `D${offsetDays}` : `D+${offsetDays}`;
}

/**
 * The signed days of a key written by {@link offsetKey} (`D-7` → −7, `D0` → 0, `D+1` → 1), or
 * `undefined` for anything else, so foreign keys in the log are ignored rather than misread.
 */
export function parseOffsetKey(key: string): number | undefined {
  const match = /^D(?:0|([+-])([1-9]\d{0,5}))$/.exec(key);
  if (match === null) return undefined;
  const [, sign, digits] = match;
  if (sign === undefined || digits === undefined) return 0;
  return sign === '-' ? -Number(digits) : Number(digits);
}
