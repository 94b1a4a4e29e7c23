// The one entry for every environment: Node, browsers, Web Workers, and every bundler.
// The WebAssembly module travels inside the JavaScript (dist/wasm-bytes.js, base64), so no
// bundler has to find, copy or serve a .wasm file, and no URL can 404. It is compiled on
// first use (synchronously: allowed for a module this small on any thread), or ahead of
// time by `await init()`. build.sh also turns this file into index.cjs for `require`.
import initWasm, { initSync } from './dist/importimage_lint.js';
import * as raw from './dist/importimage_lint.js';
import wasmBase64 from './dist/wasm-bytes.js';
import { makeApi } from './api.js';

export { diagnosticsByField } from './api.js';
// The tables are plain data in a module of their own: a bundle that never calls these
// leaves them out.
export { rules, profiles, schema } from './tables.js';

let api;

function bytes() {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(wasmBase64);
  const text = atob(wasmBase64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) out[i] = text.charCodeAt(i);
  return out;
}

function explain(e) {
  const why = e instanceof Error ? e.message : String(e);
  // A Content-Security-Policy without 'wasm-unsafe-eval' forbids compiling WebAssembly.
  return new Error(`importimage-lint: the WebAssembly module could not be compiled (${why}); under a Content-Security-Policy, allow it with script-src 'wasm-unsafe-eval'`, { cause: e });
}

function ready() {
  if (!api) {
    try {
      initSync({ module: bytes() });
    } catch (e) {
      throw explain(e);
    }
    api = makeApi(raw);
  }
  return api;
}

/**
 * Compiles the WebAssembly module ahead of time, off the main thread's critical path.
 * Optional: every function compiles it on first use otherwise. Resolves once ready; rejects
 * with a clear error where compiling is forbidden (a strict Content-Security-Policy).
 */
export default async function init() {
  if (!api) {
    try {
      await initWasm({ module_or_path: bytes() });
    } catch (e) {
      throw explain(e);
    }
    api = makeApi(raw);
  }
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
