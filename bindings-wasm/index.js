// fuquan for browsers and bundlers: the wasm-bindgen `web` build.
//
//   import init, { RuleSet } from 'fuquan';
//   await init();                       // fetches fuquan_wasm_bg.wasm next to pkg-web/
//   const rs = RuleSet.embedded();
//
// init() is idempotent; pass a URL, Response, BufferSource or WebAssembly.Module
// to load the .wasm from elsewhere.
import wasmInit, { initSync as wasmInitSync } from './pkg-web/fuquan_wasm.js';
import * as glue from './pkg-web/fuquan_wasm.js';
import { attach } from './js/core.js';

export { RuleSet, FuquanError, validate, embeddedFiles, operations, coreVersion } from './js/core.js';

let loading = null;

/** Loads the WebAssembly module (once). Resolves when fuquan is ready. */
export default function init(moduleOrPath) {
  loading ??= wasmInit(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(
    () => {
      attach(glue);
    },
    (e) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** Loads the WebAssembly module synchronously from bytes or a compiled module (workers). */
export function initSync(module) {
  wasmInitSync({ module });
  attach(glue);
  loading ??= Promise.resolve();
}

export { init };
