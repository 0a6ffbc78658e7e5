import { readFile } from 'node:fs/promises';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

/**
 * Prisma's own schema engine, compiled to WebAssembly, talking to the database through our driver
 * adapter: migrations apply and diff with no engine binary to download, and the bookkeeping
 * (`_prisma_migrations`) is Prisma's, so `prisma migrate deploy` agrees with us where it can run.
 */
export async function loadSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles?: ReadonlyArray<{ path: string; content: string }>,
): Promise<SchemaEngine> {
  const bindings = await loadBindings();
  const datamodels = schemaFiles?.length ? schemaFiles.map((f): [string, string] => [f.path, f.content]) : undefined;
  return bindings.SchemaEngine.new({ datamodels }, () => undefined, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
let bindingsPromise: Promise<Bindings> | undefined;

/**
 * The package's entry imports the .wasm file as an ES module, which Node does not do; so the
 * generated JS glue is loaded and the module instantiated by hand, once per process.
 */
function loadBindings(): Promise<Bindings> {
  bindingsPromise ??= (async () => {
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(glue),
    });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === 'function') start();
    return glue;
  })();
  return bindingsPromise;
}

/**
 * The engine arms a 10-second timer around its advisory lock and leaves it pending after the lock
 * is taken, which kept every process that migrated alive 10 s longer. Its timers are unref'd:
 * they still fire while the process has other work, but no longer hold it open.
 */
function withUnrefTimers(glue: Bindings): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    imports[name] = (...args: unknown[]): unknown => {
      const timer: unknown = Reflect.apply(value, glue, args);
      if (timer && typeof timer === 'object' && 'unref' in timer && typeof timer.unref === 'function') timer.unref();
      return timer;
    };
  }
  return imports;
}
