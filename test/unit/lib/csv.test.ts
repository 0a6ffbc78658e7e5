import { csvCell, csvDocument, csvRecord } from '../../../src/lib/csv';

describe('csvCell', () => {
  it.each([
    [12_500_000_000, '12500000000'],
    [-1_500_000, '-1500000'],
    [0, '0'],
    [1e21, '1000000000000000000000'],
    [2.5, '2.5'],
    [123n, '123'],
    [Number.NaN, ''],
    [null, ''],
    [undefined, ''],
  ])('writes the number %p plainly as %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-20%', "'-20%"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['-1500000', "'-1500000"],
  ])('makes the text %p inert as %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['Hiệp Hòa', 'Hiệp Hòa'],
    ['a, b', '"a, b"'],
    ['Công ty "Bắc Hà"', '"Công ty ""Bắc Hà"""'],
    ['dòng 1\ndòng 2', '"dòng 1\ndòng 2"'],
    ["O'Brien", "O'Brien"],
    ['', ''],
  ])('quotes %p only when RFC 4180 needs it', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvDocument', () => {
  it('starts with a byte order mark and ends every record with CRLF', () => {
    expect(csvDocument([['Tên', 'Số'], ['An Bình', 12], [null, -1]])).toBe('\uFEFFTên,Số\r\nAn Bình,12\r\n,-1\r\n');
  });

  it('joins a record with commas', () => {
    expect(csvRecord(['a', 1, null, '=b'])).toBe("a,1,,'=b");
  });
});
