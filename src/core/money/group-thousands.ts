/**
 * Writes a whole number with dots between thousands, the Vietnamese convention:
 * `1234567n` → `1.234.567`, `-1000n` → `-1.000`. Takes a bigint so that values past
 * `Number.MAX_SAFE_INTEGER` keep every digit.
 */
export function groupThousands(value: bigint): string {
  const digits = (value < 0n ? -value : value).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, '.');
  return value < 0n ? `-${grouped}` : grouped;
}
