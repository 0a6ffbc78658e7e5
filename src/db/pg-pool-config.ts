import type { PoolConfig } from 'pg';

/**
 * Turns a PostgreSQL URL into node-postgres settings. Prisma's `?schema=name` convention becomes
 * the connection's search_path, so the migrations (which name no schema) and every query land in
 * that schema. The parts are passed separately rather than as `connectionString`, because
 * node-postgres lets a connection string override `database`, which the shadow database needs.
 */
export function toPgPoolConfig(url: string): PoolConfig {
  const parsed = new URL(url);
  const schema = schemaOf(url);
  const sslmode = parsed.searchParams.get('sslmode');
  const config: PoolConfig = {
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined,
    max: Number(parsed.searchParams.get('connection_limit') ?? 10),
    // A server that does not answer (a host down, a firewall dropping packets, a hung server)
    // fails a new connection after this long rather than the kernel's two minutes or so, so a
    // webhook answers 5xx for the platform to redeliver and a start fails instead of hanging.
    connectionTimeoutMillis: Number(parsed.searchParams.get('connect_timeout') ?? 5) * 1000,
    // Finds connections whose peer vanished without closing them, instead of keeping them idle.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
  if (schema) {
    config.options = `-c search_path="${schema}"`;
  }
  if (sslmode && sslmode !== 'disable') {
    config.ssl = sslmode === 'no-verify' ? { rejectUnauthorized: false } : true;
  }
  return config;
}

/**
 * The `?schema=` of a PostgreSQL URL, if any. Only plain identifiers are accepted: the name is
 * interpolated into `search_path` and `CREATE SCHEMA`.
 */
export function schemaOf(url: string): string | undefined {
  const schema = new URL(url).searchParams.get('schema');
  if (!schema) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`DATABASE_URL: schema "${schema}" must be letters, digits and _`);
  }
  return schema;
}
