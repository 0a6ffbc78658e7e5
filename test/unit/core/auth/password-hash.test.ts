import { hashPassword, verifyPassword } from '../../../../src/core/auth/password-hash';

describe('password hashing', () => {
  it('verifies the password it hashed and refuses another', async () => {
    const stored = await hashPassword('mật-khẩu-văn-phòng');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('mật-khẩu-văn-phòng', stored)).toBe(true);
    expect(await verifyPassword('mat-khau-van-phong', stored)).toBe(false);
  });

  it('salts: the same password twice gives two hashes', async () => {
    expect(await hashPassword('abcdefghij')).not.toBe(await hashPassword('abcdefghij'));
  });

  it('accepts NFD input for an NFC password (a phone keyboard may send either)', async () => {
    const stored = await hashPassword('Hòa Bình 2022');
    expect(await verifyPassword('Hòa Bình 2022'.normalize('NFD'), stored)).toBe(true);
  });

  it.each(['', 'plain', 'scrypt$1$2', 'bcrypt$10$x$y$z$w', 'scrypt$abc$8$1$c2FsdA==$aGFzaA=='])(
    'answers false, not an error, for the malformed stored value %p',
    async (stored) => {
      expect(await verifyPassword('x', stored)).toBe(false);
    },
  );
});
