import { parseVnMobile } from '../../../../src/core/phone/parse-vn-mobile';

const MESSAGE_FORMAT = 'Số di động gồm 10 chữ số, bắt đầu bằng 0, ví dụ 0912 345 678.';
const MESSAGE_LANDLINE = 'Đây là số cố định (số bàn), xin nhập số di động.';
const MESSAGE_NOT_VIETNAMESE = 'Xin nhập số di động Việt Nam (bắt đầu bằng 0 hoặc +84).';

describe('parseVnMobile', () => {
  it.each([
    ['0912 345 678'],
    ['0912.345.678'],
    ['0912-345-678'],
    ['0912345678'],
    ['  0912345678  '],
    ['+84 912 345 678'],
    ['+84912345678'],
    ['84912345678'],
    ['(+84) 912-345-678'],
    ['(+84)912345678'],
    ['0084912345678'],
    ['0084 912 345 678'],
    ['+84 0912 345 678'],
    ['840912345678'],
    ['(091) 234 5678'],
    ['0912\u00a0345\u00a0678'],
    ['0912–345–678'],
  ])('normalises %j to E.164 when typed in a common way', (input) => {
    expect(parseVnMobile(input)).toEqual({ ok: true, value: '+84912345678' });
  });

  it.each([
    // Viettel
    ['032', '0321234567'],
    ['033', '0331234567'],
    ['034', '0341234567'],
    ['035', '0351234567'],
    ['036', '0361234567'],
    ['037', '0371234567'],
    ['038', '0381234567'],
    ['039', '0391234567'],
    ['086', '0861234567'],
    ['096', '0961234567'],
    ['097', '0971234567'],
    ['098', '0981234567'],
    // VinaPhone
    ['081', '0811234567'],
    ['082', '0821234567'],
    ['083', '0831234567'],
    ['084', '0841234567'],
    ['085', '0851234567'],
    ['088', '0881234567'],
    ['091', '0911234567'],
    ['094', '0941234567'],
    // MobiFone
    ['070', '0701234567'],
    ['076', '0761234567'],
    ['077', '0771234567'],
    ['078', '0781234567'],
    ['079', '0791234567'],
    ['089', '0891234567'],
    ['090', '0901234567'],
    ['093', '0931234567'],
    // Vietnamobile, Gmobile, Itel, Reddi
    ['052', '0521234567'],
    ['056', '0561234567'],
    ['058', '0581234567'],
    ['092', '0921234567'],
    ['059', '0591234567'],
    ['099', '0991234567'],
    ['087', '0871234567'],
    ['0559', '0559123456'],
  ])('accepts the mobile prefix %s when the number has ten digits', (_prefix, input) => {
    expect(parseVnMobile(input)).toEqual({ ok: true, value: `+84${input.slice(1)}` });
  });

  it.each([
    ['0951234567', '095'],
    ['0301234567', '030'],
    ['0311234567', '031'],
    ['0501234567', '050'],
    ['0511234567', '051'],
    ['0531234567', '053'],
    ['0541234567', '054'],
    ['0551234567', '055'],
    ['0571234567', '057'],
    ['0711234567', '071'],
    ['0751234567', '075'],
    ['0801234567', '080'],
    ['0412345678', '041'],
    ['0612345678', '061'],
    ['0123456789', '012'],
    ['+84 95 123 4567', '095'],
  ])('rejects %j naming prefix %s when it is not a mobile range', (input, prefix) => {
    expect(parseVnMobile(input)).toEqual({
      ok: false,
      code: 'MALFORMED',
      message: `Đầu số ${prefix} không phải đầu số di động Việt Nam. Xin kiểm tra lại.`,
    });
  });

  it.each([
    ['01662345678', '0362345678'],
    ['0166 234 5678', '0362345678'],
    ['0169 123 4567', '0391234567'],
    ['0120 123 4567', '0701234567'],
    ['0121 123 4567', '0791234567'],
    ['0122 123 4567', '0771234567'],
    ['0126 123 4567', '0761234567'],
    ['0128 123 4567', '0781234567'],
    ['0123 123 4567', '0831234567'],
    ['0124 123 4567', '0841234567'],
    ['0125 123 4567', '0851234567'],
    ['0127 123 4567', '0811234567'],
    ['0129 123 4567', '0821234567'],
    ['0186 123 4567', '0561234567'],
    ['0188 123 4567', '0581234567'],
    ['0199 123 4567', '0591234567'],
    ['+84 162 123 4567', '0321234567'],
  ])('rejects the old eleven-digit number %j and names the new number %s', (input, replacement) => {
    expect(parseVnMobile(input)).toEqual({
      ok: false,
      code: 'MALFORMED',
      message:
        'Số 11 chữ số bắt đầu bằng 01 là đầu số cũ, đã chuyển sang 10 chữ số từ năm 2018. ' +
        `Số mới tương ứng là ${replacement}, xin nhập số mới.`,
    });
  });

  it('rejects an old eleven-digit number with no known conversion and asks for the new number', () => {
    expect(parseVnMobile('01001234567')).toEqual({
      ok: false,
      code: 'MALFORMED',
      message:
        'Số 11 chữ số bắt đầu bằng 01 là đầu số cũ, đã chuyển sang 10 chữ số từ năm 2018. ' +
        'Xin nhập số di động mới.',
    });
  });

  it.each([
    ['024 3826 1234'],
    ['02438261234'],
    ['028 3823 4567'],
    ['0204 3854 321'],
    ['0222 3812 345'],
    ['+84 24 3826 1234'],
    ['84 2438261234'],
    ['0243826123'],
  ])('rejects the landline %j and asks for a mobile number', (input) => {
    expect(parseVnMobile(input)).toEqual({ ok: false, code: 'MALFORMED', message: MESSAGE_LANDLINE });
  });

  it.each([
    ['091234567', 'nine digits'],
    ['09123456789', 'eleven digits'],
    ['091', 'three digits'],
    ['+84 91234567', 'eight digits after +84'],
    ['+84 91234567890', 'eleven digits after +84'],
    ['0912 345 67a', 'a letter'],
    ['không có', 'words'],
    ['0912345678 ext 12', 'an extension'],
    ['0912/345/678', 'slashes'],
    ['+', 'a lone plus'],
    ['0912+345678', 'a plus in the middle'],
    ['#0912345678', 'a hash'],
  ])('rejects %j with the format message when it has %s', (input) => {
    expect(parseVnMobile(input)).toEqual({ ok: false, code: 'MALFORMED', message: MESSAGE_FORMAT });
  });

  it.each([
    ['+1 415 555 0100', 'a US number'],
    ['+86 139 1234 5678', 'a Chinese number'],
    ['0065 9123 4567', 'a Singapore number with 00'],
    ['912345678', 'nine digits without the leading 0'],
    ['1800 1234', 'a toll-free number'],
  ])('rejects %j as not Vietnamese when it is %s', (input) => {
    expect(parseVnMobile(input)).toEqual({
      ok: false,
      code: 'MALFORMED',
      message: MESSAGE_NOT_VIETNAMESE,
    });
  });

  it.each([[''], ['   '], ['( ) - .']])('fails with EMPTY when %j has no digits', (input) => {
    expect(parseVnMobile(input)).toEqual({
      ok: false,
      code: 'EMPTY',
      message: 'Xin nhập số điện thoại di động, ví dụ 0912 345 678.',
    });
  });

  it('rejects input longer than 64 characters as TOO_LONG', () => {
    expect(parseVnMobile('0912345678'.repeat(7))).toMatchObject({ ok: false, code: 'TOO_LONG' });
  });
});
