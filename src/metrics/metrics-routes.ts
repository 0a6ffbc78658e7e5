import type { FastifyPluginAsync } from 'fastify';
import { checkMetricsToken } from './check-metrics-token';
import { metrics } from './metrics';

export interface MetricsRoutesDeps {
  /** METRICS_TOKEN: register these routes only when it is set (the path is then 404). */
  readonly token: string;
}

/**
 * `GET /metrics` on the service's own port, for a Prometheus that reaches it through the public
 * address: `Authorization: Bearer $METRICS_TOKEN`, else 401.
 */
export const metricsRoutes: FastifyPluginAsync<MetricsRoutesDeps> = async (app, deps) => {
  metrics.collectProcessMetrics();
  app.get('/metrics', async (request, reply) => {
    if (!checkMetricsToken(request.headers.authorization, deps.token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: 'Thiếu hoặc sai mã truy cập số liệu.' });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};
