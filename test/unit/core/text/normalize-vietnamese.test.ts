import { normalizeVietnamese } from '../../../../src/core/text/normalize-vietnamese';

describe('normalizeVietnamese', () => {
  it.each([
    ['hoà', 'hòa'],
    ['hoá', 'hóa'],
    ['hoả', 'hỏa'],
    ['hoã', 'hõa'],
    ['hoạ', 'họa'],
    ['khoẻ', 'khỏe'],
    ['khoè', 'khòe'],
    ['loé', 'lóe'],
    ['thuỷ', 'thủy'],
    ['thuý', 'thúy'],
    ['huỳ', 'hùy'],
    ['luỹ', 'lũy'],
    ['tuỵ', 'tụy'],
    ['uỷ', 'ủy'],
    ['oà', 'òa'],
    ['toà', 'tòa'],
    ['xoà', 'xòa'],
  ])('moves the tone of %j to the first vowel (%j) when oa, oe or uy ends the syllable', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it.each([
    ['HOÀ', 'HÒA'],
    ['Hoà', 'Hòa'],
    ['THUỶ', 'THỦY'],
    ['Thuỷ', 'Thủy'],
    ['KHOẺ', 'KHỎE'],
    ['UỶ BAN', 'ỦY BAN'],
  ])('keeps the case of %j when moving its tone (%j)', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it.each([
    ['hòa'],
    ['thủy'],
    ['khỏe'],
    ['hoàng'],
    ['hoạch'],
    ['khoét'],
    ['thuyền'],
    ['quyết'],
    ['huỳnh'],
    ['quý'],
    ['quỳ'],
    ['Quỳnh'],
    ['quả'],
    ['ngoài'],
    ['xoáy'],
    ['khuỷu'],
    ['ngoẹo'],
    ['thuở'],
    ['huệ'],
    ['của'],
    ['mía'],
    ['hoa'],
    ['thuy'],
    ['Nguyễn'],
  ])('leaves %j unchanged when both styles already agree on it', (input) => {
    expect(normalizeVietnamese(input)).toBe(input);
  });

  it.each([
    ['  Nguyễn   Thị  Thuỷ ', 'Nguyễn Thị Thủy'],
    ['Trần Văn Hoà', 'Trần Văn Hòa'],
    ['Công ty TNHH Hoà Bình', 'Công ty TNHH Hòa Bình'],
    ['Uỷ ban nhân dân', 'Ủy ban nhân dân'],
    ['Sức khoẻ, hoà bình.', 'Sức khỏe, hòa bình.'],
    ['Hoàng\tThuỷ\nTiên', 'Hoàng Thủy Tiên'],
    ['', ''],
    ['   ', ''],
  ])('normalises the phrase %j to %j, collapsing whitespace', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it.each([
    ['Hoà'.normalize('NFD'), 'Hòa'],
    ['Hòa'.normalize('NFD'), 'Hòa'],
    ['Thuỷ'.normalize('NFD'), 'Thủy'],
    ['Nguyễn'.normalize('NFD'), 'Nguyễn'],
  ])('returns NFC when the input %j is decomposed', (input, expected) => {
    const result = normalizeVietnamese(input);
    expect(result).toBe(expected);
    expect(result).toBe(result.normalize('NFC'));
  });

  it('makes old- and new-style spellings of the same name equal', () => {
    expect(normalizeVietnamese('Lê Thị Thuỷ Hoà')).toBe(normalizeVietnamese('Lê Thị Thủy Hòa'));
  });

  it('is idempotent when applied twice', () => {
    const once = normalizeVietnamese(' Uỷ ban  Hoà Bình, khoẻ ');
    expect(normalizeVietnamese(once)).toBe(once);
  });
});
