// The slice of the WebAssembly JS API that src/db/schema-engine.ts uses. TypeScript ships these
// types only in its DOM library, which a server should not pull in.
declare namespace WebAssembly {
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  interface WebAssemblyInstantiatedSource {
    readonly instance: Instance;
  }
  function instantiate(
    bytes: Uint8Array,
    imports?: Record<string, Record<string, unknown>>,
  ): Promise<WebAssemblyInstantiatedSource>;
}
