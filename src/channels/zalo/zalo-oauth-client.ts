import { z } from 'zod';
import { parseZaloJson } from './parse-zalo-json';
import { ZaloApiError, ZaloHttpError } from './zalo-errors';

/** A new pair from Zalo's OAuth: the refresh token given is spent, this one replaces it. */
export interface ZaloOaTokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** How long the access token lives, in seconds (Zalo says 90000, 25 hours). */
  readonly expiresInSeconds: number;
}

export interface ZaloOAuthClientOptions {
  /** e.g. https://oauth.zaloapp.com */
  readonly oauthRoot: string;
  readonly appId: string;
  /** The app's secret key, sent in the `secret_key` header. */
  readonly appSecret: string;
  /** @defaultValue 10_000 */
  readonly timeoutMs?: number;
  /** Injected in tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

const pairSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  // A string in Zalo's examples ("90000"); a number is accepted too.
  expires_in: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().positive()),
});
const errorSchema = z.object({
  error: z.coerce.number(),
  error_description: z.string().optional(),
  error_name: z.string().optional(),
  message: z.string().optional(),
});

/**
 * Zalo OAuth v4 for an OA: `POST <oauthRoot>/v4/oa/access_token`, form-encoded, the app secret in
 * the `secret_key` header, `grant_type=refresh_token`. Source: developers.zalo.me's "Xác thực và
 * ủy quyền" page as quoted in hoangnd25/monorepo's integration guide.
 */
export function createZaloOAuthClient(options: ZaloOAuthClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  return {
    /** Spends `refreshToken` for a new pair. Throws `ZaloApiError` (Zalo refused) or `ZaloHttpError`. */
    async refresh(refreshToken: string): Promise<ZaloOaTokenPair> {
      let response: Response;
      try {
        response = await doFetch(`${options.oauthRoot.replace(/\/+$/, '')}/v4/oa/access_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: options.appSecret },
          body: new URLSearchParams({ refresh_token: refreshToken, app_id: options.appId, grant_type: 'refresh_token' }).toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        throw new ZaloHttpError('oauth', 'refreshToken', 'network request failed', undefined, { cause });
      }
      const body = parseZaloJson(await response.text().catch(() => ''));
      const pair = pairSchema.safeParse(body);
      if (response.ok && pair.success) {
        return {
          accessToken: pair.data.access_token,
          refreshToken: pair.data.refresh_token,
          expiresInSeconds: pair.data.expires_in,
        };
      }
      const refused = errorSchema.safeParse(body);
      if (refused.success && refused.data.error !== 0) {
        const d = refused.data;
        throw new ZaloApiError('oauth', 'refreshToken', d.error, d.error_description ?? d.error_name ?? d.message ?? '');
      }
      throw new ZaloHttpError('oauth', 'refreshToken', response.ok ? 'unexpected response shape' : `HTTP ${response.status}`, response.status);
    },
  };
}

export type ZaloOAuthClient = ReturnType<typeof createZaloOAuthClient>;
