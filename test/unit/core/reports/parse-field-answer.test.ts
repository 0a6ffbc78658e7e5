import { defaultReportFields } from '../../../../src/core/reports/default-report-fields';
import { parseFieldAnswer } from '../../../../src/core/reports/parse-field-answer';

const difficulties = defaultReportFields.find((f) => f.code === 'difficulties');
if (!difficulties) throw new Error('the default fields have no difficulties field');

describe('parseFieldAnswer for a text field', () => {
  it.each([
    ['\u200b'],
    ['\u00a0\u205f\u180e\u200b\u2003'],
    ['\ufeff\ufeff'],
    ['\u0301\u0301\u0301'],
  ])('refuses %j, which has nothing visible in it, as empty', (input) => {
    expect(parseFieldAnswer(difficulties, input)).toMatchObject({ ok: false, code: 'EMPTY' });
  });

  it('keeps a text with zero-width characters inside it', () => {
    expect(parseFieldAnswer(difficulties, 'Thiếu\u200b vốn')).toEqual({ ok: true, value: 'Thiếu\u200b vốn' });
  });
});
