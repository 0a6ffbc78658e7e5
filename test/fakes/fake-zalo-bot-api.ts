import { type FakeAnswer, startFakeServer, waitUntil } from './fake-zalo-server';

/** One call the bot made, as the fake recorded it. */
export interface FakeBotCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/**
 * The Zalo Bot Platform: `POST /bot<token>/<method>` for sendMessage, sendPhoto, sendChatAction,
 * setWebhook, deleteWebhook and getUpdates (a long poll answering one queued update, or 408 when
 * none came within `timeout`). `{ ok: false, error_code }` on failure, like the platform.
 */
export async function startFakeZaloBotApi(options: { token: string }) {
  const calls: FakeBotCall[] = [];
  const updates: unknown[] = [];
  const failures: number[] = [];
  let webhook: { url: string; secret: string } | null = null;
  let n = 0;

  const server = await startFakeServer(async (request): Promise<FakeAnswer> => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url.pathname);
    if (!match || match[1] !== options.token) return { json: { ok: false, error_code: 401, description: 'Unauthorized' }, status: 401 };
    const method = match[2] ?? '';
    const params: Record<string, unknown> = request.body.length > 0 ? JSON.parse(request.body.toString('utf8')) : {};
    if (method !== 'getUpdates') calls.push({ method, params });
    const programmed = method.startsWith('send') && method !== 'sendChatAction' ? failures.shift() : undefined;
    if (programmed !== undefined) return { json: { ok: false, error_code: programmed, description: `Programmed error ${programmed}` }, status: programmed };

    switch (method) {
      case 'sendMessage':
      case 'sendPhoto':
        return { json: { ok: true, result: { message_id: `bot-msg-${(n += 1)}`, date: Date.now() } } };
      case 'sendChatAction':
        return { json: { ok: true } };
      case 'setWebhook':
        webhook = { url: String(params.url), secret: String(params.secret_token) };
        return { json: { ok: true, result: { url: webhook.url, updated_at: Date.now() } } };
      case 'deleteWebhook':
        webhook = null;
        return { json: { ok: true, result: { url: '', updated_at: Date.now() } } };
      case 'getUpdates': {
        if (webhook) return { json: { ok: false, error_code: 400, description: 'Webhook is set' }, status: 400 };
        const deadline = Date.now() + Number(params.timeout ?? 30) * 1000;
        while (updates.length === 0 && Date.now() < deadline && !request.closed()) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        // A client that gave up does not lose the update: it stays for the next call.
        if (request.closed() || updates.length === 0) return { json: { ok: false, error_code: 408, description: 'Request timeout' }, status: 408 };
        return { json: { ok: true, result: updates.shift() } };
      }
      default:
        return { json: { ok: false, error_code: 404, description: 'Not found' }, status: 404 };
    }
  });

  const sent = () => calls.filter((c) => c.method === 'sendMessage').map((c) => ({ chatId: String(c.params.chat_id), text: String(c.params.text) }));

  return {
    url: server.url,
    close: server.close,
    calls,
    get webhook() {
      return webhook;
    },
    /** Queues an update for getUpdates (one per call). */
    pushUpdate(update: unknown): void {
      updates.push(update);
    },
    failNext(code: number): void {
      failures.push(code);
    },
    textsTo(chatId: string): string[] {
      return sent()
        .filter((s) => s.chatId === chatId)
        .map((s) => s.text);
    },
    /** Waits (bounded) until a text to `chatId` after the first `after` texts to it matches `pattern`. */
    waitForText(chatId: string, pattern: RegExp | string, after = 0): Promise<string[]> {
      return waitUntil(() => {
        const later = sent()
          .filter((s) => s.chatId === chatId)
          .slice(after)
          .map((s) => s.text);
        return later.some((t) => (typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t))) ? later : null;
      }, `a text to ${chatId} matching ${String(pattern)}`);
    },
  };
}

export type FakeZaloBotApi = Awaited<ReturnType<typeof startFakeZaloBotApi>>;
