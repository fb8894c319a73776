// fuquan for Node.js: the wasm-bindgen `nodejs` build, loaded synchronously on
// import. init() exists so that code written for browsers runs unchanged.
//
//   import { RuleSet } from 'fuquan';
//   const rs = RuleSet.embedded();
import glue from './pkg-node/fuquan_wasm.js';
import { attach } from './js/core.js';

attach(glue);

export { RuleSet, FuquanError, validate, embeddedFiles, operations, coreVersion } from './js/core.js';

/** Already loaded in Node.js: resolves at once. */
export default function init() {
  return Promise.resolve();
}

/** Already loaded in Node.js: does nothing. */
export function initSync() {}

export { init };
