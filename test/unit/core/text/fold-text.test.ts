import { foldText } from '../../../../src/core/text/fold-text';

describe('foldText', () => {
  it.each([
    ['hiep hoa'],
    ['Hiệp Hòa'],
    ['Hiệp Hoà'],
    ['HIỆP HOÀ'],
    ['HIỆP HÒA'],
    ['Hiệp Hòa'.normalize('NFD')],
    ['HIỆP HOÀ'.normalize('NFD')],
    ['  Hiệp   Hòa  '],
    ['Hiệp\tHòa'],
    ['Hiệp\nHòa'],
    ['Hiệp\u00a0Hòa'],
    ['Hiệp\u200bHòa '.replace('\u200b', ' ')],
  ])('folds %j to "hiep hoa" whatever the case, composition, tone placement or spacing', (input) => {
    expect(foldText(input)).toBe('hiep hoa');
  });

  it.each([
    ['Thủy', 'thuy'],
    ['Thuỷ', 'thuy'],
    ['Khỏe', 'khoe'],
    ['khoẻ', 'khoe'],
    ['Đà Nẵng', 'da nang'],
    ['ĐỒNG THÁP', 'dong thap'],
    ['đ', 'd'],
    ['Đ', 'd'],
    ['Bắc Giang', 'bac giang'],
    ['Hiệp hội Doanh nghiệp', 'hiep hoi doanh nghiep'],
    ['Nguyễn Thị Ánh Tuyết', 'nguyen thi anh tuyet'],
    ['ƯỚC LƯỢNG', 'uoc luong'],
    ['ơ ư ă â ê ô', 'o u a a e o'],
    ['à á ả ã ạ', 'a a a a a'],
    ['Công ty TNHH Một Thành Viên', 'cong ty tnhh mot thanh vien'],
    ['12,5 tỷ', '12,5 ty'],
    ['Café', 'cafe'],
  ])('folds %j to %j when it has diacritics', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it.each([
    ['', ''],
    ['   ', ''],
    ['\n\t', ''],
    ['abc', 'abc'],
    ['0912 345 678', '0912 345 678'],
    ['a\u200bb', 'ab'],
    ['\ufeffHòa', 'hoa'],
  ])('returns %j as %j when there is nothing to fold or only invisible characters', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('gives the same result for NFC and NFD of every Vietnamese vowel with every tone', () => {
    const vowels = 'aăâeêioôơuưy';
    const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    for (const vowel of vowels) {
      for (const tone of tones) {
        const nfc = `${vowel}${tone}`.normalize('NFC');
        expect(foldText(nfc)).toBe(foldText(nfc.normalize('NFD')));
        expect(foldText(nfc.toUpperCase())).toBe(foldText(nfc));
        expect(foldText(nfc)).toMatch(/^[aeiouy]$/);
      }
    }
  });

  it('is idempotent when applied twice', () => {
    const once = foldText('  HIỆP HỘI Doanh Nghiệp tỉnh Bắc Giang ');
    expect(foldText(once)).toBe(once);
  });
});
