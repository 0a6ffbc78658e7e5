import Fastify from 'fastify';
import type { Logger } from '../lib/logger';
import { type HealthDeps, healthRoutes } from './routes/health-routes';

export interface AppDeps {
  readonly logger: Logger;
  readonly health: HealthDeps;
}

/** Builds the HTTP app without listening: `src/main/web.ts` listens, tests call `inject()`. */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({ loggerInstance: deps.logger, trustProxy: true });

  app.setErrorHandler((error, request, reply) => {
    const status = clientErrorStatus(error) ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(status)
      .send({ error: status >= 500 ? 'Lỗi máy chủ, xin thử lại sau.' : 'Yêu cầu không hợp lệ.' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Không tìm thấy trang.' }));

  await app.register(healthRoutes, deps.health);
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>hiephoi-bot</title>' +
        '<p>Dịch vụ chatbot của Hiệp hội doanh nghiệp đang chạy.</p></html>',
    ),
  );
  return app;
}

/** A 4xx that Fastify or a route raised (bad JSON, too large); anything else is ours, a 500. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
