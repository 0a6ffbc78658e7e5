import { changedFields } from '../../../../src/core/reports/changed-fields';
import { defaultReportFields } from '../../../../src/core/reports/default-report-fields';

const filed = {
  revenue: 12_500_000_000,
  budget_contribution: 800_000_000,
  employees: 120,
  average_income: 8_500_000,
  social_contribution: 50_000_000,
  difficulties: 'Thiếu vốn',
  attachment: { attachmentId: 7, fileName: 'a.pdf' },
};

describe('changedFields', () => {
  it('finds nothing between equal revisions', () => {
    expect(changedFields(defaultReportFields, filed, { ...filed, attachment: { attachmentId: 7, fileName: 'a.pdf' } })).toEqual([]);
  });

  it("lists what changed in the form's order, with both values", () => {
    const changes = changedFields(defaultReportFields, filed, { ...filed, difficulties: null, revenue: 13_000_000_000 });
    expect(changes.map((c) => [c.code, c.before, c.after])).toEqual([
      ['revenue', 12_500_000_000, 13_000_000_000],
      ['difficulties', 'Thiếu vốn', null],
    ]);
    expect(changes[0]?.field?.label).toBe('Doanh thu');
  });

  it('treats a missing answer as a skipped one', () => {
    const { difficulties: _d, ...without } = filed;
    expect(changedFields(defaultReportFields, { ...filed, difficulties: null }, without)).toEqual([]);
  });

  it('compares files by the key it is given, so a re-sent copy of the same bytes is no change', () => {
    const key = (v: unknown) => (typeof v === 'object' && v !== null && 'attachmentId' in v ? (v.attachmentId === 9 || v.attachmentId === 7 ? 'sha-a' : 'sha-b') : null);
    expect(changedFields(defaultReportFields, filed, { ...filed, attachment: { attachmentId: 9, fileName: 'a (1).pdf' } }, key)).toEqual([]);
    expect(changedFields(defaultReportFields, filed, { ...filed, attachment: { attachmentId: 10, fileName: 'a.pdf' } }, key).map((c) => c.code)).toEqual(['attachment']);
    expect(changedFields(defaultReportFields, filed, { ...filed, attachment: { attachmentId: 10, fileName: 'a.pdf' } }).map((c) => c.code)).toEqual(['attachment']);
  });

  it('reports answers under codes the form no longer has', () => {
    const changes = changedFields(defaultReportFields, { ...filed, old_code: 1 }, { ...filed, new_code: 'x' });
    expect(changes.map((c) => [c.code, c.field, c.before, c.after])).toEqual([
      ['new_code', null, null, 'x'],
      ['old_code', null, 1, null],
    ]);
  });
});
