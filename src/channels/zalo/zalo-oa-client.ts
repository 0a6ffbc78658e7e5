import { z } from 'zod';
import { parseZaloJson } from './parse-zalo-json';
import { isTokenRejection, ZaloApiError, ZaloHttpError } from './zalo-errors';
import type { ZaloOaTokens } from './zalo-oa-tokens';

/** A platform id: a string, or a number Zalo sent unquoted (kept as its digits). */
const idSchema = z.union([z.string().min(1), z.number().int()]).transform(String);

/**
 * The endpoints we call and the `data` we read from each. Sources: developers.zalo.me's pages for
 * "Gửi tin Tư vấn" (v3.0/oa/message/cs) and "Lấy thông tin chi tiết người dùng" (v3.0/oa/user/detail,
 * `data` as a JSON query parameter), and zalo.cloud's ZNS "Gửi ZNS" (message/template), as quoted
 * in hoangnd25/monorepo's integration guide and the SDKs listed in the report.
 */
const endpoints = {
  sendMessage: {
    surface: 'oa',
    root: 'api',
    method: 'POST',
    path: '/v3.0/oa/message/cs',
    data: z.object({ message_id: idSchema, user_id: idSchema.optional() }),
  },
  getUserDetail: {
    surface: 'oa',
    root: 'api',
    method: 'GET',
    path: '/v3.0/oa/user/detail',
    data: z.object({ user_id: idSchema, display_name: z.string().optional(), user_is_follower: z.boolean().optional() }),
  },
  sendTemplate: {
    surface: 'zns',
    root: 'zns',
    method: 'POST',
    path: '/message/template',
    data: z.object({
      msg_id: idSchema,
      sent_time: idSchema.optional(),
      quota: z.object({ dailyQuota: idSchema, remainingQuota: idSchema }).optional(),
    }),
  },
} as const;

type EndpointName = keyof typeof endpoints;

const envelopeSchema = z.object({
  error: z.coerce.number(),
  message: z.string().optional(),
  data: z.unknown().optional(),
});

