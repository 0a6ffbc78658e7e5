import { type ChoiceOption, matchChoice, toChoices } from '../../../src/flows/match-choice';

const summary = [
  { label: 'Gửi báo cáo', payload: 'submit', aliases: ['gui', 'nop', 'ok', 'co'] },
  { label: 'Sửa một mục', payload: 'fix', aliases: ['sua'] },
  { label: 'Quay lại', payload: 'back', aliases: ['tro lai'] },
  { label: 'Hủy', payload: 'cmd:cancel', aliases: ['huy bo'] },
] as const satisfies readonly ChoiceOption[];

const payloadOf = (input: { text?: string; payload?: string }) => matchChoice(summary, input)?.payload ?? null;

describe('matchChoice', () => {
  it.each([
    ['submit', 'submit'],
    ['fix', 'fix'],
    ['cmd:cancel', 'cmd:cancel'],
  ])('picks the option whose payload is %j when a button is pressed', (payload, expected) => {
    expect(payloadOf({ payload })).toBe(expected);
  });

  it.each([['field:99'], ['submit '], ['SUBMIT'], ['m:1'], ['period:1'], ['']])(
    'picks nothing when the pressed payload %j is not one of the options and no text comes with it',
    (payload) => {
      expect(payloadOf({ payload })).toBeNull();
    },
  );

  it('reads the text when a stale payload comes with it', () => {
    expect(payloadOf({ payload: 'old-button', text: '2' })).toBe('fix');
  });

  it.each([
    ['1', 'submit'],
    ['2', 'fix'],
    ['3', 'back'],
    ['4', 'cmd:cancel'],
    ['2.', 'fix'],
    ['2)', 'fix'],
    ['2!', 'fix'],
    [' 3 ', 'back'],
    ['01', 'submit'],
  ])('picks by position when %j is typed', (text, expected) => {
    expect(payloadOf({ text })).toBe(expected);
  });

  it.each([['0'], ['5'], ['99'], ['999'], ['-1'], ['1.5'], ['1000'], ['١']])('picks nothing when the number %j is out of range or not a position', (text) => {
    expect(payloadOf({ text })).toBeNull();
  });

  it.each([
    ['Gửi báo cáo', 'submit'],
    ['gui bao cao', 'submit'],
    ['GỬI BÁO CÁO', 'submit'],
    ['Gửi báo cáo'.normalize('NFD'), 'submit'],
    ['  gửi   báo cáo. ', 'submit'],
    ['Sửa một mục', 'fix'],
    ['sua mot muc', 'fix'],
    ['quay lai', 'back'],
    ['Huỷ', 'cmd:cancel'],
  ])('picks by label with or without diacritics when %j is typed', (text, expected) => {
    expect(payloadOf({ text })).toBe(expected);
  });

  it.each([
    ['ok', 'submit'],
    ['OK', 'submit'],
    ['có', 'submit'],
    ['nộp', 'submit'],
    ['sửa', 'fix'],
    ['trở lại', 'back'],
    ['hủy bỏ', 'cmd:cancel'],
  ])('picks by alias when %j is typed', (text, expected) => {
    expect(payloadOf({ text })).toBe(expected);
  });

  it.each([
    ['gửi báo', 'submit'],
    ['hủ', 'cmd:cancel'],
    ['sửa một', 'fix'],
    ['quay', 'back'],
  ])('picks the one option whose label starts so when %j is typed', (text, expected) => {
    expect(payloadOf({ text })).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['g'],
    ['😀'],
    ['👍'],
    ['không'],
    ['gửi đi nhé'],
    ['báo cáo'],
    ['<b>1</b>'],
    ["1'; DROP TABLE submissions; --"],
    ['x'.repeat(10_240)],
    ['1'.repeat(10_240)],
  ])('picks nothing when %j matches no option', (text) => {
    expect(payloadOf({ text })).toBeNull();
  });

  it('picks nothing when neither text nor payload is given', () => {
    expect(payloadOf({})).toBeNull();
  });

  it('picks nothing when the typed start fits several labels', () => {
    const options = [
      { label: 'Nhập lại từ đầu', payload: 'restart' },
      { label: 'Nhập tiếp', payload: 'continue' },
    ];
    expect(matchChoice(options, { text: 'nhập' })).toBeNull();
    expect(matchChoice(options, { text: 'nhap lai' })?.payload).toBe('restart');
  });

  it('picks nothing when the same alias belongs to several options', () => {
    const options = [
      { label: 'Đồng ý', payload: 'yes', aliases: ['ok'] },
      { label: 'Để sau', payload: 'later', aliases: ['ok'] },
    ];
    expect(matchChoice(options, { text: 'ok' })).toBeNull();
    expect(matchChoice(options, { text: 'de sau' })?.payload).toBe('later');
  });

  it('prefers an exact label to a longer label that starts the same when both fit', () => {
    const options = [
      { label: 'Báo cáo', payload: 'short' },
      { label: 'Báo cáo năm', payload: 'long' },
    ];
    expect(matchChoice(options, { text: 'bao cao' })?.payload).toBe('short');
  });

  it('returns the option itself with its extra data when it matches', () => {
    const members = [
      { label: 'Công ty An Phát', payload: 'm:7', memberId: 7 },
      { label: 'Công ty Bình Minh', payload: 'm:9', memberId: 9 },
    ];
    expect(matchChoice(members, { text: 'cong ty binh minh' })?.memberId).toBe(9);
    expect(matchChoice(members, { payload: 'm:7' })?.memberId).toBe(7);
    expect(matchChoice(members, { payload: 'm:8' })).toBeNull();
  });

  it('picks nothing when the list is empty', () => {
    expect(matchChoice([], { text: '1' })).toBeNull();
    expect(matchChoice([], { payload: 'x' })).toBeNull();
  });
});

describe('toChoices', () => {
  it('keeps only label and payload when the options carry aliases or data', () => {
    expect(toChoices([...summary.slice(0, 2), { label: 'Khác', payload: 'other' }])).toEqual([
      { label: 'Gửi báo cáo', payload: 'submit' },
      { label: 'Sửa một mục', payload: 'fix' },
      { label: 'Khác', payload: 'other' },
    ]);
  });
});
