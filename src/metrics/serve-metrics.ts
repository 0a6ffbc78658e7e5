import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger';
import { checkMetricsToken } from './check-metrics-token';
import { metrics } from './metrics';

export interface MetricsServer {
  /** The port it listens on (the one asked for, or the one given for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A listener of its own for `GET /metrics` on METRICS_HOST:METRICS_PORT (meant for an internal
 * network), in the web process and in the worker, which has no HTTP otherwise. Plain node:http:
 * it must keep answering when the main app is busy, and it needs nothing of Fastify. With
 * METRICS_TOKEN set, the bearer token is asked for here too.
 */
export async function serveMetrics(options: { host: string; port: number; token?: string; logger: Logger }): Promise<MetricsServer> {
  metrics.collectProcessMetrics();
  const server = createServer((request, response) => {
    answer(request, response, options.token).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'metrics not collected');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ host: options.host, port }, 'metrics served');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, token: string | undefined): Promise<void> {
  const path = (request.url ?? '').split('?')[0];
  if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy.\n');
    return;
  }
  if (token !== undefined && !checkMetricsToken(request.headers.authorization, token)) {
    response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' }).end('Thiếu hoặc sai mã truy cập số liệu.\n');
    return;
  }
  const body = await metrics.registry.metrics();
  response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(request.method === 'HEAD' ? undefined : body);
}
