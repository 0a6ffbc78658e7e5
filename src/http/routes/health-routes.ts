import type { FastifyPluginAsync } from 'fastify';

export interface HealthDeps {
  /** Each check answers true when its dependency is reachable; it must not throw. */
  readonly checks: Readonly<Record<string, () => Promise<boolean>>>;
}

/** `/healthz`: the process is up. `/readyz`: every dependency answers (else 503, naming which). */
export const healthRoutes: FastifyPluginAsync<HealthDeps> = async (app, deps) => {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const names = Object.keys(deps.checks);
    const results = await Promise.all(names.map((name) => runCheck(deps.checks[name])));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'unavailable']));
    const ready = results.every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
};

async function runCheck(check: (() => Promise<boolean>) | undefined): Promise<boolean> {
  if (!check) return false;
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref());
  return Promise.race([check().catch(() => false), timeout]);
}
