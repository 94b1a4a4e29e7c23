// The main entry, for every environment: Node, browsers, Web Workers, and every bundler.
// Its module speaks English and Chinese and carries the RAM role checks and the image
// inspector; `importimage-lint/form` (form.js) is the smaller module for a request's lint
// and field checks in English. build.sh also turns this file into index.cjs for `require`.
import * as glue from './dist/importimage_lint.js';
import * as wasm from './dist/wasm-bytes.js';
import { loader } from './load.js';

export { diagnosticsByField } from './api.js';
// The tables are plain data in a module of their own: a bundle that never calls these
// leaves them out.
export { rules, profiles, schema } from './tables.js';

// Made on first call: nothing runs at import, so a bundle that imports only the tables or
// `diagnosticsByField` leaves the module out.
let loaded;
const ready = () => (loaded || (loaded = loader(glue, wasm))).ready();

/**
 * Compiles the WebAssembly module ahead of time, before the first call needs it.
 * Optional: every function compiles it on first use otherwise. Resolves once ready; rejects
 * with a clear error where compiling is forbidden (a strict Content-Security-Policy).
 */
export default function init() {
  return (loaded || (loaded = loader(glue, wasm))).init();
}

export const lint = (input, options) => ready().lint(input, options);
export const isValid = (input, options) => ready().isValid(input, options);
export const validateField = (param, value, request, options) => ready().validateField(param, value, request, options);
export const lintRole = (bundle, request, options) => ready().lintRole(bundle, request, options);
export const inspectImage = (file, request, options) => {
  try {
    return ready().inspectImage(file, request, options);
  } catch (e) {
    return Promise.reject(e);
  }
};
export const version = () => ready().version;
