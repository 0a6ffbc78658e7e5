import { matchesFolded } from '../../../../src/core/text/matches-folded';

describe('matchesFolded', () => {
  it.each([
    ['Hiệp Hòa', 'hiep hoa'],
    ['Hiệp Hòa', 'Hiệp Hoà'],
    ['HIỆP HOÀ', 'hiệp hòa'],
    ['Hiệp Hòa'.normalize('NFD'), 'hiep hoa'],
    ['huyện Hiệp Hòa, tỉnh Bắc Giang', 'hiep hoa'],
    ['huyện Hiệp Hòa, tỉnh Bắc Giang', 'bac giang'],
    ['huyện Hiệp Hòa, tỉnh Bắc Giang', 'hoa'],
    ['huyện Hiệp Hòa, tỉnh Bắc Giang', 'hoa tinh'],
    ['Hiệp hội Doanh nghiệp tỉnh', 'doanh nghiep'],
    ['Công ty TNHH Thủy sản', 'thuỷ sản'],
    ['Công-ty Thủy-sản', 'cong ty thuy san'],
    ['  Đà   Nẵng ', 'da nang'],
    ['Đà Nẵng', 'Đà'],
    ['Mã 0100109106', '0100109106'],
  ])('returns true for %j containing %j as whole words', (haystack, needle) => {
    expect(matchesFolded(haystack, needle)).toBe(true);
  });

  it.each([
    ['Khoa học', 'hoa', 'inside a word'],
    ['Hiệp Hòa', 'hiep hoa binh', 'longer than the haystack'],
    ['Hiệp Hòa', 'hoa hiep', 'words out of order'],
    ['Hiệp Hòa', 'hie', 'a word prefix'],
    ['Hiệp Hòa', 'iep', 'a word suffix'],
    ['Bắc Giang', 'bac ninh', 'a different place'],
    ['Hiệp Hòa', '', 'an empty needle'],
    ['Hiệp Hòa', '   ', 'a blank needle'],
    ['Hiệp Hòa', '.,;', 'a needle of punctuation only'],
    ['', 'hoa', 'an empty haystack'],
    ['doanhnghiep', 'doanh nghiep', 'joined words'],
    ['Hiệp Hòa', 'hiệp  hòa  bình', 'an extra word'],
  ])('returns false for %j and %j (%s)', (haystack, needle) => {
    expect(matchesFolded(haystack, needle)).toBe(false);
  });
});
