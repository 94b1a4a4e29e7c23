// Compiling an entry's WebAssembly module: shared by index.js (the main entry) and form.js
// (`importimage-lint/form`), each with its own module. The module travels inside the
// JavaScript (deflated, then base64), so no bundler has to find, copy or serve a .wasm
// file, and no URL can 404. It is compiled on first use (synchronously: allowed for a module
// this small on any thread), or ahead of time by the entry's `await init()`.
import { makeApi } from './api.js';
import { inflate } from './inflate.js';

function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

function explain(e) {
  const why = e instanceof Error ? e.message : String(e);
  // A Content-Security-Policy without 'wasm-unsafe-eval' forbids compiling WebAssembly.
  const csp = e instanceof WebAssembly.CompileError || /unsafe-eval|Content.Security/i.test(why)
    ? "; under a Content-Security-Policy, allow it with script-src 'wasm-unsafe-eval'"
    : '';
  return new Error(`importimage-lint: the WebAssembly module could not be compiled (${why})${csp}`, { cause: e });
}

/**
 * The loader of one module: `glue` is the namespace of its wasm-bindgen glue, `wasm` its
 * bytes (`{ size, crc32, deflated }`, from its dist/…/wasm-bytes.js). `ready()` compiles
 * synchronously on first use and returns the API; `init()` compiles asynchronously. One
 * instance, whichever comes first: a `ready()` while `init()` compiles instantiates at once,
 * and `init()` then keeps that instance.
 */
export function loader(glue, wasm) {
  let api;
  let pending;
  let bytes;
  const restore = () => bytes || (bytes = inflate(fromBase64(wasm.deflated), wasm.size, wasm.crc32));
  const start = (module) => {
    if (!api) {
      glue.initSync({ module });
      api = makeApi(glue);
      bytes = undefined;
    }
    return api;
  };
  return {
    ready() {
      if (api) return api;
      try {
        return start(restore());
      } catch (e) {
        throw explain(e);
      }
    },
    init() {
      pending = pending || (async () => {
        if (api) return;
        try {
          start(await WebAssembly.compile(restore()));
        } catch (e) {
          pending = undefined;
          throw explain(e);
        }
      })();
      return pending;
    },
  };
}
