import type { InboundMessage } from '../../../src/core/messages';
import { cleanInbound } from '../../../src/flows/clean-inbound';

describe('cleanInbound', () => {
  const base: InboundMessage = { channel: 'telegram', platformUserId: '42', updateId: 'tg-1' };

  it('strips NUL and lone surrogates from everything a person controls', () => {
    const message = cleanInbound({
      ...base,
      displayName: 'Nguyễn\u0000 Văn An',
      text: 'Công ty\ud800 ABC',
      payload: 'yes\u0000',
      sharedPhone: { phone: '0912\u0000345678', verified: true },
      attachment: { kind: 'document', fileName: 'thue\u0000.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'ab', storagePath: 'uploads/a.bin' },
    });
    expect(message).toMatchObject({
      displayName: 'Nguyễn Văn An',
      text: 'Công ty ABC',
      payload: 'yes',
      sharedPhone: { phone: '0912345678', verified: true },
      attachment: { fileName: 'thue.pdf', storagePath: 'uploads/a.bin' },
    });
  });

  it('strips bidi overrides from a file name, which would show hoa-don\\u202egnp.exe as hoa-donexe.png', () => {
    const attachment = { kind: 'image', fileName: 'hoa-don\u202egnp.exe', mimeType: 'image/jpeg', sizeBytes: 1, sha256: 'ab', storagePath: 'uploads/a.bin' } as const;
    expect(cleanInbound({ ...base, attachment }).attachment?.fileName).toBe('hoa-dongnp.exe');
  });

  it('leaves the platform ids and what was not sent alone', () => {
    const message = cleanInbound({ ...base, text: 'xin chào' });
    expect(message).toMatchObject({ channel: 'telegram', platformUserId: '42', updateId: 'tg-1', text: 'xin chào' });
    expect(message.attachment).toBeUndefined();
    expect(message.sharedPhone).toBeUndefined();
  });
});
