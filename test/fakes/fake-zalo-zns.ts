import { startFakeServer } from './fake-zalo-server';

/** One ZNS template message, as the fake recorded it. */
export interface FakeZnsSend {
  readonly phone: string;
  readonly templateId: string;
  readonly templateData: Record<string, unknown>;
  readonly trackingId?: string;
  readonly accessToken: string;
}

/**
 * ZNS: `POST /message/template` with the OA's access token. Answers like Zalo's (HTTP 200,
 * `error` ≠ 0 on failure; -124 for a token it refuses); failures can be programmed.
 */
export async function startFakeZaloZns(options: { isValidToken: (token: string) => boolean; dailyQuota?: number }) {
  const sent: FakeZnsSend[] = [];
  const failures: number[] = [];
  const server = await startFakeServer((request) => {
    if (request.method !== 'POST' || request.url.pathname !== '/message/template') return { json: { error: -106, message: 'Method unsupported' } };
    const header = request.headers.access_token;
    const accessToken = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
    if (!options.isValidToken(accessToken)) return { json: { error: -124, message: 'Access token invalid' } };
    const programmed = failures.shift();
    if (programmed !== undefined) return { json: { error: programmed, message: `Programmed error ${programmed}` } };
    const body = JSON.parse(request.body.toString('utf8'));
    sent.push({ phone: body.phone, templateId: body.template_id, templateData: body.template_data, trackingId: body.tracking_id, accessToken });
    const daily = options.dailyQuota ?? 500;
    return {
      json: {
        error: 0,
        message: 'Success',
        data: {
          msg_id: `zns-${sent.length}`,
          sent_time: String(Date.now()),
          quota: { dailyQuota: String(daily), remainingQuota: String(daily - sent.length) },
        },
      },
    };
  });
  return {
    url: server.url,
    close: server.close,
    sent,
    failNext(code: number, times = 1): void {
      for (let i = 0; i < times; i += 1) failures.push(code);
    },
  };
}

export type FakeZaloZns = Awaited<ReturnType<typeof startFakeZaloZns>>;
