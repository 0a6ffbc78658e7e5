import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call as the fake received it. */
export interface RecordedCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  /** When the call arrived (ms since the epoch, to the microsecond): for rate measurements. */
  readonly at: number;
  /** Present when the fake answered with a failure instead of a result. */
  readonly failed?: FakeFailure['kind'];
}

/** A failure the fake answers instead of a result, as the real Bot API words it. */
export type FakeFailure =
  | { readonly kind: 'rate-limited'; readonly retryAfter: number }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'deactivated' }
  | { readonly kind: 'chat-not-found' }
  | { readonly kind: 'bad-request'; readonly description: string }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'server-error'; readonly status?: number };

export interface FakeTelegramFile {
  readonly fileId: string;
  readonly bytes: Uint8Array;
  /** @defaultValue `documents/file_<n>.<ext of fileId or bin>` */
  readonly filePath?: string;
  /** What getFile reports as file_size; null leaves it out. @defaultValue bytes.length */
  readonly reportedSize?: number | null;
}

export interface FakeTelegramServer {
  /** TELEGRAM_API_ROOT for the code under test. */
  readonly apiRoot: string;
  readonly token: string;
  readonly bot: { readonly id: number; readonly username: string };
  /** Every call, in order of arrival (downloads are in `downloads`). */
  readonly calls: readonly RecordedCall[];
  /** The file paths downloaded through /file/bot<token>/…, in order. */
  readonly downloads: readonly string[];
  callsTo(method: string): RecordedCall[];
  /** The sendMessage calls, optionally to one chat. */
  sent(chatId?: string | number): RecordedCall['params'][];
  registerFile(file: FakeTelegramFile): void;
  /** The next `times` calls of `method` fail as told. */
  failNext(method: string, failure: FakeFailure, times?: number): void;
  /**
   * From now on, each call of `method` fails as told with probability `fraction` (0 stops it), drawn
   * from a generator seeded with `seed`, so a run can be repeated. `failNext` failures come first.
   */
  failFraction(method: string, failure: FakeFailure, fraction: number, seed?: number): void;
  /** Queues updates for getUpdates (and wakes a waiting long poll). */
  pushUpdates(...updates: readonly { readonly update_id: number }[]): void;
  /** Resolves once at least `count` calls of `method` have arrived; rejects after `timeoutMs`. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Forgets calls, downloads and failures (files and queued updates stay). */
  clearCalls(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Telegram Bot API (node:http on 127.0.0.1, a free port):
 * `/bot<token>/<method>` and `/file/bot<token>/<path>`, with getMe, sendMessage,
 * answerCallbackQuery, getFile, setWebhook, deleteWebhook and getUpdates. It records every call,
 * answers as Telegram does (`{ ok, result }` / `{ ok: false, error_code, description }`), and can
 * be told to fail. A long poll waits at most `maxHoldMs` so tests stay quick.
 */
export async function startFakeTelegramServer(
  options: { token?: string; username?: string; maxHoldMs?: number } = {},
): Promise<FakeTelegramServer> {
  const token = options.token ?? '7000000001:AAFakeTokenForTestsOnly_0123456789';
  const bot = { id: Number(token.split(':')[0]), username: options.username ?? 'HiepHoiBacGiangBot' };
  const maxHoldMs = options.maxHoldMs ?? 200;
  const calls: RecordedCall[] = [];
  const downloads: string[] = [];
  const files = new Map<string, FakeTelegramFile & { filePath: string }>();
  const failures = new Map<string, FakeFailure[]>();
  const randomFailures = new Map<string, { failure: FakeFailure; fraction: number; random: () => number }>();
  let queue: { update_id: number }[] = [];
  let wakeUp: (() => void)[] = [];
  const callWaiters = new Set<() => void>();
  let messageId = 1000;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, { ok: false, error_code: 500, description: String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const path = decodeURIComponent(fileMatch[2] ?? '');
      downloads.push(path);
      const file = fileMatch[1] === token ? [...files.values()].find((f) => f.filePath === path) : undefined;
      if (!file) {
        res.writeHead(404).end('Not Found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.byteLength) });
      res.end(Buffer.from(file.bytes));
      return;
    }
    const apiMatch = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!apiMatch) return void reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (apiMatch[1] !== token) return void reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = apiMatch[2] ?? '';
    const params = { ...Object.fromEntries(url.searchParams), ...parseParams(req.headers['content-type'], body) };
    const failure = failures.get(method)?.shift() ?? randomFailure(method);
    calls.push({ method, params, at: performance.timeOrigin + performance.now(), ...(failure ? { failed: failure.kind } : {}) });
    for (const wake of [...callWaiters]) wake();
    if (failure) return void fail(res, failure);

    switch (method) {
      case 'getMe':
        return void ok(res, { id: bot.id, is_bot: true, first_name: 'Hiệp hội DN Bắc Giang', username: bot.username, can_join_groups: true });
      case 'sendMessage':
        messageId += 1;
        return void ok(res, {
          message_id: messageId,
          from: { id: bot.id, is_bot: true, first_name: 'Hiệp hội DN Bắc Giang', username: bot.username },
          chat: { id: Number(params.chat_id), type: String(params.chat_id).startsWith('-') ? 'supergroup' : 'private' },
          date: Math.floor(Date.now() / 1000),
          text: String(params.text ?? ''),
        });
      case 'answerCallbackQuery':
      case 'setWebhook':
      case 'deleteWebhook':
        return void ok(res, true);
      case 'getFile': {
        const file = files.get(String(params.file_id));
        if (!file) return void reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        const size = file.reportedSize === undefined ? file.bytes.byteLength : file.reportedSize;
        return void ok(res, {
          file_id: file.fileId,
          file_unique_id: `u${file.fileId.slice(-8)}`,
          ...(size === null ? {} : { file_size: size }),
          file_path: file.filePath,
        });
      }
      case 'getUpdates':
        return void (await getUpdates(req, res, params));
      default:
        return void reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  async function getUpdates(req: IncomingMessage, res: ServerResponse, params: Record<string, unknown>): Promise<void> {
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    const timeout = Number(params.timeout ?? 0);
    // Telegram forgets an update once an offset past it is asked for.
    if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
    if (queue.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wakeUp = wakeUp.filter((w) => w !== done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(timeout * 1000, maxHoldMs));
        wakeUp.push(done);
        req.socket.once('close', done);
      });
    }
    if (res.destroyed || res.writableEnded) return;
    ok(res, queue.slice(0, limit));
  }

  function randomFailure(method: string): FakeFailure | undefined {
    const rule = randomFailures.get(method);
    return rule && rule.random() < rule.fraction ? rule.failure : undefined;
  }

  function fail(res: ServerResponse, failure: FakeFailure): void {
    switch (failure.kind) {
      case 'rate-limited':
        return reply(res, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${failure.retryAfter}`,
          parameters: { retry_after: failure.retryAfter },
        });
      case 'blocked':
        return reply(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      case 'deactivated':
        return reply(res, 403, { ok: false, error_code: 403, description: 'Forbidden: user is deactivated' });
      case 'chat-not-found':
        return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
      case 'bad-request':
        return reply(res, 400, { ok: false, error_code: 400, description: failure.description });
      case 'conflict':
        return reply(res, 409, {
          ok: false,
          error_code: 409,
          description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        });
      case 'server-error':
        return reply(res, failure.status ?? 502, { ok: false, error_code: failure.status ?? 502, description: 'Bad Gateway' });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    bot,
    calls,
    downloads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    sent: (chatId) =>
      calls.filter((c) => c.method === 'sendMessage' && (chatId === undefined || String(c.params.chat_id) === String(chatId))).map((c) => c.params),
    registerFile(file) {
      const extension = /\.(\w+)$/.exec(file.fileId)?.[1] ?? 'bin';
      files.set(file.fileId, { ...file, filePath: file.filePath ?? `documents/file_${files.size + 1}.${extension}` });
    },
    failNext(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
    },
    failFraction(method, failure, fraction, seed = 1) {
      if (fraction <= 0) randomFailures.delete(method);
      else randomFailures.set(method, { failure, fraction, random: mulberry32(seed) });
    },
    pushUpdates(...updates) {
      queue.push(...updates);
      for (const wake of [...wakeUp]) wake();
    },
    waitForCalls(method, count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const matching = calls.filter((c) => c.method === method);
          if (matching.length < count) return false;
          clearTimeout(timer);
          callWaiters.delete(check);
          resolve(matching);
          return true;
        };
        const timer = setTimeout(() => {
          callWaiters.delete(check);
          reject(new Error(`expected ${count} ${method} call(s) within ${timeoutMs} ms, got ${calls.filter((c) => c.method === method).length}`));
        }, timeoutMs);
        if (!check()) callWaiters.add(check);
      });
    },
    clearCalls() {
      calls.length = 0;
      downloads.length = 0;
      failures.clear();
      randomFailures.clear();
    },
    close() {
      for (const wake of [...wakeUp]) wake();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A small seeded generator of uniform numbers in [0, 1) (Mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function ok(res: ServerResponse, result: unknown): void {
  reply(res, 200, { ok: true, result });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON, url-encoded or multipart (text parts only; JSON-looking values decoded) bodies. */
function parseParams(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const type = contentType ?? '';
  if (type.includes('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries([...new URLSearchParams(body.toString('utf8'))].map(([k, v]) => [k, decodeJsonish(v)]));
  }
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (type.includes('multipart/form-data') && boundary) {
    const params: Record<string, unknown> = {};
    for (const part of body.toString('utf8').split(`--${boundary}`)) {
      const match = /name="([^"]+)"(?:; filename="[^"]*")?\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/.exec(part);
      if (match?.[1]) params[match[1]] = decodeJsonish(match[2] ?? '');
    }
    return params;
  }
  return {};
}

function decodeJsonish(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
