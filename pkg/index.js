// Browser and bundler entry (Vite, webpack, Rollup): call `await init()` once, then use
// the functions synchronously.
import initWasm, * as raw from './dist/importimage_lint.js';
import { makeApi } from './api.js';

let api;

/** Loads the WebAssembly module; resolves when the functions are ready. */
export default async function init(moduleOrPath) {
  if (!api) {
    await initWasm({ module_or_path: moduleOrPath ?? new URL('./dist/importimage_lint_bg.wasm', import.meta.url) });
    api = makeApi(raw);
  }
}

function ready() {
  if (!api) throw new Error('importimage-lint: call `await init()` before using the linter');
  return api;
}

export const lint = (input, options) => ready().lint(input, options);
export const validateField = (param, value, request, options) => ready().validateField(param, value, request, options);
export const lintRole = (bundle, request, options) => ready().lintRole(bundle, request, options);
export const rules = () => ready().rules();
export const profiles = () => ready().profiles();
export const version = () => ready().version;
