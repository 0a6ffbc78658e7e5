import { groupThousands } from './group-thousands';

/**
 * Writes a whole number of đồng the Vietnamese way, with dots between thousands:
 * `12500000000` → `12.500.000.000 đồng`. Used where the exact figure matters (confirmations,
 * receipts); see {@link formatVndShort} for the friendlier form.
 *
 * Accepts a bigint too, so amounts past `Number.MAX_SAFE_INTEGER` can still be shown (for example
 * in an "amount too large" message).
 *
 * @throws RangeError when `amount` is a number that is not a safe integer: rounding money silently
 * would hide a bug in the caller.
 */
export function formatVnd(amount: number | bigint): string {
  return `${groupThousands(toBigInt(amount))} đồng`;
}

/**
 * Writes an amount of đồng in the largest unit that keeps it exact, as Vietnamese speakers say it:
 * `12500000000` → `12,5 tỷ đồng`, `350000000` → `350 triệu đồng`, `1250000` → `1,25 triệu đồng`,
 * `12345000000` → `12 tỷ 345 triệu đồng`, `1250000000000` → `1.250 tỷ đồng`, `500000` →
 * `500 nghìn đồng`. Amounts that need finer detail, such as `1234567`, fall back to
 * {@link formatVnd}.
 *
 * Three decimals are written as a second unit instead (`12 tỷ 345 triệu`, not `12,345 tỷ`), since a
 * comma before three digits can be read as a thousands separator.
 *
 * @throws RangeError when `amount` is a number that is not a safe integer.
 */
export function formatVndShort(amount: number | bigint): string {
  const value = toBigInt(amount);
  const magnitude = value < 0n ? -value : value;
  const sign = value < 0n ? '-' : '';
  for (const [index, [factor, name]] of SHORT_UNITS.entries()) {
    if (magnitude < factor) {
      continue;
    }
    // Three decimals of a unit are exactly one step of the next unit down.
    const step = factor / 1000n;
    if (magnitude % step !== 0n) {
      break;
    }
    const whole = `${sign}${groupThousands(magnitude / factor)}`;
    const steps = (magnitude % factor) / step;
    const decimals = steps.toString().padStart(3, '0').replace(/0+$/, '');
    if (decimals === '') {
      return `${whole} ${name} đồng`;
    }
    if (decimals.length < 3) {
      return `${whole},${decimals} ${name} đồng`;
    }
    const lower = SHORT_UNITS[index + 1];
    if (lower === undefined) {
      break;
    }
    return `${whole} ${name} ${steps} ${lower[1]} đồng`;
  }
  return formatVnd(value);
}

const SHORT_UNITS: ReadonlyArray<readonly [bigint, string]> = [
  [1_000_000_000n, 'tỷ'],
  [1_000_000n, 'triệu'],
  [1_000n, 'nghìn'],
];

function toBigInt(amount: number | bigint): bigint {
  if (typeof amount === 'bigint') {
    return amount;
  }
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Expected a safe integer number of đồng, got ${amount}`);
  }
  return BigInt(amount);
}