export interface ZaloOaClientOptions {
  /** e.g. https://openapi.zalo.me */
  readonly apiRoot: string;
  /** e.g. https://business.openapi.zalo.me */
  readonly znsApiRoot: string;
  /** Asked per request, so a token refreshed by another process is picked up. */
  readonly tokens: ZaloOaTokens;
  /** @defaultValue 10_000 */
  readonly timeoutMs?: number;
  /** Injected in tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** What to show in the `request_user_info` card (Zalo's "share your information" form). */
export interface RequestUserInfoCard {
  /** At most 100 characters. */
  readonly title: string;
  /** At most 500 characters. */
  readonly subtitle: string;
  readonly imageUrl?: string;
}

/**
 * A hand-written, typed client for the Zalo OA Open API v3 and ZNS. Every response is parsed with
 * zod; `error` ≠ 0 throws `ZaloApiError`, anything unreadable `ZaloHttpError`. A refused access
 * token (-216, -220; -124 on ZNS) is refreshed once and the request retried once.
 */
export function createZaloOaClient(options: ZaloOaClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const roots = { api: trimSlash(options.apiRoot), zns: trimSlash(options.znsApiRoot) };

  /** One round trip with `token`; returns Zalo's `data`, unparsed. */
  async function once(name: EndpointName, token: string, params: { query?: Record<string, string>; body?: unknown }): Promise<unknown> {
    const endpoint = endpoints[name];
    const url = new URL(`${roots[endpoint.root]}${endpoint.path}`);
    for (const [key, value] of Object.entries(params.query ?? {})) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: endpoint.method,
        // Zalo wants the token in an `access_token` header, not `Authorization: Bearer`.
        headers: { access_token: token, ...(params.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: params.body === undefined ? undefined : JSON.stringify(params.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new ZaloHttpError(endpoint.surface, name, 'network request failed', undefined, { cause });
    }
    if (!response.ok) throw new ZaloHttpError(endpoint.surface, name, `HTTP ${response.status}`, response.status);
    const envelope = envelopeSchema.safeParse(parseZaloJson(await response.text()));
    if (!envelope.success) {
      throw new ZaloHttpError(endpoint.surface, name, 'unexpected response shape', response.status, { cause: envelope.error });
    }
    // Zalo reports its errors with HTTP 200 and `error` ≠ 0.
    if (envelope.data.error !== 0) {
      throw new ZaloApiError(endpoint.surface, name, envelope.data.error, envelope.data.message ?? '');
    }
    return envelope.data.data;
  }

  async function request(name: EndpointName, params: { query?: Record<string, string>; body?: unknown }): Promise<unknown> {
    const token = await options.tokens.getAccessToken();
    try {
      return await once(name, token, params);
    } catch (error) {
      if (!isTokenRejection(error)) throw error;
      return once(name, await options.tokens.refreshAfterRejection(token), params);
    }
  }

  function parse<T>(name: EndpointName, schema: z.ZodType<T>, data: unknown): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new ZaloHttpError(endpoints[name].surface, name, 'unexpected data shape', undefined, { cause: parsed.error });
    }
    return parsed.data;
  }

  async function sendMessage(userId: string, message: unknown): Promise<{ messageId: string }> {
    const data = await request('sendMessage', { body: { recipient: { user_id: userId }, message } });
    return { messageId: parse('sendMessage', endpoints.sendMessage.data, data).message_id };
  }

  return {
    /** A consultation text message (at most 2,000 characters). */
    sendText(userId: string, text: string) {
      return sendMessage(userId, { text });
    },

    /** A consultation message with one picture, by URL. */
    sendImage(userId: string, imageUrl: string, caption?: string) {
      return sendMessage(userId, {
        ...(caption ? { text: caption } : {}),
        attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: imageUrl }] } },
      });
    },

    /** Zalo's own "share your name and phone" card; the answer arrives as `user_submit_info`. */
    sendRequestUserInfo(userId: string, card: RequestUserInfoCard) {
      return sendMessage(userId, {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'request_user_info',
            elements: [{ title: card.title, subtitle: card.subtitle, ...(card.imageUrl ? { image_url: card.imageUrl } : {}) }],
          },
        },
      });
    },

    /** The person's profile as the OA sees it. */
    async getUserDetail(userId: string): Promise<{ userId: string; displayName: string | null; isFollower: boolean | null }> {
      const data = await request('getUserDetail', { query: { data: JSON.stringify({ user_id: userId }) } });
      const detail = parse('getUserDetail', endpoints.getUserDetail.data, data);
      return { userId: detail.user_id, displayName: detail.display_name?.trim() || null, isFollower: detail.user_is_follower ?? null };
    },

    /**
     * A pre-approved ZNS template to a phone number, for people outside the 7-day window.
     * `phone` in E.164 (+84…) or Zalo's 84… form; `trackingId` comes back in delivery events.
     */
    async sendTemplate(input: {
      phone: string;
      templateId: string;
      templateData: Readonly<Record<string, string | number>>;
      trackingId?: string;
    }): Promise<{ messageId: string; sentAt: Date | null; quota: { daily: number; remaining: number } | null }> {
      const data = await request('sendTemplate', {
        body: {
          phone: input.phone.replace(/^\+/, ''),
          template_id: input.templateId,
          template_data: input.templateData,
          ...(input.trackingId ? { tracking_id: input.trackingId } : {}),
        },
      });
      const sent = parse('sendTemplate', endpoints.sendTemplate.data, data);
      return {
        messageId: sent.msg_id,
        sentAt: sent.sent_time && /^\d+$/.test(sent.sent_time) ? new Date(Number(sent.sent_time)) : null,
        quota: sent.quota ? { daily: Number(sent.quota.dailyQuota), remaining: Number(sent.quota.remainingQuota) } : null,
      };
    },
  };
}

export type ZaloOaClient = ReturnType<typeof createZaloOaClient>;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
