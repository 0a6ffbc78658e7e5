import { createZaloOAuthClient } from '../../../../src/channels/zalo/zalo-oauth-client';
import { json, scriptedFetch } from './scripted-fetch';

describe('createZaloOAuthClient', () => {
  it('posts the refresh token form-encoded with the app secret in the secret_key header', async () => {
    const s = scriptedFetch([json({ access_token: 'A2', refresh_token: 'R2', expires_in: '90000' })]);
    const oauth = createZaloOAuthClient({ oauthRoot: 'https://oauth.test/', appId: '123', appSecret: 'app-secret', fetch: s.fetch });
    await expect(oauth.refresh('R1')).resolves.toEqual({ accessToken: 'A2', refreshToken: 'R2', expiresInSeconds: 90000 });
    const [request] = s.requests;
    expect(request?.url).toBe('https://oauth.test/v4/oa/access_token');
    expect(request?.headers).toMatchObject({ secret_key: 'app-secret', 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({ refresh_token: 'R1', app_id: '123', grant_type: 'refresh_token' });
  });

  it('throws ZaloApiError when Zalo refuses the refresh token', async () => {
    const s = scriptedFetch([json({ error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid' })]);
    const oauth = createZaloOAuthClient({ oauthRoot: 'https://oauth.test', appId: '123', appSecret: 's', fetch: s.fetch });
    await expect(oauth.refresh('R1')).rejects.toMatchObject({ name: 'ZaloApiError', surface: 'oauth', errorCode: -14014 });
  });

  it('throws ZaloHttpError on a server error', async () => {
    const s = scriptedFetch([() => new Response('oops', { status: 500 })]);
    const oauth = createZaloOAuthClient({ oauthRoot: 'https://oauth.test', appId: '123', appSecret: 's', fetch: s.fetch });
    await expect(oauth.refresh('R1')).rejects.toMatchObject({ name: 'ZaloHttpError', status: 500 });
  });
});
