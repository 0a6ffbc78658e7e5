import { ChannelError } from '../../../../src/channels/channel-error';
import { createZaloOaAdapter, defaultRequestUserInfoCard } from '../../../../src/channels/zalo/zalo-oa-adapter';
import { ZaloApiError } from '../../../../src/channels/zalo/zalo-errors';

function fakeClient(failWith?: ZaloApiError) {
  const calls: Array<{ kind: 'text' | 'card'; userId: string; text?: string; title?: string }> = [];
  let n = 0;
  return {
    calls,
    client: {
      async sendText(userId: string, text: string) {
        if (failWith) throw failWith;
        calls.push({ kind: 'text' as const, userId, text });
        return { messageId: `m${(n += 1)}` };
      },
      async sendRequestUserInfo(userId: string, card: { title: string }) {
        calls.push({ kind: 'card' as const, userId, title: card.title });
        return { messageId: `m${(n += 1)}` };
      },
    },
  };
}

describe('createZaloOaAdapter', () => {
  it('sends the text with numbered choices, then the request_user_info card when a phone is asked', async () => {
    const f = fakeClient();
    const adapter = createZaloOaAdapter({ client: f.client });
    const result = await adapter.send('2512523625412515', {
      text: 'Anh/Chị nhập mã số thuế.',
      choices: [{ label: 'Đăng ký mới', payload: 'register' }],
      requestPhone: true,
    });
    expect(result.platformMessageIds).toEqual(['m1', 'm2']);
    expect(f.calls).toEqual([
      { kind: 'text', userId: '2512523625412515', text: 'Anh/Chị nhập mã số thuế.\n\n1. Đăng ký mới\nTrả lời 1.' },
      { kind: 'card', userId: '2512523625412515', title: defaultRequestUserInfoCard.title },
    ]);
  });

  it('sends a long reply as several messages in order', async () => {
    const f = fakeClient();
    const adapter = createZaloOaAdapter({ client: f.client });
    const text = Array.from({ length: 100 }, (_, i) => `Dòng ${i + 1}: ${'x'.repeat(40)}`).join('\n');
    const result = await adapter.send('1', { text });
    expect(result.platformMessageIds.length).toBeGreaterThan(1);
    expect(f.calls.map((c) => c.text).join('\n')).toBe(text);
  });

  it.each([
    [-230, 'CHANNEL_REJECTED', 'outside_window'],
    [-213, 'CHANNEL_REJECTED', 'blocked'],
    [-32, 'CHANNEL_RATE_LIMITED', undefined],
  ] as const)('throws a ChannelError for Zalo error %i', async (code, channelCode, reason) => {
    const adapter = createZaloOaAdapter({ client: fakeClient(new ZaloApiError('oa', 'sendMessage', code, 'x')).client });
    const error = await adapter.send('1', { text: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ channel: 'zalo_oa', code: channelCode, reason });
  });
});
