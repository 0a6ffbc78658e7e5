import { startFakeServer } from './fake-zalo-server';

/**
 * Zalo's OAuth v4 for an OA: `POST /v4/oa/access_token` with `grant_type=refresh_token`. It
 * rotates like Zalo: every refresh issues a new pair, and the refresh token it was given stops
 * working. Only the current access token is valid (the fake OA API asks `isValidAccessToken`).
 */
export async function startFakeZaloOAuth(options: {
  appId: string;
  appSecret: string;
  initial: { accessToken: string; refreshToken: string };
  /** Latency of a refresh, to make two processes' refreshes overlap. */
  delayMs?: number;
}) {
  let current = { ...options.initial };
  let accessValid = true;
  let issued = 0;
  const attempts: Array<{ refreshToken: string; accepted: boolean }> = [];

  const server = await startFakeServer(async (request) => {
    if (request.method !== 'POST' || request.url.pathname !== '/v4/oa/access_token') return { json: { error: -404 }, status: 404 };
    if (request.headers.secret_key !== options.appSecret) {
      return { json: { error: -14002, error_name: 'Invalid app secret', error_description: 'secret_key is invalid' } };
    }
    const form = new URLSearchParams(request.body.toString('utf8'));
    if (form.get('app_id') !== options.appId || form.get('grant_type') !== 'refresh_token') {
      return { json: { error: -14001, error_name: 'Invalid parameter', error_description: 'app_id or grant_type is invalid' } };
    }
    const refreshToken = form.get('refresh_token') ?? '';
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (refreshToken !== current.refreshToken) {
      attempts.push({ refreshToken, accepted: false });
      return { json: { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid or used' } };
    }
    attempts.push({ refreshToken, accepted: true });
    issued += 1;
    current = { accessToken: `access-token-${issued}`, refreshToken: `refresh-token-${issued}` };
    accessValid = true;
    return { json: { access_token: current.accessToken, refresh_token: current.refreshToken, expires_in: '90000' } };
  });

  return {
    url: server.url,
    close: server.close,
    /** Refresh calls that Zalo accepted. */
    get refreshCount() {
      return attempts.filter((a) => a.accepted).length;
    },
    /** Every refresh call, accepted or not. */
    get attempts() {
      return [...attempts];
    },
    get current() {
      return { ...current };
    },
    isValidAccessToken(token: string): boolean {
      return accessValid && token === current.accessToken;
    },
    /** The current access token expires (Zalo answers -216 to it from now on). */
    expireAccessToken(): void {
      accessValid = false;
    },
  };
}

export type FakeZaloOAuth = Awaited<ReturnType<typeof startFakeZaloOAuth>>;
