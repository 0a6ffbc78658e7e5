import Fastify from 'fastify';
import { html } from './html';
import { layout } from './layout';
import { type WebchatDeps, webchatRoutes } from '../channels/webchat/webchat-routes';
import type { Logger } from '../lib/logger';
import { type AdminDeps, adminRoutes } from './admin/admin-routes';
import { type HealthDeps, healthRoutes } from './routes/health-routes';
import { type PlanPageDeps, planPageRoutes } from './routes/plan-page-routes';
import { type ReadApiDeps, readApiRoutes } from './routes/read-api-routes';

export interface AppDeps {
  readonly logger: Logger;
  readonly health: HealthDeps;
  /** Absent in tests that exercise only some routes. */
  readonly planPage?: PlanPageDeps;
  readonly webchat?: WebchatDeps;
  readonly readApi?: ReadApiDeps;
  readonly admin?: AdminDeps;
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
  if (deps.planPage) await app.register(planPageRoutes, deps.planPage);
  if (deps.webchat) await app.register(webchatRoutes, deps.webchat);
  if (deps.readApi) await app.register(readApiRoutes, deps.readApi);
  if (deps.admin) await app.register(adminRoutes, deps.admin);
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      String(
        layout(
          'Hiệp hội doanh nghiệp — kênh trao đổi với hội viên',
          html`<section><p>Dịch vụ chatbot của Hiệp hội doanh nghiệp đang chạy.</p>
<ul><li><a href="/chat">Trò chuyện thử trên web</a></li><li><a href="/ke-hoach/2022">Kế hoạch thi đua năm 2022</a></li></ul></section>`,
        ),
      ),
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
