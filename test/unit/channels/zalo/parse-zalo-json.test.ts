import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseZaloJson } from '../../../../src/channels/zalo/parse-zalo-json';

describe('parseZaloJson', () => {
  it('keeps ids of 16 digits and more as their exact digits', () => {
    const raw = readFileSync(path.join(__dirname, '../../../fixtures/zalo/oa/user_send_text-numeric-ids.json'), 'utf8');
    expect(JSON.parse(raw).sender.id).not.toBe('7254870239513629467');
    expect(parseZaloJson(raw)).toMatchObject({
      app_id: '2874951369803162012',
      sender: { id: '7254870239513629467' },
      recipient: { id: '4318202750712345678' },
      timestamp: 1656640800000,
    });
  });

  it('leaves digits inside strings alone, escaped quotes included', () => {
    expect(parseZaloJson('{"a":"x \\" 12345678901234567 y","b":12345678901234567}')).toEqual({
      a: 'x " 12345678901234567 y',
      b: '12345678901234567',
    });
  });

  it('leaves decimals, exponents and small numbers as numbers', () => {
    expect(parseZaloJson('[1.2345678901234567, 12345678901234567e2, -42, 0]')).toEqual([1.2345678901234567, 12345678901234567e2, -42, 0]);
  });

  it('returns undefined for text that is not JSON', () => {
    expect(parseZaloJson('mac=abc')).toBeUndefined();
    expect(parseZaloJson('')).toBeUndefined();
  });
});
