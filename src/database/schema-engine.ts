/**
 * Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm), the same engine `prisma migrate`
 * runs, loaded in-process. The Prisma CLI's native engine would have to be downloaded, which this
 * build environment cannot do (DESIGN.md, "Facts about this build environment").
 *
 * The package's entry point imports its .wasm file as an ES module, which needs Node's
 * --experimental-wasm-modules and an ESM loader that Jest's CommonJS runtime does not have. So we
 * load only its JavaScript bindings (schema_engine_bg.js) and instantiate the .wasm ourselves: the
 * same bytes, the same bindings, one code path for `npm start`, Jest (which compiles the bindings,
 * see jest.config.js) and scripts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Engine from '@prisma/schema-engine-wasm';

export type SchemaEngineModule = typeof Engine;
export type { SchemaEngine, MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm';

const BINDINGS = '@prisma/schema-engine-wasm/schema_engine_bg';

interface Bindings extends SchemaEngineModule {
  __wbg_set_wasm(exports: WasmExports): void;
}

// The WebAssembly global as far as we use it (lib ES2023 and @types/node 20 do not declare it).
type WasmExports = Record<string, unknown>;
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: WasmExports };
};

let loaded: SchemaEngineModule | undefined;

/** The engine module, instantiated once per process (per test file under Jest). */
export function loadSchemaEngine(): SchemaEngineModule {
  if (loaded) return loaded;
  // A CommonJS require of an ES module: native on Node >= 20.19, compiled by @swc/jest under Jest.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bindings = require(BINDINGS) as Bindings;
  const wasmFile = join(dirname(require.resolve(BINDINGS)), 'schema_engine_bg.wasm');
  // The .wasm imports every binding from this one module name (wasm-bindgen's layout).
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmFile)), {
    './schema_engine_bg.js': { ...bindings, ...unrefTimers(bindings) },
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = bindings;
  return loaded;
}

/**
 * The engine arms 10-second timeouts it never clears (its bindings have no clearTimeout), which kept
 * a finished migration's process alive for 10 s: scripts lingered and Jest reported open handles.
 * Unreferenced, they still fire while anything else keeps the process running.
 */
function unrefTimers(bindings: object): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const name of Object.keys(bindings).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    overrides[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return overrides;
}
