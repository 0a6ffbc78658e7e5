import { defaultReportFields } from '../../../../src/core/reports/default-report-fields';
import { type PeriodTotalsRow, periodTotals } from '../../../../src/core/reports/period-totals';
import type { ReportField } from '../../../../src/core/reports/report-field';

const CITY = 1;
const HIEP_HOA = 2;
const YEN_THE = 10;

const filed = (areaId: number | null, values: Record<string, unknown>, onTime = true): PeriodTotalsRow => ({
  areaId,
  status: onTime ? 'on_time' : 'late',
  values,
});
const missing = (areaId: number | null): PeriodTotalsRow => ({ areaId, status: 'missing', values: null });

const revenue: ReportField = { kind: 'money', code: 'revenue', label: 'Doanh thu', unit: 'trieu', max: 1e15, required: true, total: 'sum' };
const income: ReportField = { kind: 'money', code: 'income', label: 'Thu nhập', unit: 'trieu', max: 1e9, required: false, total: 'average' };
const staff: ReportField = { kind: 'count', code: 'staff', label: 'Số lao động', max: 1e6, required: true, total: 'average' };
const note: ReportField = { kind: 'text', code: 'note', label: 'Ghi chú', required: false, maxLength: 100 };
const file: ReportField = { kind: 'file', code: 'file', label: 'Tệp', required: false };

