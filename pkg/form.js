// `importimage-lint/form`: what a form needs, in the smallest module. `lint`, `isValid` and
// `validateField` give exactly the main entry's answers in English; the module leaves out
// the Chinese catalogue, the RAM role checks and the image inspector (import
// `importimage-lint` for those). A `lang` other than English is a RangeError naming the
// main entry. build.sh also turns this file into form.cjs for `require`.
import * as glue from './dist/form/importimage_lint.js';
import * as wasm from './dist/form/wasm-bytes.js';
import { loader } from './load.js';

export { diagnosticsByField } from './api.js';

// Made on first call: nothing runs at import, so a bundle that imports only the tables or
// `diagnosticsByField` leaves the module out.
let loaded;
const ready = () => (loaded || (loaded = loader(glue, wasm))).ready();

/** Compiles the module ahead of time (optional; the functions compile it on first use). */
export default function init() {
  return (loaded || (loaded = loader(glue, wasm))).init();
}

export const lint = (input, options) => ready().lint(input, options);
export const isValid = (input, options) => ready().isValid(input, options);
export const validateField = (param, value, request, options) => ready().validateField(param, value, request, options);
export const version = () => ready().version;
