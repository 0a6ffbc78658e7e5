import { ChannelError } from '../../../../src/channels/channel-error';
import { isTokenRejection, toZaloChannelError, ZaloApiError, ZaloHttpError } from '../../../../src/channels/zalo/zalo-errors';

function mapped(surface: 'oa' | 'zns' | 'bot' | 'oauth', code: number) {
  const error = toZaloChannelError(surface === 'bot' ? 'zalo_bot' : 'zalo_oa', new ZaloApiError(surface, 'x', code, 'mô tả'));
  return { code: error.code, reason: error.reason, retryAfterMs: error.retryAfterMs, retryable: error.retryable };
}

describe('toZaloChannelError', () => {
  it.each([
    ['oa', -230, 'CHANNEL_REJECTED', 'outside_window'],
    ['oa', -232, 'CHANNEL_REJECTED', 'outside_window'],
    ['oa', -213, 'CHANNEL_REJECTED', 'blocked'],
    ['oa', -244, 'CHANNEL_REJECTED', 'blocked'],
    ['oa', -227, 'CHANNEL_REJECTED', 'unreachable'],
    ['oa', -211, 'CHANNEL_REJECTED', 'quota_exceeded'],
    ['oa', -218, 'CHANNEL_REJECTED', 'quota_exceeded'],
    ['oa', -201, 'CHANNEL_REJECTED', 'error'],
    ['oa', -999, 'CHANNEL_REJECTED', 'error'],
    ['oa', -216, 'CHANNEL_UNAVAILABLE', undefined],
    ['oa', -219, 'CHANNEL_UNAVAILABLE', undefined],
    ['oa', -223, 'CHANNEL_UNAVAILABLE', undefined],
    ['zns', -115, 'CHANNEL_REJECTED', 'quota_exceeded'],
    ['zns', -117, 'CHANNEL_REJECTED', 'template_not_approved'],
    ['zns', -109, 'CHANNEL_REJECTED', 'template_not_approved'],
    ['zns', -108, 'CHANNEL_REJECTED', 'unreachable'],
    ['zns', -100, 'CHANNEL_UNAVAILABLE', undefined],
    ['bot', 400, 'CHANNEL_REJECTED', 'error'],
    ['bot', 401, 'CHANNEL_UNAVAILABLE', undefined],
    ['oauth', -14014, 'CHANNEL_UNAVAILABLE', undefined],
  ] as const)('maps %s %i to %s %s', (surface, code, channelCode, reason) => {
    expect(mapped(surface, code)).toMatchObject({ code: channelCode, reason, retryable: channelCode !== 'CHANNEL_REJECTED' });
  });

  it('maps -32 (calls per minute) and the Bot Platform 429 to CHANNEL_RATE_LIMITED with a wait', () => {
    expect(mapped('oa', -32)).toMatchObject({ code: 'CHANNEL_RATE_LIMITED', retryAfterMs: 60_000, retryable: true });
    expect(mapped('bot', 429)).toMatchObject({ code: 'CHANNEL_RATE_LIMITED', retryAfterMs: 60_000 });
  });

  it('tells the same code apart by surface (-100 is a ZNS server error)', () => {
    expect(mapped('zns', -100).code).toBe('CHANNEL_UNAVAILABLE');
    expect(mapped('oa', -100).code).toBe('CHANNEL_REJECTED');
  });

  it('maps transport failures to CHANNEL_UNAVAILABLE and HTTP 429 to CHANNEL_RATE_LIMITED', () => {
    expect(toZaloChannelError('zalo_oa', new ZaloHttpError('oa', 'sendMessage', 'HTTP 502', 502)).code).toBe('CHANNEL_UNAVAILABLE');
    expect(toZaloChannelError('zalo_oa', new TypeError('fetch failed')).code).toBe('CHANNEL_UNAVAILABLE');
    expect(toZaloChannelError('zalo_oa', new ZaloHttpError('oa', 'sendMessage', 'HTTP 429', 429)).code).toBe('CHANNEL_RATE_LIMITED');
  });

  it('says what happened in Vietnamese, with the code, and keeps the cause', () => {
    const cause = new ZaloApiError('oa', 'sendMessage', -230, 'User has not interacted with the OA in the past 7 days');
    const error = toZaloChannelError('zalo_oa', cause);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error.channel).toBe('zalo_oa');
    expect(error.message).toBe('Người dùng không tương tác với OA trong 7 ngày qua (mã -230)');
    expect(error.cause).toBe(cause);
  });

  it('passes a ChannelError through unchanged', () => {
    const error = new ChannelError('zalo_oa', 'CHANNEL_REJECTED', 'x', { reason: 'blocked' });
    expect(toZaloChannelError('zalo_oa', error)).toBe(error);
  });
});

describe('isTokenRejection', () => {
  it('is true for the token codes of the OA and ZNS only', () => {
    expect(isTokenRejection(new ZaloApiError('oa', 'x', -216, ''))).toBe(true);
    expect(isTokenRejection(new ZaloApiError('oa', 'x', -220, ''))).toBe(true);
    expect(isTokenRejection(new ZaloApiError('zns', 'x', -124, ''))).toBe(true);
    expect(isTokenRejection(new ZaloApiError('oa', 'x', -124, ''))).toBe(false);
    expect(isTokenRejection(new ZaloApiError('oa', 'x', -230, ''))).toBe(false);
    expect(isTokenRejection(new Error('-216'))).toBe(false);
  });
});
