import { randomBytes } from 'node:crypto';
import { startFakeServer, waitUntil } from './fake-zalo-server';

/** One message the OA sent, as the fake recorded it. */
export interface FakeOaSend {
  readonly userId: string;
  readonly accessToken: string;
  /** The text, for a text message. */
  readonly text?: string;
  /** The template type, for a template message (`request_user_info`, `media`). */
  readonly template?: string;
  readonly message: unknown;
}

/**
 * The Zalo OA Open API v3 as far as the channel uses it: `POST /v3.0/oa/message/cs`,
 * `GET /v3.0/oa/user/detail`, and a file host for the attachments people send. Errors come as
 * HTTP 200 with `error` ≠ 0, like Zalo's; they can be programmed per call or per person.
 */
export async function startFakeZaloOaApi(options: {
  /** Whether Zalo would accept this access token (the fake OAuth knows). */
  isValidToken: (token: string) => boolean;
  /** Display names by user id; others get "Người dùng <id>". */
  users?: Record<string, string>;
}) {
  const sent: FakeOaSend[] = [];
  const calls: Array<{ path: string; accessToken: string; error: number }> = [];
  const lookups: string[] = [];
  const failures: number[] = [];
  const failuresByUser = new Map<string, number>();
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  let n = 0;

  const server = await startFakeServer((request) => {
    const path = request.url.pathname;
    if (request.method === 'GET' && path.startsWith('/files/')) {
      const file = files.get(path.slice('/files/'.length));
      return file ? { bytes: file.bytes, contentType: file.contentType } : { json: { error: 'not found' }, status: 404 };
    }
    const header = request.headers.access_token;
    const accessToken = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
    const answer = (error: number, message: string, data?: unknown) => {
      calls.push({ path, accessToken, error });
      return { json: data === undefined ? { error, message } : { error, message, data } };
    };
    if (!options.isValidToken(accessToken)) return answer(-216, 'Access token is invalid');
    const programmed = failures.shift();
    if (programmed !== undefined) return answer(programmed, `Programmed error ${programmed}`);

    if (request.method === 'POST' && path === '/v3.0/oa/message/cs') {
      const body = JSON.parse(request.body.toString('utf8'));
      const userId = String(body.recipient?.user_id ?? '');
      const forUser = failuresByUser.get(userId);
      if (forUser !== undefined) return answer(forUser, `Programmed error ${forUser}`);
      const message = body.message ?? {};
      sent.push({
        userId,
        accessToken,
        text: typeof message.text === 'string' ? message.text : undefined,
        template: message.attachment?.payload?.template_type,
        message,
      });
      return answer(0, 'Success', { message_id: `oa-msg-${(n += 1)}`, user_id: userId });
    }
    if (request.method === 'GET' && path === '/v3.0/oa/user/detail') {
      const userId = String(JSON.parse(request.url.searchParams.get('data') ?? '{}').user_id ?? '');
      lookups.push(userId);
      return answer(0, 'Success', {
        user_id: userId,
        display_name: options.users?.[userId] ?? `Người dùng ${userId}`,
        user_is_follower: true,
      });
    }
    return answer(-201, 'Unknown endpoint');
  });

  return {
    url: server.url,
    close: server.close,
    sent,
    calls,
    /** The user ids looked up with user/detail, in order. */
    lookups,
    /** The next `times` calls (after the token check) fail with `code`. */
    failNext(code: number, times = 1): void {
      for (let i = 0; i < times; i += 1) failures.push(code);
    },
    /** Every message to `userId` fails with `code` (until `clearFailures`). */
    failFor(userId: string, code: number): void {
      failuresByUser.set(userId, code);
    },
    clearFailures(): void {
      failures.length = 0;
      failuresByUser.clear();
    },
    /** Serves `bytes` like Zalo's file CDN; returns the URL to put in a `user_send_file` event. */
    hostFile(name: string, bytes: Uint8Array, contentType: string): string {
      const key = `${randomBytes(4).toString('hex')}-${encodeURIComponent(name)}`;
      files.set(key, { bytes, contentType });
      return `${server.url}/files/${key}`;
    },
    textsTo(userId: string): string[] {
      return sent.filter((s) => s.userId === userId && s.text !== undefined).map((s) => s.text ?? '');
    },
    /** Waits (bounded) until a message to `userId` after the first `after` sends matches `pattern`. */
    waitForText(userId: string, pattern: RegExp | string, after = 0, timeoutMs?: number): Promise<FakeOaSend[]> {
      return waitUntil(
        () => {
          const later = sent.slice(after).filter((s) => s.userId === userId);
          const found = later.some((s) => (typeof pattern === 'string' ? s.text?.includes(pattern) : pattern.test(s.text ?? '')));
          return found ? later : null;
        },
        `a message to ${userId} matching ${String(pattern)}`,
        timeoutMs,
      );
    },
  };
}

export type FakeZaloOaApi = Awaited<ReturnType<typeof startFakeZaloOaApi>>;
