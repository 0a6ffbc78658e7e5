import { Agent, request } from 'node:http';

/** One request the load generator sends: the body, and which of the caller's keys it belongs to. */
export interface LoadRequest {
  readonly body: string;
  /** E.g. the chat id: lets the caller match replies to requests afterwards. */
  readonly key: string;
}

export interface LoadResult {
  readonly sent: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** Response times in ms, sorted. */
  readonly latencies: readonly number[];
  /** When each request was sent (ms since the epoch), by key, in order. */
  readonly sentAt: ReadonlyMap<string, number[]>;
}

/**
 * A closed-loop HTTP load generator: `connections` keep-alive connections, each sending its next
 * request when the previous one is answered, for `seconds`. `next(loop)` makes loop's next request;
 * giving each loop its own keys keeps one person's messages in order, as a person types them.
 */
export async function runLoad(options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  next(loop: number): LoadRequest;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const sentAt = new Map<string, number[]>();
  const started = performance.now();
  const endAt = started + options.seconds * 1000;

  const post = (body: string) =>
    new Promise<number>((resolve) => {
      const req = request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...options.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: options.connections }, async (_, loop) => {
      while (performance.now() < endAt) {
        const { body, key } = options.next(loop);
        const list = sentAt.get(key) ?? [];
        list.push(Date.now());
        sentAt.set(key, list);
        const t0 = performance.now();
        const status = await post(body);
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent: latencies.length, statuses, seconds, latencies, sentAt };
}

/** The q-quantile of sorted values, rounded to 0.1. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const value = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}

/**
 * Request-to-reply times: for each request, the first reply to the same key that arrived after it
 * was sent. Replies are (key, arrival ms) pairs from the fake platform server.
 */
export function replyLatencies(sentAt: ReadonlyMap<string, number[]>, replies: ReadonlyArray<{ key: string; at: number }>): { latencies: number[]; unanswered: number } {
  const byKey = new Map<string, number[]>();
  for (const r of replies) {
    const list = byKey.get(r.key) ?? [];
    list.push(r.at);
    byKey.set(r.key, list);
  }
  const latencies: number[] = [];
  let unanswered = 0;
  for (const [key, sends] of sentAt) {
    const arrivals = (byKey.get(key) ?? []).sort((a, b) => a - b);
    let i = 0;
    for (let j = 0; j < sends.length; j += 1) {
      const sent = sends[j] ?? 0;
      while (i < arrivals.length && (arrivals[i] ?? 0) < sent) i += 1;
      const arrival = arrivals[i];
      if (arrival === undefined) {
        unanswered += 1;
        continue;
      }
      latencies.push(arrival - sent);
      // One request's reply may come in parts: skip the rest of its parts before the next send.
      const nextSend = sends[j + 1] ?? Number.POSITIVE_INFINITY;
      while (i < arrivals.length && (arrivals[i] ?? 0) < nextSend) i += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  return { latencies, unanswered };
}
