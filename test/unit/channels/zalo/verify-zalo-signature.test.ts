import { verifyZaloSignature } from '../../../../src/channels/zalo/verify-zalo-signature';

// Fixed test vectors: sha256(app_id + body + timestamp + OA secret key), computed once by hand.
const appId = '2874951369803162012';
const secretKey = 'oa-secret-key-for-tests';
const timestamp = '1656640800000';
const body =
  '{"app_id":"2874951369803162012","event_name":"user_send_text","timestamp":"1656640800000","sender":{"id":"2512523625412515"},"message":{"text":"Xin chào","msg_id":"7d2b5c1e0f8a4d3b9c6e"}}';
const rightMac = '301944b238bd97fa409f1b139a0f7a4db42674f448ea73663f6fe74e3e8cb281';
/** The same body signed with "another-key". */
const otherKeyMac = '8521082f4a5f012e5a46198f5067b6468fca32ab82100e0dc503e789764796c4';

function verify(overrides: Partial<Parameters<typeof verifyZaloSignature>[0]> = {}) {
  return verifyZaloSignature({ appId, secretKey, rawBody: Buffer.from(body, 'utf8'), timestamp, signature: `mac=${rightMac}`, ...overrides });
}

describe('verifyZaloSignature', () => {
  it('returns true for the right signature over the raw bytes', () => {
    expect(verify()).toBe(true);
  });

  it('accepts the header without its mac= prefix and in upper case', () => {
    expect(verify({ signature: rightMac.toUpperCase() })).toBe(true);
  });

  it('returns false when the body was signed with another key', () => {
    expect(verify({ signature: `mac=${otherKeyMac}` })).toBe(false);
    expect(verify({ secretKey: 'another-key', signature: `mac=${otherKeyMac}` })).toBe(true);
  });

  it('returns false when the body was tampered with', () => {
    const tampered = Buffer.from(body.replace('Xin chào', 'Xin chao'), 'utf8');
    expect(verify({ rawBody: tampered })).toBe(false);
  });

  it('returns false when the same JSON arrives with other bytes (signature is over the raw body)', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body), null, 1), 'utf8');
    expect(verify({ rawBody: reformatted })).toBe(false);
  });

  it('returns false when the signature header is missing or empty', () => {
    expect(verify({ signature: undefined })).toBe(false);
    expect(verify({ signature: '' })).toBe(false);
    expect(verify({ signature: 'mac=' })).toBe(false);
  });

  it('returns false for a wrong timestamp', () => {
    expect(verify({ timestamp: '1656640800001' })).toBe(false);
    expect(verify({ timestamp: undefined })).toBe(false);
  });

  it('returns false for another app id', () => {
    expect(verify({ appId: '1111111111111111111' })).toBe(false);
  });

  it('returns false for a malformed signature without throwing', () => {
    expect(verify({ signature: 'mac=xyz' })).toBe(false);
    expect(verify({ signature: `mac=${rightMac}00` })).toBe(false);
  });
});
