import { formatVnPhone } from '../../../../src/core/phone/format-vn-phone';

describe('formatVnPhone', () => {
  it('writes a Vietnamese mobile in E.164 as it is dialled at home', () => {
    expect(formatVnPhone('+84912345678')).toBe('0912 345 678');
    expect(formatVnPhone('+84357000111')).toBe('0357 000 111');
  });

  it('leaves anything else as stored', () => {
    expect(formatVnPhone('+442071234567')).toBe('+442071234567');
    expect(formatVnPhone('0912345678')).toBe('0912345678');
    expect(formatVnPhone('+8491234567')).toBe('+8491234567');
  });
});
