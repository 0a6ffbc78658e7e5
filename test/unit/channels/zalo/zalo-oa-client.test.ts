import { createZaloOaClient } from '../../../../src/channels/zalo/zalo-oa-client';
import { ZaloApiError, ZaloHttpError } from '../../../../src/channels/zalo/zalo-errors';
import type { ZaloOaTokens } from '../../../../src/channels/zalo/zalo-oa-tokens';
import { json, scriptedFetch } from './scripted-fetch';

function tokens(): ZaloOaTokens & { refreshed: string[] } {
  let current = 'access-1';
  const refreshed: string[] = [];
  return {
    refreshed,
    getAccessToken: async () => current,
    refreshAfterRejection: async (rejected) => {
      refreshed.push(rejected);
      current = `access-${refreshed.length + 1}`;
      return current;
    },
  };
}

function client(answers: Parameters<typeof scriptedFetch>[0], t = tokens()) {
  const scripted = scriptedFetch(answers);
  return {
    ...scripted,
    tokens: t,
    client: createZaloOaClient({ apiRoot: 'https://openapi.test/', znsApiRoot: 'https://zns.test', tokens: t, fetch: scripted.fetch }),
  };
}

describe('createZaloOaClient', () => {
  it('sends a text with the access_token header (not Bearer) to v3.0/oa/message/cs', async () => {
    const c = client([json({ error: 0, message: 'Success', data: { message_id: 'm-1', user_id: '2512523625412515' } })]);
    await expect(c.client.sendText('2512523625412515', 'Xin chào')).resolves.toEqual({ messageId: 'm-1' });
    const [request] = c.requests;
    expect(request).toMatchObject({ url: 'https://openapi.test/v3.0/oa/message/cs', method: 'POST' });
    expect(request?.headers.access_token).toBe('access-1');
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.parse(request?.body ?? '')).toEqual({ recipient: { user_id: '2512523625412515' }, message: { text: 'Xin chào' } });
  });

  it('refreshes once and retries once when the token is refused (-216)', async () => {
    const c = client([json({ error: -216, message: 'Access token is invalid' }), json({ error: 0, message: 'Success', data: { message_id: 'm-2' } })]);
    await expect(c.client.sendText('1', 'a')).resolves.toEqual({ messageId: 'm-2' });
    expect(c.tokens.refreshed).toEqual(['access-1']);
    expect(c.requests.map((r) => r.headers.access_token)).toEqual(['access-1', 'access-2']);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    const c = client([json({ error: -216, message: 'x' }), json({ error: -216, message: 'x' })]);
    await expect(c.client.sendText('1', 'a')).rejects.toMatchObject({ name: 'ZaloApiError', errorCode: -216 });
    expect(c.tokens.refreshed).toHaveLength(1);
  });

  it('throws ZaloApiError for error ≠ 0 with HTTP 200, without refreshing', async () => {
    const c = client([json({ error: -230, message: 'User has not interacted with the OA in the past 7 days' })]);
    const error = await c.client.sendText('1', 'a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error).toMatchObject({ surface: 'oa', endpoint: 'sendMessage', errorCode: -230 });
    expect(c.tokens.refreshed).toHaveLength(0);
  });

  it('throws ZaloHttpError for a non-2xx answer and for an unexpected shape', async () => {
    const c = client([() => new Response('bad gateway', { status: 502 }), json({ hello: 'world' }), json({ error: 0, data: { nope: 1 } })]);
    await expect(c.client.sendText('1', 'a')).rejects.toMatchObject({ name: 'ZaloHttpError', status: 502 });
    await expect(c.client.sendText('1', 'a')).rejects.toBeInstanceOf(ZaloHttpError);
    await expect(c.client.sendText('1', 'a')).rejects.toThrow('unexpected data shape');
  });

  it('asks user/detail with the user id as a JSON query parameter and keeps big ids as strings', async () => {
    const c = client([
      () => new Response('{"error":0,"message":"Success","data":{"user_id":7254870239513629467,"display_name":"Nguyễn Văn An","user_is_follower":true}}'),
    ]);
    await expect(c.client.getUserDetail('7254870239513629467')).resolves.toEqual({
      userId: '7254870239513629467',
      displayName: 'Nguyễn Văn An',
      isFollower: true,
    });
    const url = new URL(c.requests[0]?.url ?? '');
    expect(url.pathname).toBe('/v3.0/oa/user/detail');
    expect(url.searchParams.get('data')).toBe('{"user_id":"7254870239513629467"}');
    expect(c.requests[0]?.method).toBe('GET');
  });

  it('sends the request_user_info template', async () => {
    const c = client([json({ error: 0, data: { message_id: 'm-3' } })]);
    await c.client.sendRequestUserInfo('1', { title: 'Chia sẻ', subtitle: 'Số điện thoại', imageUrl: 'https://x.test/a.png' });
    expect(JSON.parse(c.requests[0]?.body ?? '').message.attachment).toEqual({
      type: 'template',
      payload: { template_type: 'request_user_info', elements: [{ title: 'Chia sẻ', subtitle: 'Số điện thoại', image_url: 'https://x.test/a.png' }] },
    });
  });

  it('sends an image by URL as a media template', async () => {
    const c = client([json({ error: 0, data: { message_id: 'm-4' } })]);
    await c.client.sendImage('1', 'https://x.test/a.jpg');
    expect(JSON.parse(c.requests[0]?.body ?? '').message).toEqual({
      attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: 'https://x.test/a.jpg' }] } },
    });
  });

  it('sends a ZNS template by phone in Zalo’s 84… form and reads the quota', async () => {
    const c = client([
      json({ error: 0, message: 'Success', data: { msg_id: 'z-1', sent_time: '1656640800000', quota: { dailyQuota: '500', remainingQuota: '499' } } }),
    ]);
    await expect(
      c.client.sendTemplate({ phone: '+84912345678', templateId: '231456', templateData: { ten_doanh_nghiep: 'An Phát', han_nop: '10/07/2022' }, trackingId: 'r-1' }),
    ).resolves.toEqual({ messageId: 'z-1', sentAt: new Date(1656640800000), quota: { daily: 500, remaining: 499 } });
    expect(c.requests[0]?.url).toBe('https://zns.test/message/template');
    expect(JSON.parse(c.requests[0]?.body ?? '')).toEqual({
      phone: '84912345678',
      template_id: '231456',
      template_data: { ten_doanh_nghiep: 'An Phát', han_nop: '10/07/2022' },
      tracking_id: 'r-1',
    });
  });

  it('refreshes on ZNS’s own token code (-124) and reports ZNS codes as ZNS', async () => {
    const c = client([json({ error: -124, message: 'Access token invalid' }), json({ error: -117, message: 'no permission for template' })]);
    await expect(c.client.sendTemplate({ phone: '84912345678', templateId: '1', templateData: {} })).rejects.toMatchObject({
      surface: 'zns',
      errorCode: -117,
    });
    expect(c.tokens.refreshed).toEqual(['access-1']);
  });

  it('wraps a network failure in ZaloHttpError', async () => {
    const c = client([() => Promise.reject(new TypeError('fetch failed'))]);
    await expect(c.client.sendText('1', 'a')).rejects.toMatchObject({ name: 'ZaloHttpError', message: 'oa.sendMessage: network request failed' });
  });
});
