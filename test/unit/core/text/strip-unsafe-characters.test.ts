import { stripBidiControls, stripUnsafeCharacters } from '../../../../src/core/text/strip-unsafe-characters';

describe('stripUnsafeCharacters', () => {
  it.each([
    ['Nguyễn\u0000 Văn An', 'Nguyễn Văn An'],
    ['12,5\u0000 tỷ', '12,5 tỷ'],
    ['\u0001\u0007\u0008\u000b\u000c\u001b\u001f\u007fabc', 'abc'],
    ['Công ty\ud800 ABC', 'Công ty ABC'],
    ['\udc00Khó khăn', 'Khó khăn'],
    ['cắt đôi \ud83d', 'cắt đôi '],
  ])('removes NUL, other control characters and lone surrogates from %j', (input, expected) => {
    expect(stripUnsafeCharacters(input)).toBe(expected);
  });

  it('keeps tabs, line breaks, emoji and Vietnamese as they are', () => {
    const text = 'Dòng 1\tcột\r\nDòng 2 😀 👨‍👩‍👧‍👦 🇻🇳 Hòa\u0301';
    expect(stripUnsafeCharacters(text)).toBe(text);
  });
});

describe('stripBidiControls', () => {
  it('removes embeddings, overrides and isolates but keeps the marks and the letters', () => {
    expect(stripBidiControls('a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j\u200ek\u200fl')).toBe('abcdefghij\u200ek\u200fl');
  });
});
