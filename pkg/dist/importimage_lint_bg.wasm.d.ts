/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const lintRoleText: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number];
export const lintText: (a: number, b: number, c: number, d: number) => [number, number];
export const rulesText: () => [number, number];
export const validateFieldText: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number) => [number, number];
export const version: () => [number, number];
export const __wbindgen_externrefs: WebAssembly.Table;
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_start: () => void;