describe('periodTotals', () => {
  it('counts members, filed, on-time and late reports per area and for everyone', () => {
    const result = periodTotals(
      [filed(CITY, {}), filed(CITY, {}, false), missing(CITY), filed(HIEP_HOA, {}), missing(HIEP_HOA)],
      [revenue],
      [CITY, HIEP_HOA],
    );
    expect(result.areas.map(({ fields: _fields, ...counts }) => counts)).toEqual([
      { areaId: CITY, members: 3, filed: 2, onTime: 1, late: 1 },
      { areaId: HIEP_HOA, members: 2, filed: 1, onTime: 1, late: 0 },
    ]);
    expect(result.overall).toMatchObject({ members: 5, filed: 3, onTime: 2, late: 1 });
  });

  it('keeps an area with no members as a row of zeros and empty figures', () => {
    const result = periodTotals([filed(CITY, { revenue: 5 })], [revenue, income], [CITY, YEN_THE]);
    const empty = result.areas[1];
    expect(empty).toMatchObject({ areaId: YEN_THE, members: 0, filed: 0, onTime: 0, late: 0 });
    expect(empty?.fields).toEqual(new Map([['revenue', null], ['income', null]]));
  });

  it('gathers members with no area, or an area not listed, in a last row with areaId null', () => {
    const result = periodTotals([missing(null), filed(99, { revenue: 7 }), filed(CITY, { revenue: 1 })], [revenue], [CITY]);
    expect(result.areas.map((a) => [a.areaId, a.members, a.fields.get('revenue')])).toEqual([
      [CITY, 1, 1n],
      [null, 2, 7n],
    ]);
    expect(result.overall.fields.get('revenue')).toBe(8n);
  });

  it('has no row for unplaced members when there are none', () => {
    expect(periodTotals([filed(CITY, {})], [revenue], [CITY]).areas.map((a) => a.areaId)).toEqual([CITY]);
  });

  it('without a list of areas puts everyone in the unplaced row', () => {
    const result = periodTotals([filed(CITY, { revenue: 2 }), missing(HIEP_HOA)], [revenue]);
    expect(result.areas).toHaveLength(1);
    expect(result.areas[0]).toMatchObject({ areaId: null, members: 2, filed: 1 });
  });

  it('sums money beyond 2^31 and 2^53 exactly', () => {
    const big = 90_000_000_000_000; // 90 nghìn tỷ, above 2^46
    const rows = Array.from({ length: 200 }, () => filed(CITY, { revenue: big }));
    rows.push(filed(CITY, { revenue: 3_000_000_000 })); // above 2^31 on its own
    const total = periodTotals(rows, [revenue], [CITY]).overall.fields.get('revenue');
    expect(total).toBe(18_000_003_000_000_000n);
    expect(total).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('averages over the members who reported the field, leaving out skipped answers and missing reports', () => {
    const result = periodTotals(
      [
        filed(CITY, { income: 8_000_000 }),
        filed(CITY, { income: 9_000_000 }),
        filed(CITY, { income: null }),
        filed(CITY, {}),
        missing(CITY),
      ],
      [income],
      [CITY],
    );
    expect(result.overall.fields.get('income')).toBe(8_500_000n);
  });

  it('rounds an average to the nearest whole unit, halves away from zero', () => {
    const avg = (...values: number[]) =>
      periodTotals(values.map((v) => filed(CITY, { income: v })), [income]).overall.fields.get('income');
    expect(avg(1, 2)).toBe(2n); // 1,5 -> 2
    expect(avg(1, 1, 2)).toBe(1n); // 1,33 -> 1
    expect(avg(1, 2, 2)).toBe(2n); // 1,67 -> 2
    expect(avg(-1, -2)).toBe(-2n); // -1,5 -> -2
    expect(avg(0, 0, 1)).toBe(0n);
    expect(avg(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('averages a count field the same way', () => {
    const result = periodTotals([filed(CITY, { staff: 10 }), filed(CITY, { staff: 15 })], [staff]);
    expect(result.overall.fields.get('staff')).toBe(13n);
  });

  it('leaves a column nobody reported empty (null), for sums and averages alike', () => {
    const result = periodTotals(
      [filed(CITY, { revenue: null, income: null }), filed(HIEP_HOA, {}), missing(CITY)],
      [revenue, income],
      [CITY, HIEP_HOA],
    );
    for (const group of [...result.areas, result.overall]) {
      expect(group.fields.get('revenue')).toBeNull();
      expect(group.fields.get('income')).toBeNull();
    }
  });

  it('counts a reported 0 as a figure: the sum is 0 and the average includes it', () => {
    const result = periodTotals([filed(CITY, { revenue: 0, income: 0 }), filed(CITY, { income: 10 })], [revenue, income]);
    expect(result.overall.fields.get('revenue')).toBe(0n);
    expect(result.overall.fields.get('income')).toBe(5n);
  });

  it('ignores what is not an integer: strings, fractions, objects', () => {
    const result = periodTotals(
      [
        filed(CITY, { revenue: '12,5 tỷ' }),
        filed(CITY, { revenue: 1.5 }),
        filed(CITY, { revenue: { attachmentId: 1 } }),
        filed(CITY, { revenue: Number.NaN }),
        filed(CITY, { revenue: 4 }),
      ],
      [revenue],
    );
    expect(result.overall.fields.get('revenue')).toBe(4n);
  });

  it('has a figure for each money and count field only, in the fields’ order', () => {
    const result = periodTotals([], [note, staff, file, revenue, income]);
    expect([...result.overall.fields.keys()]).toEqual(['staff', 'revenue', 'income']);
    expect(result.overall).toMatchObject({ members: 0, filed: 0, onTime: 0, late: 0 });
    expect(result.areas).toEqual([]);
  });

  it('totals the 2022 short report: sums, and the average income', () => {
    const result = periodTotals(
      [
        filed(HIEP_HOA, { revenue: 12_500_000_000, budget_contribution: 800_000_000, employees: 120, average_income: 8_500_000, social_contribution: 50_000_000 }),
        filed(HIEP_HOA, { revenue: 3_000_000_000, budget_contribution: 200_000_000, employees: 35, average_income: 6_000_001, social_contribution: 0 }, false),
        missing(HIEP_HOA),
      ],
      defaultReportFields,
      [CITY, HIEP_HOA],
    );
    expect(Object.fromEntries(result.areas[1]?.fields ?? [])).toEqual({
      revenue: 15_500_000_000n,
      budget_contribution: 1_000_000_000n,
      employees: 155n,
      average_income: 7_250_001n, // 7.250.000,5 rounds up
      social_contribution: 50_000_000n,
    });
    expect(result.areas[1]).toMatchObject({ members: 3, filed: 2, onTime: 1, late: 1 });
  });
});
