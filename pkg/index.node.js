// Node entry: the module is loaded synchronously at import, so every function is ready.
import { readFileSync } from 'node:fs';
import { initSync } from './dist/importimage_lint.js';
import * as raw from './dist/importimage_lint.js';
import { makeApi } from './api.js';

initSync({ module: readFileSync(new URL('./dist/importimage_lint_bg.wasm', import.meta.url)) });
const api = makeApi(raw);

/** Already initialised in Node; kept so that code written for browsers runs unchanged. */
export default async function init() {}

export const lint = (input, options) => api.lint(input, options);
export const validateField = (param, value, request, options) => api.validateField(param, value, request, options);
export const lintRole = (bundle, request, options) => api.lintRole(bundle, request, options);
export const rules = () => api.rules();
export const profiles = () => api.profiles();
export const version = () => api.version;
