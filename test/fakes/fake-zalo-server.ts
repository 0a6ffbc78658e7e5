import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake Zalo server sees it. */
export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** True once the client has gone (a long poll it gave up on). */
  readonly closed: () => boolean;
}

export type FakeAnswer =
  | { readonly json: unknown; readonly status?: number }
  | { readonly bytes: Uint8Array; readonly contentType: string; readonly status?: number };

/** An HTTP server on 127.0.0.1 and a free port, answering with `handle`. */
export async function startFakeServer(handle: (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>) {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks),
        closed: () => closed,
      };
      Promise.resolve(handle(request))
        .then((answer) => {
          if (closed) return;
          if ('json' in answer) {
            res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify(answer.json));
          } else {
            res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType, 'content-length': answer.bytes.byteLength });
            res.end(answer.bytes);
          }
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
