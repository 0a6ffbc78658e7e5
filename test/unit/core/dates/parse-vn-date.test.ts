import { parseVnDate } from '../../../../src/core/dates/parse-vn-date';

const MESSAGE_MALFORMED =
  'Chưa hiểu ngày này. Xin viết theo thứ tự ngày/tháng/năm, ví dụ 10/07/2022.';

describe('parseVnDate', () => {
  it.each([
    ['10/7/2022'],
    ['10/07/2022'],
    ['10-07-2022'],
    ['10-7-2022'],
    ['10.7.2022'],
    ['10.07.2022'],
    ['10 / 7 / 2022'],
    ['  10/7/2022  '],
    ['10/7/2022.'],
    ['ngày 10/7/2022'],
    ['Ngày 10-07-2022'],
    ['ngày 10 tháng 7 năm 2022'],
    ['Ngày 10 tháng 07 năm 2022'],
    ['NGÀY 10 THÁNG 7 NĂM 2022'],
    ['ngay 10 thang 7 nam 2022'],
    ['10 tháng 7 năm 2022'],
    ['10 tháng 7, 2022'],
    ['10 tháng 7 2022'],
    ['ngày 10 tháng 7, năm 2022'],
    ['ngày  10  tháng  7  năm  2022'],
    ['ngày 10 tháng 7 năm 2022'.normalize('NFD')],
    ['2022-07-10'],
    ['2022-7-10'],
  ])('reads %j as 10 July 2022', (input) => {
    expect(parseVnDate(input)).toEqual({ ok: true, value: { year: 2022, month: 7, day: 10 } });
  });

  it.each([
    ['ngày 01 tháng 01 năm 2022', 2022, 1, 1],
    ['1/1/2022', 2022, 1, 1],
    ['31/12/2022', 2022, 12, 31],
    ['29/2/2024', 2024, 2, 29],
    ['29/02/2000', 2000, 2, 29],
    ['30/4/1975', 1975, 4, 30],
    ['2/9/1945', 1945, 9, 2],
    ['1/1/1900', 1900, 1, 1],
    ['31/12/2100', 2100, 12, 31],
    ['07/10/2022', 2022, 10, 7],
    ['12/11/2022', 2022, 11, 12],
  ])('reads %j day first as %i-%i-%i', (input, year, month, day) => {
    expect(parseVnDate(input)).toEqual({ ok: true, value: { year, month, day } });
  });

  it.each([['10/7/22'], ['10-07-22'], ['10.7.22'], ['ngày 10 tháng 7 năm 22']])(
    'fails with AMBIGUOUS for %j when the year has two digits',
    (input) => {
      expect(parseVnDate(input)).toEqual({
        ok: false,
        code: 'AMBIGUOUS',
        message: 'Xin ghi năm đủ 4 chữ số, ví dụ 10/07/2022 chứ không phải 10/07/22.',
      });
    },
  );

  it.each([
    ['31/4/2023', 'Tháng 4 chỉ có 30 ngày, không có ngày 31/04/2023. Xin kiểm tra lại.'],
    ['31/6/2023', 'Tháng 6 chỉ có 30 ngày, không có ngày 31/06/2023. Xin kiểm tra lại.'],
    ['31/9/2023', 'Tháng 9 chỉ có 30 ngày, không có ngày 31/09/2023. Xin kiểm tra lại.'],
    ['31/11/2023', 'Tháng 11 chỉ có 30 ngày, không có ngày 31/11/2023. Xin kiểm tra lại.'],
    ['30/2/2024', 'Tháng 2 chỉ có 29 ngày, không có ngày 30/02/2024. Xin kiểm tra lại.'],
    [
      '29/2/2023',
      'Năm 2023 không phải năm nhuận nên tháng 2 chỉ có 28 ngày. Xin kiểm tra lại.',
    ],
    [
      '29/2/1900',
      'Năm 1900 không phải năm nhuận nên tháng 2 chỉ có 28 ngày. Xin kiểm tra lại.',
    ],
    ['0/1/2022', 'Ngày phải từ 1 đến 31.'],
    ['32/1/2022', 'Ngày phải từ 1 đến 31.'],
    ['10/13/2022', 'Tháng phải từ 1 đến 12.'],
    ['10/0/2022', 'Tháng phải từ 1 đến 12.'],
    ['7/31/2022', 'Tháng phải từ 1 đến 12.'],
    ['10/7/1899', 'Năm phải từ 1900 đến 2100.'],
    ['10/7/2202', 'Năm phải từ 1900 đến 2100.'],
  ])('fails with OUT_OF_RANGE for %j when the date does not exist', (input, message) => {
    expect(parseVnDate(input)).toEqual({ ok: false, code: 'OUT_OF_RANGE', message });
  });

  it.each([
    ['10/7', 'no year'],
    ['10/7/', 'an empty year'],
    ['10/7-2022', 'mixed separators'],
    ['10/7/022', 'a three-digit year'],
    ['10/7/20222', 'a five-digit year'],
    ['100/7/2022', 'a three-digit day'],
    ['10 7 2022', 'spaces only'],
    ['10/7/2022 14:30', 'a time'],
    ['hôm nay', 'a relative date'],
    ['ngày mười tháng bảy', 'numbers in words'],
    ['July 10, 2022', 'English'],
    ['10 tháng 7', 'no year in words'],
    ['tháng 7 năm 2022', 'no day'],
    ['10 tháng 72022', 'the year glued to the month'],
    ['2022/07/10', 'year first with slashes'],
    ['2022-07', 'year and month only'],
    ['10//7/2022', 'a doubled separator'],
    ['-10/7/2022', 'a sign'],
  ])('fails with MALFORMED for %j when it has %s', (input) => {
    expect(parseVnDate(input)).toEqual({ ok: false, code: 'MALFORMED', message: MESSAGE_MALFORMED });
  });

  it.each([[''], ['   '], ['.']])('fails with EMPTY for %j', (input) => {
    expect(parseVnDate(input)).toEqual({
      ok: false,
      code: 'EMPTY',
      message: 'Xin nhập ngày, ví dụ 10/07/2022.',
    });
  });

  it('fails with TOO_LONG when the input is longer than 100 characters', () => {
    expect(parseVnDate(`10/7/2022${' '.repeat(100)}`)).toMatchObject({ ok: false, code: 'TOO_LONG' });
  });
});
