import type { ReportField } from './report-field';

/** Where one member stands on one period, as the totals need it. */
export interface PeriodTotalsRow {
  /** The member's area; null for a member not yet placed in one. */
  readonly areaId: number | null;
  readonly status: 'on_time' | 'late' | 'missing';
  /** The current revision's values (field code -> value); null when nothing was filed. */
  readonly values: Readonly<Record<string, unknown>> | null;
}

/** The figures of one group of members: an area, or the whole association. */
export interface PeriodTotals {
  readonly members: number;
  readonly filed: number;
  readonly onTime: number;
  readonly late: number;
  /**
   * Field code -> its sum or its average, in the field's own unit (đồng, people), for every
   * money/count field in the fields' order. Null when no member of the group reported the field:
   * an empty cell says "nobody told us", where 0 would claim a figure.
   */
  readonly fields: ReadonlyMap<string, bigint | null>;
}

/** The totals of every area (in the order given, then members with no area) and of everyone. */
export interface PeriodTotalsResult {
  readonly areas: ReadonlyArray<{ readonly areaId: number | null } & PeriodTotals>;
  readonly overall: PeriodTotals;
}

/** A money or count field: the only kinds a totals sheet combines. */
export type TotalledField = Extract<ReportField, { kind: 'money' | 'count' }>;

/**
 * Combines the members' reports of one period, per area and for the association, as the
 * compiled report's totals sheet shows them.
 *
 * Arithmetic is exact: values are summed as `bigint`, so a province's revenue beyond 2^53 đồng
 * stays right to the đồng. A `sum` field adds what was reported; an `average` field divides
 * that by the number of members who reported it (a skipped answer or a missing report is not a
 * zero), rounded to the nearest whole unit with halves away from zero (5,5 đồng -> 6 đồng).
 * Only integers count as reported: anything else in a JSON column is not a figure.
 *
 * @param areaIds The areas to show, in display order: each gets a row, even with no members.
 *   Members of an area not in the list, or of none, are gathered in a row with `areaId: null`,
 *   present only when there are such members.
 */
export function periodTotals(
  rows: readonly PeriodTotalsRow[],
  fields: readonly ReportField[],
  areaIds: readonly number[] = [],
): PeriodTotalsResult {
  const totalled = fields.filter(isTotalled);
  const known = new Set(areaIds);
  const byArea = new Map<number | null, PeriodTotalsRow[]>();
  for (const id of areaIds) byArea.set(id, []);
  for (const row of rows) {
    const key = row.areaId !== null && known.has(row.areaId) ? row.areaId : null;
    const group = byArea.get(key);
    if (group) group.push(row);
    else byArea.set(key, [row]);
  }
  // The unplaced group goes last, whatever order the map met it in.
  const keys = [...areaIds, ...(byArea.has(null) ? [null] : [])];
  return {
    areas: keys.map((areaId) => ({ areaId, ...totalsOf(byArea.get(areaId) ?? [], totalled) })),
    overall: totalsOf(rows, totalled),
  };
}

function isTotalled(field: ReportField): field is TotalledField {
  return field.kind === 'money' || field.kind === 'count';
}

function totalsOf(rows: readonly PeriodTotalsRow[], fields: readonly TotalledField[]): PeriodTotals {
  const figures = new Map<string, bigint | null>();
  for (const field of fields) {
    let sum = 0n;
    let reported = 0n;
    for (const row of rows) {
      const value = row.values?.[field.code];
      if (typeof value === 'number' && Number.isSafeInteger(value)) {
        sum += BigInt(value);
        reported += 1n;
      }
    }
    figures.set(field.code, reported === 0n ? null : field.total === 'sum' ? sum : roundedQuotient(sum, reported));
  }
  return {
    members: rows.length,
    filed: rows.filter((r) => r.status !== 'missing').length,
    onTime: rows.filter((r) => r.status === 'on_time').length,
    late: rows.filter((r) => r.status === 'late').length,
    fields: figures,
  };
}

/** `n / d` for a positive `d`, to the nearest integer, halves away from zero. */
function roundedQuotient(n: bigint, d: bigint): bigint {
  const magnitude = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
}
